import { createHmac } from "node:crypto";
import rateLimit, { type FastifyRateLimitStore, normalizeIP } from "@fastify/rate-limit";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { appSecret } from "../crypto/app-secrets";
import type { Db } from "../db/client";
import { normalisedEmail } from "../text";
import { hitRateLimit } from "./rate-limit-store";

const WINDOW = "1 minute";

/**
 * @fastify/rate-limit's store over our own database, so that every app node counts against the
 * same limits (ASVS 2.2.1) on PGlite and PostgreSQL alike. Keys already name their limit
 * (`perAddress`, `perAccount`), so a route's child store is this same store.
 */
function databaseStore(db: Db) {
  return class DatabaseRateLimitStore implements FastifyRateLimitStore {
    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void, timeWindow: number) {
      hitRateLimit(db, key, timeWindow).then(
        ({ hits, ttlMs }) => callback(null, { current: hits, ttl: ttlMs }),
        (error: Error) => callback(error),
      );
    }
    child() {
      return this;
    }
  };
}

/** Registers the limiter, off by default: routes opt in with `perAddress` (and sign-in with `perAccount`). */
export async function registerRateLimit(app: FastifyInstance, db: Db): Promise<void> {
  await app.register(rateLimit, { global: false, store: databaseStore(db) });
}

/**
 * Route options limiting a form to `max` submissions a minute from one client address (the
 * address the trusted proxies report, SAFESHARE_TRUST_PROXY), counted per route.
 */
export function perAddress(max: number) {
  return {
    config: {
      rateLimit: {
        max,
        timeWindow: WINDOW,
        keyGenerator: (request: FastifyRequest) => `${request.method} ${request.routeOptions.url} address ${normalizeIP(request.ip)}`,
      },
    },
  };
}

/**
 * A preHandler limiting sign-in attempts to `max` a minute for one account, whichever address they
 * come from, so rotating addresses does not multiply the guesses. The account is the email typed,
 * normalised as sign-in reads it, kept only as an HMAC so the limiter's table holds no email.
 */
export async function perAccount(app: FastifyInstance, db: Db, max: number) {
  const secret = await appSecret(db, "rate-limit-accounts");
  const limiter = app.createRateLimit({
    max,
    timeWindow: WINDOW,
    keyGenerator: (request) => {
      const email = (request.body as Record<string, unknown> | undefined)?.email;
      const account = createHmac("sha256", secret)
        .update(normalisedEmail(typeof email === "string" ? email : ""))
        .digest("base64url");
      return `${request.routeOptions.url} account ${account}`;
    },
  });
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const result = await limiter(request);
    if (!result.isAllowed && result.isExceeded) {
      reply.header("retry-after", result.ttlInSeconds);
      // The same refusal @fastify/rate-limit gives for an address: a 429 the error handler words.
      throw Object.assign(new Error("Rate limit exceeded"), { statusCode: 429 });
    }
  };
}
