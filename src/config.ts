import path from "node:path";
import { parseSecretKey } from "./crypto/secret-box";

/** Runtime configuration, from the environment only (see README "Configuration"). */
export interface Config {
  port: number;
  host: string;
  /** Postgres connection string; undefined means the embedded PGlite database. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Trust X-Forwarded-* from a TLS-terminating proxy; cookies are Secure whenever the request arrived over https. */
  trustProxy: boolean;
  sessionIdleMinutes: number;
  /** Sign-in form submissions allowed per client address per minute. */
  signInRateLimit: number;
  sessionAbsoluteHours: number;
  /**
   * The address people and other systems use to reach Safeshare (an origin: scheme, host and port,
   * no trailing slash). Identifiers and links in documents Safeshare serves (ODRL @ids, links in
   * PDFs) are built from it and never from a request's Host header, which the client chooses.
   */
  publicUrl: string;
  /**
   * The key that seals secrets at rest (TOTP seeds, app_secret), from SAFESHARE_SECRET_KEY; undefined
   * means the key file `secret.key` in the data folder, created on first start.
   */
  secretKey: Buffer | undefined;
  /** Keys still accepted for opening secrets during a rotation (SAFESHARE_PREVIOUS_SECRET_KEYS, comma-separated). */
  previousSecretKeys: Buffer[];
  /** SAFESHARE_MIGRATION_DATABASE_URL: the role that owns the tables and runs migrations, when the app's own role may not. */
  migrationDatabaseUrl: string | undefined;
  /** The audit checkpoint signing key (SAFESHARE_AUDIT_SIGNING_KEY: a PEM, or a path to one); undefined means a key file in the data folder. */
  auditSigningKey: string | undefined;
  /** Where signed audit checkpoints are appended (SAFESHARE_CHECKPOINT_DIR). */
  checkpointDir: string;
  /** How often the server writes a checkpoint if the audit log moved (SAFESHARE_CHECKPOINT_MINUTES). */
  checkpointMinutes: number;
}

export class ConfigError extends Error {}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

const PUBLIC_URL_RULE =
  "SAFESHARE_PUBLIC_URL must be the absolute http or https address people use to reach Safeshare, such as https://safeshare.example.org, with no path, query, fragment or password";

/** Where Safeshare listens, as an address: a wildcard (all interfaces) is reached at localhost. */
function listeningUrl(host: string, port: number): string {
  const name = ["0.0.0.0", "::", "[::]"].includes(host) ? "localhost" : host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
  return `http://${name}:${port}`;
}

/** SAFESHARE_PUBLIC_URL (or, unset, where Safeshare listens) as an origin, refused at start-up unless it is one. */
function publicUrlFrom(env: NodeJS.ProcessEnv, host: string, port: number): string {
  const raw = env.SAFESHARE_PUBLIC_URL?.trim() || listeningUrl(host, port);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${PUBLIC_URL_RULE}, got "${raw}"`);
  }
  const onlyAnOrigin = url.pathname === "/" && !url.search && !url.hash && !url.username && !url.password;
  if (!["http:", "https:"].includes(url.protocol) || !url.hostname || !onlyAnOrigin || raw.includes("?") || raw.endsWith("#")) {
    throw new ConfigError(`${PUBLIC_URL_RULE}, got "${raw}"`);
  }
  return url.origin;
}

const SECRET_KEY_RULE = "must be 32 random bytes in base64, such as the output of `openssl rand -base64 32`";

/** A key from the environment; the message never repeats the value, which may be a real key with a typo. */
function secretKeyFrom(name: string, raw: string): Buffer {
  const key = parseSecretKey(raw);
  if (!key) throw new ConfigError(`${name} ${SECRET_KEY_RULE}`);
  return key;
}

/** The configuration from the environment; `overrides.port` is a port given on the command line. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: { port?: number } = {}): Config {
  const port = overrides.port ?? intFrom(env, "PORT", 3000, 0, 65535);
  const host = env.HOST || "localhost";
  const dataDir = path.resolve(env.SAFESHARE_DATA_DIR || "./data");
  return {
    port,
    host,
    publicUrl: publicUrlFrom(env, host, port),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    trustProxy: env.SAFESHARE_TRUST_PROXY === "true",
    sessionIdleMinutes: intFrom(env, "SAFESHARE_SESSION_IDLE_MINUTES", 30, 1, 24 * 60),
    signInRateLimit: intFrom(env, "SAFESHARE_SIGN_IN_RATE_LIMIT", 10, 1, 10_000),
    sessionAbsoluteHours: intFrom(env, "SAFESHARE_SESSION_ABSOLUTE_HOURS", 12, 1, 7 * 24),
    secretKey: env.SAFESHARE_SECRET_KEY ? secretKeyFrom("SAFESHARE_SECRET_KEY", env.SAFESHARE_SECRET_KEY) : undefined,
    previousSecretKeys: (env.SAFESHARE_PREVIOUS_SECRET_KEYS ?? "")
      .split(",")
      .filter((k) => k.trim())
      .map((k) => secretKeyFrom("SAFESHARE_PREVIOUS_SECRET_KEYS", k)),
    migrationDatabaseUrl: env.SAFESHARE_MIGRATION_DATABASE_URL || undefined,
    auditSigningKey: env.SAFESHARE_AUDIT_SIGNING_KEY || undefined,
    checkpointDir: path.resolve(env.SAFESHARE_CHECKPOINT_DIR || path.join(dataDir, "audit-checkpoints")),
    checkpointMinutes: intFrom(env, "SAFESHARE_CHECKPOINT_MINUTES", 60, 1, 7 * 24 * 60),
  };
}
