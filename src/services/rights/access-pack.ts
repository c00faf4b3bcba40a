import { and, asc, eq, inArray } from "drizzle-orm";
import { snapshotOf } from "../../audit/events";
import { inTransaction, recordEvent } from "../../audit/write";
import type { Db } from "../../db/client";
import { organisations, recordItems, subjects } from "../../db/schema";
import { rightsItemReviews } from "../../db/schema-rights";
import { disclosureItems, disclosures, shareDecisions } from "../../db/schema-sharing";
import type { Actor } from "../../domain/actor";
import { ConflictError, ValidationError } from "../../domain/errors";
import { ITEM_CATEGORY_LABELS, type ItemCategory } from "../../domain/information";
import { PURPOSE_LABELS, type PurposeCode } from "../../domain/purposes";
import { RECORD_ITEM_KIND_LABELS, SOURCE_METHOD_LABELS } from "../../domain/records";
import { itemReviewInput, RIGHTS_STATEMENT } from "../../domain/rights/review";
import { EXEMPTION_RULES, type Exemption } from "../../domain/rights/vocabulary";
import { redact } from "../../domain/sharing/disclosure-snapshot";
import { DEFAULT_DECISION_RETENTION_MONTHS } from "../../domain/sharing/settings";
import { getRightsRequest } from "./requests";

