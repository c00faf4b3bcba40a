import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Actor } from "../../../platform/auth/actor";
import type { Db, Tx } from "../../../platform/db/client";
import { visibleTo } from "../../../platform/db/scope";
import { ConflictError } from "../../../platform/errors";
import { chronologyEntries, recordItems } from "../../records/schema";
import { disclosureItems } from "../../sharing/schema";
import { erasureInput } from "../domain/inputs";
import { recipientNotices, rightsItemActions, rightsItemReviews } from "../schema";
import { act, requestAndItem } from "./act-on-item";

/** What erased text becomes: the item keeps its row as a tombstone, its words gone from the record, the chronology and every copy. */
const ERASED = "[erased]";

/**
 * Erasure: decided with a recorded reason (usually refused where the processing is a public task or a
 * legal obligation). Granted, the text is erased from the record, the chronology and every disclosed
 * copy, every recipient is told to erase theirs, and the audit keeps only ids.
 */
export async function decideErasure(db: Db, actor: Actor, requestId: string, itemId: string, raw: unknown): Promise<number> {
  const { grant, reason } = erasureInput.parse(raw);
  const { request, item } = await requestAndItem(db, actor, requestId, itemId, "erasure");
  if (!grant) return act(db, actor, { request, item }, { kind: "ERASURE_REFUSED", reason }, async () => {}, null);
  let erased: string[] = [];
  return act(
    db,
    actor,
    { request, item },
    { kind: "ERASED", reason },
    async (tx) => {
      erased = await eraseLineage(tx, actor, item.lineageId);
      if (!erased.length) throw new ConflictError("This item has already been erased");
    },
    {
      kind: "ERASED",
      items: () => erased,
      say: () =>
        "Information we sent you has been erased at the person's request. Erase your copy, including anything you filed from it, unless you have your own reason to keep it.",
    },
  );
}

/**
 * Every version of the item (a correction keeps the old text), its chronology entries, every
 * disclosed copy, and whatever quoted it: earlier notices to recipients, the person's statement
 * about it and the access review's redacted phrases. Returns the versions erased, so that
 * recipients of any of them are told.
 */
async function eraseLineage(tx: Tx, actor: Actor, lineageId: string) {
  const versions = await tx
    .update(recordItems)
    .set({
      text: ERASED,
      erasedAt: new Date(),
      disputeNote: sql`case when ${recordItems.disputeNote} is null then null else ${ERASED} end`,
      correctionReason: sql`case when ${recordItems.correctionReason} is null then null else ${ERASED} end`,
    })
    .where(and(eq(recordItems.lineageId, lineageId), visibleTo(actor, recordItems), isNull(recordItems.erasedAt)))
    .returning({ id: recordItems.id });
  const ids = versions.map((v) => v.id);
  if (!ids.length) return ids;
  await tx
    .update(chronologyEntries)
    .set({ summary: ERASED })
    .where(and(eq(chronologyEntries.refType, "record_item"), inArray(chronologyEntries.refId, ids)));
  await tx.update(disclosureItems).set({ text: ERASED }).where(inArray(disclosureItems.sourceItemId, ids));
  await tx
    .update(recipientNotices)
    .set({ text: "Information we sent you, and told you about here, was later erased at the person's request." })
    .where(and(inArray(recipientNotices.itemId, ids), inArray(recipientNotices.kind, ["CORRECTED", "DISPUTED"])));
  await tx
    .update(rightsItemActions)
    .set({ reason: ERASED })
    .where(and(inArray(rightsItemActions.itemId, ids), eq(rightsItemActions.kind, "STATEMENT_ADDED")));
  await tx.update(rightsItemReviews).set({ redactions: [] }).where(inArray(rightsItemReviews.itemId, ids));
  return ids;
}
