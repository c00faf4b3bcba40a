import { and, asc, desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { snapshotOf } from "../../../platform/audit/events";
import { inTransaction } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import type { Db, Tx } from "../../../platform/db/client";
import { offsetOf, type PageRange } from "../../../platform/db/page";
import { visibleTo } from "../../../platform/db/scope";
import { ConflictError, NotFoundError } from "../../../platform/errors";
import { users } from "../../organisations-and-users/schema";
import type {} from "../audit-events";
import { type CorrectionInput, correctionInput, disputeInput, type RecordItemInput, recordItemInput } from "../domain/records";
import { recordItems } from "../schema";
import { assertWorksWithRecords, loadSubject, recordRead } from "./access";
import { addChronologyEntry } from "./chronology";
import { warnOfProtectedDetails } from "./protected-details";

export type RecordItemRow = typeof recordItems.$inferSelect;
export type RecordItem = RecordItemRow & { recordedByName: string | null; disputedByName: string | null };

const disputedBy = alias(users, "disputed_by");
const withNames = { item: recordItems, recordedByName: users.name, disputedByName: disputedBy.name };
const flatten = (r: { item: RecordItemRow; recordedByName: string | null; disputedByName: string | null }): RecordItem => ({
  ...r.item,
  recordedByName: r.recordedByName,
  disputedByName: r.disputedByName,
});

/** Items with the names of who recorded and who disputed them: every read goes through this. */
function selectItems(q: Db) {
  return q
    .select(withNames)
    .from(recordItems)
    .leftJoin(users, eq(users.id, recordItems.recordedByUserId))
    .leftJoin(disputedBy, eq(disputedBy.id, recordItems.disputedByUserId));
}

function itemValues(input: RecordItemInput) {
  return {
    category: input.category,
    kind: input.kind,
    text: input.text,
    eventDate: input.eventDate,
    sourceName: input.source.name,
    sourceMethod: input.source.method,
    sourceObtainedOn: input.source.obtainedOn,
    historical: input.historical,
    specialCategory: input.specialCategory,
    criminalOffence: input.criminalOffence,
  };
}

/** Records a new item on a subject the actor's organisation holds; it appears on the chronology at its event date. */
export async function recordItem(db: Db, actor: Actor, subjectId: string, raw: unknown): Promise<RecordItem> {
  assertWorksWithRecords(actor);
  const input = recordItemInput.parse(raw);
  const id = await inTransaction(db, async (tx, audit) => {
    const subject = await loadSubject(tx, actor, subjectId);
    await warnOfProtectedDetails(tx, actor, subjectId, [{ path: "/text", text: input.text }], input.acknowledgedWarnings);
    const itemId = crypto.randomUUID();
    await tx.insert(recordItems).values({
      id: itemId,
      lineageId: itemId,
      organisationId: subject.organisationId,
      subjectId,
      ...itemValues(input),
      recordedByUserId: actor.userId,
    });
    await addChronologyEntry(tx, {
      organisationId: subject.organisationId,
      subjectId,
      occurredOn: input.eventDate,
      category: input.category,
      kind: "ITEM_RECORDED",
      title: "chronology.itemRecorded",
      params: { category: input.category, kind: input.kind },
      summary: input.text,
      ref: { type: "record_item", id: itemId },
      recordedByUserId: actor.userId,
    });
    audit.record(snapshotOf(actor), {
      type: "record_item.recorded",
      entity: { type: "subject", id: subjectId },
      details: {
        itemId,
        category: input.category,
        kind: input.kind,
        specialCategory: input.specialCategory,
        criminalOffence: input.criminalOffence,
      },
    });
    return itemId;
  });
  return loadItem(db, actor, subjectId, id);
}

async function lockedItem(tx: Tx, actor: Actor, subjectId: string, itemId: string): Promise<RecordItemRow> {
  const [item] = await tx
    .select()
    .from(recordItems)
    .where(and(eq(recordItems.id, itemId), eq(recordItems.subjectId, subjectId), visibleTo(actor, recordItems)))
    .for("update");
  if (!item) throw new NotFoundError("The record item");
  return item;
}

/**
 * A correction is a new version of the item; the old version is marked CORRECTED and stays visible.
 * Only the latest version can be corrected, so two people correcting at once cannot fork the item.
 */
export async function correctItem(db: Db, actor: Actor, subjectId: string, itemId: string, raw: unknown): Promise<RecordItem> {
  assertWorksWithRecords(actor);
  const input: CorrectionInput = correctionInput.parse(raw);
  const id = await inTransaction(db, async (tx, audit) => {
    const old = await lockedItem(tx, actor, subjectId, itemId);
    if (old.accuracy === "CORRECTED")
      throw new ConflictError("This version has already been corrected: correct the latest version instead");
    if (old.erasedAt) throw new ConflictError("This item has been erased");
    await warnOfProtectedDetails(tx, actor, subjectId, [{ path: "/text", text: input.text }], input.acknowledgedWarnings);
    const newId = crypto.randomUUID();
    const version = old.version + 1;
    await tx.insert(recordItems).values({
      id: newId,
      lineageId: old.lineageId,
      version,
      supersedesId: old.id,
      organisationId: old.organisationId,
      subjectId,
      ...itemValues(input),
      correctionReason: input.reason,
      // A restriction holds until it is lifted, whatever the version (R-RESTRICTED; docs/domain.md §6).
      restrictedAt: old.restrictedAt,
      recordedByUserId: actor.userId,
    });
    await tx.update(recordItems).set({ accuracy: "CORRECTED" }).where(eq(recordItems.id, old.id));
    await addChronologyEntry(tx, {
      organisationId: old.organisationId,
      subjectId,
      occurredOn: input.eventDate,
      category: input.category,
      kind: "ITEM_CORRECTED",
      title: "chronology.itemCorrected",
      params: { category: input.category, kind: input.kind, version },
      summary: input.text,
      ref: { type: "record_item", id: newId },
      recordedByUserId: actor.userId,
    });
    audit.record(snapshotOf(actor), {
      type: "record_item.corrected",
      entity: { type: "subject", id: subjectId },
      details: { itemId: newId, lineageId: old.lineageId, version, previousId: old.id },
    });
    return newId;
  });
  return loadItem(db, actor, subjectId, id);
}

/**
 * Marks the latest version as disputed (e.g. the parent says it is wrong) while accuracy is checked.
 * The note goes in its own column: on a version that corrected an earlier one, the reason for that
 * correction stays as it was. A dispute is recorded once; what happens next is a correction.
 */
export async function disputeItem(db: Db, actor: Actor, subjectId: string, itemId: string, raw: unknown): Promise<RecordItem> {
  assertWorksWithRecords(actor);
  const { reason } = disputeInput.parse(raw);
  await inTransaction(db, async (tx, audit) => {
    const item = await lockedItem(tx, actor, subjectId, itemId);
    if (item.accuracy === "CORRECTED") throw new ConflictError("This version has been corrected: only the latest version can be disputed");
    if (item.disputedAt) throw new ConflictError("This item is already marked as disputed: correct it once its accuracy is checked");
    if (item.erasedAt) throw new ConflictError("This item has been erased");
    await tx
      .update(recordItems)
      .set({ accuracy: "DISPUTED", disputeNote: reason, disputedAt: new Date(), disputedByUserId: actor.userId })
      .where(eq(recordItems.id, item.id));
    audit.record(snapshotOf(actor), { type: "record_item.disputed", entity: { type: "subject", id: subjectId }, details: { itemId } });
  });
  return loadItem(db, actor, subjectId, itemId);
}

async function loadItem(db: Db, actor: Actor, subjectId: string, itemId: string): Promise<RecordItem> {
  const [row] = await selectItems(db).where(
    and(eq(recordItems.id, itemId), eq(recordItems.subjectId, subjectId), visibleTo(actor, recordItems)),
  );
  if (!row) throw new NotFoundError("The record item");
  return flatten(row);
}

/** Newest event first; an item's versions together, newest first. */
const itemOrder = [desc(recordItems.eventDate), asc(recordItems.lineageId), desc(recordItems.version)];

/** Every version of every item on a subject, newest event first; corrected versions included. An audited read. */
export async function viewItems(db: Db, actor: Actor, subjectId: string, view: string): Promise<RecordItem[]> {
  assertWorksWithRecords(actor);
  await loadSubject(db, actor, subjectId);
  const rows = await selectItems(db)
    .where(and(eq(recordItems.subjectId, subjectId), visibleTo(actor, recordItems)))
    .orderBy(...itemOrder);
  await recordRead(db, actor, subjectId, view, { count: rows.length });
  return rows.map(flatten);
}

/**
 * A page of the same list, for the API, and how many there are: a record grows for as long as a child
 * is known (years of items, each correction a version), so it is paged in SQL. The read recorded is of
 * the page shown.
 */
export async function viewItemPage(
  db: Db,
  actor: Actor,
  subjectId: string,
  range: PageRange,
  view: string,
): Promise<{ rows: RecordItem[]; total: number }> {
  assertWorksWithRecords(actor);
  await loadSubject(db, actor, subjectId);
  const where = and(eq(recordItems.subjectId, subjectId), visibleTo(actor, recordItems));
  const [rows, total] = await Promise.all([
    selectItems(db)
      .where(where)
      .orderBy(...itemOrder)
      .limit(range.pageSize)
      .offset(offsetOf(range)),
    db.$count(recordItems, where),
  ]);
  await recordRead(db, actor, subjectId, view, { count: rows.length });
  return { rows: rows.map(flatten), total };
}

/** One item with all its versions (oldest first), so a correction is always seen beside what it replaced. */
export async function viewItem(db: Db, actor: Actor, subjectId: string, itemId: string, view: string) {
  assertWorksWithRecords(actor);
  const item = await loadItem(db, actor, subjectId, itemId);
  const versions = await selectItems(db)
    .where(and(eq(recordItems.lineageId, item.lineageId), visibleTo(actor, recordItems)))
    .orderBy(asc(recordItems.version));
  await recordRead(db, actor, subjectId, view, { itemId });
  return { item, versions: versions.map(flatten) };
}
