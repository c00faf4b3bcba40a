import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../../platform/db/client";
import { idParams, pageBody, pageOf, pageQuery, problemResponse, standardErrors } from "../../../platform/http/api-schemas";
import { actorOf, requireActor } from "../../../platform/http/auth/plugin";
import { created, createdResponse } from "../../../platform/http/created";
import { acknowledgeConcernInput, closeConcernInput, concernInput } from "../domain/records";
import { RECORD_OVERSIGHT_ROLES } from "../services/access";
import {
  acknowledgeConcern,
  closeConcern,
  countConcernsAwaitingAcknowledgement,
  raiseConcern,
  viewConcern,
  viewConcernPage,
  viewConcernsAwaitingAcknowledgement,
} from "../services/concerns";
import { awaitingConcernSchema, concernSchema, presentAwaitingConcern, presentConcern } from "./schema";

const errors = { ...standardErrors, 409: problemResponse() };
const concernParams = idParams.extend({ concernId: z.uuid({ error: "Must be a UUID" }) });

export async function concernsApi(parent: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const tags = ["records"];

  app.get(
    "/concerns/awaiting-acknowledgement",
    {
      // The safeguarding leads' dashboard: other roles are told they may not, rather than shown an empty list.
      onRequest: requireActor(RECORD_OVERSIGHT_ROLES),
      schema: {
        operationId: "listConcernsAwaitingAcknowledgement",
        tags,
        summary:
          "Your organisation's concerns not yet acknowledged by a safeguarding lead, oldest first (the DSL dashboard; an audited read of the children listed)",
        querystring: pageQuery,
        response: { 200: pageOf(awaitingConcernSchema), ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const [waiting, total] = await Promise.all([
        viewConcernsAwaitingAcknowledgement(db, actor, "api.concerns.awaiting", request.query),
        countConcernsAwaitingAcknowledgement(db, actor),
      ]);
      return pageBody(waiting.map(presentAwaitingConcern), total, request.query);
    },
  );
  app.get(
    "/subjects/:id/concerns",
    {
      schema: {
        operationId: "listConcerns",
        tags,
        summary: "The concerns raised about a child, newest first (an audited read)",
        params: idParams,
        querystring: pageQuery,
        response: { 200: pageOf(concernSchema), ...errors },
      },
    },
    async (request) => {
      const { rows, total } = await viewConcernPage(db, actorOf(request), request.params.id, request.query, "api.subjects.concerns");
      return pageBody(rows.map(presentConcern), total, request.query);
    },
  );
  app.post(
    "/subjects/:id/concerns",
    {
      schema: {
        operationId: "raiseConcern",
        tags,
        summary: "Raise a concern about a child; it goes to your organisation's safeguarding leads until one acknowledges it",
        description:
          "A protected detail of the person or of someone linked to them (a refuge address, a protected name) typed into the description is a warning (GR5-PROTECT-IDENTITIES): a 422 whose `rules` name it, and nothing is saved, until `acknowledgedWarnings` includes its code.",
        params: idParams,
        body: concernInput,
        response: { 201: createdResponse(concernSchema, "the concern"), ...errors, 422: problemResponse() },
      },
    },
    async (request, reply) => {
      const concern = await raiseConcern(db, actorOf(request), request.params.id, request.body);
      return created(reply, `/api/v1/subjects/${request.params.id}/concerns/${concern.id}`, presentConcern(concern));
    },
  );
  app.get(
    "/subjects/:id/concerns/:concernId",
    {
      schema: {
        operationId: "getConcern",
        tags,
        summary: "One concern, with its follow-up action and outcome once recorded (an audited read)",
        params: concernParams,
        response: { 200: concernSchema, ...errors },
      },
    },
    async (request) =>
      presentConcern(await viewConcern(db, actorOf(request), request.params.id, request.params.concernId, "api.subjects.concern")),
  );
  app.post(
    "/subjects/:id/concerns/:concernId/acknowledgement",
    {
      schema: {
        operationId: "acknowledgeConcern",
        tags,
        summary: "A safeguarding lead acknowledges a concern and records the follow-up action",
        params: concernParams,
        body: acknowledgeConcernInput,
        response: { 200: concernSchema, ...errors },
      },
    },
    async (request) =>
      presentConcern(await acknowledgeConcern(db, actorOf(request), request.params.id, request.params.concernId, request.body)),
  );
  app.post(
    "/subjects/:id/concerns/:concernId/outcome",
    {
      schema: {
        operationId: "recordConcernOutcome",
        tags,
        summary: "A safeguarding lead records the outcome of an acknowledged concern, which closes it",
        params: concernParams,
        body: closeConcernInput,
        response: { 200: concernSchema, ...errors },
      },
    },
    async (request) => presentConcern(await closeConcern(db, actorOf(request), request.params.id, request.params.concernId, request.body)),
  );
}
