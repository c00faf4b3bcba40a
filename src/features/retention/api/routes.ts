import type { FastifyInstance } from "fastify";
import type { Db } from "../../../platform/db/client";
import { requireActor } from "../../../platform/http/auth/plugin";
import { holdsApi } from "./holds";
import { scheduleApi } from "./schedule";

/**
 * Retention (issue 21): the organisation's schedule and legal holds. For people only: no partner
 * system's token reaches these routes (`resourceOfRoute` gives them no resource).
 */
export async function retentionApiRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.addHook("onRequest", requireActor());
  await app.register(scheduleApi, { db });
  await app.register(holdsApi, { db });
}
