import { and, asc, desc, eq, gte, inArray, lte, notInArray, type SQL } from "drizzle-orm";
import type { Actor } from "../../../platform/auth/actor";
import type { Db, Queryable } from "../../../platform/db/client";
import { visibleTo } from "../../../platform/db/scope";
import { users } from "../../organisations-and-users/schema";
import { type ChronologyKey, type ChronologyParams, renderChronologyEntry } from "../domain/chronology-text";
import { type ChronologyCategory, type ChronologyFilter, IG_ONLY_CHRONOLOGY_CATEGORIES } from "../domain/records";
import { chronologyEntries, recordItems } from "../schema";
import { assertWorksWithRecords, loadSubject, recordRead } from "./access";

export type ChronologyEntryRow = typeof chronologyEntries.$inferSelect;
/**
 * An entry as read: with, for an entry about a record item, that item version's accuracy *now* and
 * whether it is historical. An "item recorded" entry for a version corrected since must say so, or the
 * timeline would present replaced information as current.
 */
export type ChronologyEntry = Omit<ChronologyEntryRow, "summary"> & {
  /** The title and summary in words (`renderChronologyEntry`). */
  title: string;
  summary: string;
  /** What a person wrote, as stored: the summary itself, or with `summaryCode` its {text}. */
  summaryText: string;
  recordedByName: string | null;
  item: { accuracy: (typeof recordItems.$inferSelect)["accuracy"]; historical: boolean } | null;
};

export interface NewChronologyEntry {
  organisationId: string;
  subjectId: string;
  occurredOn: string;
  category: ChronologyCategory;
  kind: string;
  /** The title's message and what fills it (and the summary's, if it has one). */
  title: ChronologyKey;
  params?: ChronologyParams;
  /** What a person wrote; with `summaryCode`, it is {text} in that message. */
  summary: string;
  summaryCode?: ChronologyKey;
  ref: { type: string; id: string };
  recordedByUserId: string | null;
}

/**
 * The one way anything reaches a chronology: the service that causes the event calls this inside
 * its own transaction, so the timeline can never disagree with the record.
 */
export async function addChronologyEntry(tx: Queryable, entry: NewChronologyEntry): Promise<void> {
  await tx.insert(chronologyEntries).values(chronologyRow(entry));
}

/** The row an entry is stored as: codes and parameters, never the sentence (a page puts it into words when read). */
export function chronologyRow({ ref, title, params, summaryCode, ...rest }: NewChronologyEntry): typeof chronologyEntries.$inferInsert {
  return { ...rest, code: title, params: params ?? {}, summaryCode: summaryCode ?? null, refType: ref.type, refId: ref.id };
}

/** A page of a chronology, or (for printing and export) every entry. */
export type ChronologyRange = { page: number; pageSize: number } | "all";

/**
 * A child's chronology, newest first, filtered by category and date, a page at a time (or whole,
 * for printing); an audited read of the entries shown. The count reads the index only; the page of
 * entries is one query with the recorder and the item's current state joined in.
 */
export async function viewChronology(
  db: Db,
  actor: Actor,
  subjectId: string,
  filter: ChronologyFilter,
  range: ChronologyRange,
  view: string,
): Promise<{ subject: Awaited<ReturnType<typeof loadSubject>>; entries: ChronologyEntry[]; total: number }> {
  assertWorksWithRecords(actor);
  const subject = await loadSubject(db, actor, subjectId);
  const conditions: SQL[] = [eq(chronologyEntries.subjectId, subjectId), visibleTo(actor, chronologyEntries)];
  // A person's rights requests are on their chronology for the IG leads who handle them, not for everyone.
  if (!actor.roles.includes("ig_lead")) conditions.push(notInArray(chronologyEntries.category, [...IG_ONLY_CHRONOLOGY_CATEGORIES]));
  if (filter.category.length) conditions.push(inArray(chronologyEntries.category, filter.category));
  if (filter.from) conditions.push(gte(chronologyEntries.occurredOn, filter.from));
  if (filter.to) conditions.push(lte(chronologyEntries.occurredOn, filter.to));
  const query = db
    .select({
      entry: chronologyEntries,
      recordedByName: users.name,
      itemAccuracy: recordItems.accuracy,
      itemHistorical: recordItems.historical,
    })
    .from(chronologyEntries)
    .leftJoin(users, eq(users.id, chronologyEntries.recordedByUserId))
    .leftJoin(
      recordItems,
      and(
        eq(chronologyEntries.refType, "record_item"),
        eq(recordItems.id, chronologyEntries.refId),
        eq(recordItems.organisationId, chronologyEntries.organisationId),
      ),
    )
    .where(and(...conditions))
    .orderBy(desc(chronologyEntries.occurredOn), desc(chronologyEntries.recordedAt), asc(chronologyEntries.id));
  const [rows, total] = await Promise.all([
    range === "all" ? query : query.limit(range.pageSize).offset((range.page - 1) * range.pageSize),
    range === "all" ? undefined : db.$count(chronologyEntries, and(...conditions)),
  ]);
  await recordRead(db, actor, subjectId, view, { count: rows.length });
  return {
    subject,
    total: total ?? rows.length,
    entries: rows.map((r) => {
      return {
        ...r.entry,
        ...renderChronologyEntry(r.entry),
        summaryText: r.entry.summary,
        recordedByName: r.recordedByName,
        item: r.itemAccuracy ? { accuracy: r.itemAccuracy, historical: r.itemHistorical ?? false } : null,
      };
    }),
  };
}
