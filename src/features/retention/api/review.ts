import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../../platform/db/client";
import { idParams, pageBody, pageOf, pageQuery } from "../../../platform/http/api-schemas";
import { actorOf } from "../../../platform/http/auth/plugin";
import { created, createdResponse } from "../../../platform/http/created";
import { noContentAfter, noContentOr } from "../../../platform/http/no-content";
import { keepInput, proposeInput } from "../domain/review-inputs";
import { approveDisposal, cancelDisposal, loadDisposals, proposeDisposal, viewDisposal } from "../services/disposal";
import { keepFile } from "../services/keep";
import { viewReviewQueue } from "../services/review-queue";
import { sendCertificatePdf } from "./certificate-pdf";
import {
  disposalDetailSchema,
  disposalSchema,
  errors,
  executedSchema,
  keptSchema,
  presentDisposal,
  reviewQueueQuery,
  reviewQueueSchema,
  tags,
} from "./review-schema";

/** The review queue, keeping files at review, and disposal batches with their certificates: for IG leads. */
export async function retentionReviewApi(parent: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/retention/review-queue",
    {
      schema: {
        operationId: "viewReviewQueue",
        tags,
        summary:
          "Files reaching the end of their retention period by the end of this month (and overdue ones), grouped by rule; an audited read",
        querystring: reviewQueueQuery,
        response: { 200: reviewQueueSchema, ...errors },
      },
    },
    async (request) => viewReviewQueue(db, actorOf(request), request.query, "api:retention-review-queue"),
  );
  app.post(
    "/retention/review-queue/:id/keep",
    {
      schema: {
        operationId: "keepFileAtReview",
        tags,
        summary: "Keep a person's file for a further period, with the reason: it leaves the queue until then",
        params: idParams,
        body: keepInput,
        response: { 200: keptSchema, ...errors },
      },
    },
    async (request) => keepFile(db, actorOf(request), request.params.id, request.body),
  );
  app.get(
    "/retention/disposals",
    {
      schema: {
        operationId: "listDisposals",
        tags,
        summary: "The organisation's disposal batches, newest first",
        querystring: pageQuery,
        response: { 200: pageOf(disposalSchema), ...errors },
      },
    },
    async (request) => {
      const { rows, total } = await loadDisposals(db, actorOf(request), request.query);
      return pageBody(rows.map(presentDisposal), total, request.query);
    },
  );
  app.post(
    "/retention/disposals",
    {
      schema: {
        operationId: "proposeDisposal",
        tags,
        summary: "Propose due files for disposal under one rule; a second IG lead approves it (RET-NOT-DUE, RET-HOLD)",
        body: proposeInput,
        response: { 201: createdResponse(disposalDetailSchema, "the disposal batch"), ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id } = await proposeDisposal(db, actor, request.body);
      return created(reply, `/api/v1/retention/disposals/${id}`, presentDisposal(await viewDisposal(db, actor, id, "api:disposal")));
    },
  );
  app.get(
    "/retention/disposals/:id",
    {
      schema: {
        operationId: "getDisposal",
        tags,
        summary: "One disposal batch: its files (named while proposed; an audited read) or, once carried out, its certificate",
        params: idParams,
        response: { 200: disposalDetailSchema, ...errors },
      },
    },
    async (request) => presentDisposal(await viewDisposal(db, actorOf(request), request.params.id, "api:disposal")),
  );
  app.post(
    "/retention/disposals/:id/approval",
    {
      schema: {
        operationId: "approveDisposal",
        tags,
        summary:
          "Approve and carry out a proposed disposal in one transaction: not by its proposer (RET-SECOND-PERSON), not under a hold (RET-HOLD); again, it changes nothing",
        params: idParams,
        response: { 200: executedSchema, ...errors },
      },
    },
    async (request) => approveDisposal(db, actorOf(request), request.params.id),
  );
  app.post(
    "/retention/disposals/:id/cancellation",
    {
      schema: {
        operationId: "cancelDisposal",
        tags,
        summary: "Withdraw a proposed disposal",
        params: idParams,
        response: noContentOr(errors),
      },
    },
    (request, reply) => noContentAfter(reply, cancelDisposal(db, actorOf(request), request.params.id)),
  );
  app.get(
    "/retention/disposals/:id/certificate.pdf",
    {
      schema: {
        operationId: "getDisposalCertificatePdf",
        tags,
        summary: "A carried-out disposal's certificate as a tagged PDF, without personal data; not found until the batch is carried out",
        params: idParams,
        produces: ["application/pdf"],
        response: { 200: z.any().meta({ description: "A PDF document" }), ...errors },
      },
    },
    (request, reply) => sendCertificatePdf(reply, db, actorOf(request), request.params.id),
  );
}
