import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../../db/client";
import { chronologyFilter } from "../../../domain/records";
import { readChronology } from "../../../services/records/chronology";
import { actorOf } from "../../auth/plugin";
import { idParams, standardErrors } from "../shared";
import { chronologyEntrySchema, presentChronologyEntry } from "./schema";

/** The domain filter, with `category` marked optional in the OpenAPI document (absent means every category). */
const chronologyQuery = chronologyFilter.safeExtend({ category: chronologyFilter.shape.category.default([]) });

export async function chronologyApi(parent: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();

  app.get(
    "/subjects/:id/chronology",
    {
      schema: {
        tags: ["records"],
        summary:
          "A child's chronology, newest first: items and concerns (later decisions and disclosures), filtered by category (repeatable) and date range (an audited read)",
        params: idParams,
        querystring: chronologyQuery,
        response: { 200: z.object({ entries: z.array(chronologyEntrySchema) }), ...standardErrors },
      },
    },
    // No per-entry queries: one for the subject, one for the entries (joined to the recorder's name), one audit write.
    async (request) => {
      const { entries } = await readChronology(db, actorOf(request), request.params.id, request.query, "api.subjects.chronology");
      return { entries: entries.map(presentChronologyEntry) };
    },
  );
}
