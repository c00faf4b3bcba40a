import { z } from "zod";
import type { Actor } from "../../../platform/auth/actor";
import { hasAnyRole } from "../../../platform/auth/roles";
import { pageQuery } from "../../../platform/http/api-schemas";
import { SUBJECT_KINDS } from "../domain/information";
import { PROTECTED_ADDRESS_ROLES } from "../domain/links";
import type { SubjectRow } from "../services/access";
import type { SubjectRecord } from "../services/subjects";

const criterion = (description: string) => z.string().max(400, "Must be 400 characters or fewer").optional().meta({ description });

/** `GET /subjects`: paging plus optional search criteria, checked and normalised by the search service. */
export const subjectSearchQuery = pageQuery.extend({
  q: criterion("Any part of a name, alias or previous name (at least 2 letters); case, accents and small misspellings do not matter"),
  dateOfBirth: criterion("Date of birth, YYYY-MM-DD"),
  nhsNumber: criterion("NHS number: 10 digits, spaces or hyphens allowed (943 476 5919)"),
  upn: criterion("Unique pupil number, 13 characters"),
});

export const subjectSummarySchema = z
  .object({
    id: z.uuid(),
    kind: z.enum(SUBJECT_KINDS),
    givenNames: z.string(),
    familyName: z.string(),
    dateOfBirth: z.string().nullable(),
    expectedDate: z.string().nullable(),
  })
  .meta({ id: "SubjectSummary" });

export const subjectSchema = subjectSummarySchema
  .extend({
    aliases: z.array(z.string()).describe("Every other name they are known by, protected or not"),
    protectedAliases: z.array(z.string()).describe("The other names that must not become known (GR5-PROTECT-IDENTITIES)"),
    previousNames: z.array(z.string()),
    identityProtected: z.boolean().describe("Their identity must be protected: their name is redacted where it is written about others"),
    sexGender: z.string().nullable(),
    nhsNumber: z.string().nullable(),
    upn: z.string().nullable(),
    phone: z.string().nullable(),
    email: z.string().nullable(),
    addresses: z.array(
      z.object({ id: z.uuid(), lines: z.string(), postcode: z.string().nullable(), protected: z.boolean(), current: z.boolean() }),
    ),
    /** How many protected addresses were left out because the viewer's role does not need them. */
    protectedAddressesWithheld: z.number().int(),
    caseClosedOn: z
      .string()
      .nullable()
      .describe("The day your organisation closed its case on the person (YYYY-MM-DD), or null while it is open"),
  })
  .meta({ id: "Subject" });

export function presentSubjectSummary(s: SubjectRow): z.infer<typeof subjectSummarySchema> {
  return {
    id: s.id,
    kind: s.kind,
    givenNames: s.givenNames,
    familyName: s.familyName,
    dateOfBirth: s.dateOfBirth,
    expectedDate: s.expectedDate,
  };
}

/**
 * Allowlist presenter. A protected address (a refuge) is never put in the response for a viewer whose
 * role does not need it: not hidden on the page, absent from the data (GR5-PROTECT-IDENTITIES).
 */
export function presentSubject(record: SubjectRecord, viewer: Actor): z.infer<typeof subjectSchema> {
  const { subject: s, names, addresses } = record;
  const maySeeProtected = hasAnyRole(viewer.roles, PROTECTED_ADDRESS_ROLES);
  const shown = addresses.filter((a) => !a.protected || maySeeProtected);
  return {
    ...presentSubjectSummary(s),
    aliases: names.filter((n) => n.kind === "ALIAS").map((n) => n.name),
    protectedAliases: names.filter((n) => n.kind === "ALIAS" && n.identityProtected).map((n) => n.name),
    previousNames: names.filter((n) => n.kind === "PREVIOUS_NAME").map((n) => n.name),
    identityProtected: s.identityProtected,
    sexGender: s.sexGender,
    nhsNumber: s.nhsNumber,
    upn: s.upn,
    phone: s.phone,
    email: s.email,
    addresses: shown.map((a) => ({ id: a.id, lines: a.lines, postcode: a.postcode, protected: a.protected, current: a.current })),
    protectedAddressesWithheld: addresses.length - shown.length,
    caseClosedOn: s.caseClosedOn,
  };
}
