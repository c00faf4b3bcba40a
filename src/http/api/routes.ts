import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { Database } from "../../db/client";
import { agreementsApi } from "./agreements/routes";
import { auditApi } from "./audit/routes";
import { meApi } from "./me/routes";
import { organisationsApi } from "./organisations/routes";
import { recordsApi } from "./records/routes";
import { rightsApi } from "./rights/routes";
import { settingsApi } from "./settings/routes";
import { problemSchema } from "./shared";
import { sharingApi } from "./sharing/routes";
import { subjectsApi } from "./subjects/routes";
import { usersApi } from "./users/routes";

export async function apiRoutes(app: FastifyInstance, opts: { database: Database; publicUrl: string }): Promise<void> {
  app.get(
    "/health",
    {
      schema: {
        tags: ["service"],
        summary: "Liveness and database reachability",
        security: [],
        response: { 200: z.object({ status: z.literal("ok"), database: z.enum(["pglite", "postgres"]) }), 503: problemSchema },
      },
    },
    async () => {
      await opts.database.query("SELECT 1");
      return { status: "ok" as const, database: opts.database.kind };
    },
  );
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  await app.register(organisationsApi, { db: opts.database.db });
  await app.register(usersApi, { db: opts.database.db });
  await app.register(meApi, { db: opts.database.db });
  await app.register(auditApi, { database: opts.database });
  await app.register(agreementsApi, { db: opts.database.db, publicUrl: opts.publicUrl });
  await app.register(subjectsApi, { db: opts.database.db });
  await app.register(recordsApi, { db: opts.database.db });
  await app.register(settingsApi, { db: opts.database.db });
  await app.register(sharingApi, { db: opts.database.db });
  await app.register(rightsApi, { db: opts.database.db });
}
