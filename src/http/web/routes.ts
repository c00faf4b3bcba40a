import type { FastifyInstance } from "fastify";
import type { Database } from "../../db/client";
import { accountPages } from "./account";
import { agreementPages } from "./agreements";
import { auditPages } from "./audit";
import { homePages } from "./home";
import { organisationPages } from "./organisations";
import { rightsWebPages } from "./rights";
import { publicRightsForm } from "./rights/public-form";
import { sharingWebPages } from "./sharing";
import { signInRoutes } from "./sign-in";
import { subjectWebPages } from "./subjects";
import { userPages } from "./users";

export async function webRoutes(
  app: FastifyInstance,
  opts: { database: Database; publicUrl: string; signInRateLimit: number },
): Promise<void> {
  const db = opts.database.db;
  await app.register(signInRoutes, { db, rateLimit: opts.signInRateLimit });
  await app.register(homePages, { db });
  await app.register(accountPages, { db });
  await app.register(organisationPages, { db });
  await app.register(userPages, { db, publicUrl: opts.publicUrl });
  await app.register(agreementPages, { db, publicUrl: opts.publicUrl });
  await app.register(subjectWebPages, { db });
  await app.register(sharingWebPages, { db, publicUrl: opts.publicUrl });
  await app.register(rightsWebPages, { db });
  await app.register(publicRightsForm, { db, rateLimit: opts.signInRateLimit });
  await app.register(auditPages, { database: opts.database });
}
