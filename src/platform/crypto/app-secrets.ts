import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { appSecrets } from "../db/schema";
import { openAppSecret, sealAppSecret } from "./secrets-at-rest";

/** Returns the named key, creating it on first use; kept in the database (sealed) so every app node shares it. */
export async function appSecret(db: Db, name: string): Promise<Buffer> {
  await db
    .insert(appSecrets)
    .values({ name, value: sealAppSecret(db, name, randomBytes(32)) })
    .onConflictDoNothing();
  const [row] = await db.select({ value: appSecrets.value }).from(appSecrets).where(eq(appSecrets.name, name));
  return openAppSecret(db, name, row!.value);
}
