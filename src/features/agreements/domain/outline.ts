import { ukDateTime } from "../../../platform/dates/calendar";
import { SECTION_TITLES, SECTIONS, type Section } from "./content";
import type { AgreementDocument } from "./document";
import type { Block, OrganisationName, OutlineSection } from "./outline/blocks";
import { dataItems, dataSubjects, flows } from "./outline/data-and-flows";
import { documentControl, notices, standingLabel } from "./outline/document-control";
import { parties } from "./outline/parties";
import { legalBasis, purposes } from "./outline/purposes-and-legal-basis";
import { breach, dpia, retention, review, rights, security, transparency } from "./outline/safeguards-and-review";
import { SIGNATURES_TITLE, signatures } from "./outline/signatures";

/**
 * One agreement version as a numbered, printable outline: the printable HTML page and the PDF both
 * render this, so they always say the same thing. Pure: no I/O, no clock (the document carries its
 * own `generatedAt`).
 *
 * Every section of SECTIONS appears, in order, followed by the signature block. Empty text shows as
 * "Not stated" so gaps are visible; enum codes are always shown by their label (lawful basis codes
 * follow the label in brackets, as practitioners and auditors quote them). Each section's rows are
 * built in outline/, grouped as the document reads: document control, parties, purposes and legal
 * basis, data and flows, safeguards and review, signatures.
 */

export const DRAFT_MARKER = "DRAFT — not in force";

export interface DocumentOutline {
  reference: string;
  title: string;
  version: number;
  statusLabel: string;
  ownerName: string;
  /** "1 April 2026 at 2:05pm", UK time. */
  generatedOn: string;
  /** DRAFT_MARKER (or a discarded marker) when this version is not signed; null when it is. */
  draftMarker: string | null;
  /** Other things a reader must know before relying on the document (superseded, suspended...). */
  notices: string[];
  sections: OutlineSection[];
}

export function outlineAgreement(doc: AgreementDocument): DocumentOutline {
  const c = doc.content;
  const orgName: OrganisationName = (id) => doc.organisations[id]?.name ?? "An organisation no longer in the partnership";
  const inheritedFrom = doc.parent
    ? doc.parent.version === null
      ? doc.parent.reference
      : `${doc.parent.reference} version ${doc.parent.version}`
    : undefined;

  const builders: Record<Section, () => Block[]> = {
    documentControl: () => documentControl(doc),
    parties: () => parties(doc, orgName),
    purposes: () => purposes(c),
    legalBasis: () => legalBasis(c, orgName),
    dataSubjects: () => dataSubjects(c),
    dataItems: () => dataItems(c.dataItems),
    flows: () => flows(c, orgName),
    transparency: () => transparency(c),
    rights: () => rights(c),
    security: () => security(c),
    retention: () => retention(c),
    breach: () => breach(c),
    dpia: () => dpia(c),
    review: () => review(c),
  };

  const sections: OutlineSection[] = SECTIONS.map((key, i) => ({
    number: i + 1,
    key,
    title: SECTION_TITLES[key],
    ...(inheritedFrom && doc.inherited.includes(key) ? { inheritedFrom } : {}),
    blocks: builders[key](),
  }));
  sections.push({ number: sections.length + 1, key: "signatures", title: SIGNATURES_TITLE, blocks: signatures(doc, orgName) });

  return {
    reference: doc.reference,
    title: doc.title,
    version: doc.version,
    statusLabel: standingLabel(doc),
    ownerName: doc.owner.name,
    generatedOn: ukDateTime(doc.generatedAt),
    draftMarker: doc.versionState === "SIGNED" ? null : doc.versionState === "DISCARDED" ? "DISCARDED — never in force" : DRAFT_MARKER,
    notices: notices(doc),
    sections,
  };
}
