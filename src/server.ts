import type { Config } from "./config";
import type { Database } from "./db/client";
import { buildApp } from "./http/app";
import { purgeExpiredSessions } from "./services/sessions";

/** Personal data and secrets stay out of logs: request lines carry no bodies, cookies or link tokens. */
const redactUrl = (url: string) => url.replace(/\/invitations\/[^/?#]+/, "/invitations/[redacted]");

export async function startServer(config: Config, database: Database) {
  const policy = { idleMinutes: config.sessionIdleMinutes, absoluteHours: config.sessionAbsoluteHours };
  const app = await buildApp({
    database,
    session: policy,
    trustProxy: config.trustProxy,
    signInRateLimit: config.signInRateLimit,
    logger: {
      level: process.env.LOG_LEVEL ?? "info",
      serializers: {
        req: (req) => ({ id: req.id, method: req.method, url: redactUrl(req.url) }),
      },
    },
  });
  await app.listen({ port: config.port, host: config.host });
  const housekeeping = setInterval(() => {
    purgeExpiredSessions(database.db, policy).catch((err) => app.log.warn({ err }, "session purge failed"));
  }, 15 * 60_000);
  housekeeping.unref();
  return {
    app,
    async close() {
      clearInterval(housekeeping);
      await app.close();
    },
  };
}
