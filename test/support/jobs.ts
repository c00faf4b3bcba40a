import PgBoss from "pg-boss";
import { type AnyJobDefinition, JOB_SCHEMA, type JobContext } from "../../src/platform/jobs/queue";
import { jobSqlOn } from "../../src/platform/jobs/sql";

/**
 * Runs every queued job of `definitions` on this process, through pg-boss's own fetch and complete,
 * until none is left: a test sees what the workers would do, without waiting on their polling.
 * `ignoreStartAfter`: jobs queued for later (an escalation in 30 minutes, a retry's backoff) run now, as if that time had come.
 * `untilGivenUp`: a job that throws is failed as a worker fails it and taken again, its backoff not
 * waited for, until it succeeds or its retries run out; otherwise the first error is thrown.
 */
export async function runQueuedJobs(
  context: JobContext,
  definitions: readonly AnyJobDefinition[],
  { ignoreStartAfter = false, untilGivenUp = false } = {},
): Promise<number> {
  const boss = new PgBoss({ db: jobSqlOn(context.db), schema: JOB_SCHEMA, migrate: false, supervise: false, schedule: false });
  boss.on("error", () => {});
  await boss.start();
  let ran = 0;
  try {
    for (let found = true; found; ) {
      found = false;
      for (const definition of definitions) {
        const jobs = await boss.fetch<object>(definition.name, { batchSize: 50, includeMetadata: true, ignoreStartAfter });
        for (const job of jobs) {
          found = true;
          ran++;
          try {
            await definition.run(job.data, context, { id: job.id, retryCount: job.retryCount });
            await boss.complete(definition.name, job.id);
          } catch (error) {
            await boss.fail(definition.name, job.id, error as object);
            if (!untilGivenUp) throw error;
          }
        }
      }
    }
  } finally {
    await boss.stop({ graceful: false, close: false });
  }
  return ran;
}
