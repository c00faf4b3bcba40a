import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../../platform/db/client";
import { problemResponse, standardErrors } from "../../../platform/http/api-schemas";
import { actorOf, requireActor } from "../../../platform/http/auth/plugin";
import { noContentAfter, noContentOr } from "../../../platform/http/no-content";
import { JOB_FAILURE_REASONS } from "../../../platform/jobs/failure";
import { QUEUES } from "../../../platform/jobs/queues";
import { type JobsOverview, loadJobsOverview, retryJob } from "../services/jobs";

export const queueInput = z.enum(Object.values(QUEUES), { error: "Not a queue Safeshare runs" });

const overviewSchema = z
  .object({
    queues: z.array(
      z.object({
        queue: queueInput,
        waiting: z.int().describe("Queued and not yet taken: new, due later, or waiting to be retried"),
        running: z.int().describe("Taken by a node and not yet done"),
        failed: z.int().describe("Tried as often as allowed and given up on"),
      }),
    ),
    failed: z
      .array(
        z.object({
          id: z.uuid(),
          queue: queueInput,
          reason: z.enum(JOB_FAILURE_REASONS).describe("Why it failed; the error's own text stays in the server's log"),
          tries: z.int(),
          failedAt: z.iso.datetime(),
        }),
      )
      .describe("The most recent failed jobs, newest first"),
  })
  .meta({ id: "BackgroundJobs" });

const presentOverview = (o: JobsOverview): z.infer<typeof overviewSchema> => ({
  queues: o.queues.map((q) => ({ queue: q.queue, waiting: q.waiting, running: q.running, failed: q.failed })),
  failed: o.failed.map((j) => ({ id: j.id, queue: j.queue, reason: j.reason, tries: j.tries, failedAt: j.failedAt.toISOString() })),
});

/** The background jobs (src/platform/jobs): what each queue holds, and trying a failed job again. Partnership administrators only. */
export async function backgroundJobsApi(parent: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  app.addHook("onRequest", requireActor(["partnership_admin"]));
  const tags = ["background jobs"];

  app.get(
    "/background-jobs",
    {
      schema: {
        operationId: "listBackgroundJobs",
        tags,
        summary: "How many jobs each queue has waiting, running and failed, and the most recent failed jobs with why they failed",
        response: { 200: overviewSchema, ...standardErrors },
      },
    },
    async (request) => presentOverview(await loadJobsOverview(db, actorOf(request))),
  );
  app.post(
    "/background-jobs/:queue/:id/retry",
    {
      schema: {
        operationId: "retryBackgroundJob",
        tags,
        summary: "Try a failed job again (recorded in the audit log); 409 if it is no longer failed",
        params: z.object({ queue: queueInput, id: z.uuid({ error: "Must be a UUID" }) }),
        response: noContentOr({ ...standardErrors, 409: problemResponse() }),
      },
    },
    async (request, reply) => noContentAfter(reply, retryJob(db, actorOf(request), request.params.queue, request.params.id)),
  );
}
