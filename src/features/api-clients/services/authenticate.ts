import { differenceInMinutes } from "date-fns";
import { eq, sql } from "drizzle-orm";
import type { Actor } from "../../../platform/auth/actor";
import type { Role } from "../../../platform/auth/roles";
import { tokenHash } from "../../../platform/crypto/hashing";
import { today } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { queryPrepared } from "../../../platform/db/prepared";
import { TokenRejectedError } from "../../../platform/errors";
import { agreementStandingFor } from "../../agreements";
import { organisations, users } from "../../organisations-and-users/schema";
import { API_CLIENTS_MESSAGES } from "../domain/messages";
import { TOKEN_PATTERN } from "../domain/token";
import { apiClients, apiTokens } from "../schema";
import { revokeClient } from "./revoke";

/** A token's last use is written down at most this often, so each call is not also a write. */
const LAST_USED_INTERVAL_MINUTES = 5;

const say = API_CLIENTS_MESSAGES.en.refusal;

interface TokenRow {
  tokenRevokedAt: Date | null;
  lastUsedAt: Date | null;
  clientId: string;
  clientName: string;
  clientRoles: string[];
  scopes: string[];
  agreementId: string | null;
  expiresAt: Date;
  clientRevokedAt: Date | null;
  userId: string;
  userName: string;
  userRoles: string[];
  deactivatedAt: Date | null;
  organisationId: string;
  organisationName: string;
}

export interface TokenHolder {
  actor: Actor & { apiClient: NonNullable<Actor["apiClient"]> };
  scopes: string[];
}

/**
 * Resolves a bearer token to the client it was issued to, acting for its responsible person with the
 * roles the client was given that the person still holds, so a token never reaches further than a
 * person of its organisation could. Refused: an unknown token, a rotated or revoked one, a client past
 * its expiry, one whose responsible person has left, or whose agreement is no longer in force (those
 * two revoke the client, once). Each refusal says which, since only the token's holder reads it.
 */
export async function authenticateToken(db: Db, token: string, address: string, now = new Date()): Promise<TokenHolder> {
  if (!TOKEN_PATTERN.test(token)) throw new TokenRejectedError(say.unknown);
  const hash = tokenHash(token);
  // Every call by a partner system runs this, so it is a prepared statement (db/prepared.ts).
  const [row] = await queryPrepared<TokenRow>(
    db,
    sql`select t.revoked_at as "tokenRevokedAt", t.last_used_at as "lastUsedAt",
          c.id as "clientId", c.name as "clientName", c.roles::text[] as "clientRoles", c.scopes, c.agreement_id as "agreementId",
          c.expires_at as "expiresAt", c.revoked_at as "clientRevokedAt",
          u.id as "userId", u.name as "userName", u.roles::text[] as "userRoles", u.deactivated_at as "deactivatedAt",
          o.id as "organisationId", o.name as "organisationName"
     from ${apiTokens} t join ${apiClients} c on c.id = t.client_id
     join ${users} u on u.id = c.responsible_user_id join ${organisations} o on o.id = c.organisation_id
    where t.token_hash = ${hash}`,
  );
  if (!row) throw new TokenRejectedError(say.unknown);
  if (row.clientRevokedAt) throw new TokenRejectedError(say.revoked);
  if (row.tokenRevokedAt) throw new TokenRejectedError(say.rotated);
  if (row.expiresAt <= now) throw new TokenRejectedError(say.expired);
  if (row.deactivatedAt) {
    await revokeClient(db, row.clientId, "responsible_person_left");
    throw new TokenRejectedError(say.responsiblePersonLeft);
  }
  let agreement: { id: string; reference: string } | null = null;
  if (row.agreementId) {
    const standing = await agreementStandingFor(db, row.agreementId, row.organisationId, today(now));
    if (!standing?.party || standing.notInForceReason) {
      await revokeClient(db, row.clientId, "agreement_not_in_force");
      throw new TokenRejectedError(say.agreementNotInForce);
    }
    agreement = { id: row.agreementId, reference: standing.reference };
  }
  if (!row.lastUsedAt || differenceInMinutes(now, row.lastUsedAt) >= LAST_USED_INTERVAL_MINUTES) {
    await db.update(apiTokens).set({ lastUsedAt: now, lastUsedAddress: address }).where(eq(apiTokens.tokenHash, hash));
  }
  const roles = row.clientRoles.filter((r) => row.userRoles.includes(r)) as Role[];
  return {
    scopes: row.scopes,
    actor: {
      userId: row.userId,
      name: row.userName,
      roles,
      organisationId: row.organisationId,
      organisationName: row.organisationName,
      apiClient: { id: row.clientId, name: row.clientName, agreement },
    },
  };
}
