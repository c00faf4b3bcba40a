import type { FastifyInstance } from "fastify";
import type { Db } from "../../../platform/db/client";
import { requireActor } from "../../../platform/http/auth/plugin";
import { holdsApi } from "./holds";
import { retentionReviewApi } from "./review";
import { scheduleApi } from "./schedule";
import { retentionStatisticsApi } from "./statistics";

/**
 * Retention (issue 21): the organisation's schedule, legal holds, the review queue, disposals and
 * what anonymised disposals leave for statistics. For
 * people only: no partner system's token reaches these routes (`resourceOfRoute` gives them no resource).
 */
export async function retentionApi(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  await app.register(scheduleAndHolds, { db });
  await app.register(reviewForIgLeads, { db });
}

async function scheduleAndHolds(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.addHook("onRequest", requireActor());
  await app.register(scheduleApi, { db });
  await app.register(holdsApi, { db });
  await app.register(retentionStatisticsApi, { db });
}

async function reviewForIgLeads(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.addHook("onRequest", requireActor(["ig_lead"]));
  await app.register(retentionReviewApi, { db });
}
