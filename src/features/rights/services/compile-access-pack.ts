import { eq, inArray } from "drizzle-orm";
import { snapshotOf } from "../../../platform/audit/events";
import { recordEvent } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import { ukDay } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { ConflictError } from "../../../platform/errors";
import { purposeLabel } from "../../agreements/domain";
import { organisations } from "../../organisations-and-users/schema";
import { ITEM_CATEGORY_LABELS, type ItemCategory, RECORD_ITEM_KIND_LABELS, SOURCE_METHOD_LABELS } from "../../records/domain";
import { subjects } from "../../records/schema";
import { DEFAULT_DECISION_RETENTION_MONTHS } from "../../settings/domain";
import { redact } from "../../sharing/domain";
import type {} from "../audit-events";
import { isDraft, type PackUnreviewed, RIGHTS_STATEMENT, WITHHELD_STATEMENT } from "../domain/review";
import { EXEMPTION_RULES, EXEMPTIONS, type Exemption } from "../domain/vocabulary";
import { loadRightsRequest } from "./load-requests";
import { type PackContents, packContents } from "./pack-contents";

/**
 * The access pack (UK GDPR Art 15; docs/domain.md §6): every item held about the people attached to the
 * request, current and corrected versions, as each item's review says (disclosed, redacted, or left
 * out when withheld under a named exemption); the purposes, categories and sources; every organisation it was
 * disclosed to and when, from the disclosure log; retention; and the other rights and the right to
 * complain to the ICO. A read of the records, audited as one.
 */

export interface PackItem {
  id: string;
  person: string;
  category: string;
  kind: string;
  eventDate: string;
  recordedOn: string;
  source: string;
  text: string;
  version: number;
  accuracy: string;
  historical: boolean;
  redacted: boolean;
  /** Whether the request has reviewed this version yet; a pack with any unreviewed is a draft. */
  reviewed: boolean;
}

/** What is held back under one exemption: items withheld or redacted, and records of sharing withheld. */
export interface HeldBack {
  exemption: Exemption;
  rule: string;
  items: number;
  recipients: number;
}

/**
 * The pack as the requester receives it, and, apart, what only the IG lead reads. Anything withheld is
 * left out of the requester's part altogether (not its date, kind, category or source, and not the
 * exemption): saying that child abuse data or a referral was held back tells a parent exactly what the
 * exemption protects. They read one neutral sentence, in every pack, that something may have been.
 */
export interface AccessPack {
  reference: string;
  organisation: string;
  requester: string;
  about: string;
  generatedAt: string;
  /** Not every item and record of who it was shared with has been reviewed: not to be sent. */
  draft: boolean;
  /** How many items and records of who it was shared with are not yet reviewed. */
  unreviewed: PackUnreviewed;
  people: { name: string; dateOfBirth: string | null }[];
  /** What is disclosed, redactions applied; an item not yet reviewed is shown as it is, so a draft can be read through. */
  items: PackItem[];
  /** Said in every pack, whether or not anything was withheld, so it reveals nothing. */
  withheldStatement: string;
  purposes: string[];
  categories: string[];
  sources: string[];
  /** The disclosure log as the requester is told it: entries withheld under an exemption are left out. */
  recipients: { id: string; organisation: string; sentOn: string; items: number; purpose: string; reviewed: boolean }[];
  retention: string;
  rights: readonly string[];
  /** For the IG lead only, never sent to the requester: what is held back, and under which exemption. */
  forIgLead: {
    withheld: HeldBack[];
    withheldItems: { id: string; exemption: Exemption }[];
    withheldRecipients: { id: string; exemption: Exemption }[];
  };
}

/**
 * What the reviews hold back under each exemption, in the order the exemptions are listed: for the
 * IG lead, on the request page and in their part of the pack.
 */
export function heldBack(contents: PackContents): HeldBack[] {
  const items = [...contents.itemReviews.values()].filter((r) => r.decision !== "DISCLOSE");
  const entries = [...contents.recipientReviews.values()].filter((r) => r.decision === "WITHHOLD");
  return EXEMPTIONS.map((exemption) => ({
    exemption,
    rule: EXEMPTION_RULES[exemption],
    items: items.filter((r) => r.exemption === exemption).length,
    recipients: entries.filter((r) => r.exemption === exemption).length,
  })).filter((h) => h.items + h.recipients > 0);
}

