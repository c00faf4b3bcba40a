import { and, eq, isNotNull, sql } from "drizzle-orm";
import { users } from "../../features/organisations-and-users/schema";
import { inTransaction } from "../audit/write";
import type { Database, Db, Tx } from "../db/client";
import { appSecrets } from "../db/schema";
import { secretKeysOf } from "../db/secret-keys";
import { isSealed, type Keyring, open, seal, sealedKeyId, sealedUnderPrefix } from "./secret-box";

/**
 * The secrets the database holds (TOTP seeds, app_secret rows), sealed with the keyring the
 * database was opened with (src/platform/crypto/secret-box.ts), and the two steps that re-seal them all:
 * at start-up (values from before sealing existed, or under a previous key) and on rotation.
 */

// Where a value lives is its associated data: a sealed value moved to another row does not open.
const totpSeedPlace = (userId: string) => `app_user.totp_secret:${userId}`;
const appSecretPlace = (name: string) => `app_secret.value:${name}`;

export function sealTotpSeed(db: Db, userId: string, seed: string): string {
  return seal(secretKeysOf(db), totpSeedPlace(userId), Buffer.from(seed, "utf8"));
}

export function openTotpSeed(db: Db, userId: string, stored: string): string {
  return open(secretKeysOf(db), totpSeedPlace(userId), stored).toString("utf8");
}

/**
 * A one-time link's token on its way to its owner by email: sealed into the job that sends it, so the
 * job queue's tables (pgboss.job and its archive) hold no usable link, and bound to its invitation
 * (the token's hash), so a sealed value copied into another job does not open. Not re-sealed on key
 * rotation: a job queued under a key since removed fails, and the administrator sends a new link.
 */
const invitationTokenPlace = (tokenHashHex: string) => `invitation.token:${tokenHashHex}`;

export function sealInvitationToken(db: Db, tokenHashHex: string, token: string): string {
  return seal(secretKeysOf(db), invitationTokenPlace(tokenHashHex), Buffer.from(token, "utf8"));
}

export function openInvitationToken(db: Db, tokenHashHex: string, sealed: string): string {
  return open(secretKeysOf(db), invitationTokenPlace(tokenHashHex), sealed).toString("utf8");
}

/** app_secret.value is bytea: a sealed value is stored as its ASCII text. */
export function sealAppSecret(db: Db, name: string, key: Buffer): Buffer {
  return Buffer.from(seal(secretKeysOf(db), appSecretPlace(name), key), "ascii");
}

export function openAppSecret(db: Db, name: string, stored: Uint8Array): Buffer {
  return open(secretKeysOf(db), appSecretPlace(name), Buffer.from(stored).toString("ascii"));
}

/**
 * An app_secret value written before sealing existed is its 32 raw key bytes; a sealed value is
 * always far longer, so the length alone tells them apart.
 */
const LEGACY_APP_SECRET_BYTES = 32;

/**
 * Seals every secret not yet sealed under `to`'s current key: a plaintext value as it is, a sealed
 * one after opening it with `from`. Rows are locked, so two nodes starting at once do not both
 * re-seal a value. Returns how many values were sealed.
 */
async function resealAll(tx: Tx, from: Keyring, to: Keyring): Promise<number> {
  // Compared as a prefix, not with LIKE: a key id may contain "_", which LIKE reads as any character.
  const current = sealedUnderPrefix(to.current.id);
  const seeds = await tx
    .select({ id: users.id, stored: users.totpSecret })
    .from(users)
    .where(and(isNotNull(users.totpSecret), sql`left(${users.totpSecret}, ${current.length}) <> ${current}`))
    .for("update");
  for (const { id, stored } of seeds) {
    const plaintext = isSealed(stored!) ? open(from, totpSeedPlace(id), stored!) : Buffer.from(stored!, "utf8");
    await tx
      .update(users)
      .set({ totpSecret: seal(to, totpSeedPlace(id), plaintext) })
      .where(eq(users.id, id));
  }
  const secrets = await tx.select({ name: appSecrets.name, stored: appSecrets.value }).from(appSecrets).for("update");
  let sealedSecrets = 0;
  for (const { name, stored } of secrets) {
    const text = Buffer.from(stored).toString("ascii");
    if (sealedKeyId(text) === to.current.id) continue;
    const plaintext = stored.length === LEGACY_APP_SECRET_BYTES ? Buffer.from(stored) : open(from, appSecretPlace(name), text);
    await tx
      .update(appSecrets)
      .set({ value: Buffer.from(seal(to, appSecretPlace(name), plaintext), "ascii") })
      .where(eq(appSecrets.name, name));
    sealedSecrets++;
  }
  return seeds.length + sealedSecrets;
}

/**
 * The start-up step after the SQL migrations: seals what was stored in plaintext before sealing
 * existed, and moves values under a previous key (SAFESHARE_PREVIOUS_SECRET_KEYS) to the current
 * one. Idempotent. A value under a key that is not configured stops start-up here, rather than
 * failing someone's sign-in later.
 */
export async function sealSecretsAtRest(database: Database): Promise<{ values: number }> {
  const keyring = secretKeysOf(database.db);
  const values = await inTransaction(database.db, async (tx, audit) => {
    const count = await resealAll(tx, keyring, keyring);
    if (count > 0) {
      audit.record(
        { kind: "system", name: "safeshare start-up" },
        { type: "secrets.sealed", details: { values: count, keyId: keyring.current.id } },
      );
    }
    return count;
  });
  return { values };
}

/**
 * Re-seals every secret under `to` in one transaction, audited with the key ids (never a key).
 * The database's own keyring opens the values; afterwards the configuration must name the new key.
 */
export async function rotateSecretKey(database: Database, to: Keyring): Promise<{ values: number; fromKeyId: string; toKeyId: string }> {
  const from = secretKeysOf(database.db);
  const details = { fromKeyId: from.current.id, toKeyId: to.current.id };
  const values = await inTransaction(database.db, async (tx, audit) => {
    const count = await resealAll(tx, from, to);
    audit.record(
      { kind: "system", name: "safeshare rotate-secret-key" },
      { type: "secrets.key_rotated", details: { values: count, ...details } },
    );
    return count;
  });
  return { values, ...details };
}
