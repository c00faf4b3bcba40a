import { and, eq, isNotNull, isNull } from "drizzle-orm";
import type { Actor } from "../../../platform/auth/actor";
import { today } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { ConflictError, ValidationError } from "../../../platform/errors";
import { recordItems } from "../../records/schema";
import { liftInput, reasonInput } from "../domain/inputs";
import { act, changed, requestAndItem } from "./act-on-item";

/** Restriction: the item may be stored but not shared (R-RESTRICTED) until lifted. */
export async function restrictForRequest(db: Db, actor: Actor, requestId: string, itemId: string, raw: unknown): Promise<number> {
  const { reason } = reasonInput.parse(raw);
  const { request, item } = await requestAndItem(db, actor, requestId, itemId, "restrict");
  return act(
    db,
    actor,
    { request, item },
    { kind: "RESTRICTED", reason },
    (tx) =>
      changed(
        tx
          .update(recordItems)
          .set({ restrictedAt: new Date() })
          .where(and(eq(recordItems.id, itemId), isNull(recordItems.restrictedAt)))
          .returning({ id: recordItems.id }),
        "This item is already restricted",
      ),
    {
      kind: "RESTRICTED",
      say: () =>
        "The use of information we sent you is restricted while a request about it is settled: keep it, but do not use or share it.",
    },
  );
}

/** Lifting a restriction: only after telling the requester, on or after the day it was restricted. */
export async function liftRestriction(db: Db, actor: Actor, requestId: string, itemId: string, raw: unknown): Promise<number> {
  const { reason, requesterToldOn } = liftInput.parse(raw);
  const { request, item } = await requestAndItem(db, actor, requestId, itemId, "restrict");
  if (!item.restrictedAt) throw new ConflictError("This item is not restricted");
  if (requesterToldOn < today(item.restrictedAt))
    throw new ValidationError([
      { path: "/requesterToldOn", message: "The requester is told after the item was restricted, before it is lifted" },
    ]);
  return act(
    db,
    actor,
    { request, item },
    { kind: "RESTRICTION_LIFTED", reason, requesterToldOn },
    (tx) =>
      changed(
        tx
          .update(recordItems)
          .set({ restrictedAt: null })
          .where(and(eq(recordItems.id, itemId), isNotNull(recordItems.restrictedAt)))
          .returning({ id: recordItems.id }),
        "This item is not restricted",
      ),
    { kind: "RESTRICTION_LIFTED", say: () => "The restriction on information we sent you has been lifted." },
  );
}
