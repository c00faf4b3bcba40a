import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Db } from "../../../platform/db/client";
import { idParams, pageBody, pageOf, pageQuery, standardErrors } from "../../../platform/http/api-schemas";
import { actorOf } from "../../../platform/http/auth/plugin";
import { chronologyFilter } from "../domain/records";
import { viewChronology } from "../services/chronology";
import { chronologyEntrySchema, presentChronologyEntry } from "./schema";

/** The domain filter, with `category` marked optional in the OpenAPI document (absent means every category). */
const chronologyQuery = chronologyFilter.safeExtend({ category: chronologyFilter.shape.category.default([]), ...pageQuery.shape });

export async function chronologyApi(parent: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/subjects/:id/chronology",
    {
      schema: {
        operationId: "getChronology",
        tags: ["records"],
        summary:
          "A child's chronology, newest first: items and concerns (later decisions and disclosures), filtered by category (repeatable) and date range, a page at a time (an audited read)",
        params: idParams,
        querystring: chronologyQuery,
        response: { 200: pageOf(chronologyEntrySchema), ...standardErrors },
      },
    },
    // No per-entry queries: one for the subject, one count, one for the page of entries (joined), one audit write.
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      const { entries, total } = await viewChronology(
        db,
        actorOf(request),
        request.params.id,
        filter,
        { page, pageSize },
        "api.subjects.chronology",
      );
      return pageBody(entries.map(presentChronologyEntry), total, { page, pageSize });
    },
  );
}
