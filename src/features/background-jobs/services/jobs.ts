import { snapshotOf } from "../../../platform/audit/events";
import { inTransaction } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import type { Db } from "../../../platform/db/client";
import { ConflictError, NotFoundError, NotPermittedError } from "../../../platform/errors";
import { failureReasonOf, type JobFailureReason } from "../../../platform/jobs/failure";
import { type FailedJob, loadFailedJobs, loadQueueCounts, type QueueCounts, retryFailedJob } from "../../../platform/jobs/inspect";
import { enqueue } from "../../../platform/jobs/queue";
import type { QueueName } from "../../../platform/jobs/queues";
import type {} from "../audit-events";
import { BACKGROUND_JOBS_MESSAGES } from "../domain/messages";

/** How many failed jobs are shown: the most recent; the counts say how many there are in all. */
export const FAILED_SHOWN = 50;

export interface JobsOverview {
  queues: QueueCounts[];
  failed: (Omit<FailedJob, "output"> & { reason: JobFailureReason })[];
}

/** Only a partnership administrator looks after the partnership's background work. */
function assertPartnershipAdmin(actor: Actor): void {
  if (!actor.roles.includes("partnership_admin"))
    throw new NotPermittedError("Only partnership administrators see and retry background jobs");
}

/**
 * Every queue's counts and the most recent failed jobs, each with its reason as a code. Not audited: a
 * job holds only ids, and none of it (its data, its error's text) leaves here.
 */
export async function loadJobsOverview(db: Db, actor: Actor): Promise<JobsOverview> {
  assertPartnershipAdmin(actor);
  const [queues, failed] = await Promise.all([loadQueueCounts(db), loadFailedJobs(db, FAILED_SHOWN)]);
  return { queues, failed: failed.map(({ output, ...job }) => ({ ...job, reason: failureReasonOf(output) })) };
}

/**
 * Starts a scheduled duty now (the daily summaries, the reminders), beside its schedule: queued in the
 * same transaction as the record of who asked. Only the duties the composition root schedules.
 */
export async function runScheduledNow(db: Db, actor: Actor, scheduled: readonly QueueName[], queue: QueueName): Promise<void> {
  assertPartnershipAdmin(actor);
  if (!scheduled.includes(queue)) throw new NotFoundError("The scheduled job");
  await inTransaction(db, async (tx, audit) => {
    const id = await enqueue(tx, { name: queue }, {});
    audit.record(snapshotOf(actor), {
      type: "background_job.run_now",
      entity: { type: "background_job", id: id! },
      details: { queue },
    });
  });
}

/** Tries a failed job again, and records who asked, in one transaction. Refused if there is no such job, or it is no longer failed. */
export async function retryJob(db: Db, actor: Actor, queue: QueueName, id: string): Promise<void> {
  assertPartnershipAdmin(actor);
  await inTransaction(db, async (tx, audit) => {
    const outcome = await retryFailedJob(tx, queue, id);
    if (outcome === "not_found") throw new NotFoundError("The job");
    if (outcome === "not_failed") throw new ConflictError(BACKGROUND_JOBS_MESSAGES.en.jobsPage.notFailed);
    audit.record(snapshotOf(actor), {
      type: "background_job.retried",
      entity: { type: "background_job", id },
      details: { queue },
    });
  });
}
