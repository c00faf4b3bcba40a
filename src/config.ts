import path from "node:path";
import type { DatabaseTimeouts } from "./db/client";

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
  /** How long the web server waits for the database (PostgreSQL only: the embedded database is in-process). */
  databaseTimeouts: DatabaseTimeouts;
  /** A request still unanswered after this long is answered 503 (fastify's handlerTimeout). */
  requestTimeoutMs: number;
  /** Send each response's server time in a `Server-Timing` header (for benchmarks and diagnosis); off by default. */
  serverTiming: boolean;
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

/** The configuration from the environment; `overrides.port` is a port given on the command line. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: { port?: number } = {}): Config {
  const port = overrides.port ?? intFrom(env, "PORT", 3000, 0, 65535);
  const host = env.HOST || "localhost";
  return {
    port,
    host,
    publicUrl: publicUrlFrom(env, host, port),
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.SAFESHARE_DATA_DIR || "./data"),
    trustProxy: env.SAFESHARE_TRUST_PROXY === "true",
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
  };
}
