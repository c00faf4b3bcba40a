import { ukDate, ukDateTime, ukDay } from "../../../platform/dates/calendar";
import { ITEM_CATEGORY_LABELS, ITEM_KIND_LABELS, SUBJECT_KIND_LABELS } from "../../records/domain/information";
import {
  type AgreementContent,
  CONTROLLER_RELATIONSHIP_LABELS,
  type DataItem,
  DSP_TOOLKIT_LABELS,
  type Flow,
  FREQUENCY_LABELS,
  ONWARD_DISCLOSURE_LABELS,
  SECTION_TITLES,
  SECTIONS,
  type Section,
  TIER_LABELS,
  TRANSFER_METHOD_LABELS,
} from "./content";
import type { AgreementDocument, SignatureSummary } from "./document";
import { ARTICLE_6_LABELS, ARTICLE_9_10_LABELS, COMMON_LAW_ROUTE_LABELS, GATEWAY_LABELS, PARA_18_REASON_LABELS } from "./lawful-basis";
import {
  AGREEMENT_STANDING_LABELS,
  AGREEMENT_STATUS_LABELS,
  agreementStanding,
  notInForceReason,
  type VersionKind,
  type VersionState,
} from "./lifecycle";
import { AGREEMENTS_MESSAGES } from "./messages";
import { PURPOSE_LABELS } from "./purposes";

/**
 * One agreement version as a numbered, printable outline: the printable HTML page and the PDF both
 * render this, so they always say the same thing. Pure: no I/O, no clock (the document carries its
 * own `generatedAt`).
 *
 * Every section of SECTIONS appears, in order, followed by the signature block. Empty text shows as
 * "Not stated" so gaps are visible; enum codes are always shown by their label (lawful basis codes
 * follow the label in brackets, as practitioners and auditors quote them).
 */

export const NOT_STATED = "Not stated";
export const NOT_YET_SIGNED = "Not yet signed";
export const DRAFT_MARKER = "DRAFT — not in force";
export const SIGNATURES_TITLE = "Signatures";

export interface OutlineRow {
  label: string;
  /** Several values are separated by "\n"; renderers show each on its own line. */
  value: string;
}

export type Block =
  | { kind: "paragraph"; text: string }
  /** A key/value list, e.g. one party's details; `heading` names the group when a section has several. */
  | { kind: "rows"; heading?: string; rows: OutlineRow[] }
  | { kind: "table"; caption?: string; head: string[]; rows: string[][] };

export interface OutlineSection {
  number: number;
  /** The content section, or "signatures" for the closing signature block. */
  key: Section | "signatures";
  title: string;
  /** Set when a tier 2 agreement takes this section from its tier 1 parent: "DSA-0001 version 3". */
  inheritedFrom?: string;
  blocks: Block[];
}

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

const VERSION_KIND_LABELS: Record<VersionKind, string> = {
  ORIGINAL: "original",
  VARIATION: "variation",
  ACCESSION: "accession of a new party",
};

const VERSION_STATE_LABELS: Record<VersionState, string> = AGREEMENTS_MESSAGES.en.versionState;

const SIGNATURE_KIND_LABELS: Record<SignatureSummary["kind"], string> = {
  SIGNATURE: "Signed",
  ACCESSION: "Signed on joining (accession)",
};

// ---- Formatting helpers ----

const text = (value: string | null | undefined): string => (value?.trim() ? value.trim() : NOT_STATED);
const lines = (values: readonly string[]): string => (values.length ? values.join("\n") : NOT_STATED);
const yesNo = (value: boolean): string => (value ? "Yes" : "No");
const withCode = <K extends string>(labels: Record<K, string>, code: K): string => `${labels[code] ?? code} (${code})`;

const months = (n: number) => `${n} ${n === 1 ? "month" : "months"}`;

// ---- The outline ----

