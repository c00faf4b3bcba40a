import { addMinutes } from "date-fns";
import { eq, sql } from "drizzle-orm";
import { type SignInFailure, snapshotOf } from "../audit/events";
import { inTransaction, recordEvent } from "../audit/write";
import type { Db } from "../db/client";
import { organisations, users } from "../db/schema";
import { normalisedEmail } from "../domain/inputs";
import { type Role, requiresMfa } from "../domain/roles";
import { burnPasswordCheck, verifyPassword } from "./secrets";

export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MINUTES = 15;

export type SignInResult = { ok: true; userId: string; secondFactor: "verify" | "enrol" | "none" } | { ok: false; reason: SignInFailure };

/**
 * Checks an email and password. Repeated failures lock the account for a while (ASVS 2.2.1);
 * the caller shows the same message for every failure so accounts cannot be enumerated.
 */
export async function signInWithPassword(db: Db, email: string, password: string, now = new Date()): Promise<SignInResult> {
  const [user] = await db
    .select({
      id: users.id,
      organisationId: users.organisationId,
      passwordHash: users.passwordHash,
      roles: users.roles,
      mfaEnabledAt: users.mfaEnabledAt,
      failedSignIns: users.failedSignIns,
      lockedUntil: users.lockedUntil,
      deactivatedAt: users.deactivatedAt,
    })
    .from(users)
    .where(eq(sql`lower(${users.email})`, normalisedEmail(email)));

  if (!user) {
    await burnPasswordCheck(password);
    return fail(db, undefined, "unknown_email");
  }
  if (user.lockedUntil && user.lockedUntil > now) {
    await burnPasswordCheck(password);
    return fail(db, user, "locked");
  }
  if (user.deactivatedAt) {
    await burnPasswordCheck(password);
    return fail(db, user, "deactivated");
  }
  if (!user.passwordHash) {
    await burnPasswordCheck(password);
    return fail(db, user, "no_password");
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    await recordWrongPassword(db, user, now);
    return { ok: false, reason: "wrong_password" };
  }
  await db.update(users).set({ failedSignIns: 0, lockedUntil: null }).where(eq(users.id, user.id));
  const secondFactor = user.mfaEnabledAt ? "verify" : requiresMfa(user.roles as Role[]) ? "enrol" : "none";
  return { ok: true, userId: user.id, secondFactor };
}

type Account = { id: string; organisationId: string };

/** Failed attempts on a known account belong to that account's organisation's audit trail. */
async function fail(db: Db, account: Account | undefined, reason: SignInFailure): Promise<SignInResult> {
  await recordEvent(
    db,
    { kind: "anonymous" },
    { type: "auth.sign_in_failed", ...(account ? { entity: { type: "user", id: account.id } } : {}), details: { reason } },
    account?.organisationId,
  );
  return { ok: false, reason };
}

/** Counts a wrong password or second factor; the fifth in a row locks the account. */
export async function recordWrongPassword(
  db: Db,
  account: Account,
  now: Date,
  reason: "wrong_password" | "wrong_second_factor" = "wrong_password",
): Promise<void> {
  const { id: userId, organisationId } = account;
  await inTransaction(db, async (tx, audit) => {
    const [updated] = await tx
      .update(users)
      .set({ failedSignIns: sql`${users.failedSignIns} + 1` })
      .where(eq(users.id, userId))
      .returning({ failedSignIns: users.failedSignIns });
    const anonymous = { kind: "anonymous" } as const;
    audit.record(anonymous, { type: "auth.sign_in_failed", entity: { type: "user", id: userId }, details: { reason } }, organisationId);
    if (updated && updated.failedSignIns >= MAX_FAILED_SIGN_INS) {
      const until = addMinutes(now, LOCKOUT_MINUTES);
      await tx.update(users).set({ lockedUntil: until, failedSignIns: 0 }).where(eq(users.id, userId));
      const details = { failures: updated.failedSignIns, until: until.toISOString() };
      audit.record(anonymous, { type: "auth.locked_out", entity: { type: "user", id: userId }, details }, organisationId);
    }
  });
}

/** The moment a person is fully signed in: stamped on their account and in the audit log. */
export async function completeSignIn(db: Db, userId: string, secondFactor: "none" | "totp" | "recovery_code"): Promise<void> {
  const [who] = await db
    .select({ name: users.name, roles: users.roles, organisationId: organisations.id, organisationName: organisations.name })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(users.id, userId));
  await inTransaction(db, async (tx, audit) => {
    await tx.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, userId));
    // From this moment the person is known: they are the actor of their own sign-in.
    audit.record(snapshotOf({ userId, ...who!, roles: who!.roles as Role[] }), {
      type: "auth.signed_in",
      entity: { type: "user", id: userId },
      details: { secondFactor },
    });
  });
}
