import { addHours, addMinutes, differenceInMilliseconds } from "date-fns";
import { eq, lt, or, sql } from "drizzle-orm";
import { snapshotOf } from "../../../platform/audit/events";
import { inTransaction, recordEvent } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import { type Role, type SecondFactorOwed, secondFactorOwed } from "../../../platform/auth/roles";
import { randomToken, tokenHash } from "../../../platform/crypto/hashing";
import type { Db, Queryable } from "../../../platform/db/client";
import { queryPrepared } from "../../../platform/db/prepared";
import type { SessionStage } from "../../../platform/http/auth/plugin";
import { organisations, users } from "../../organisations-and-users/schema";
import type {} from "../audit-events";
import { sessions } from "../schema";

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

/** Where a signed-in person stands: fully in, or still owing a second factor. */

const STAGE_OWING = { none: "full", verify: "second_factor", enrol: "enrol" } as const satisfies Record<SecondFactorOwed, SessionStage>;

export interface LoadedSession {
  tokenHash: Buffer;
  stage: SessionStage;
  actor: Actor;
  email: string;
  mfaEnabled: boolean;
  /** Whether a second factor was checked in this session (not merely whether the user has one). */
  secondFactorPassed: boolean;
  /** When the person signed in: the absolute timeout counts from here. */
  startedAt: Date;
}

/**
 * A fresh token on every sign-in, so a token planted before sign-in is worthless afterwards.
 * `secondFactorPassed` only when a second factor was actually checked: a password-only session
 * must not count as verified, or a role needing a second factor gained later would skip it.
 * `startedAt` is for a token that replaces one of the same sign-in (a password change), so the
 * absolute timeout still counts from signing in and cannot be escaped by replacing the token.
 */
export async function createSession(db: Queryable, userId: string, secondFactorPassed: boolean, startedAt?: Date): Promise<string> {
  const token = randomToken();
  await db.insert(sessions).values({
    tokenHash: tokenHash(token),
    userId,
    mfaVerifiedAt: secondFactorPassed ? new Date() : null,
    ...(startedAt ? { createdAt: startedAt } : {}),
  });
  return token;
}

interface SessionRow {
  createdAt: Date;
  lastSeenAt: Date;
  mfaVerifiedAt: Date | null;
  userId: string;
  name: string;
  email: string;
  roles: string[];
  mfaEnabledAt: Date | null;
  deactivatedAt: Date | null;
  organisationId: string;
  organisationName: string;
}

/**
 * How often a session's last activity is written down. Idle expiry counts from the written time, so
 * it can come early by up to this much: a sixtieth of the idle limit (30 seconds of 30 minutes, one
 * second of one minute), never the whole minute it once was, while most requests stay reads.
 */
function touchIntervalMs(policy: SessionPolicy): number {
  return Math.min(60_000, policy.idleMinutes * 1000);
}

/** Loads a session, ending it when idle or absolute expiry has passed (ASVS 3.3). */
export async function loadSession(db: Db, token: string, policy: SessionPolicy, now = new Date()): Promise<LoadedSession | undefined> {
  const hash = tokenHash(token);
  // Every request runs this, so it is a prepared statement (db/prepared.ts).
  const [row] = await queryPrepared<SessionRow>(
    db,
    sql`select s.created_at as "createdAt", s.last_seen_at as "lastSeenAt", s.mfa_verified_at as "mfaVerifiedAt",
          u.id as "userId", u.name, u.email, u.roles::text[] as roles, u.mfa_enabled_at as "mfaEnabledAt", u.deactivated_at as "deactivatedAt",
          o.id as "organisationId", o.name as "organisationName"
     from ${sessions} s join ${users} u on u.id = s.user_id join ${organisations} o on o.id = u.organisation_id
    where s.token_hash = ${hash}`,
  );
  if (!row) return undefined;

  const expiry = row.deactivatedAt
    ? "deactivated"
    : addMinutes(row.lastSeenAt, policy.idleMinutes) <= now
      ? "idle"
      : addHours(row.createdAt, policy.absoluteHours) <= now
        ? "absolute"
        : undefined;
  if (expiry) {
    await db.delete(sessions).where(eq(sessions.tokenHash, hash));
    // Deactivation was audited when it happened; timeouts are recorded here, in the user's organisation's trail.
    if (expiry !== "deactivated") {
      await recordEvent(
        db,
        { kind: "system", name: "session expiry" },
        {
          type: "auth.signed_out",
          entity: { type: "user", id: row.userId },
          details: { reason: expiry },
        },
        row.organisationId,
      );
    }
    return undefined;
  }
  if (differenceInMilliseconds(now, row.lastSeenAt) >= touchIntervalMs(policy)) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.tokenHash, hash));
  }
  // Roles are the user's as they are now (read in the statement above, never cached in the session),
  // so gaining a role that needs a second factor, or losing any role, takes effect on this request.
  const roles = row.roles as Role[];
  const stage = STAGE_OWING[secondFactorOwed({ passed: !!row.mfaVerifiedAt, enrolled: !!row.mfaEnabledAt, roles })];
  return {
    tokenHash: hash,
    stage,
    email: row.email,
    mfaEnabled: !!row.mfaEnabledAt,
    secondFactorPassed: !!row.mfaVerifiedAt,
    startedAt: row.createdAt,
    actor: {
      userId: row.userId,
      name: row.name,
      roles,
      organisationId: row.organisationId,
      organisationName: row.organisationName,
    },
  };
}

export async function endSession(db: Db, hash: Buffer): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, hash));
}

/** The person signs out: their session ends and the sign-out is recorded, together. */
export async function signOut(db: Db, session: { tokenHash: Buffer; actor: Actor }): Promise<void> {
  await inTransaction(db, async (tx, audit) => {
    await tx.delete(sessions).where(eq(sessions.tokenHash, session.tokenHash));
    audit.record(snapshotOf(session.actor), {
      type: "auth.signed_out",
      entity: { type: "user", id: session.actor.userId },
      details: { reason: "user" },
    });
  });
}

/** Housekeeping: drops sessions that can no longer be used. */
export async function purgeExpiredSessions(db: Db, policy: SessionPolicy, now = new Date()): Promise<void> {
  await db
    .delete(sessions)
    .where(or(lt(sessions.lastSeenAt, addMinutes(now, -policy.idleMinutes)), lt(sessions.createdAt, addHours(now, -policy.absoluteHours))));
}

export async function endAllSessionsOf(db: Queryable, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}
