import { and, eq, gt, isNull } from "drizzle-orm";
import { inTransaction } from "../audit/write";
import type { Db } from "../db/client";
import { invitations, organisations, users } from "../db/schema";
import { NotFoundError, ValidationError } from "../domain/errors";
import { checkPassword, type PasswordContext } from "../domain/password-policy";
import { estimatePasswordStrength } from "./password-strength";
import { hashPassword, tokenHash } from "./secrets";

/** Applies the password policy; throws a field error saying in plain English what is wrong. */
export function assertAcceptablePassword(password: string, context: PasswordContext, path = "/password"): void {
  const problem = checkPassword(password, context, estimatePasswordStrength);
  if (problem) throw new ValidationError([{ path, message: problem }]);
}

export async function findInvitation(db: Db, token: string, now = new Date()) {
  const [invitation] = await db
    .select({ userId: users.id, name: users.name, email: users.email, organisationName: organisations.name })
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
  if (!invitation) throw new NotFoundError("This invitation link has expired or has already been used. It");
  return invitation;
}

/** The invited person chooses their password; the link then stops working. */
export async function acceptInvitation(db: Db, token: string, password: string, confirmation: string): Promise<void> {
  const invitation = await findInvitation(db, token);
  assertAcceptablePassword(password, invitation);
  if (password !== confirmation) {
    throw new ValidationError([{ path: "/confirmPassword", message: "Passwords do not match" }]);
  }
  const passwordHash = await hashPassword(password);
  await inTransaction(db, async (tx, audit) => {
    await tx.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, invitation.userId));
    await tx
      .update(invitations)
      .set({ usedAt: new Date() })
      .where(eq(invitations.tokenHash, tokenHash(token)));
    audit.record(
      { kind: "anonymous" },
      {
        type: "auth.password_set",
        entity: { type: "user", id: invitation.userId },
        details: { via: "invitation" },
      },
    );
  });
}
