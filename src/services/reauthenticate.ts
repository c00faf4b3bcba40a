import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { users } from "../db/schema";
import type { Actor } from "../domain/actor";
import { NotPermittedError, ValidationError } from "../domain/errors";
import { burnPasswordCheck, verifyPassword } from "./secrets";
import { recordWrongPassword } from "./sign-in";

/**
 * Asks a signed-in person to prove again that they are at the keyboard before an act that binds
 * their organisation, such as signing an agreement (ASVS 3.7.1). Wrong passwords count towards the
 * same lockout as sign-in, so this is not a way round it.
 */
export async function confirmPassword(db: Db, actor: Actor, password: string, now = new Date(), path = "/password"): Promise<void> {
  const [user] = await db
    .select({ passwordHash: users.passwordHash, lockedUntil: users.lockedUntil })
    .from(users)
    .where(eq(users.id, actor.userId));
  if (!user?.passwordHash || (user.lockedUntil && user.lockedUntil > now)) {
    await burnPasswordCheck(password);
    throw new NotPermittedError("Your account is locked after too many wrong passwords; try again in 15 minutes");
  }
  if (!(await verifyPassword(user.passwordHash, password))) {
    await recordWrongPassword(db, { id: actor.userId, organisationId: actor.organisationId }, now);
    throw new ValidationError([{ path, message: "The password is not correct" }]);
  }
  await db.update(users).set({ failedSignIns: 0 }).where(eq(users.id, actor.userId));
}
