import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../../platform/db/client";
import { idParams, pageBody, pageOf, pageQuery, problemResponse, standardErrors } from "../../../platform/http/api-schemas";
import { actorOf } from "../../../platform/http/auth/plugin";
import { created, createdResponse } from "../../../platform/http/created";
import { correctionInput, disputeInput, recordItemInput } from "../domain/records";
import { correctItem, disputeItem, recordItem, viewItem, viewItemPage } from "../services/items";
import { presentItem, recordItemSchema } from "./schema";

const errors = { ...standardErrors, 409: problemResponse() };
/** Writing: a protected detail in the text is a warning to acknowledge first (422). */
const writeErrors = { ...errors, 422: problemResponse() };
const itemParams = idParams.extend({ itemId: z.uuid({ error: "Must be a UUID" }) });

export async function itemsApi(parent: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const tags = ["records"];

  app.get(
    "/subjects/:id/items",
    {
      schema: {
        operationId: "listRecordItems",
        tags,
        summary: "Every record item on a person, all versions including corrected ones, newest event first (an audited read)",
        params: idParams,
        querystring: pageQuery,
        response: { 200: pageOf(recordItemSchema), ...errors },
      },
    },
    async (request) => {
      const { rows, total } = await viewItemPage(db, actorOf(request), request.params.id, request.query, "api.subjects.items");
      return pageBody(rows.map(presentItem), total, request.query);
    },
  );
  app.post(
    "/subjects/:id/items",
    {
      schema: {
        operationId: "createRecordItem",
        tags,
        summary: "Record an item about a person, with its provenance: fact or opinion, source, event date",
        description:
          "A protected detail of the person or of someone linked to them (a refuge address, a protected name) typed into the text is a warning (GR5-PROTECT-IDENTITIES): a 422 whose `rules` name it, and nothing is saved, until `acknowledgedWarnings` includes its code.",
        params: idParams,
        body: recordItemInput,
        response: { 201: createdResponse(recordItemSchema, "the item"), ...writeErrors },
      },
    },
    async (request, reply) => {
      const item = await recordItem(db, actorOf(request), request.params.id, request.body);
      return created(reply, `/api/v1/subjects/${request.params.id}/items/${item.id}`, presentItem(item));
    },
  );
  app.get(
    "/subjects/:id/items/:itemId",
    {
      schema: {
        operationId: "getRecordItem",
        tags,
        summary: "One record item and every version of it, oldest first (an audited read)",
        params: itemParams,
        response: { 200: z.object({ item: recordItemSchema, versions: z.array(recordItemSchema) }), ...errors },
      },
    },
    async (request) => {
      const { item, versions } = await viewItem(db, actorOf(request), request.params.id, request.params.itemId, "api.subjects.item");
      return { item: presentItem(item), versions: versions.map(presentItem) };
    },
  );
  app.post(
    "/subjects/:id/items/:itemId/corrections",
    {
      schema: {
        operationId: "correctRecordItem",
        tags,
        summary: "Correct the latest version of an item: a new version replaces it and the old one stays visible, marked corrected",
        description:
          "A protected detail of the person or of someone linked to them (a refuge address, a protected name) typed into the text is a warning (GR5-PROTECT-IDENTITIES): a 422 whose `rules` name it, and nothing is saved, until `acknowledgedWarnings` includes its code.",
        params: itemParams,
        body: correctionInput,
        response: { 201: createdResponse(recordItemSchema, "the new version of the item"), ...writeErrors },
      },
    },
    async (request, reply) => {
      const item = await correctItem(db, actorOf(request), request.params.id, request.params.itemId, request.body);
      return created(reply, `/api/v1/subjects/${request.params.id}/items/${item.id}`, presentItem(item));
    },
  );
  app.post(
    "/subjects/:id/items/:itemId/disputes",
    {
      schema: {
        operationId: "disputeRecordItem",
        tags,
        summary: "Mark the latest version of an item as disputed, with what is disputed and by whom",
        params: itemParams,
        body: disputeInput,
        response: { 200: recordItemSchema, ...errors },
      },
    },
    async (request) => presentItem(await disputeItem(db, actorOf(request), request.params.id, request.params.itemId, request.body)),
  );
}
