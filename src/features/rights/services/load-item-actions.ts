import { and, eq, sql } from "drizzle-orm";
import type { Actor } from "../../../platform/auth/actor";
import type { Db } from "../../../platform/db/client";
import { visibleTo } from "../../../platform/db/scope";
import { organisations } from "../../organisations-and-users/schema";
import { recipientNotices, rightsItemActions } from "../schema";
import { type RightsRequestView, requestFor } from "./load-requests";

/**
 * What has been done for a request, item by item, and which organisations were told and have
 * acknowledged: the list a requester may ask for (Art 19). The actions themselves are rectify-item.ts,
 * restrict-item.ts and erase-item.ts.
 */
export async function loadItemActions(db: Db, actor: Actor, requestOrId: string | RightsRequestView) {
  const requestId = (await requestFor(db, actor, requestOrId)).id;
  const [actions, notices] = await Promise.all([
    db.select().from(rightsItemActions).where(eq(rightsItemActions.requestId, requestId)).orderBy(rightsItemActions.at),
    db
      .select({
        itemId: recipientNotices.itemId,
        kind: recipientNotices.kind,
        recipient: organisations.name,
        sent: sql<number>`count(*)::int`,
        acknowledged: sql<number>`count(${recipientNotices.acknowledgedAt})::int`,
      })
      .from(recipientNotices)
      .innerJoin(organisations, eq(organisations.id, recipientNotices.recipientOrganisationId))
      .where(and(eq(recipientNotices.requestId, requestId), visibleTo(actor, recipientNotices, "sender")))
      .groupBy(recipientNotices.itemId, recipientNotices.kind, organisations.name)
      .orderBy(organisations.name),
  ]);
  return { actions, notices };
}
