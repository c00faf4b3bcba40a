import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../../platform/db/client";
import { idParams } from "../../../platform/http/api-schemas";
import { actorOf } from "../../../platform/http/auth/plugin";
import { noContentAfter } from "../../../platform/http/no-content";
import { itemReviewInput, recipientReviewInput } from "../domain/review";
import { compileAccessPack } from "../services/compile-access-pack";
import { reviewItem, reviewRecipient } from "../services/review-pack";
import { sendAccessPackPdf } from "./access-pack-pdf";
import { accessPackSchema, errors, noContent, presentAccessPack, tags } from "./schema";

/** An access request's pack: reviewing each item and each record of who it was shared with, and the pack itself. */
export async function accessPackApi(parent: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  app.post(
    "/rights-requests/:id/items/:itemId/review",
    {
      schema: {
        operationId: "reviewAccessPackItem",
        tags,
        summary: "Review one item for an access request: disclose, redact or withhold, naming the exemption and why",
        params: idParams.extend({ itemId: z.uuid() }),
        body: itemReviewInput,
        response: noContent,
      },
    },
    (request, reply) => noContentAfter(reply, reviewItem(db, actorOf(request), request.params.id, request.params.itemId, request.body)),
  );
  app.post(
    "/rights-requests/:id/recipients/:disclosureId/review",
    {
      schema: {
        operationId: "reviewAccessPackRecipient",
        tags,
        summary:
          "Review one entry of who the information was shared with (the disclosure log) for an access request: list it, or withhold it under an exemption and say why",
        params: idParams.extend({ disclosureId: z.uuid() }),
        body: recipientReviewInput,
        response: noContent,
      },
    },
    (request, reply) =>
      noContentAfter(reply, reviewRecipient(db, actorOf(request), request.params.id, request.params.disclosureId, request.body)),
  );
  app.get(
    "/rights-requests/:id/pack",
    {
      schema: {
        operationId: "getAccessPack",
        tags,
        summary:
          "The access pack as JSON: every item as reviewed, purposes, categories, sources, recipients, retention and rights; a draft until every item and record of who it was shared with is reviewed",
        params: idParams,
        response: { 200: accessPackSchema, ...errors },
      },
    },
    async (request) => presentAccessPack(await compileAccessPack(db, actorOf(request), request.params.id)),
  );
  app.get(
    "/rights-requests/:id/pack.pdf",
    {
      schema: {
        operationId: "getAccessPackPdf",
        tags,
        summary: "The access pack as a PDF for the requester",
        params: idParams,
        produces: ["application/pdf"],
        response: { 200: z.any().meta({ description: "A PDF document" }), ...errors },
      },
    },
    (request, reply) => sendAccessPackPdf(reply, db, actorOf(request), request.params.id),
  );
}
