import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../../platform/db/client";
import { idParams } from "../../../platform/http/api-schemas";
import { actorOf } from "../../../platform/http/auth/plugin";
import { correctionInput } from "../../records/domain";
import { erasureInput, liftInput, reasonInput, statementInput } from "../domain/inputs";
import { decideErasure } from "../services/erase-item";
import { loadItemActions } from "../services/load-item-actions";
import { addStatement, correctForRequest } from "../services/rectify-item";
import { liftRestriction, restrictForRequest } from "../services/restrict-item";
import { errors, presentRequestActions, requestActionsSchema, tags } from "./schema";

/** What a request does to items: correct, add a statement, restrict, lift, erase; and what was done and who was told. */
export async function rightsItemActionsApi(parent: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const itemParams = idParams.extend({ itemId: z.uuid() });
  const notified = { 200: z.object({ recipientsNotified: z.int().describe("Organisations told, one notice per disclosure") }), ...errors };
  const itemActions = [
    [
      "correct",
      "rectifyItem",
      "Rectification: record a corrected version (the old one stays, marked corrected); every recipient is told",
      correctionInput,
      correctForRequest,
    ],
    [
      "statement",
      "addItemStatement",
      "Rectification of an opinion: add the person's statement beside it; every recipient is told",
      statementInput,
      addStatement,
    ],
    [
      "restrict",
      "restrictItem",
      "Restrict the item: kept but not shared (R-RESTRICTED) until lifted; every recipient is told",
      reasonInput,
      restrictForRequest,
    ],
    ["lift-restriction", "liftItemRestriction", "Lift a restriction, once the requester has been told", liftInput, liftRestriction],
    [
      "erasure",
      "decideItemErasure",
      "Decide erasure with the reason; granted, the text goes from the record, chronology and every disclosed copy",
      erasureInput,
      decideErasure,
    ],
  ] as const;
  for (const [path, operationId, summary, body, action] of itemActions) {
    app.post(
      `/rights-requests/:id/items/:itemId/${path}`,
      { schema: { operationId, tags, summary, params: itemParams, body, response: notified } },
      async (request) => ({
        recipientsNotified: await action(db, actorOf(request), request.params.id, request.params.itemId, request.body),
      }),
    );
  }
  app.get(
    "/rights-requests/:id/actions",
    {
      schema: {
        operationId: "listItemActions",
        tags,
        summary: "What has been done to items for this request, and how many recipients were told and have acknowledged",
        params: idParams,
        response: { 200: requestActionsSchema, ...errors },
      },
    },
    async (request) => presentRequestActions(await loadItemActions(db, actorOf(request), request.params.id)),
  );
}
