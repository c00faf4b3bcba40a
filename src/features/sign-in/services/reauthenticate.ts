import { eq } from "drizzle-orm";
import type { Actor } from "../../../platform/auth/actor";
import { burnPasswordCheck, verifyPassword } from "../../../platform/crypto/hashing";
import type { Db } from "../../../platform/db/client";
import { AccountLockedError, ValidationError } from "../../../platform/errors";
import { users } from "../../organisations-and-users/schema";
import { giveBackAttempts, LOCKOUT_MINUTES, recordFailedAttempt, takeAttempt } from "./attempts";

/**
 * Asks a signed-in person to prove again that they are at the keyboard before an act that binds
 * their organisation, such as signing an agreement (ASVS 3.7.1). Wrong passwords count towards the
 * same lockout as sign-in, so this is not a way round it.
 */
export async function confirmPassword(db: Db, actor: Actor, password: string, now = new Date(), path = "/password"): Promise<void> {
  const [user] = await db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, actor.userId));
  const account = { id: actor.userId, organisationId: actor.organisationId };
  const attempt = user?.passwordHash ? await takeAttempt(db, account, "password", now) : undefined;
  if (!attempt) {
    await burnPasswordCheck(password);
    throw new AccountLockedError(`Your account is locked after too many wrong passwords; try again in ${LOCKOUT_MINUTES} minutes`);
  }
  if (!(await verifyPassword(user!.passwordHash!, password))) {
    await recordFailedAttempt(db, attempt, "wrong_password", actor);
    throw new ValidationError([{ path, message: "The password is not correct" }]);
  }
  await giveBackAttempts(db, actor.userId, "password");
}
