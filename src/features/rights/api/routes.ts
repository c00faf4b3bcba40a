import type { FastifyInstance } from "fastify";
import type { Db } from "../../../platform/db/client";
import { requireActor } from "../../../platform/http/auth/plugin";
import { accessPackApi } from "./access-pack";
import { rightsItemActionsApi } from "./item-actions";
import { rightsProcessingApi } from "./processing";
import { recipientNoticesApi } from "./recipient-notices";
import { rightsRequestsApi } from "./requests";

/** Rights requests, for the organisation's IG leads; and the notices a recipient is sent (Art 19), for its readers. */
export async function rightsApi(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  await app.register(recipientNoticesApi, { db });
  await app.register(requestsForIgLeads, { db });
}

async function requestsForIgLeads(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.addHook("onRequest", requireActor(["ig_lead"]));
  await app.register(rightsRequestsApi, { db });
  await app.register(accessPackApi, { db });
  await app.register(rightsItemActionsApi, { db });
  await app.register(rightsProcessingApi, { db });
}
