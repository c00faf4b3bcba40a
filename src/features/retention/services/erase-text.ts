import { and, inArray, isNull, type SQL, sql } from "drizzle-orm";
import { anyOf } from "../../../platform/db/any-of";
import type { Tx } from "../../../platform/db/client";
import { chronologyEntries, recordItems } from "../../records/schema";
import { rightsItemActions, rightsItemReviews } from "../../rights/schema";
import { disclosureItems } from "../../sharing/schema";

/** What erased text becomes: the item keeps its row as a tombstone, its words gone (migration 0008 allows only this). */
export const ERASED = "[erased]";

/**
 * Erases the words of record items, every version the condition matches, and whatever repeated them:
 * their chronology entries, the person's statements about them and an access review's redacted
 * phrases; with `copies: "every"`, also every disclosed copy (an erasure reaches recipients' copies).
 * A disposal leaves copies sent to others alone: each recipient keeps them under its own schedule.
 * One set of statements however many items: an erasure request's one item and a disposal's thousands
 * go the same way. Returns the versions erased.
 */
export async function eraseItemText(tx: Tx, which: SQL, { copies }: { copies: "every" | "none" }): Promise<string[]> {
  const versions = await tx
    .update(recordItems)
    .set({
      text: ERASED,
      erasedAt: new Date(),
      disputeNote: sql`case when ${recordItems.disputeNote} is null then null else ${ERASED} end`,
      correctionReason: sql`case when ${recordItems.correctionReason} is null then null else ${ERASED} end`,
    })
    .where(and(which, isNull(recordItems.erasedAt)))
    .returning({ id: recordItems.id });
  const ids = versions.map((v) => v.id);
  if (!ids.length) return ids;
  await tx
    .update(chronologyEntries)
    .set({ summary: ERASED })
    .where(and(sql`${chronologyEntries.refType} = 'record_item'`, anyOf(chronologyEntries.refId, ids)));
  if (copies === "every") await tx.update(disclosureItems).set({ text: ERASED }).where(anyOf(disclosureItems.sourceItemId, ids));
  await tx
    .update(rightsItemActions)
    .set({ reason: ERASED })
    .where(and(anyOf(rightsItemActions.itemId, ids), inArray(rightsItemActions.kind, ["STATEMENT_ADDED"])));
  await tx.update(rightsItemReviews).set({ redactions: [] }).where(anyOf(rightsItemReviews.itemId, ids));
  return ids;
}
