import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../../platform/db/client";
import { idParams, pageBody, pageOf, pageQuery, problemResponse, standardErrors } from "../../../platform/http/api-schemas";
import { actorOf } from "../../../platform/http/auth/plugin";
import { created, createdResponse } from "../../../platform/http/created";
import { noContentAfter, noContentOr } from "../../../platform/http/no-content";
import { REQUEST_STATUSES, REQUEST_URGENCIES, requestReference } from "../domain/records";
import { informationRequestInput } from "../domain/request-input";
import { OUTCOMES } from "../domain/vocabulary";
import {
  acknowledgeAnswer,
  loadInformationRequest,
  loadInformationRequestPage,
  makeInformationRequest,
  type RequestView,
  withdrawInformationRequest,
} from "../services/information-requests";

const errors = { ...standardErrors, 409: problemResponse() };
const tags = ["information requests"];

const requestSchema = z
  .object({
    id: z.uuid(),
    reference: z.string().describe("IR-000123"),
    requesting: z.object({ organisationId: z.uuid(), name: z.string(), byName: z.string() }),
    requested: z.object({ organisationId: z.uuid(), name: z.string() }),
    subject: z.object({
      name: z.string(),
      dateOfBirth: z.string().nullable().optional(),
      nhsNumber: z.string().nullable().optional(),
      address: z.string().nullable(),
    }),
    purposeCode: z.string(),
    purpose: z.string(),
    gateway: z.string().nullable(),
    urgency: z.enum(REQUEST_URGENCIES),
    dueOn: z.iso.date(),
    status: z.enum(REQUEST_STATUSES),
    requestedAt: z.iso.datetime(),
    answer: z
      .object({
        outcome: z.enum(OUTCOMES),
        reasons: z.string().nullable(),
        otherHolderName: z.string().nullable().describe("Where the answer says another organisation may hold the information"),
        disclosed: z.boolean().describe("True when what was shared has been sent to the requester's inbox"),
        acknowledgedAt: z.iso.datetime().nullable().describe("When the requester acknowledged reading the answer"),
      })
      .nullable(),
  })
  .meta({ id: "InformationRequest" });

function presentRequest(r: RequestView): z.infer<typeof requestSchema> {
  return {
    id: r.id,
    reference: requestReference(r.number),
    requesting: { organisationId: r.requestingOrganisationId, name: r.requestingName, byName: r.requestedByName },
    requested: { organisationId: r.requestedOrganisationId, name: r.requestedName },
    subject: {
      name: r.subject.name,
      dateOfBirth: r.subject.dateOfBirth ?? null,
      nhsNumber: r.subject.nhsNumber ?? null,
      address: r.subject.addresses?.[0]?.lines ?? null,
    },
    purposeCode: r.purposeCode,
    purpose: r.purpose,
    gateway: r.gateway,
    urgency: r.urgency,
    dueOn: r.dueOn,
    status: r.status,
    requestedAt: r.requestedAt.toISOString(),
    answer: r.answer
      ? {
          outcome: r.answer.outcome as (typeof OUTCOMES)[number],
          reasons: r.answer.reasons,
          otherHolderName: r.answer.otherHolderName,
          disclosed: r.answer.disclosed,
          acknowledgedAt: r.answer.acknowledgedAt?.toISOString() ?? null,
        }
      : null,
  };
}

/** Information requests: made here, answered with POST /share-decisions naming `informationRequestId`. */
export async function requestsApi(parent: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  app.post(
    "/information-requests",
    {
      schema: {
        operationId: "createInformationRequest",
        tags,
        summary:
          "Ask another organisation for what it holds about a person; due in UK working days by urgency (1 for a safeguarding referral)",
        body: informationRequestInput,
        response: { 201: createdResponse(requestSchema, "the request"), ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await makeInformationRequest(db, actor, request.body);
      return created(reply, `/api/v1/information-requests/${id}`, presentRequest(await loadInformationRequest(db, actor, id)));
    },
  );
  app.get(
    "/information-requests",
    {
      schema: {
        operationId: "listInformationRequests",
        tags,
        summary: "Requests made to your organisation (incoming, open ones first by due date) or by it (outgoing)",
        querystring: pageQuery.extend({ box: z.enum(["incoming", "outgoing"]).default("incoming") }),
        response: { 200: pageOf(requestSchema), ...errors },
      },
    },
    async (request) => {
      const { box, ...range } = request.query;
      const { rows, total } = await loadInformationRequestPage(db, actorOf(request), box, range);
      return pageBody(rows.map(presentRequest), total, range);
    },
  );
  app.get(
    "/information-requests/:id",
    {
      schema: {
        operationId: "getInformationRequest",
        tags,
        summary: "One request, with its answer once given (either organisation)",
        params: idParams,
        response: { 200: requestSchema, ...errors },
      },
    },
    async (request) => presentRequest(await loadInformationRequest(db, actorOf(request), request.params.id)),
  );
  app.post(
    "/information-requests/:id/answer-acknowledgement",
    {
      schema: {
        operationId: "acknowledgeInformationRequestAnswer",
        tags,
        summary:
          "The requester has read the answer: a refusal stops waiting on their home page. Acknowledging again changes nothing (204); a request not yet answered is a 409",
        params: idParams,
        response: noContentOr(errors),
      },
    },
    (request, reply) => noContentAfter(reply, acknowledgeAnswer(db, actorOf(request), request.params.id)),
  );
  app.post(
    "/information-requests/:id/withdrawal",
    {
      schema: {
        operationId: "withdrawInformationRequest",
        tags,
        summary: "Withdraw an open request (the requester)",
        params: idParams,
        response: noContentOr(errors),
      },
    },
    (request, reply) => noContentAfter(reply, withdrawInformationRequest(db, actorOf(request), request.params.id)),
  );
}
