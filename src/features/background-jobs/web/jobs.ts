import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { ukDateTime } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { NotFoundError } from "../../../platform/errors";
import { actorOf, requireActor } from "../../../platform/http/auth/plugin";
import type { JobFailureReason } from "../../../platform/jobs/failure";
import type { QueueName } from "../../../platform/jobs/queues";
import { message } from "../../../platform/messages";
import { type ErrorSummary, queryOf, withFormErrors } from "../../../platform/web-kit/forms";
import { queueInput } from "../api/routes";
import { BACKGROUND_JOBS_MESSAGES } from "../domain/messages";
import { FAILED_SHOWN, loadJobsOverview, retryJob, runScheduledNow } from "../services/jobs";

const catalogue = BACKGROUND_JOBS_MESSAGES.en;
const words = catalogue.jobsPage;
// Every queue and every reason has its words: a queue added to queues.ts without them does not compile.
const QUEUE_WORDS: Readonly<Record<QueueName, string>> = catalogue.queue;
const REASON_WORDS: Readonly<Record<JobFailureReason, string>> = catalogue.reason;
const jobParams = z.object({ queue: queueInput, id: z.uuid() });

/**
 * The background jobs page (partnership administrators): what each queue holds, in words, and the
 * failed jobs with why and when, each with "Try again". No job's id or data is shown; the id is only
 * in the address its button posts to.
 */
export async function backgroundJobPages(
  app: FastifyInstance,
  {
    db,
    scheduled,
  }: { db: Db /** The duties that run on a schedule (src/app/jobs.ts), each with "Run now". */; scheduled: readonly QueueName[] },
): Promise<void> {
  app.addHook("preHandler", requireActor(["partnership_admin"]));

  const page = async (request: FastifyRequest, reply: FastifyReply, summary: ErrorSummary = { errors: {}, errorList: [] }) => {
    const overview = await loadJobsOverview(db, actorOf(request));
    return reply.view("background-jobs/list", {
      words,
      // The table's cells are text: a count of 0 is still shown.
      queues: overview.queues.map((q) => ({
        what: QUEUE_WORDS[q.queue],
        waiting: String(q.waiting),
        running: String(q.running),
        failed: String(q.failed),
      })),
      failed: overview.failed.map((j) => ({
        what: QUEUE_WORDS[j.queue],
        why: REASON_WORDS[j.reason],
        when: ukDateTime(j.failedAt),
        tries: message(catalogue, "tries.count", { count: j.tries }),
        action: `/background-jobs/${encodeURIComponent(j.queue)}/${j.id}/retry`,
      })),
      scheduled: scheduled.map((queue) => ({ what: QUEUE_WORDS[queue], action: `/background-jobs/${encodeURIComponent(queue)}/run` })),
      shownMost: overview.failed.length === FAILED_SHOWN ? message(catalogue, "jobsPage.shownMost", { count: FAILED_SHOWN }) : undefined,
      outcome: { retried: words.retried, started: words.started }[queryOf(request).outcome ?? ""],
      ...summary,
    });
  };

  app.get("/background-jobs", (request, reply) => page(request, reply));

  app.post("/background-jobs/:queue/run", async (request, reply) => {
    const params = jobParams.pick({ queue: true }).safeParse(request.params);
    if (!params.success) throw new NotFoundError("The scheduled job");
    await runScheduledNow(db, actorOf(request), scheduled, params.data.queue);
    return reply.redirect("/background-jobs?outcome=started", 303);
  });

  app.post("/background-jobs/:queue/:id/retry", async (request, reply) => {
    const params = jobParams.safeParse(request.params);
    if (!params.success) throw new NotFoundError("The job");
    return withFormErrors(
      reply,
      (summary) => page(request, reply, summary),
      async () => {
        await retryJob(db, actorOf(request), params.data.queue, params.data.id);
        return reply.redirect("/background-jobs?outcome=retried", 303);
      },
      { orAt: { path: "/failed-jobs", message: words.notFailed } },
    );
  });
}
