import { addMinutes } from "date-fns";
import { and, eq, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import { snapshotOf } from "../../../platform/audit/events";
import { AuditTrail, recordEvent } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import type { Db } from "../../../platform/db/client";
import { users } from "../../organisations-and-users/schema";
import type { SignInFailure } from "../audit-events";

export const MAX_FAILED_ATTEMPTS = 5;
export const LOCKOUT_MINUTES = 15;

/**
 * Each factor has its own count and lock (ASVS 2.2.1), so the right password cannot reset the count
 * of wrong second factors, and guessing codes locks out as guessing passwords does.
 */
export type Factor = "password" | "second_factor";

const COUNTERS = {
  password: { count: users.failedSignIns, until: users.lockedUntil },
  second_factor: { count: users.failedSecondFactors, until: users.secondFactorLockedUntil },
} as const;

function counterValues(factor: Factor, count: SQL | number, until: SQL | null) {
  return factor === "password"
    ? { failedSignIns: count, lockedUntil: until }
    : { failedSecondFactors: count, secondFactorLockedUntil: until };
}

export type Account = { id: string; organisationId: string };

/** One counted attempt at a factor; `locking` when it was the last one allowed, so the factor is now locked. */
export interface Attempt {
  account: Account;
  factor: Factor;
  locking: boolean;
  until: Date | null;
}

/**
 * Counts an attempt *before* the secret is checked, in one atomic statement, so guesses sent in
 * parallel cannot all be checked before any of them is counted. The attempt that reaches the limit
 * locks the factor there and then (and restarts the count for after the lock); undefined means the
 * factor is locked and the secret must not be checked at all.
 */
export async function takeAttempt(db: Db, account: Account, factor: Factor, now: Date): Promise<Attempt | undefined> {
  const { count, until } = COUNTERS[factor];
  const reachesLimit = sql`${count} + 1 >= ${MAX_FAILED_ATTEMPTS}`;
  const lockUntil = addMinutes(now, LOCKOUT_MINUTES).toISOString();
  const [row] = await db
    .update(users)
    .set(
      counterValues(
        factor,
        sql`case when ${reachesLimit} then 0 else ${count} + 1 end`,
        sql`case when ${reachesLimit} then ${lockUntil}::timestamptz end`,
      ),
    )
    .where(and(eq(users.id, account.id), or(isNull(until), lte(until, now))))
    .returning({ until });
  if (!row) return undefined;
  return { account, factor, locking: row.until !== null, until: row.until };
}

/** The secret was right: the attempt is given back and the count starts again, lifting a lock this attempt set. */
export async function giveBackAttempts(db: Db, userId: string, factor: Factor): Promise<void> {
  await db
    .update(users)
    .set(counterValues(factor, 0, null))
    .where(eq(users.id, userId));
}

/** Audits a wrong secret, and the lockout when it was the attempt that reached the limit. */
export async function recordFailedAttempt(db: Db, attempt: Attempt, reason: SignInFailure, actor?: Actor): Promise<void> {
  const { account } = attempt;
  const who = actor ? snapshotOf(actor) : ({ kind: "anonymous" } as const);
  const entity = { type: "user", id: account.id } as const;
  const audit = new AuditTrail();
  audit.record(who, { type: "auth.sign_in_failed", entity, details: { reason } }, account.organisationId);
  if (attempt.locking) {
    const details = { failures: MAX_FAILED_ATTEMPTS, until: attempt.until!.toISOString() };
    const type = attempt.factor === "password" ? "auth.locked_out" : "auth.second_factor_locked_out";
    audit.record(who, { type, entity, details }, account.organisationId);
  }
  await audit.appendTo(db);
}

/** Audits an attempt refused without checking the secret (the factor is locked, or the account cannot sign in). */
export async function recordRefusedAttempt(db: Db, account: Account | undefined, reason: SignInFailure): Promise<void> {
  await recordEvent(
    db,
    { kind: "anonymous" },
    { type: "auth.sign_in_failed", ...(account ? { entity: { type: "user", id: account.id } } : {}), details: { reason } },
    account?.organisationId,
  );
}
