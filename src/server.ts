import { buildApp } from "./app/build-app";
import { purgeExpiredSessions } from "./features/sign-in";
import { configuredCheckpointSigner, publishCheckpoint } from "./platform/audit/checkpoints";
import type { Config } from "./platform/config";
import type { Database } from "./platform/db/client";
import { loggableError, logSerializers } from "./platform/http/logging";
import { purgeExpiredRateLimits } from "./platform/http/rate-limit-store";

export async function startServer(config: Config, database: Database) {
  const policy = { idleMinutes: config.sessionIdleMinutes, absoluteHours: config.sessionAbsoluteHours };
  const app = await buildApp({
    database,
    session: policy,
    trustProxy: config.trustProxy,
    publicUrl: config.publicUrl,
    signInRateLimit: config.signInRateLimit,
    serverTiming: config.serverTiming,
    requestTimeoutMs: config.requestTimeoutMs,
    logger: {
      level: process.env.LOG_LEVEL ?? "info",
      // Personal data and secrets stay out of logs (src/platform/http/logging.ts).
      serializers: logSerializers,
    },
  });
  await app.listen({ port: config.port, host: config.host });
  const housekeeping = setInterval(() => {
    purgeExpiredSessions(database.db, policy).catch((err) => app.log.warn({ error: loggableError(err) }, "session purge failed"));
    purgeExpiredRateLimits(database.db).catch((err) => app.log.warn({ error: loggableError(err) }, "rate limit purge failed"));
  }, 15 * 60_000);
  housekeeping.unref();
  // Anchors the audit log outside the database (src/platform/audit/checkpoints.ts): a signed checkpoint
  // of the head every SAFESHARE_CHECKPOINT_MINUTES, when the head has moved since the last one.
  const signer = configuredCheckpointSigner(config);
  const checkpoints = setInterval(() => {
    publishCheckpoint(database, signer, config.checkpointDir, { onlyIfMoved: true }).catch((err) =>
      app.log.warn({ error: loggableError(err) }, "audit checkpoint failed"),
    );
  }, config.checkpointMinutes * 60_000);
  checkpoints.unref();
  return {
    app,
    async close() {
      clearInterval(housekeeping);
      clearInterval(checkpoints);
      await app.close();
    },
  };
}
