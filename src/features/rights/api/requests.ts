import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../../platform/db/client";
import { idParams, pageBody, pageOf, pageQuery } from "../../../platform/http/api-schemas";
import { actorOf } from "../../../platform/http/auth/plugin";
import { created, createdResponse } from "../../../platform/http/created";
import { noContentAfter } from "../../../platform/http/no-content";
import { identityInput, rightsRequestInput, transitionInput } from "../domain/inputs";
import { acknowledgeComplaint } from "../services/acknowledge-complaint";
import { attachSubject } from "../services/attach-subject";
import { loadRightsRequest, loadRightsRequestPage } from "../services/load-requests";
import { viewPackSafety } from "../services/pack-safety";
import { logRightsRequest } from "../services/receive-request";
import { transitionRightsRequest } from "../services/transition-request";
import { verifyIdentity } from "../services/verify-identity";
import { errors, noContent, packWarningsSchema, presentPackWarnings, presentRightsRequest, rightsRequestSchema, tags } from "./schema";

/** Rights requests themselves: logging, the identity check, moving a request on, the people it is about, and the warnings before a response. */
export async function rightsRequestsApi(parent: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  app.post(
    "/rights-requests",
    {
      schema: {
        operationId: "createRightsRequest",
        tags,
        summary: "Log a request received by letter, email, phone or in person; due one calendar month after receipt",
        body: rightsRequestInput,
        response: { 201: createdResponse(rightsRequestSchema, "the request"), ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const row = await logRightsRequest(db, actor, request.body);
      return created(reply, `/api/v1/rights-requests/${row.id}`, presentRightsRequest(await loadRightsRequest(db, actor, row.id)));
    },
  );
  app.get(
    "/rights-requests",
    {
      schema: {
        operationId: "listRightsRequests",
        tags,
        summary: "Your organisation's requests, soonest due first (open ones only unless asked)",
        querystring: pageQuery.extend({ closed: z.enum(["include", "exclude"]).default("exclude") }),
        response: { 200: pageOf(rightsRequestSchema), ...errors },
      },
    },
    async (request) => {
      const { closed, ...range } = request.query;
      const { rows, total } = await loadRightsRequestPage(db, actorOf(request), { includeClosed: closed === "include" }, range);
      return pageBody(
        rows.map((r) => presentRightsRequest(r)),
        total,
        range,
      );
    },
  );
  app.get(
    "/rights-requests/:id",
    {
      schema: {
        operationId: "getRightsRequest",
        tags,
        summary: "One request, with the people attached",
        params: idParams,
        response: { 200: rightsRequestSchema, ...errors },
      },
    },
    async (request) => presentRightsRequest(await loadRightsRequest(db, actorOf(request), request.params.id)),
  );
  app.post(
    "/rights-requests/:id/identity",
    {
      schema: {
        operationId: "recordRequesterIdentity",
        tags,
        summary: "Record the identity check (and, for someone acting for another, their authority)",
        params: idParams,
        body: identityInput,
        response: noContent,
      },
    },
    (request, reply) => noContentAfter(reply, verifyIdentity(db, actorOf(request), request.params.id, request.body)),
  );
  app.post(
    "/rights-requests/:id/transitions",
    {
      schema: {
        operationId: "transitionRightsRequest",
        tags,
        summary: "Move the request on: stop or restart the clock, extend, review exemptions, respond, close",
        description:
          "An impossible move is a 409. Moving on from waiting, `receivedOn` is the day what was asked for arrived (today if not given; not before the request was received or the clock was stopped, a field error otherwise): proof of identity starts the month from that day, clarification moves the due date on by the days paused. An extension needs its reason and the day the requester was told, within the first month; a response needs the identity verified. An access request is answered with its pack reviewed in full, and, with no one attached, only as a refusal or with `nothingHeld: true` (the records hold nothing about the person).",
        params: idParams,
        body: transitionInput,
        response: noContent,
      },
    },
    (request, reply) => noContentAfter(reply, transitionRightsRequest(db, actorOf(request), request.params.id, request.body)),
  );
  app.post(
    "/rights-requests/:id/subjects",
    {
      schema: {
        operationId: "attachRightsRequestSubject",
        tags,
        summary: "Attach a person from your organisation's records; a requester matching their alleged perpetrator is flagged",
        params: idParams,
        body: z.object({ subjectId: z.uuid() }),
        response: { 200: z.object({ harmRisk: z.boolean() }), ...errors },
      },
    },
    async (request) => attachSubject(db, actorOf(request), request.params.id, request.body.subjectId),
  );
  app.post(
    "/rights-requests/:id/acknowledge",
    {
      schema: {
        operationId: "acknowledgeComplaint",
        tags,
        summary: "Acknowledge a complaint (due within 30 days of receipt)",
        params: idParams,
        response: noContent,
      },
    },
    (request, reply) => noContentAfter(reply, acknowledgeComplaint(db, actorOf(request), request.params.id)),
  );
  app.get(
    "/rights-requests/:id/warnings",
    {
      schema: {
        operationId: "listRightsRequestWarnings",
        tags,
        summary:
          "Before anything goes to the requester: decisions about the people attached that recorded the family was not told because telling could place the child at risk (GR2-ENGAGE), and links recording the requester as an alleged perpetrator towards them",
        params: idParams,
        response: { 200: packWarningsSchema, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return presentPackWarnings(
        await viewPackSafety(db, actor, await loadRightsRequest(db, actor, request.params.id), "api.rights.warnings"),
      );
    },
  );
}
