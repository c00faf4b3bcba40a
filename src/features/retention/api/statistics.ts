import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../../platform/db/client";
import { pageOf, pageQuery, slicedPage, standardErrors } from "../../../platform/http/api-schemas";
import { actorOf } from "../../../platform/http/auth/plugin";
import { RETENTION_CATEGORIES } from "../domain/schedule";
import { loadAnonymisedCounts } from "../services/statistics";

const countSchema = z
  .object({
    organisation: z.string(),
    category: z.enum(RETENTION_CATEGORIES),
    disposedYear: z.number().int(),
    firstYear: z.number().int().nullable().describe("The earliest year an entry in these files was about"),
    lastYear: z.number().int().nullable(),
    files: z.number().int(),
    items: z.number().int(),
    concerns: z.record(z.string(), z.number().int()).describe("Concerns raised in these files, by concern category"),
    decisions: z.record(z.string(), z.number().int()).describe("Share decisions recorded about these people, by outcome"),
  })
  .meta({ id: "AnonymisedCount" });

/** What anonymised disposals leave for partnership statistics: counts only, never who or what. */
export async function retentionStatisticsApi(parent: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/retention/statistics",
    {
      schema: {
        operationId: "listAnonymisedCounts",
        tags: ["retention"],
        summary:
          "Files anonymised at disposal, counted by organisation, category and year (an IG lead's own organisation; every member's for a partnership administrator)",
        querystring: pageQuery,
        response: { 200: pageOf(countSchema), ...standardErrors },
      },
    },
    async (request) => slicedPage(await loadAnonymisedCounts(db, actorOf(request)), request.query),
  );
}
