import type { FastifyInstance } from "fastify";
import type { Db } from "../../../platform/db/client";
import { requireActor } from "../../../platform/http/auth/plugin";
import { caseClosureApi } from "./case-closure";
import { chronologyApi } from "./chronology";
import { concernsApi } from "./concerns";
import { itemsApi } from "./items";
import { peopleApi } from "./people";
import { subjectsApi } from "./subjects";

/**
 * Records about a person (issue 4): the people themselves (subjects), items with provenance,
 * concerns, the chronology, the people around them and who has viewed the record. Every read is audited by the service it calls; a
 * subject of another organisation is 404 on every route, because the services find it in scope.
 */
export async function recordsApi(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.addHook("onRequest", requireActor());
  await app.register(subjectsApi, { db });
  await app.register(itemsApi, { db });
  await app.register(concernsApi, { db });
  await app.register(chronologyApi, { db });
  await app.register(peopleApi, { db });
  await app.register(caseClosureApi, { db });
}
