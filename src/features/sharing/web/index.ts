import type { FastifyInstance } from "fastify";
import type { Db } from "../../../platform/db/client";
import { requireActor } from "../../../platform/http/auth/plugin";
import { RECORD_ROLES } from "../../records";
import { chasePages, type HomeWithErrors } from "./chase";
import { decisionPages } from "./decisions";
import { disclosurePages, type NoticeInbox } from "./disclosures";
import { emergencyPages } from "./emergency";
import { requestPages } from "./requests";
import { shareWizardPages } from "./wizard";

/**
 * Sharing pages (issue 5): the share wizard and the emergency share under a person
 * (/subjects/:id/share), the organisation's decisions, and the disclosures it sent and received.
 */
export async function sharingWebPages(
  app: FastifyInstance,
  { db, publicUrl, notices, home }: { db: Db; publicUrl: string; notices: NoticeInbox; home: HomeWithErrors },
): Promise<void> {
  app.addHook("preHandler", requireActor(RECORD_ROLES));
  await app.register(decisionPages, { db, publicUrl });
  await app.register(disclosurePages, { db, notices });
  await app.register(requestPages, { db });
  await app.register(shareWizardPages, { db });
  await app.register(emergencyPages, { db });
  await app.register(chasePages, { db, home });
}
