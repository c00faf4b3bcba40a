import { and, eq } from "drizzle-orm";
import { snapshotOf } from "../../../platform/audit/events";
import { inTransaction } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import type { Db, Tx } from "../../../platform/db/client";
import { visibleTo } from "../../../platform/db/scope";
import { ConflictError } from "../../../platform/errors";
import { recordItems } from "../../records/schema";
import type {} from "../audit-events";
import { changeProblem } from "../domain/transitions";
import { ITEM_ACTIONS_FOR, type ItemAction } from "../domain/vocabulary";
import { rightsItemActions } from "../schema";
import { loadRightsRequest } from "./load-requests";
import { type Notice, notifyRecipients } from "./notify-recipients";
import { chronicleStep } from "./record-step";
import { attachedItem } from "./request-items";

/**
 * What every action on an item for a rectification, restriction or erasure request does (UK GDPR
 * Arts 16–19; docs/domain.md §6): the change, recorded with its reason, and every organisation the
 * item was disclosed to told of it (Art 19). Each action is in its own module and runs through `act`.
 */

/**
 * The request, of a type this action belongs to, being worked on for a verified requester (an
 * impostor must not be able to have a child's record changed or erased); and the item, the current
 * version, about someone attached to it.
 */
export async function requestAndItem(db: Db, actor: Actor, requestId: string, itemId: string, action: ItemAction) {
  const request = await loadRightsRequest(db, actor, requestId);
  if (!ITEM_ACTIONS_FOR[request.type].includes(action))
    throw new ConflictError(`This is not something a ${request.type.toLowerCase().replaceAll("_", " ")} request does`);
  const problem = changeProblem(request);
  if (problem) throw new ConflictError(problem);
  const item = await attachedItem(db, actor, request, itemId);
  if (item.erasedAt) throw new ConflictError("This item has been erased");
  if (item.accuracy === "CORRECTED") throw new ConflictError("This is an earlier version: act on the current one");
  return { request, item };
}

async function recordAction(
  tx: Tx,
  actor: Actor,
  requestId: string,
  itemId: string,
  kind: typeof rightsItemActions.$inferInsert.kind,
  reason: string,
  requesterToldOn?: string,
) {
  await tx
    .insert(rightsItemActions)
    .values({ requestId, itemId, kind, reason, requesterToldOn: requesterToldOn ?? null, byUserId: actor.userId, byName: actor.name });
}

type ActionKind = typeof rightsItemActions.$inferInsert.kind;

/**
 * The change to the item, the action recorded against the request and the notices to recipients,
 * in one transaction: a correction is never made without the record of why, nor without telling.
 */
export async function act(
  db: Db,
  actor: Actor,
  on: { request: { id: string; publicReference: string }; item: { id: string; subjectId: string; lineageId: string } },
  step: { kind: ActionKind; reason: string; requesterToldOn?: string },
  change: (tx: Tx) => Promise<unknown>,
  notice: Notice | null,
): Promise<number> {
  const { kind, reason, requesterToldOn } = step;
  const requestId = on.request.id;
  const itemId = on.item.id;
  const now = new Date();
  return inTransaction(db, async (tx, audit) => {
    await change(tx);
    await recordAction(tx, actor, requestId, itemId, kind, reason, requesterToldOn);
    // The reason, never the item's text or the person's statement: an erased item's words must not survive on the timeline.
    const summary = kind === "STATEMENT_ADDED" ? "The person's statement is recorded beside the item" : reason;
    await chronicleStep(tx, actor, on.request, { kind: `RIGHTS_${kind}`, title: kind, summary }, [on.item.subjectId]);
    const itemIds = notice?.items?.() ?? (await lineageIds(tx, actor, on.item.lineageId));
    const notified = notice ? await notifyRecipients(tx, actor, requestId, { subjectId: on.item.subjectId, itemIds }, notice, now) : 0;
    audit.record(snapshotOf(actor), {
      type: "rights_request.item_action",
      entity: { type: "rights_request", id: requestId },
      details: { itemId, kind, recipientsNotified: notified },
    });
    return notified;
  });
}

async function lineageIds(tx: Tx, actor: Actor, lineageId: string) {
  const rows = await tx
    .select({ id: recordItems.id })
    .from(recordItems)
    .where(and(eq(recordItems.lineageId, lineageId), visibleTo(actor, recordItems)));
  return rows.map((r) => r.id);
}

/** The item changed only if it is still as it was checked: a second, concurrent request is a 409. */
export async function changed<T>(rows: Promise<T[]>, conflict: string): Promise<void> {
  if (!(await rows).length) throw new ConflictError(conflict);
}
