import type { FastifyInstance } from "fastify";
import type { Db } from "../../../platform/db/client";
import { requireActor } from "../../../platform/http/auth/plugin";
import { accessionPages } from "./accession";
import { actionPages } from "./actions";
import { documentPages } from "./documents";
import { registerPages } from "./register";
import { reviewPages } from "./review";
import { sectionPages } from "./sections";
import { signingPages } from "./signing";
import { versionPages } from "./versions";

/** Data sharing agreement pages: every signed-in member may read the register; the services decide the rest. */
export async function agreementPages(app: FastifyInstance, { db, publicUrl }: { db: Db; publicUrl: string }): Promise<void> {
  app.addHook("preHandler", requireActor());
  await app.register(registerPages, { db });
  await app.register(sectionPages, { db });
  await app.register(actionPages, { db });
  await app.register(signingPages, { db });
  await app.register(reviewPages, { db });
  await app.register(accessionPages, { db });
  await app.register(versionPages, { db });
  await app.register(documentPages, { db, publicUrl });
}
