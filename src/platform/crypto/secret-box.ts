import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/**
 * Secrets at rest (TOTP seeds, app_secret rows) sealed with AES-256-GCM under a key kept outside
 * the database, so a dump of the database holds no second factor. A sealed value is
 * `v1:<keyId>:<nonce>:<ciphertext+tag>` (base64url parts): the key id says which key of the
 * keyring opens it, so values under an old and a new key can be read side by side during a
 * rotation. Each value carries a random 96-bit nonce, and its place (column and row, e.g.
 * `app_user.totp_secret:<user id>`) is the associated data, so a sealed value copied onto another
 * user or another secret does not open.
 */

const VERSION = "v1";
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
const SECRET_KEY_BYTES = 32;

export interface SecretKey {
  id: string;
  key: Buffer;
}

/** The current key seals; every key in the ring (current first) opens. */
export interface Keyring {
  current: SecretKey;
  all: ReadonlyMap<string, SecretKey>;
}

export class SecretKeyError extends Error {}

/** A key's public name: 8 base64url characters of a SHA-256 of it, which tell keys apart and reveal nothing of them. */
function keyIdOf(key: Buffer): string {
  return createHash("sha256").update("safeshare secret key id\0").update(key).digest("base64url").slice(0, 8);
}

export function keyringOf(current: Buffer, others: readonly Buffer[] = []): Keyring {
  const all = new Map<string, SecretKey>();
  for (const key of [current, ...others]) {
    if (key.length !== SECRET_KEY_BYTES) throw new SecretKeyError(`a secret key must be ${SECRET_KEY_BYTES} bytes`);
    const id = keyIdOf(key);
    if (!all.has(id)) all.set(id, { id, key });
  }
  return { current: all.get(keyIdOf(current))!, all };
}

export function isSealed(value: string): boolean {
  return value.startsWith(`${VERSION}:`);
}

/** How every value sealed under a key begins, so a query can pick out those under other keys. */
export function sealedUnderPrefix(keyId: string): string {
  return `${VERSION}:${keyId}:`;
}

/** The id of the key a sealed value was sealed under (undefined for a value that is not sealed). */
export function sealedKeyId(value: string): string | undefined {
  return isSealed(value) ? value.split(":")[1] : undefined;
}

export function seal(keyring: Keyring, place: string, plaintext: Buffer): string {
  const { id, key } = keyring.current;
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, nonce);
  cipher.setAAD(Buffer.from(place, "utf8"));
  const sealed = Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]);
  return `${sealedUnderPrefix(id)}${nonce.toString("base64url")}:${sealed.toString("base64url")}`;
}

/** Opens a sealed value; throws SecretKeyError if its key is not in the ring or it was altered or moved. */
export function open(keyring: Keyring, place: string, value: string): Buffer {
  const [version, keyId, nonce, sealed] = value.split(":");
  if (version !== VERSION || !keyId || !nonce || sealed === undefined) throw new SecretKeyError("not a sealed value");
  const secretKey = keyring.all.get(keyId);
  if (!secretKey)
    throw new SecretKeyError(
      `a secret is sealed under key ${keyId}, which is not configured: set SAFESHARE_SECRET_KEY (or SAFESHARE_PREVIOUS_SECRET_KEYS) to that key`,
    );
  const bytes = Buffer.from(sealed, "base64url");
  const nonceBytes = Buffer.from(nonce, "base64url");
  // Whole tags only: GCM would otherwise take a short body as a truncated tag, far easier to forge.
  if (nonceBytes.length !== NONCE_BYTES || bytes.length < TAG_BYTES)
    throw new SecretKeyError(`a value sealed under key ${keyId} is damaged`);
  try {
    const decipher = createDecipheriv("aes-256-gcm", secretKey.key, nonceBytes, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(place, "utf8"));
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(0, bytes.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new SecretKeyError(`a value sealed under key ${keyId} does not open for ${place.split(":")[0]}`);
  }
}

/** A key given as base64 (SAFESHARE_SECRET_KEY, a key file): 32 bytes or undefined. */
export function parseSecretKey(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) return undefined;
  const key = Buffer.from(trimmed, trimmed.includes("-") || trimmed.includes("_") ? "base64url" : "base64");
  return key.length === SECRET_KEY_BYTES ? key : undefined;
}

export function newSecretKey(): Buffer {
  return randomBytes(SECRET_KEY_BYTES);
}
