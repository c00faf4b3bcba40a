import { buildApp } from "./app/build-app";
import { allJobs } from "./app/jobs";
import { configuredCheckpointSigner, publishCheckpoint } from "./platform/audit/checkpoints";
import type { Config } from "./platform/config";
import type { Database } from "./platform/db/client";
import { loggableError, logSerializers } from "./platform/http/logging";
import { loggableJobError } from "./platform/jobs/failure";
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
    allowLocalWebhooks: config.allowLocalWebhooks,
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
  // A node started with SAFESHARE_RUN_JOBS=false only serves requests; what it queues, other nodes run.
  const mailer = config.smtpUrl && config.jobs.run ? smtpMailer(config.smtpUrl, config.mailFrom) : null;
  const jobs = config.jobs.run
    ? await startJobs(
        { database, db: database.db, mailer, publicUrl: config.publicUrl, allowLocalWebhooks: config.allowLocalWebhooks },
        allJobs(policy),
        {
          maintenanceIntervalSeconds: config.jobs.maintenanceSeconds,
          expireInSeconds: config.jobs.expireSeconds,
          retryDelaySeconds: config.jobs.retryDelaySeconds,
          onError: (err) => app.log.warn({ error: loggableJobError(err) }, "background job failed"),
        },
      )
    : undefined;
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
      await jobs?.stop();
      mailer?.close();
    },
  };
}
