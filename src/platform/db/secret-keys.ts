import path from "node:path";
import { type Config, ConfigError } from "../config";
import { readOrCreateKeyFile } from "../crypto/key-file";
import { type Keyring, keyringOf, newSecretKey, parseSecretKey, SecretKeyError } from "../crypto/secret-box";

/** The keyring each open database seals its secrets with (set by openDatabase), kept beside the drizzle handle services receive. */
const keyrings = new WeakMap<object, Keyring>();

export function useSecretKeys(db: object, keyring: Keyring): void {
  keyrings.set(db, keyring);
}

export function secretKeysOf(db: object): Keyring {
  const keyring = keyrings.get(db);
  if (!keyring) throw new SecretKeyError("no secret key is configured for this database");
  return keyring;
}

/**
 * The keyring from the configuration: SAFESHARE_SECRET_KEY, or else the key file `secret.key` in the
 * data folder, created (0600) on first start, plus any previous keys still accepted for reading.
 * `keyFile` says which file was used, so start-up can say so.
 */
export function configuredSecretKeys(config: Config): { keyring: Keyring; keyFile?: string } {
  const previous = config.previousSecretKeys;
  if (config.secretKey) return { keyring: keyringOf(config.secretKey, previous) };
  const keyFile = path.join(config.dataDir, "secret.key");
  const key = parseSecretKey(readOrCreateKeyFile(keyFile, () => `${newSecretKey().toString("base64")}\n`));
  if (!key) throw new ConfigError(`${keyFile} must hold 32 random bytes in base64, such as the output of \`openssl rand -base64 32\``);
  return { keyring: keyringOf(key, previous), keyFile };
}
