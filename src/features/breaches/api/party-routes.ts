import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Db } from "../../../platform/db/client";
import { idParams, pageBody, pageOf, pageQuery, problemResponse, standardErrors } from "../../../platform/http/api-schemas";
import { actorOf, requireActor } from "../../../platform/http/auth/plugin";
import { deletionInput } from "../domain/party-inputs";
import {
  confirmDeletion,
  viewBreachesInvolvingUs,
  viewBreachInvolvingUs,
  viewDeletionRequest,
  viewDeletionRequests,
} from "../services/party-view";
import { deletionRequestSchema, involvingUsSchema, presentDeletionRequest, presentInvolvingUs } from "./party-schema";

/**
 * Another organisation's breach as it involves yours (issue 22): a request to delete every copy of what
 * was sent to you by mistake (BR-CONTAIN), and breaches that involve information you shared
 * (BR-TELL-CONTROLLER), each only your part. For people only: no partner system's token reaches these
 * routes (`resourceOfRoute` gives them no resource).
 */
export async function breachPartiesApi(parent: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  app.addHook("onRequest", requireActor());
  const tags = ["breaches"];

  app.get(
    "/breach-requests",
    {
      schema: {
        operationId: "listBreachDeletionRequests",
        tags,
        summary:
          "Requests to your organisation to delete information another organisation sent it by mistake, unconfirmed first (IG leads, safeguarding leads and auditors; an audited read)",
        querystring: pageQuery,
        response: { 200: pageOf(deletionRequestSchema), ...standardErrors },
      },
    },
    async (request) => {
      const { page, pageSize } = request.query;
      const { rows, total } = await viewDeletionRequests(db, actorOf(request), "api.breaches.deletion_requests", { page, pageSize });
      return pageBody(rows.map(presentDeletionRequest), total, { page, pageSize });
    },
  );
  app.get(
    "/breach-requests/:id",
    {
      schema: {
        operationId: "getBreachDeletionRequest",
        tags,
        summary: "One request to delete information sent by mistake: what was sent and whether deletion is confirmed (an audited read)",
        params: idParams,
        response: { 200: deletionRequestSchema, ...standardErrors },
      },
    },
    async (request) =>
      presentDeletionRequest(await viewDeletionRequest(db, actorOf(request), request.params.id, "api.breaches.deletion_request")),
  );
  app.post(
    "/breach-requests/:id/deletion-confirmation",
    {
      schema: {
        operationId: "confirmBreachDeletion",
        tags,
        summary: "Confirm your organisation deleted every copy of what it was sent by mistake, once (IG leads and safeguarding leads)",
        params: idParams,
        body: deletionInput,
        response: { 200: deletionRequestSchema, ...standardErrors, 409: problemResponse("Deletion is already confirmed") },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      await confirmDeletion(db, actor, request.params.id, request.body);
      return presentDeletionRequest(await viewDeletionRequest(db, actor, request.params.id, "api.breaches.deletion_request"));
    },
  );
  app.get(
    "/breaches-involving-us",
    {
      schema: {
        operationId: "listBreachesInvolvingUs",
        tags,
        summary:
          "Breaches at other organisations that involve information your organisation shared, newest first (IG leads and auditors; an audited read)",
        querystring: pageQuery,
        response: { 200: pageOf(involvingUsSchema), ...standardErrors },
      },
    },
    async (request) => {
      const { page, pageSize } = request.query;
      const { rows, total } = await viewBreachesInvolvingUs(db, actorOf(request), "api.breaches.involving_us", { page, pageSize });
      return pageBody(rows.map(presentInvolvingUs), total, { page, pageSize });
    },
  );
  app.get(
    "/breaches-involving-us/:id",
    {
      schema: {
        operationId: "getBreachInvolvingUs",
        tags,
        summary:
          "Where a breach that involves your information stands: its state, risk, whether reported to the ICO and which of your disclosures it involves (an audited read)",
        params: idParams,
        response: { 200: involvingUsSchema, ...standardErrors },
      },
    },
    async (request) =>
      presentInvolvingUs(await viewBreachInvolvingUs(db, actorOf(request), request.params.id, "api.breaches.involving_us_one")),
  );
}
