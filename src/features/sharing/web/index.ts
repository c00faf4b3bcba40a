import type { FastifyInstance } from "fastify";
import type { Db } from "../../../platform/db/client";
import { requireActor } from "../../../platform/http/auth/plugin";
import { RECORD_ROLES } from "../../records/services/access";
import { decisionPages } from "./decisions";
import { disclosurePages } from "./disclosures";
import { requestPages } from "./requests";

/**
 * Sharing pages outside a person's record (issue 5): the organisation's decisions and the
 * disclosures it sent and received. The wizard itself lives under the person (/subjects/:id/share).
 */
export async function sharingWebPages(app: FastifyInstance, { db, publicUrl }: { db: Db; publicUrl: string }): Promise<void> {
  app.addHook("preHandler", requireActor(RECORD_ROLES));
  await app.register(decisionPages, { db, publicUrl });
  await app.register(disclosurePages, { db });
  await app.register(requestPages, { db });
}
