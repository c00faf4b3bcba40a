import PgBoss from "pg-boss";
import type { Db, Queryable } from "../db/client";
import { JOB_SCHEMA } from "./queue";
import { QUEUES, type QueueName } from "./queues";
import { jobSqlIn, jobSqlOn } from "./sql";

/**
 * What the queues hold, for the people who look after Safeshare (a partnership administrator's
 * background jobs page), and trying a failed job again. It reads through a pg-boss that is never
 * started: it runs its queries on the app's own connection when asked and does nothing else (no
 * workers, no maintenance), so the web never runs a second set of workers beside the node's own
 * (src/server.ts `startJobs`). pg-boss has no call that counts or lists failed jobs, so those two read
 * its job table directly, in the one place here.
 */

export interface QueueCounts {
  queue: QueueName;
  /** Queued and not yet taken: new, due later, or waiting to be retried. */
  waiting: number;
  /** Taken by a node and not yet done. */
  running: number;
  /** Tried as often as allowed and given up on; each stays until pg-boss archives it. */
  failed: number;
}

export interface FailedJob {
  id: string;
  queue: QueueName;
  /** pg-boss's record of why: the error the job threw, serialized (failure.ts reads it; it is never shown). */
  output: unknown;
  /** How many times it was tried. */
  tries: number;
  failedAt: Date;
}

const reader = (db: Db) => new PgBoss({ db: jobSqlOn(db), schema: JOB_SCHEMA });
const queueNames = (): QueueName[] => Object.values(QUEUES);

/** Every queue's counts, in the order queues.ts lists them. */
export async function loadQueueCounts(db: Db): Promise<QueueCounts[]> {
  const boss = reader(db);
  const failed = await jobSqlOn(db).executeSql(
    `SELECT name, count(*)::int AS count FROM ${JOB_SCHEMA}.job WHERE state = 'failed' AND name = ANY($1) GROUP BY name`,
    [queueNames()],
  );
  const failedBy = new Map((failed.rows as { name: string; count: number }[]).map((r) => [r.name, Number(r.count)]));
  return Promise.all(
    queueNames().map(async (queue) => {
      // States are ordered created < retry < active < completed…: "before active" is waiting, "before completed" adds running.
      const waiting = await boss.getQueueSize(queue, { before: "active" });
      const notDone = await boss.getQueueSize(queue, { before: "completed" });
      return { queue, waiting, running: notDone - waiting, failed: failedBy.get(queue) ?? 0 };
    }),
  );
}

/** The most recently failed jobs, newest first. */
export async function loadFailedJobs(db: Db, limit: number): Promise<FailedJob[]> {
  const { rows } = await jobSqlOn(db).executeSql(
    `SELECT id, name, output, retry_count, started_on, completed_on FROM ${JOB_SCHEMA}.job
      WHERE state = 'failed' AND name = ANY($1) ORDER BY completed_on DESC, id LIMIT $2`,
    [queueNames(), limit],
  );
  return (rows as { id: string; name: QueueName; output: unknown; retry_count: number; started_on: Date | null; completed_on: Date }[]).map(
    (r) => ({
      id: r.id,
      queue: r.name,
      output: r.output,
      // pg-boss counts retries as it takes a job again: one more than that is every try, if it was ever taken at all.
      tries: r.started_on ? Number(r.retry_count) + 1 : 0,
      failedAt: new Date(r.completed_on),
    }),
  );
}

/**
 * Sends a failed job round again (pg-boss `retry`: it is waiting once more, with one more try
 * allowed), on the caller's transaction, so the record of who asked commits with it. Otherwise says
 * why not: no such job in that queue, or it is not failed (already retried, still running, or archived).
 */
export async function retryFailedJob(q: Queryable, queue: QueueName, id: string): Promise<"retried" | "not_failed" | "not_found"> {
  const db = jobSqlIn(q);
  const boss = new PgBoss({ db, schema: JOB_SCHEMA });
  // pg-boss answers how many it moved (its types say void): only a job still failed moves, so two asking at once move it once.
  const result = (await boss.retry(queue, id, { db })) as unknown as { affected: number };
  if (result.affected === 1) return "retried";
  return (await boss.getJobById(queue, id, { db, includeArchive: true })) ? "not_failed" : "not_found";
}
