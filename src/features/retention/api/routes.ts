import type { FastifyInstance } from "fastify";
import type { Db } from "../../../platform/db/client";
import { requireActor } from "../../../platform/http/auth/plugin";
import { retentionReviewApi } from "./review";

/** Retention (issue 21), for the organisation's IG leads. People only: no partner system's scope reaches it. */
export async function retentionApi(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  await app.register(reviewForIgLeads, { db });
}

async function reviewForIgLeads(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.addHook("onRequest", requireActor(["ig_lead"]));
  await app.register(retentionReviewApi, { db });
}
