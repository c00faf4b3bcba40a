import { buildApp } from "./app/build-app";
import { allJobs } from "./app/jobs";
import { configuredCheckpointSigner, publishCheckpoint } from "./platform/audit/checkpoints";
import type { Config } from "./platform/config";
import type { Database } from "./platform/db/client";
import { loggableError, logSerializers } from "./platform/http/logging";
import { startJobs } from "./platform/jobs/queue";
import { smtpMailer } from "./platform/mail/mailer";

export async function startServer(config: Config, database: Database) {
  const policy = { idleMinutes: config.sessionIdleMinutes, absoluteHours: config.sessionAbsoluteHours };
  const app = await buildApp({
    database,
    session: policy,
    trustProxy: config.trustProxy,
    publicUrl: config.publicUrl,
    sendsEmail: !!config.smtpUrl,
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
  // The background jobs (src/app/jobs.ts): notifications, escalation and purges, once across nodes.
  const mailer = config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : null;
  const jobs = await startJobs({ database, db: database.db, mailer, publicUrl: config.publicUrl }, allJobs(policy), {
    onError: (err) => app.log.warn({ error: loggableError(err) }, "background job failed"),
  });
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
      clearInterval(checkpoints);
      await app.close();
      await jobs.stop();
      mailer?.close();
    },
  };
}
