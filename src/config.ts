import path from "node:path";

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

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: intFrom(env, "PORT", 3000, 0, 65535),
    host: env.HOST || "localhost",
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.SAFESHARE_DATA_DIR || "./data"),
    trustProxy: env.SAFESHARE_TRUST_PROXY === "true",
    sessionIdleMinutes: intFrom(env, "SAFESHARE_SESSION_IDLE_MINUTES", 30, 1, 24 * 60),
    signInRateLimit: intFrom(env, "SAFESHARE_SIGN_IN_RATE_LIMIT", 10, 1, 10_000),
    sessionAbsoluteHours: intFrom(env, "SAFESHARE_SESSION_ABSOLUTE_HOURS", 12, 1, 7 * 24),
  };
}