export function outlineAgreement(doc: AgreementDocument): DocumentOutline {
  const c = doc.content;
  const orgName = (id: string) => doc.organisations[id]?.name ?? `Unknown organisation (${id})`;
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
    dataSubjects: () => [
      {
        kind: "rows",
        rows: [
          { label: "Whose information is shared", value: lines(c.dataSubjects.kinds.map((k) => SUBJECT_KIND_LABELS[k])) },
          { label: "Notes", value: text(c.dataSubjects.notes) },
        ],
      },
    ],
    dataItems: () => dataItems(c.dataItems),
    flows: () => flows(c, orgName),
    transparency: () => [
      {
        kind: "rows",
        rows: [
          { label: "Privacy notices", value: text(c.transparency.privacyNotices) },
          { label: "How people are told", value: text(c.transparency.howSubjectsAreInformed) },
        ],
      },
    ],
    rights: () => [
      {
        kind: "rows",
        rows: [
          { label: "Who handles which right", value: text(c.rights.handling) },
          {
            label: "Recipients told of corrections, erasure or restriction (Article 19)",
            value: c.rights.recipientNotification ? "Yes: every recipient is told" : "No",
          },
          { label: "Complaints", value: text(c.rights.complaints) },
        ],
      },
    ],
    security: () => [
      {
        kind: "rows",
        rows: [
          { label: "Security measures", value: text(c.security.measures) },
          { label: "Data Security and Protection Toolkit", value: DSP_TOOLKIT_LABELS[c.security.dspToolkit] },
          { label: "Access control", value: text(c.security.accessControl) },
          { label: "Training", value: text(c.security.training) },
        ],
      },
    ],
    retention: () => [
      {
        kind: "rows",
        rows: [
          { label: "Default retention period", value: c.retention.defaultMonths === null ? NOT_STATED : months(c.retention.defaultMonths) },
          { label: "Disposal method", value: text(c.retention.disposalMethod) },
        ],
      },
    ],
    breach: () => [
      {
        kind: "rows",
        rows: [
          {
            label: "Notify the originating party",
            value:
              c.breach.notifyOriginatorWithinHours === null
                ? NOT_STATED
                : `Within ${c.breach.notifyOriginatorWithinHours} hours of becoming aware`,
          },
          { label: "Reporting to the ICO", value: text(c.breach.icoReporting) },
        ],
      },
    ],
    dpia: () => [
      {
        kind: "rows",
        rows: [
          { label: "DPIA reference", value: text(c.dpia.reference) },
          { label: "Completed on", value: ukDate(c.dpia.completedOn) },
        ],
      },
    ],
    review: () => [
      {
        kind: "rows",
        rows: [
          { label: "Review interval", value: `At least every ${months(c.review.intervalMonths)}` },
          { label: "Variation", value: text(c.review.variation) },
          { label: "Termination", value: text(c.review.termination) },
          {
            label: "Notice to leave",
            value: c.review.terminationNoticeDays === null ? NOT_STATED : `${c.review.terminationNoticeDays} days`,
          },
        ],
      },
    ],
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

/** The day the document was produced, in UK time: whether the agreement is in force is judged on that day. */
const generatedDay = (doc: AgreementDocument) => ukDay(doc.generatedAt);

/** The same status label as the register's tag, so a lapsed agreement never prints as "Active". */
const standingLabel = (doc: AgreementDocument) => AGREEMENT_STANDING_LABELS[agreementStanding(doc, doc.parentInForce, generatedDay(doc))];

function notices(doc: AgreementDocument): string[] {
  const out: string[] = [];
  if (doc.versionState === "SIGNED" && doc.inForceVersion !== null && doc.inForceVersion !== doc.version) {
    out.push(`This is not the version in force: version ${doc.inForceVersion} is.`);
  }
  if (doc.status === "SUSPENDED" || doc.status === "EXPIRED" || doc.status === "TERMINATED") {
    out.push(`This agreement is ${AGREEMENT_STATUS_LABELS[doc.status].toLowerCase()}: information may not be shared under it.`);
  } else if (["LAPSED", "PARENT_NOT_IN_FORCE"].includes(agreementStanding(doc, doc.parentInForce, generatedDay(doc)))) {
    out.push(
      `This agreement is not in force: ${notInForceReason(doc, doc.parentInForce, generatedDay(doc))}. Information may not be shared under it.`,
    );
  }
  return out;
}

function documentControl(doc: AgreementDocument): Block[] {
  const parent = doc.parent
    ? `${doc.parent.reference}: ${doc.parent.title}${doc.parent.version === null ? " (no version in force)" : `, version ${doc.parent.version}`}`
    : doc.tier === "STRATEGIC"
      ? "None: this is a tier 1 agreement"
      : NOT_STATED;
  return [
    {
      kind: "rows",
      rows: [
        { label: "Reference", value: doc.reference },
        { label: "Title", value: text(doc.title) },
        { label: "Summary", value: text(doc.content.documentControl.summary) },
        {
          label: "Version",
          value: `${doc.version} (${VERSION_KIND_LABELS[doc.versionKind]}): ${VERSION_STATE_LABELS[doc.versionState].toLowerCase()}`,
        },
        ...(doc.versionKind === "ORIGINAL" ? [] : [{ label: "What changed", value: text(doc.changeSummary) }]),
        { label: "Status", value: standingLabel(doc) },
        { label: "Owner", value: doc.owner.name },
        { label: "Tier", value: TIER_LABELS[doc.tier] },
        { label: "Parent agreement", value: parent },
        {
          label: "In force since",
          value: doc.inForceSince
            ? `${ukDate(doc.inForceSince)}${doc.inForceVersion === null ? "" : ` (version ${doc.inForceVersion})`}`
            : "Not in force",
        },
        { label: "Last reviewed", value: ukDate(doc.lastReviewedOn, "Not yet reviewed") },
        { label: "Next review", value: ukDate(doc.nextReviewDate) },
        { label: "Document produced", value: ukDateTime(doc.generatedAt) },
      ],
    },
  ];
}

function parties(doc: AgreementDocument, orgName: (id: string) => string): Block[] {
  if (!doc.content.parties.length) return [{ kind: "paragraph", text: NOT_STATED }];
  return doc.content.parties.map((party) => {
    const org = doc.organisations[party.organisationId];
    const contact = [party.contactName.trim(), party.contactEmail.trim()].filter(Boolean).join(", ");
    const dpo = [org?.dpoName?.trim(), org?.dpoEmail?.trim()].filter(Boolean).join(", ");
    return {
      kind: "rows",
      heading: orgName(party.organisationId),
      rows: [
        { label: "Legal name", value: orgName(party.organisationId) },
        { label: "ICO registration number", value: text(org?.icoRegistration) },
        { label: "Controller relationship", value: CONTROLLER_RELATIONSHIP_LABELS[party.controllerRelationship] },
        {
          label: "Article 26 arrangement",
          value: party.controllerRelationship === "JOINT" ? text(party.art26Arrangement) : "Not applicable: not a joint controller",
        },
        { label: "Signatory", value: party.signatoryUserId ? text(doc.users[party.signatoryUserId]?.name) : NOT_STATED },
        { label: "Signatory's job title", value: text(party.signatoryJobTitle) },
        { label: "Contact", value: text(contact) },
        { label: "Data protection officer", value: text(dpo) },
      ],
    };
  });
}

function purposes(c: AgreementContent): Block[] {
  return [
    c.purposes.items.length
      ? {
          kind: "table",
          caption: "Purposes",
          head: ["Purpose", "Description"],
          rows: c.purposes.items.map((p) => [PURPOSE_LABELS[p.code], text(p.description)]),
        }
      : { kind: "rows", rows: [{ label: "Purposes", value: NOT_STATED }] },
    {
      kind: "rows",
      rows: [
        { label: "Benefits", value: text(c.purposes.benefits) },
        { label: "Harm of not sharing", value: text(c.purposes.harmOfNotSharing) },
      ],
    },
  ];
}

function legalBasis(c: AgreementContent, orgName: (id: string) => string): Block[] {
  if (!c.legalBasis.length) return [{ kind: "paragraph", text: NOT_STATED }];
  return c.legalBasis.map((basis) => {
    const usesPara18 = basis.article9.includes("A9_2G_S1P18_SAFEGUARDING");
    return {
      kind: "rows",
      heading: orgName(basis.organisationId),
      rows: [
        { label: "Statutory gateways", value: lines(basis.gateways.map((g) => withCode(GATEWAY_LABELS, g))) },
        ...(basis.gateways.includes("OTHER") || basis.gatewayOther.trim()
          ? [{ label: "Other gateway", value: text(basis.gatewayOther) }]
          : []),
        { label: "Article 6 basis", value: lines(basis.article6.map((a) => withCode(ARTICLE_6_LABELS, a))) },
        { label: "Article 9 or 10 condition", value: lines(basis.article9.map((a) => withCode(ARTICLE_9_10_LABELS, a))) },
        {
          label: "Why consent is not relied on (Sch 1 para 18)",
          value: basis.para18Reason ? withCode(PARA_18_REASON_LABELS, basis.para18Reason) : usesPara18 ? NOT_STATED : "Not applicable",
        },
        { label: "Appropriate Policy Document", value: text(basis.apdReference) },
        { label: "Common law duty of confidence", value: lines(basis.commonLaw.map((r) => withCode(COMMON_LAW_ROUTE_LABELS, r))) },
        { label: "Notes", value: text(basis.notes) },
      ],
    };
  });
}

function itemType(item: DataItem): string {
  if (item.specialCategory && item.criminalOffence) return "Special category and criminal offence";
  if (item.specialCategory) return "Special category";
  if (item.criminalOffence) return "Criminal offence";
  return "Personal";
}

function dataItems(items: DataItem[]): Block[] {
  if (!items.length) return [{ kind: "paragraph", text: NOT_STATED }];
  return [
    {
      kind: "table",
      caption: "Data items that may be shared",
      head: ["Data item", "Category", "Type of data", "Fact or opinion", "May reveal a protected identity"],
      rows: items.map((item) => [
        item.name,
        ITEM_CATEGORY_LABELS[item.category],
        itemType(item),
        ITEM_KIND_LABELS[item.kind],
        yesNo(item.mayIncludeProtectedIdentity),
      ]),
    },
  ];
}

function flows(c: AgreementContent, orgName: (id: string) => string): Block[] {
  if (!c.flows.length) return [{ kind: "paragraph", text: NOT_STATED }];
  const itemName = (key: string) => c.dataItems.find((i) => i.key === key)?.name ?? `Unknown data item (${key})`;
  const parties = (ids: string[]) => (ids.length ? ids.map(orgName).join("\n") : "Any party");
  const retention = (flow: Flow) =>
    flow.retentionMonths !== null
      ? months(flow.retentionMonths)
      : c.retention.defaultMonths !== null
        ? `${months(c.retention.defaultMonths)} (the agreement's default)`
        : NOT_STATED;
  const disposal = (flow: Flow) =>
    flow.disposalMethod.trim()
      ? flow.disposalMethod.trim()
      : c.retention.disposalMethod.trim()
        ? `${c.retention.disposalMethod.trim()} (the agreement's default)`
        : NOT_STATED;
  return c.flows.map((flow, i) => ({
    kind: "rows",
    heading: `Flow ${i + 1}`,
    rows: [
      { label: "Description", value: text(flow.description) },
      { label: "From", value: parties(flow.fromOrganisationIds) },
      { label: "To", value: parties(flow.toOrganisationIds) },
      {
        label: "Data items",
        value: flow.dataItemKeys.length ? flow.dataItemKeys.map(itemName).join("\n") : "Every data item in this agreement",
      },
      { label: "Source", value: text(flow.source) },
      { label: "Transfer method", value: TRANSFER_METHOD_LABELS[flow.transferMethod] },
      { label: "Storage", value: text(flow.storage) },
      { label: "Access", value: text(flow.access) },
      { label: "Use", value: text(flow.use) },
      { label: "Onward disclosure", value: ONWARD_DISCLOSURE_LABELS[flow.onwardDisclosure] },
      { label: "Retention", value: retention(flow) },
      { label: "Disposal", value: disposal(flow) },
      { label: "Frequency", value: FREQUENCY_LABELS[flow.frequency] },
    ],
  }));
}

/** The signature that counts for a party on this version: its own, else the latest one carried forward. */
function signatureFor(doc: AgreementDocument, organisationId: string): SignatureSummary | undefined {
  const theirs = doc.signatures.filter((s) => s.organisationId === organisationId && s.version <= doc.version);
  return theirs.find((s) => s.version === doc.version) ?? theirs.sort((a, b) => b.version - a.version)[0];
}

function signatures(doc: AgreementDocument, orgName: (id: string) => string): Block[] {
  if (!doc.content.parties.length) return [{ kind: "paragraph", text: NOT_STATED }];
  return [
    {
      kind: "paragraph",
      text: `Each party's signatory signs this version in Safeshare. A signature is recorded against version ${doc.version} of ${doc.reference}, or carried forward from an earlier version when a new party accedes.`,
    },
    ...doc.content.parties.map((party): Block => {
      const signature = signatureFor(doc, party.organisationId);
      const signatory = signature?.signatoryName ?? (party.signatoryUserId ? doc.users[party.signatoryUserId]?.name : undefined);
      const jobTitle = signature?.signatoryJobTitle ?? party.signatoryJobTitle;
      const signed = signature
        ? `${SIGNATURE_KIND_LABELS[signature.kind]} on ${ukDate(signature.signedAt)}${signature.version === doc.version ? "" : ` (version ${signature.version})`}`
        : NOT_YET_SIGNED;
      return {
        kind: "rows",
        heading: orgName(party.organisationId),
        rows: [
          { label: "Party", value: orgName(party.organisationId) },
          { label: "Signatory", value: text(signatory) },
          { label: "Job title", value: text(jobTitle) },
          { label: "Signature", value: signed },
        ],
      };
    }),
  ];
}
