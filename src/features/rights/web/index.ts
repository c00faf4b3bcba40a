import type { FastifyInstance } from "fastify";
import type { Db } from "../../../platform/db/client";
import { requireActor } from "../../../platform/http/auth/plugin";
import { formHelpers } from "../../../platform/web-kit/forms";
import { rightsDashboardPages } from "./dashboard";
import { rightsItemPages } from "./items";
import { rightsRequestPages } from "./request-page";

/** People's rights pages for IG leads (issue 6); the public request form is in public-form.ts. */
export async function rightsWebPages(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.addHook("preHandler", requireActor(["ig_lead"]));
  app.addHook("preHandler", async (_request, reply) => {
    reply.locals = { ...reply.locals, ...formHelpers };
  });
  await app.register(rightsDashboardPages, { db });
  await app.register(rightsRequestPages, { db });
  await app.register(rightsItemPages, { db });
}
