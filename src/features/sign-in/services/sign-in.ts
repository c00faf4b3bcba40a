import { eq, sql } from "drizzle-orm";
import { snapshotOf } from "../../../platform/audit/events";
import { inTransaction } from "../../../platform/audit/write";
import { type Role, type SecondFactorOwed, secondFactorOwed } from "../../../platform/auth/roles";
import { burnPasswordCheck, verifyPassword } from "../../../platform/crypto/hashing";
import type { Db } from "../../../platform/db/client";
import { normalisedEmail } from "../../../platform/text";
import { organisations, users } from "../../organisations-and-users/schema";
import type { SignInFailure } from "../audit-events";
import { giveBackAttempts, recordFailedAttempt, recordRefusedAttempt, takeAttempt } from "./attempts";

export type SignInResult = { ok: true; userId: string; secondFactor: SecondFactorOwed } | { ok: false; reason: SignInFailure };

/**
 * Checks an email and password. Repeated failures lock the account for a while (ASVS 2.2.1), and a
 * locked second factor stops sign-in as surely; the caller shows the same message for every failure
 * so accounts cannot be enumerated and nobody learns which part was wrong.
 */
export async function signInWithPassword(db: Db, email: string, password: string, now = new Date()): Promise<SignInResult> {
  const [user] = await db
    .select({
      id: users.id,
      organisationId: users.organisationId,
      passwordHash: users.passwordHash,
      roles: users.roles,
      mfaEnabledAt: users.mfaEnabledAt,
      secondFactorLockedUntil: users.secondFactorLockedUntil,
      deactivatedAt: users.deactivatedAt,
    })
    .from(users)
    .where(eq(sql`lower(${users.email})`, normalisedEmail(email)));

  const refusal: SignInFailure | undefined = !user
    ? "unknown_email"
    : user.deactivatedAt
      ? "deactivated"
      : !user.passwordHash
        ? "no_password"
        : user.mfaEnabledAt && user.secondFactorLockedUntil && user.secondFactorLockedUntil > now
          ? "second_factor_locked"
          : undefined;
  const account = user && { id: user.id, organisationId: user.organisationId };
  const attempt = account && !refusal ? await takeAttempt(db, account, "password", now) : undefined;
  if (!user || !attempt) {
    // Same work as a real check, so timing does not tell these apart from a wrong password.
    await burnPasswordCheck(password);
    const reason = refusal ?? "locked";
    await recordRefusedAttempt(db, account, reason);
    return { ok: false, reason };
  }
  if (!(await verifyPassword(user.passwordHash!, password))) {
    await recordFailedAttempt(db, attempt, "wrong_password");
    return { ok: false, reason: "wrong_password" };
  }
  await giveBackAttempts(db, user.id, "password");
  const secondFactor = secondFactorOwed({ passed: false, enrolled: !!user.mfaEnabledAt, roles: user.roles as Role[] });
  return { ok: true, userId: user.id, secondFactor };
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
