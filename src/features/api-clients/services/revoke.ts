import { and, eq, isNull } from "drizzle-orm";
import { type ActorSnapshot, snapshotOf } from "../../../platform/audit/events";
import { inTransaction } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import type { Db } from "../../../platform/db/client";
import type {} from "../audit-events";
import type { RevocationReason } from "../domain/revocation";
import { apiClients } from "../schema";
import { loadApiClient, stopLiveTokens } from "./clients";

const CHECKED_ON_USE: ActorSnapshot = { kind: "system", name: "API client check" };

/**
 * Revokes a client and every token it has, once: a second revocation (two calls racing on a client
 * whose agreement just left force) changes nothing and records nothing. `by` is the administrator,
 * or none when Safeshare revokes it itself, on a call, for the reason given.
 */
export async function revokeClient(db: Db, clientId: string, reason: RevocationReason, by?: Actor): Promise<void> {
  const now = new Date();
  await inTransaction(db, async (tx, audit) => {
    const [revoked] = await tx
      .update(apiClients)
      .set({ revokedAt: now, revocation: reason })
      .where(and(eq(apiClients.id, clientId), isNull(apiClients.revokedAt)))
      .returning({ organisationId: apiClients.organisationId });
    if (!revoked) return;
    await stopLiveTokens(tx, clientId, now);
    audit.record(
      by ? snapshotOf(by) : CHECKED_ON_USE,
      { type: "api_client.revoked", entity: { type: "api_client", id: clientId }, details: { reason } },
      revoked.organisationId,
    );
  });
}

/** An administrator revokes a client of their organisation (a 404 for any other). */
export async function revokeApiClient(db: Db, actor: Actor, clientId: string): Promise<void> {
  await loadApiClient(db, actor, clientId);
  await revokeClient(db, clientId, "revoked", actor);
}
