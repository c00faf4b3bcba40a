/**
 * The opening of the outline: the document control section, the agreement's status as the register
 * shows it, and the notices a reader must see before relying on the document.
 */
import { ukDate, ukDateTime, ukDay } from "../../../../platform/dates/calendar";
import { TIER_LABELS } from "../content";
import type { AgreementDocument } from "../document";
import {
  AGREEMENT_STANDING_LABELS,
  AGREEMENT_STATUS_LABELS,
  agreementStanding,
  notInForceReason,
  VERSION_KIND_LABELS,
  VERSION_STATE_LABELS,
} from "../lifecycle";
import { type Block, NOT_STATED, text } from "./blocks";

/** The day the document was produced, in UK time: whether the agreement is in force is judged on that day. */
const generatedDay = (doc: AgreementDocument) => ukDay(doc.generatedAt);

/** The same status label as the register's tag, so a lapsed agreement never prints as "Active". */
export const standingLabel = (doc: AgreementDocument) =>
  AGREEMENT_STANDING_LABELS[agreementStanding(doc, doc.parentInForce, generatedDay(doc))];

export function notices(doc: AgreementDocument): string[] {
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

export function documentControl(doc: AgreementDocument): Block[] {
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
          value: `${doc.version} (${VERSION_KIND_LABELS[doc.versionKind].toLowerCase()}): ${VERSION_STATE_LABELS[doc.versionState].toLowerCase()}`,
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
