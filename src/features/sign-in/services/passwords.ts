import { and, eq, gt, isNull } from "drizzle-orm";
import { snapshotOf } from "../../../platform/audit/events";
import { inTransaction } from "../../../platform/audit/write";
import { hashPassword, tokenHash } from "../../../platform/crypto/hashing";
import type { Db } from "../../../platform/db/client";
import { NotFoundError, ValidationError } from "../../../platform/errors";
import { invitations, organisations, users } from "../../organisations-and-users/schema";
import type {} from "../audit-events";
import { checkPassword, type PasswordContext } from "../domain/password-policy";
import { estimatePasswordStrength } from "./password-strength";
import { confirmPassword } from "./reauthenticate";
import { createSession, endAllSessionsOf, type LoadedSession } from "./sessions";

/** Applies the password policy; throws a field error saying in plain English what is wrong. */
export function assertAcceptablePassword(password: string, context: PasswordContext, path = "/password"): void {
  const problem = checkPassword(password, context, estimatePasswordStrength);
  if (problem) throw new ValidationError([{ path, message: problem }]);
}

function assertConfirmed(password: string, confirmation: string): void {
  if (password !== confirmation) throw new ValidationError([{ path: "/confirmPassword", message: "Passwords do not match" }]);
}

/** A one-time link still usable: an invitation (no password yet) or a reset (`hasPassword`). */
export async function loadInvitation(db: Db, token: string, now = new Date()) {
  const [invitation] = await db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      organisationName: organisations.name,
      passwordHash: users.passwordHash,
    })
    .from(invitations)
    .innerJoin(users, eq(users.id, invitations.userId))
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(
      and(
        eq(invitations.tokenHash, tokenHash(token)),
        isNull(invitations.usedAt),
        gt(invitations.expiresAt, now),
        isNull(users.deactivatedAt),
      ),
    );
  if (!invitation) throw new NotFoundError("This link has expired or has already been used. It");
  const { passwordHash, ...shown } = invitation;
  return { ...shown, hasPassword: !!passwordHash };
}

/**
 * The person chooses their password through a one-time link: the link then stops working, and
 * for a reset every session of theirs ends (whoever was signed in as them is signed out).
 */
export async function acceptInvitation(db: Db, token: string, password: string, confirmation: string): Promise<void> {
  const invitation = await loadInvitation(db, token);
  assertAcceptablePassword(password, invitation);
  assertConfirmed(password, confirmation);
  const passwordHash = await hashPassword(password);
  await inTransaction(db, async (tx, audit) => {
    // Claimed first and only if still unused, so two submissions of one link cannot both set a password.
    const [claimed] = await tx
      .update(invitations)
      .set({ usedAt: new Date() })
      .where(and(eq(invitations.tokenHash, tokenHash(token)), isNull(invitations.usedAt)))
      .returning({ userId: invitations.userId });
    if (!claimed) throw new NotFoundError("This link has expired or has already been used. It");
    // A lockout earned by wrong guesses at the old password does not hold against the new one. The
    // second factor's lockout stays: a reset link says nothing about who holds the authenticator app.
    await tx
      .update(users)
      .set({ passwordHash, failedSignIns: 0, lockedUntil: null, updatedAt: new Date() })
      .where(eq(users.id, invitation.userId));
    await endAllSessionsOf(tx, invitation.userId);
    const entity = { type: "user", id: invitation.userId } as const;
    audit.record(
      { kind: "anonymous" },
      invitation.hasPassword
        ? { type: "auth.password_reset", entity, details: {} }
        : { type: "auth.password_set", entity, details: { via: "invitation" } },
    );
  });
}

/**
 * A signed-in person changes their own password. The current one is checked again (wrong ones
 * count towards lockout); every session of theirs ends, and the one they are using is replaced by
 * a fresh token, returned for the cookie.
 */
export async function changeOwnPassword(
  db: Db,
  session: Pick<LoadedSession, "actor" | "secondFactorPassed" | "startedAt">,
  input: { currentPassword: string; newPassword: string; confirmPassword?: string },
): Promise<string> {
  const { actor } = session;
  await confirmPassword(db, actor, input.currentPassword, new Date(), "/currentPassword");
  const [user] = await db.select({ email: users.email }).from(users).where(eq(users.id, actor.userId));
  assertAcceptablePassword(
    input.newPassword,
    { name: actor.name, email: user!.email, organisationName: actor.organisationName },
    "/newPassword",
  );
  if (input.confirmPassword !== undefined) assertConfirmed(input.newPassword, input.confirmPassword);
  const passwordHash = await hashPassword(input.newPassword);
  return inTransaction(db, async (tx, audit) => {
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, actor.userId));
    await endAllSessionsOf(tx, actor.userId);
    audit.record(snapshotOf(actor), { type: "auth.password_changed", entity: { type: "user", id: actor.userId }, details: {} });
    // The same sign-in with a new token: a password-only session stays password-only (a role needing a
    // second factor gained later must still ask for one) and the absolute timeout still counts from signing in.
    return createSession(tx, actor.userId, session.secondFactorPassed, session.startedAt);
  });
}
