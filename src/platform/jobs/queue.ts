import { setImmediate } from "node:timers/promises";
import PgBoss from "pg-boss";
import type { Database, Db, Queryable } from "../db/client";
import type { Mailer } from "../mail/mailer";
import { QUEUES, type QueueName } from "./queues";
import { jobSqlIn, jobSqlOn } from "./sql";

/**
 * Safeshare's timed duties (notification delivery, reminders, escalation, purges) run on pg-boss, a
 * PostgreSQL job queue (ARCHITECTURE.md "Background jobs"): a job is a row, taken by one node with
 * `FOR UPDATE SKIP LOCKED`, so it runs once however many nodes poll; one that its node dies holding is
 * failed when its time runs out and retried by another; a failed one keeps its reason and is retried
 * with backoff up to its limit. Its tables live in their own schema, `pgboss`, installed with the
 * migrations. On the embedded PGlite the same definitions run in-process over the same tables.
 */

export const JOB_SCHEMA = "pgboss";

/** What a job's handler is given: the database, and the services the composition root wires in. */
export interface JobContext {
  database: Database;
  db: Db;
  /** Null when no SMTP server is configured: notifications then stay in the app's own list. */
  mailer: Mailer | null;
  /** The address links in email point at (config.publicUrl). */
  publicUrl: string;
  /** Webhooks may go to this machine and private networks (SAFESHARE_WEBHOOKS_ALLOW_LOCAL): for trying them locally, never in production. */
  allowLocalWebhooks?: boolean;
}

export interface JobDefinition<Data extends object = object, Context extends JobContext = JobContext> {
  /** The queue's name (queues.ts): `<feature>.<duty>`, e.g. `notifications.deliver`. */
  name: QueueName;
  run(data: Data, context: Context, job: { id: string; retryCount: number }): Promise<void>;
  /** Tries after the first (default 5), and the seconds before the first retry, doubling each time (default 30). */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** A job running longer than this is taken as lost with its node and retried (default 5 minutes). */
  expireInSeconds?: number;
  /** Run on this cron schedule (Europe/London), once across nodes. */
  cron?: string;
}

// biome-ignore lint/suspicious/noExplicitAny: a list of definitions each with its own data type
export type AnyJobDefinition<Context extends JobContext = JobContext> = JobDefinition<any, Context>;

/**
 * Installs or upgrades the queue's schema and creates every queue (queues.ts): with the migrations,
 * under the start-up lock, by the role that owns the tables. A throwaway pg-boss does it and stops
 * without touching the connection.
 */
export async function installJobSchema(db: Db): Promise<void> {
  const installer = new PgBoss({ db: jobSqlOn(db), schema: JOB_SCHEMA, migrate: true, supervise: false, schedule: false });
  installer.on("error", () => {});
  await installer.start();
  for (const name of Object.values(QUEUES)) await installer.createQueue(name, { name, ...QUEUE_DEFAULTS });
  await installer.stop({ graceful: false, close: false });
}

/** Retries and expiry unless a definition says otherwise: five more tries, from 30 s apart and doubling; lost after 5 minutes. */
const QUEUE_DEFAULTS = { retryLimit: 5, retryDelay: 30, retryBackoff: true, expireInSeconds: 300 };

/** A pg-boss that only writes SQL it is handed a connection for: how a job is queued inside a transaction. */
const sender = new PgBoss({
  schema: JOB_SCHEMA,
  db: {
    executeSql: () => {
      throw new Error("enqueue needs the caller's connection");
    },
  },
});

/**
 * Queues a job on the caller's transaction (or database): it exists once the change that asked for it
 * commits, and not before. `id`: the job's own id, so queueing the same work twice queues it once.
 */
export async function enqueue<Data extends object>(
  q: Queryable,
  definition: Pick<JobDefinition<Data>, "name">,
  data: Data,
  options: { startAfter?: Date; id?: string; singletonKey?: string } = {},
): Promise<string | null> {
  return sender.send(definition.name, data, { ...options, db: jobSqlIn(q) });
}

/** Jobs a worker takes at once: a burst of notifications goes out in one poll rather than one per poll. */
const BATCH = 10;

export interface JobRunner {
  boss: PgBoss;
  stop(): Promise<void>;
}

export interface RunnerOptions {
  /** How often each worker looks for work, in seconds (default 1). */
  pollingIntervalSeconds?: number;
  /** Failed and expired jobs are swept this often, in seconds, once across nodes (default 60). */
  maintenanceIntervalSeconds?: number;
  /** Replaces every definition's expiry and first retry delay (config.jobs: for drills and tests that cannot wait minutes). */
  expireInSeconds?: number;
  retryDelaySeconds?: number;
  onError?: (error: Error) => void;
}

/**
 * Starts the workers for `definitions` on this node: each queue is created if new, each cron duty
 * scheduled. Stopping lets a running job finish (up to 30 s); one cut short is retried elsewhere.
 */
export async function startJobs<Context extends JobContext>(
  context: Context,
  definitions: readonly AnyJobDefinition<Context>[],
  options: RunnerOptions = {},
): Promise<JobRunner> {
  const boss = new PgBoss({
    db: jobSqlOn(context.db),
    schema: JOB_SCHEMA,
    migrate: false,
    maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 60,
  });
  boss.on("error", (error) => options.onError?.(error));
  await boss.start();
  for (const definition of definitions) {
    // Created with the migrations; each definition's own retries and expiry are set on it here
    // (and copied onto each job as it is queued).
    const retryDelay = options.retryDelaySeconds ?? definition.retryDelaySeconds;
    const expireInSeconds = options.expireInSeconds ?? definition.expireInSeconds;
    await boss.updateQueue(definition.name, {
      name: definition.name,
      ...QUEUE_DEFAULTS,
      ...(definition.retryLimit === undefined ? {} : { retryLimit: definition.retryLimit }),
      ...(retryDelay === undefined ? {} : { retryDelay }),
      ...(expireInSeconds === undefined ? {} : { expireInSeconds }),
    });
    let worker: string | undefined;
    worker = await boss.work<object>(
      definition.name,
      { batchSize: BATCH, includeMetadata: true, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1 },
      // Up to BATCH jobs taken at once, each finished or failed on its own: one email that fails does
      // not send the others round again. pg-boss then completes what is still active, which is nothing.
      // Run one after another, with a turn of the event loop between them: the requests this node is
      // serving go first. All at once, a burst of jobs held every request that arrived during it
      // (measured: recording a share decision 1.14 to 1.34 times slower with jobs on, against 0.95 to
      // 1.13 one at a time; a node then emails 87 a second instead of 117, far more than a partnership sends).
      async (jobs) => {
        for (const job of jobs) {
          try {
            await definition.run(job.data, context, { id: job.id, retryCount: job.retryCount });
            await boss.complete(definition.name, job.id);
          } catch (error) {
            // The error itself, serialised by pg-boss with its code: failure.ts reads why from it.
            await boss.fail(definition.name, job.id, error as object);
            options.onError?.(error as Error);
          }
          await setImmediate();
        }
        // A worker that found jobs looks for more at once: only an empty queue waits out the
        // polling interval (pg-boss otherwise takes one batch per interval).
        if (jobs.length && worker) boss.notifyWorker(worker);
      },
    );
    if (definition.cron) await boss.schedule(definition.name, definition.cron, {}, { tz: "Europe/London" });
  }
  return {
    boss,
    stop: () => boss.stop({ graceful: true, close: false, timeout: 30_000, wait: true }),
  };
}
