import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Db } from "../../../platform/db/client";
import { idParams } from "../../../platform/http/api-schemas";
import { actorOf } from "../../../platform/http/auth/plugin";
import { noContentAfter } from "../../../platform/http/no-content";
import { processingDecisionInput } from "../domain/processing";
import { decideProcessing, processingForRequest } from "../services/processing";
import { errors, noContent, processingSchema, tags } from "./schema";

/** An objection or a withdrawal of consent: the sharing it reaches, and the decision to stop or continue it. */
export async function rightsProcessingApi(parent: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/rights-requests/:id/processing",
    {
      schema: {
        operationId: "listProcessingToReview",
        tags,
        summary:
          "For an objection or a withdrawal of consent: the sharing about the person by Article 6 basis, whether the right reaches it, and what was decided",
        params: idParams,
        response: { 200: processingSchema, ...errors },
      },
    },
    async (request) => processingForRequest(db, actorOf(request), request.params.id),
  );
  app.post(
    "/rights-requests/:id/processing",
    {
      schema: {
        operationId: "decideProcessing",
        tags,
        summary:
          "Stop sharing under a basis, or (objection only) continue it on recorded compelling grounds (R-CONSENT-WITHDRAWN, R-OBJECTION-UPHELD)",
        params: idParams,
        body: processingDecisionInput,
        response: noContent,
      },
    },
    (request, reply) => noContentAfter(reply, decideProcessing(db, actorOf(request), request.params.id, request.body)),
  );
}
