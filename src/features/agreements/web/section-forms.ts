import type { Section } from "../domain/content";
import { dataItems, dataSubjects, flows } from "./section-forms/data-and-flows";
import { documentControl, legalBasis, parties, purposes } from "./section-forms/parties-purposes-and-legal-basis";
import { breach, dpia, retention, review, rights, security, transparency } from "./section-forms/safeguards-and-review";
import type { Entry, SectionForm } from "./section-forms/section-form";

/**
 * Each section's edit form: stored content → form values, posted form → form values (exactly what
 * was typed, to show again on error), and form values → the section's value for `editAgreement`.
 *
 * Field names are the content path joined by "-" ("parties-0-signatoryUserId"), so a validation error
 * at "/parties/0/signatoryUserId" lands next to the right field. List sections use the no-JS "add
 * another" pattern: every entry has a "Remove" checkbox, and one blank entry is always offered; a
 * blank entry left empty is ignored.
 *
 * Each section's form is in section-forms/, grouped as the document reads; section-form.ts has what they share.
 */

export const SECTION_FORMS: Record<Section, SectionForm> = {
  documentControl,
  parties,
  purposes,
  legalBasis,
  dataSubjects,
  dataItems,
  flows,
  transparency,
  rights,
  security,
  retention,
  breach,
  dpia,
  review,
};

/** A blank entry for the "add another" pattern; its fields start empty, enums with their defaults. */
export const BLANK_ENTRIES: Partial<Record<Section, Entry>> = {
  parties: {
    organisationId: "",
    controllerRelationship: "",
    art26Arrangement: "",
    signatoryUserId: "",
    signatoryJobTitle: "",
    contactName: "",
    contactEmail: "",
  },
  purposes: { code: "", description: "" },
  legalBasis: {
    organisationId: "",
    gateways: [],
    gatewayOther: "",
    article6: [],
    article9: [],
    para18Reason: "",
    apdReference: "",
    commonLaw: [],
    notes: "",
  },
  dataItems: {
    key: "",
    name: "",
    category: "",
    specialCategory: false,
    criminalOffence: false,
    kind: "",
    mayIncludeProtectedIdentity: false,
  },
  flows: {
    key: "",
    description: "",
    fromOrganisationIds: [],
    toOrganisationIds: [],
    dataItemKeys: [],
    source: "",
    transferMethod: "SAFESHARE",
    storage: "",
    access: "",
    use: "",
    onwardDisclosure: "NOT_PERMITTED",
    retentionMonths: "",
    disposalMethod: "",
    frequency: "AS_NEEDED",
  },
};
