import { isIP } from "node:net";
import path from "node:path";
import type { DatabaseTimeouts } from "./db/client";

/**
 * Which proxies in front of Safeshare to believe about the client's address and protocol: none
 * (false), the nearest `n` hops, or proxies at these addresses and ranges (CIDR).
 */
export type TrustProxy = false | number | string[];

import { parseSecretKey } from "./crypto/secret-box";

/** Runtime configuration, from the environment only (see README "Configuration"). */
export interface Config {
  port: number;
  host: string;
  /** Postgres connection string; undefined means the embedded PGlite database. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Trust X-Forwarded-* from these TLS-terminating proxies; cookies are Secure whenever the request arrived over https. */
  trustProxy: TrustProxy;
  sessionIdleMinutes: number;
  /** Sign-in form submissions allowed per client address, and per account, per minute. */
  signInRateLimit: number;
  sessionAbsoluteHours: number;
  /**
   * The address people and other systems use to reach Safeshare (an origin: scheme, host and port,
   * no trailing slash). Identifiers and links in documents Safeshare serves (ODRL @ids, links in
   * PDFs) are built from it and never from a request's Host header, which the client chooses.
   */
  publicUrl: string;
  /** How long the web server waits for the database (PostgreSQL only: the embedded database is in-process). */
  databaseTimeouts: DatabaseTimeouts;
  /** A request still unanswered after this long is answered 503 (fastify's handlerTimeout). */
  requestTimeoutMs: number;
  /** Send each response's server time in a `Server-Timing` header (for benchmarks and diagnosis); off by default. */
  serverTiming: boolean;
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
  /** SAFESHARE_SMTP_URL (e.g. smtp://localhost:1025): where email goes; unset, notifications stay in the app's own list. */
  smtpUrl: string | undefined;
  /** SAFESHARE_MAIL_FROM: the address email comes from. */
  mailFrom: string;
  /**
   * SAFESHARE_WEBHOOKS_ALLOW_LOCAL: webhooks may go to plain http://localhost and to addresses inside
   * this network, to try them with a receiver on one's own machine. Off by default: never in production.
   */
  allowLocalWebhooks: boolean;
  /** The background jobs on this node (src/platform/jobs/queue.ts). */
  jobs: JobsConfig;
}

/**
 * Whether this node runs the background jobs, and the queue's timings. The expiry and retry delay,
 * when set, replace every job's own (they are written onto each queue as a node starts, and copied onto
 * each job as it is queued): for tests and drills that need a lost job retried in seconds, not minutes.
 */