/**
 * The pack, compiled from the reviews. Until every item and every entry of who it was shared with
 * has been reviewed it is a draft: it says so, and the request cannot be answered with it. An
 * unreviewed item is shown as it is, so the draft can be read through; a withheld item or entry of
 * the disclosure log is left out of the requester's part altogether (see `AccessPack`).
 */
export async function compileAccessPack(db: Db, actor: Actor, requestId: string, now = new Date()): Promise<AccessPack> {
  const request = await loadRightsRequest(db, actor, requestId);
  if (request.type !== "ACCESS") throw new ConflictError("An access pack is for an access request");
  const subjectIds = request.subjects.map((s) => s.id);
  const [people, contents, [org]] = await Promise.all([
    subjectIds.length
      ? db
          .select({ id: subjects.id, given: subjects.givenNames, family: subjects.familyName, dob: subjects.dateOfBirth })
          .from(subjects)
          .where(inArray(subjects.id, subjectIds))
      : [],
    packContents(db, actor.organisationId, requestId, subjectIds),
    db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, actor.organisationId)),
  ]);
  const names = new Map(people.map((p) => [p.id, `${p.given} ${p.family}`]));
  const withheldItems: AccessPack["forIgLead"]["withheldItems"] = [];
  const packItems: PackItem[] = contents.items.flatMap((i) => {
    const review = contents.itemReviews.get(i.id);
    if (review?.decision === "WITHHOLD") {
      if (review.exemption) withheldItems.push({ id: i.id, exemption: review.exemption });
      return [];
    }
    const shown = review?.decision === "REDACT" ? redact(i.text, review.redactions) : { text: i.text, redacted: false };
    return [
      {
        id: i.id,
        person: names.get(i.subjectId) ?? "",
        category: ITEM_CATEGORY_LABELS[i.category as ItemCategory],
        kind: RECORD_ITEM_KIND_LABELS[i.kind],
        eventDate: i.eventDate,
        recordedOn: ukDay(i.recordedAt),
        source: `${i.sourceName} (${SOURCE_METHOD_LABELS[i.sourceMethod]})`,
        text: shown.text,
        version: i.version,
        accuracy: i.accuracy,
        historical: i.historical,
        redacted: shown.redacted,
        reviewed: !!review,
      },
    ];
  });
  const withheldRecipients: AccessPack["forIgLead"]["withheldRecipients"] = [];
  const listed = contents.log.filter((entry) => {
    const review = contents.recipientReviews.get(entry.id);
    if (review?.decision !== "WITHHOLD") return true;
    if (review.exemption) withheldRecipients.push({ id: entry.id, exemption: review.exemption });
    return false;
  });
  const pack: AccessPack = {
    reference: request.publicReference,
    organisation: org?.name ?? "",
    requester: request.requester.name,
    about: request.about.name,
    generatedAt: now.toISOString(),
    draft: isDraft(contents.unreviewed),
    unreviewed: contents.unreviewed,
    people: people.map((p) => ({ name: `${p.given} ${p.family}`, dateOfBirth: p.dob })),
    items: packItems,
    withheldStatement: WITHHELD_STATEMENT,
    purposes: [
      "Safeguarding and promoting the welfare of children (Children Act 2004 s11), as a public task",
      ...new Set(listed.map((s) => `Sharing for ${purposeLabel(s.purposeCode)}`)),
    ],
    categories: [...new Set(packItems.map((i) => i.category))].sort(),
    sources: [...new Set(packItems.map((i) => i.source))].sort(),
    recipients: listed.map((s) => ({
      id: s.id,
      organisation: s.organisation,
      sentOn: ukDay(s.sentAt),
      items: s.items,
      purpose: purposeLabel(s.purposeCode),
      reviewed: contents.recipientReviews.has(s.id),
    })),
    retention: `Records are kept as long as the organisation's retention schedule requires for safeguarding records; records of decisions to share are reviewed after ${DEFAULT_DECISION_RETENTION_MONTHS / 12} years unless an agreement sets another period.`,
    rights: RIGHTS_STATEMENT,
    forIgLead: { withheld: heldBack(contents), withheldItems, withheldRecipients },
  };
  await recordEvent(db, snapshotOf(actor), {
    type: "personal_data.viewed",
    entity: { type: "organisation", id: actor.organisationId },
    details: { view: "rights.access_pack", count: packItems.length, subjectIds },
  });
  return pack;
}
