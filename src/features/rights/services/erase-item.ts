import { and, eq, inArray, type SQL } from "drizzle-orm";
import type { Actor } from "../../../platform/auth/actor";
import type { Db, Tx } from "../../../platform/db/client";
import { visibleTo } from "../../../platform/db/scope";
import { ConflictError } from "../../../platform/errors";
import { recordItems } from "../../records/schema";
import { assertFilesNotHeld, eraseItemText } from "../../retention";
import { erasureInput } from "../domain/inputs";
import { recipientNotices } from "../schema";
import { act, requestAndItem } from "./act-on-item";

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
      erased = await eraseLineage(tx, actor, item.subjectId, item.lineageId);
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
 * disclosed copy, and whatever quoted it (retention's `eraseItemText`, shared with disposal), and
 * earlier notices to recipients about it. Refused while a legal hold covers the person's file
 * (RET-HOLD). Returns the versions erased, so that recipients of any of them are told.
 */
async function eraseLineage(tx: Tx, actor: Actor, subjectId: string, lineageId: string) {
  await assertFilesNotHeld(tx, [subjectId], "This item cannot be erased");
  const ids = await eraseItemText(tx, and(eq(recordItems.lineageId, lineageId), visibleTo(actor, recordItems)) as SQL, { copies: "every" });
  if (!ids.length) return ids;
  await tx
    .update(recipientNotices)
    .set({ text: "Information we sent you, and told you about here, was later erased at the person's request." })
    .where(and(inArray(recipientNotices.itemId, ids), inArray(recipientNotices.kind, ["CORRECTED", "DISPUTED"])));
  return ids;
}