/**
 * The access pack (UK GDPR Art 15; domain.md §6): every item held about the people attached to the
 * request, current and corrected versions, as each item's review says (disclosed, redacted or
 * withheld under a named exemption); the purposes, categories and sources; every organisation it was
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
  text: string | null;
  version: number;
  accuracy: string;
  historical: boolean;
  redacted: boolean;
  withheld: Exemption | null;
}

export interface AccessPack {
  reference: string;
  organisation: string;
  requester: string;
  about: string;
  generatedAt: string;
  people: { name: string; dateOfBirth: string | null }[];
  items: PackItem[];
  withheld: { exemption: Exemption; rule: string; items: number }[];
  purposes: string[];
  categories: string[];
  sources: string[];
  recipients: { organisation: string; sentOn: string; items: number; purpose: string }[];
  retention: string;
  rights: readonly string[];
}

export async function reviewItem(db: Db, actor: Actor, requestId: string, itemId: string, raw: unknown): Promise<void> {
  const request = await getRightsRequest(db, actor, requestId);
  if (request.type !== "ACCESS") throw new ConflictError("Only an access request reviews items for exemptions");
  const input = itemReviewInput.parse(raw);
  const [item] = await db
    .select({ text: recordItems.text, subjectId: recordItems.subjectId })
    .from(recordItems)
    .where(and(eq(recordItems.id, itemId), eq(recordItems.organisationId, actor.organisationId)));
  if (!item || !request.subjects.some((s) => s.id === item.subjectId)) {
    throw new ValidationError([{ path: "/itemId", message: "Choose an item about a person attached to this request" }]);
  }
  input.redactions.forEach((phrase, i) => {
    if (!item.text.includes(phrase))
      throw new ValidationError([{ path: `/redactions/${i}`, message: `"${phrase}" is not in the item's text` }]);
  });
  const values = {
    decision: input.decision,
    exemption: input.exemption ?? null,
    reason: input.reason ?? null,
    redactions: input.redactions,
    healthOpinion: input.healthOpinion ?? null,
    healthProfessional: input.healthProfessional ?? null,
    reviewedByUserId: actor.userId,
    reviewedAt: new Date(),
  };
  await inTransaction(db, async (tx, audit) => {
    await tx
      .insert(rightsItemReviews)
      .values({ requestId, itemId, ...values })
      .onConflictDoUpdate({ target: [rightsItemReviews.requestId, rightsItemReviews.itemId], set: values });
    audit.record(snapshotOf(actor), {
      type: "rights_request.item_reviewed",
      entity: { type: "rights_request", id: requestId },
      details: { itemId, decision: input.decision, exemption: input.exemption ?? null },
    });
  });
}

export async function compileAccessPack(db: Db, actor: Actor, requestId: string, now = new Date()): Promise<AccessPack> {
  const request = await getRightsRequest(db, actor, requestId);
  if (request.type !== "ACCESS") throw new ConflictError("An access pack is for an access request");
  const subjectIds = request.subjects.map((s) => s.id);
  const [people, items, reviews, sent, [org]] = await Promise.all([
    subjectIds.length
      ? db
          .select({ id: subjects.id, given: subjects.givenNames, family: subjects.familyName, dob: subjects.dateOfBirth })
          .from(subjects)
          .where(inArray(subjects.id, subjectIds))
      : [],
    subjectIds.length
      ? db
          .select({
            id: recordItems.id,
            subjectId: recordItems.subjectId,
            category: recordItems.category,
            kind: recordItems.kind,
            text: recordItems.text,
            eventDate: recordItems.eventDate,
            recordedAt: recordItems.recordedAt,
            sourceName: recordItems.sourceName,
            sourceMethod: recordItems.sourceMethod,
            version: recordItems.version,
            accuracy: recordItems.accuracy,
            historical: recordItems.historical,
          })
          .from(recordItems)
          .where(and(inArray(recordItems.subjectId, subjectIds), eq(recordItems.organisationId, actor.organisationId)))
          .orderBy(asc(recordItems.eventDate), asc(recordItems.recordedAt))
      : [],
    db.select().from(rightsItemReviews).where(eq(rightsItemReviews.requestId, requestId)),
    subjectIds.length
      ? db
          .select({
            organisation: organisations.name,
            sentAt: disclosures.sentAt,
            purposeCode: disclosures.purposeCode,
            items: disclosures.id,
          })
          .from(disclosures)
          .innerJoin(shareDecisions, eq(shareDecisions.id, disclosures.decisionId))
          .innerJoin(organisations, eq(organisations.id, disclosures.recipientOrganisationId))
          .where(and(inArray(shareDecisions.subjectId, subjectIds), eq(disclosures.senderOrganisationId, actor.organisationId)))
          .orderBy(asc(disclosures.sentAt))
      : [],
    db.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, actor.organisationId)),
  ]);
  const itemCounts = new Map<string, number>();
  if (sent.length) {
    const counted = await db
      .select({ disclosureId: disclosureItems.disclosureId })
      .from(disclosureItems)
      .where(
        inArray(
          disclosureItems.disclosureId,
          sent.map((s) => s.items),
        ),
      );
    for (const c of counted) itemCounts.set(c.disclosureId, (itemCounts.get(c.disclosureId) ?? 0) + 1);
  }
  const reviewOf = new Map(reviews.map((r) => [r.itemId, r]));
  const names = new Map(people.map((p) => [p.id, `${p.given} ${p.family}`]));
  const withheldCounts = new Map<Exemption, number>();
  const packItems: PackItem[] = items.map((i) => {
    const review = reviewOf.get(i.id);
    const withheld = review?.decision === "WITHHOLD" ? review.exemption : null;
    if (review && review.decision !== "DISCLOSE" && review.exemption)
      withheldCounts.set(review.exemption, (withheldCounts.get(review.exemption) ?? 0) + 1);
    const shown = review?.decision === "REDACT" ? redact(i.text, review.redactions) : { text: i.text, redacted: false };
    return {
      id: i.id,
      person: names.get(i.subjectId) ?? "",
      category: ITEM_CATEGORY_LABELS[i.category as ItemCategory],
      kind: RECORD_ITEM_KIND_LABELS[i.kind],
      eventDate: i.eventDate,
      recordedOn: i.recordedAt.toISOString().slice(0, 10),
      source: `${i.sourceName} (${SOURCE_METHOD_LABELS[i.sourceMethod]})`,
      text: withheld ? null : shown.text,
      version: i.version,
      accuracy: i.accuracy,
      historical: i.historical,
      redacted: shown.redacted,
      withheld,
    };
  });
  const pack: AccessPack = {
    reference: request.publicReference,
    organisation: org?.name ?? "",
    requester: request.requester.name,
    about: request.about.name,
    generatedAt: now.toISOString(),
    people: people.map((p) => ({ name: `${p.given} ${p.family}`, dateOfBirth: p.dob })),
    items: packItems,
    withheld: [...withheldCounts].map(([exemption, n]) => ({ exemption, rule: EXEMPTION_RULES[exemption], items: n })),
    purposes: [
      "Safeguarding and promoting the welfare of children (Children Act 2004 s11), as a public task",
      ...new Set(sent.map((s) => `Sharing for ${PURPOSE_LABELS[s.purposeCode as PurposeCode] ?? s.purposeCode}`)),
    ],
    categories: [...new Set(packItems.map((i) => i.category))].sort(),
    sources: [...new Set(packItems.map((i) => i.source))].sort(),
    recipients: sent.map((s) => ({
      organisation: s.organisation,
      sentOn: s.sentAt.toISOString().slice(0, 10),
      items: itemCounts.get(s.items) ?? 0,
      purpose: PURPOSE_LABELS[s.purposeCode as PurposeCode] ?? s.purposeCode,
    })),
    retention: `Records are kept as long as the organisation's retention schedule requires for safeguarding records; records of decisions to share are reviewed after ${DEFAULT_DECISION_RETENTION_MONTHS / 12} years unless an agreement sets another period.`,
    rights: RIGHTS_STATEMENT,
  };
  await recordEvent(db, snapshotOf(actor), {
    type: "personal_data.viewed",
    entity: { type: "organisation", id: actor.organisationId },
    details: { view: "rights.access_pack", count: packItems.length, subjectIds },
  });
  return pack;
}
