import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { agreementsApi } from "../features/agreements";
import { auditApi } from "../features/audit-log";
import { backgroundJobsApi } from "../features/background-jobs";
import { breachesApi, breachPartiesApi } from "../features/breaches";
import { organisationsApi, usersApi } from "../features/organisations-and-users";
import { recordsApi } from "../features/records";
import { retentionApi } from "../features/retention";
import { rightsApi } from "../features/rights";
import { settingsApi } from "../features/settings";
import { sharingApi } from "../features/sharing";
import { meApi } from "../features/sign-in";
import type { Database } from "../platform/db/client";
import { DatabaseUnavailableError } from "../platform/db/sqlstate";
import { problemResponse } from "../platform/http/api-schemas";

/** How long readiness waits for the database: a probe must answer well inside its own timeout. */
const READINESS_TIMEOUT_MS = 2_000;

/** Resolves if the database answers `SELECT 1` in time; otherwise throws an error that is answered 503. */
async function databaseAnswers(database: Database): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const tooSlow = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DatabaseUnavailableError("The database did not answer in time")), READINESS_TIMEOUT_MS);
  });
  try {
    await Promise.race([database.query("SELECT 1"), tooSlow]);
  } finally {
    clearTimeout(timer);
  }
}

export async function apiRoutes(app: FastifyInstance, opts: { database: Database; publicUrl: string; sendsEmail: boolean }): Promise<void> {
  const healthy = z.object({ status: z.literal("ok"), database: z.enum(["pglite", "postgres"]) });
  const unavailable = problemResponse("The database is unavailable; a Retry-After header says when to try again");
  const readiness = (operationId: string) => ({
    schema: {
      operationId,
      tags: ["service"],
      summary: "Readiness: the database answers within two seconds",
      security: [],
      response: { 200: healthy, 503: unavailable },
    },
  });
  const ready = async () => {
    await databaseAnswers(opts.database);
    return { status: "ok" as const, database: opts.database.kind };
  };
  // /health is the readiness check under its first name, which monitors already use.
  app.get("/health", readiness("checkHealth"), ready);
  app.get("/health/ready", readiness("checkReadiness"), ready);
  app.get(
    "/health/live",
    {
      schema: {
        operationId: "checkLiveness",
        tags: ["service"],
        summary: "Liveness: the process is up and serving (the database is not asked, so an outage does not get it restarted)",
        security: [],
        response: { 200: z.object({ status: z.literal("ok") }) },
      },
    },
    async () => ({ status: "ok" as const }),
  );
  app.get("/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  await app.register(organisationsApi, { db: opts.database.db });
  await app.register(usersApi, { db: opts.database.db, sendsEmail: opts.sendsEmail });
  await app.register(meApi, { db: opts.database.db });
  await app.register(auditApi, { database: opts.database });
  await app.register(agreementsApi, { db: opts.database.db, publicUrl: opts.publicUrl });
  await app.register(recordsApi, { db: opts.database.db });
  await app.register(settingsApi, { db: opts.database.db });
  await app.register(sharingApi, { db: opts.database.db });
  await app.register(rightsApi, { db: opts.database.db });
  await app.register(retentionApi, { db: opts.database.db });
  await app.register(breachesApi, { db: opts.database.db });
  await app.register(breachPartiesApi, { db: opts.database.db });
  await app.register(backgroundJobsApi, { db: opts.database.db });
}
