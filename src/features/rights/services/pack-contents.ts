import { and, asc, count, eq, exists, inArray, not, sql } from "drizzle-orm";
import type { Queryable } from "../../../platform/db/client";
import { ownedBy } from "../../../platform/db/scope";
import { organisations } from "../../organisations-and-users/schema";
import { recordItems } from "../../records/schema";
import { disclosureItems, disclosures, shareDecisions } from "../../sharing/schema";
import { type PackUnreviewed, packUnreviewed } from "../domain/review";
import { rightsItemReviews, rightsRecipientReviews } from "../schema";

/**
 * What an access pack is made of, read in one place for the pack itself and the request page, and
 * counted from the same definitions for the check before responding, so all three agree on what must
 * be reviewed: every version of every item the organisation holds about the people attached, and
 * every entry of the disclosure log about them, each with the request's review of it, if any.
 */

export type PackItemRow = Awaited<ReturnType<typeof packItems>>[number];
export type ItemReviewRow = typeof rightsItemReviews.$inferSelect;
export type RecipientReviewRow = typeof rightsRecipientReviews.$inferSelect;
export type LogEntry = Awaited<ReturnType<typeof disclosureLog>>[number];

/**
 * What must be reviewed, defined once for the full read and the count alike: every version of every
 * item the organisation holds about these people; every disclosure it sent about them (the decision
 * names the person); and, for each, whether the request has a review of it.
 */
const itemsAbout = (organisationId: string, subjectIds: readonly string[]) =>
  and(inArray(recordItems.subjectId, [...subjectIds]), ownedBy(organisationId, recordItems));
const sentAbout = (organisationId: string, subjectIds: readonly string[]) =>
  and(inArray(shareDecisions.subjectId, [...subjectIds]), ownedBy(organisationId, disclosures, "sender"));
const itemReviewed = (q: Queryable, requestId: string) =>
  exists(
    q
      .select({ one: sql`1` })
      .from(rightsItemReviews)
      .where(and(eq(rightsItemReviews.requestId, requestId), eq(rightsItemReviews.itemId, recordItems.id))),
  );
const entryReviewed = (q: Queryable, requestId: string) =>
  exists(
    q
      .select({ one: sql`1` })
      .from(rightsRecipientReviews)
      .where(and(eq(rightsRecipientReviews.requestId, requestId), eq(rightsRecipientReviews.disclosureId, disclosures.id))),
  );

function packItems(q: Queryable, organisationId: string, subjectIds: readonly string[]) {
  return q
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
    .where(itemsAbout(organisationId, subjectIds))
    .orderBy(asc(recordItems.eventDate), asc(recordItems.recordedAt));
}

/**
 * The disclosure log about these people (Art 15(1)(c)): what the organisation sent about them, to
 * whom and when, with how many items each carried. One entry when `disclosureId` is given.
 */
export async function disclosureLog(q: Queryable, organisationId: string, subjectIds: readonly string[], disclosureId?: string) {
  if (!subjectIds.length) return [];
  const sent = await q
    .select({
      id: disclosures.id,
      subjectId: shareDecisions.subjectId,
      decisionId: disclosures.decisionId,
      organisation: organisations.name,
      sentAt: disclosures.sentAt,
      purposeCode: disclosures.purposeCode,
    })
    .from(disclosures)
    .innerJoin(shareDecisions, eq(shareDecisions.id, disclosures.decisionId))
    .innerJoin(organisations, eq(organisations.id, disclosures.recipientOrganisationId))
    .where(and(sentAbout(organisationId, subjectIds), disclosureId ? eq(disclosures.id, disclosureId) : undefined))
    .orderBy(asc(disclosures.sentAt));
  const counted = sent.length
    ? await q
        .select({ disclosureId: disclosureItems.disclosureId })
        .from(disclosureItems)
        .where(
          inArray(
            disclosureItems.disclosureId,
            sent.map((s) => s.id),
          ),
        )
    : [];
  return sent.map((s) => ({ ...s, items: counted.filter((c) => c.disclosureId === s.id).length }));
}

export interface PackContents {
  items: PackItemRow[];
  itemReviews: Map<string, ItemReviewRow>;
  log: LogEntry[];
  recipientReviews: Map<string, RecipientReviewRow>;
  unreviewed: PackUnreviewed;
}

export async function packContents(
  q: Queryable,
  organisationId: string,
  requestId: string,
  subjectIds: readonly string[],
): Promise<PackContents> {
  const [items, itemReviews, log, recipientReviews] = await Promise.all([
    subjectIds.length ? packItems(q, organisationId, subjectIds) : [],
    q.select().from(rightsItemReviews).where(eq(rightsItemReviews.requestId, requestId)),
    disclosureLog(q, organisationId, subjectIds),
    q.select().from(rightsRecipientReviews).where(eq(rightsRecipientReviews.requestId, requestId)),
  ]);
  const itemReviewOf = new Map(itemReviews.map((r) => [r.itemId, r]));
  const recipientReviewOf = new Map(recipientReviews.map((r) => [r.disclosureId, r]));
  return {
    items,
    itemReviews: itemReviewOf,
    log,
    recipientReviews: recipientReviewOf,
    unreviewed: packUnreviewed(
      items.map((i) => ({ reviewed: itemReviewOf.has(i.id) })),
      log.map((e) => ({ reviewed: recipientReviewOf.has(e.id) })),
    ),
  };
}

/**
 * How much of the pack is not yet reviewed, counted in the database: the check before a request is
 * answered needs the numbers, not every item's text and the whole disclosure log.
 */
export async function unreviewedInPack(
  q: Queryable,
  organisationId: string,
  requestId: string,
  subjectIds: readonly string[],
): Promise<PackUnreviewed> {
  if (!subjectIds.length) return { items: 0, recipients: 0 };
  const [[items], [recipients]] = await Promise.all([
    q
      .select({ n: count() })
      .from(recordItems)
      .where(and(itemsAbout(organisationId, subjectIds), not(itemReviewed(q, requestId)))),
    q
      .select({ n: count() })
      .from(disclosures)
      .innerJoin(shareDecisions, eq(shareDecisions.id, disclosures.decisionId))
      .where(and(sentAbout(organisationId, subjectIds), not(entryReviewed(q, requestId)))),
  ]);
  return { items: items?.n ?? 0, recipients: recipients?.n ?? 0 };
}