export interface JobsConfig {
  /** SAFESHARE_RUN_JOBS (default true): false for a node that only serves requests while other nodes run the jobs. */
  run: boolean;
  /** SAFESHARE_JOBS_MAINTENANCE_SECONDS (default 60): how often expired jobs are failed and retried, once across nodes. */
  maintenanceSeconds: number;
  /** SAFESHARE_JOBS_EXPIRE_SECONDS: a job running longer than this is taken as lost with its node; unset, each job's own. */
  expireSeconds: number | undefined;
  /** SAFESHARE_JOBS_RETRY_DELAY_SECONDS: the wait before a failed job's first retry (then doubling); unset, each job's own. */
  retryDelaySeconds: number | undefined;
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

/** A whole number from the environment, or undefined when it is not set. */
function optionalIntFrom(env: NodeJS.ProcessEnv, name: string, min: number, max: number): number | undefined {
  return env[name] === undefined || env[name] === "" ? undefined : intFrom(env, name, min, min, max);
}

function boolFrom(env: NodeJS.ProcessEnv, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (raw !== "true" && raw !== "false") throw new ConfigError(`${name} must be "true" or "false", got "${raw}"`);
  return raw === "true";
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

const TRUST_PROXY_RULE =
  "SAFESHARE_TRUST_PROXY must be the number of proxies in front of Safeshare (usually 1), or a comma-separated list of their addresses or ranges, such as 10.0.0.5,192.168.0.0/16";

/** An IPv4 or IPv6 address, optionally with a CIDR prefix length. */
function isAddressOrRange(entry: string): boolean {
  const [address = "", prefix, ...rest] = entry.split("/");
  const version = isIP(address);
  if (!version || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

/**
 * SAFESHARE_TRUST_PROXY. `true` is refused rather than guessed at: it would believe every hop,
 * so the client address would be whatever a client writes first in X-Forwarded-For, and the
 * rate limits would count nothing.
 */
function trustProxyFrom(env: NodeJS.ProcessEnv): TrustProxy {
  const raw = env.SAFESHARE_TRUST_PROXY?.trim() ?? "";
  if (raw === "" || raw === "false" || raw === "0") return false;
  if (raw === "true") {
    throw new ConfigError(
      `SAFESHARE_TRUST_PROXY=true would believe any X-Forwarded-For a client sends. ${TRUST_PROXY_RULE.replace("SAFESHARE_TRUST_PROXY must be", "Set it to")}`,
    );
  }
  if (/^\d+$/.test(raw)) return intFrom(env, "SAFESHARE_TRUST_PROXY", 0, 1, 10);
  const entries = raw.split(",").map((entry) => entry.trim());
  if (!entries.every(isAddressOrRange)) throw new ConfigError(`${TRUST_PROXY_RULE}, got "${raw}"`);
  return entries;
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
    trustProxy: trustProxyFrom(env),
    sessionIdleMinutes: intFrom(env, "SAFESHARE_SESSION_IDLE_MINUTES", 30, 1, 24 * 60),
    signInRateLimit: intFrom(env, "SAFESHARE_SIGN_IN_RATE_LIMIT", 10, 1, 10_000),
    sessionAbsoluteHours: intFrom(env, "SAFESHARE_SESSION_ABSOLUTE_HOURS", 12, 1, 7 * 24),
    serverTiming: boolFrom(env, "SAFESHARE_SERVER_TIMING", false),
    databaseTimeouts: {
      connectMs: intFrom(env, "SAFESHARE_DB_CONNECT_TIMEOUT_MS", 5_000, 100, 600_000),
      statementMs: intFrom(env, "SAFESHARE_DB_STATEMENT_TIMEOUT_MS", 30_000, 100, 3_600_000),
      idleInTransactionMs: intFrom(env, "SAFESHARE_DB_IDLE_IN_TRANSACTION_TIMEOUT_MS", 60_000, 100, 3_600_000),
    },
    requestTimeoutMs: intFrom(env, "SAFESHARE_REQUEST_TIMEOUT_MS", 60_000, 1_000, 3_600_000),
    secretKey: env.SAFESHARE_SECRET_KEY ? secretKeyFrom("SAFESHARE_SECRET_KEY", env.SAFESHARE_SECRET_KEY) : undefined,
    previousSecretKeys: (env.SAFESHARE_PREVIOUS_SECRET_KEYS ?? "")
      .split(",")
      .filter((k) => k.trim())
      .map((k) => secretKeyFrom("SAFESHARE_PREVIOUS_SECRET_KEYS", k)),
    migrationDatabaseUrl: env.SAFESHARE_MIGRATION_DATABASE_URL || undefined,
    auditSigningKey: env.SAFESHARE_AUDIT_SIGNING_KEY || undefined,
    checkpointDir: path.resolve(env.SAFESHARE_CHECKPOINT_DIR || path.join(dataDir, "audit-checkpoints")),
    checkpointMinutes: intFrom(env, "SAFESHARE_CHECKPOINT_MINUTES", 60, 1, 7 * 24 * 60),
    smtpUrl: env.SAFESHARE_SMTP_URL?.trim() || undefined,
    mailFrom: env.SAFESHARE_MAIL_FROM?.trim() || "Safeshare <safeshare@localhost>",
    allowLocalWebhooks: boolFrom(env, "SAFESHARE_WEBHOOKS_ALLOW_LOCAL", false),
    jobs: {
      run: boolFrom(env, "SAFESHARE_RUN_JOBS", true),
      maintenanceSeconds: intFrom(env, "SAFESHARE_JOBS_MAINTENANCE_SECONDS", 60, 1, 3600),
      // pg-boss refuses an expiry of 24 hours or more.
      expireSeconds: optionalIntFrom(env, "SAFESHARE_JOBS_EXPIRE_SECONDS", 1, 24 * 3600 - 1),
      retryDelaySeconds: optionalIntFrom(env, "SAFESHARE_JOBS_RETRY_DELAY_SECONDS", 1, 3600),
    },
  };
}
