import type { FastifyInstance } from "fastify";
import type { Db } from "../../../platform/db/client";
import { requireActor } from "../../../platform/http/auth/plugin";
import { RECORD_ROLES } from "../services/access";
import { caseClosurePages } from "./case-closure";
import { chronologyPages } from "./chronology";
import { concernPages } from "./concerns";
import { itemDraftPages } from "./item-draft";
import { itemPages } from "./items";
import { peopleListPages } from "./people-list";
import { subjectPages } from "./subject";

/**
 * Records pages (issue 4): people, their record items, concerns and chronology (the share wizard under
 * a person, /subjects/:id/share, is sharing's: `sharingWebPages`). Practitioners,
 * safeguarding leads and IG leads only; the services scope every read to the actor's organisation
 * (anything else is not found) and audit it.
 */
export async function recordsWebPages(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.addHook("preHandler", requireActor(RECORD_ROLES));
  // Pages about people are never kept by the browser's or a proxy's cache.
  await app.register(peopleListPages, { db });
  await app.register(subjectPages, { db });
  await app.register(itemDraftPages, { db });
  await app.register(itemPages, { db });
  await app.register(concernPages, { db });
  await app.register(chronologyPages, { db });
  await app.register(caseClosurePages, { db });
}
