import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../../platform/db/client";
import { idParams, pageBody, pageOf, pageQuery, problemResponse, standardErrors } from "../../../platform/http/api-schemas";
import { actorOf, requireActor } from "../../../platform/http/auth/plugin";
import { created, createdResponse } from "../../../platform/http/created";
import { noContentAfter, noContentOr } from "../../../platform/http/no-content";
import { idempotencyKeyInput, shareDecisionInput } from "../domain/decision-input";
import { DECISION_STATUSES } from "../domain/records";
import { OUTCOMES } from "../domain/vocabulary";
import { viewDecision, viewDecisionPage } from "../services/decisions";
import { answerInput, answerQuestion, askSender, loadQuestions, questionInput } from "../services/disclosure-questions";
import {
  acknowledgeDisclosure,
  loadDisclosurePage,
  openReceived,
  revokeDisclosure,
  revokeInput,
  sideOfDisclosure,
  viewSent,
} from "../services/disclosures";
import { evaluateProposedDecision } from "../services/evaluate-proposed-decision";
import { fileDisclosure, fileInput } from "../services/file-disclosure";
import { recordValidatedDecision } from "../services/record-decision";
import { decisionActionsApi } from "./decision-actions";
import { recipientsApi } from "./recipients";
import { requestsApi } from "./requests";
import {
  decisionSchema,
  disclosureSchema,
  disclosureSummarySchema,
  evaluationSchema,
  presentDecision,
  presentDisclosedItem,
  presentDisclosureQuestion,
  presentDisclosureSummary,
} from "./schema";

const errors = { ...standardErrors, 409: problemResponse(), 422: problemResponse() };
const asList = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]), z.array(item).optional());

/** Share decisions and the disclosures they deliver (issue 5). */
export async function sharingApi(parent: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  app.addHook("onRequest", requireActor());
  await app.register(decisionActionsApi, { db });
  await app.register(requestsApi, { db });
  await app.register(recipientsApi, { db });

  app.post(
    "/share-decisions/evaluate",
    {
      schema: {
        operationId: "evaluateShareDecision",
        tags: ["share decisions"],
        summary: "Dry run: check a proposed decision against every rule and the cited agreement, recording nothing",
        body: shareDecisionInput,
        response: { 200: evaluationSchema, ...errors },
      },
    },
    async (request) => {
      const { findings, outstanding } = await evaluateProposedDecision(db, actorOf(request), request.body);
      return { ready: outstanding.length === 0, findings, outstanding };
    },
  );
  app.post(
    "/share-decisions",
    {
      schema: {
        operationId: "createShareDecision",
        tags: ["share decisions"],
        summary:
          "Record a decision to share, share some of it, or not share; a share is delivered to the recipient at once unless it needs approval",
        description:
          "Needs an Idempotency-Key header: the same key again returns the decision already recorded (200) instead of recording it twice; the same key with different answers is a 409. A decision the rules stop is a 422 whose `rules` list every block, and every warning not named in `acknowledgedWarnings`; nothing is recorded. In an emergency (`emergency.immediateRisk`) only the one-line reason, the recipient and the items are needed.",
        headers: z.object({ "idempotency-key": idempotencyKeyInput }),
        body: shareDecisionInput,
        response: { 200: decisionSchema, 201: createdResponse(decisionSchema, "the decision"), ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { detail, replayed } = await recordValidatedDecision(db, actor, request.body, request.headers["idempotency-key"]);
      const decision = presentDecision(detail, actor);
      return replayed ? decision : created(reply, `/api/v1/share-decisions/${decision.id}`, decision);
    },
  );
  app.get(
    "/share-decisions",
    {
      schema: {
        operationId: "listShareDecisions",
        tags: ["share decisions"],
        summary: "Your organisation's decisions, newest first: shares and decisions not to share alike (an audited read)",
        querystring: pageQuery.extend({
          outcome: asList(z.enum(OUTCOMES)),
          status: asList(z.enum(DECISION_STATUSES)),
          subjectId: z.uuid().optional(),
          overdue: z
            .enum(["true", "false"])
            .optional()
            .describe("true: only emergency shares whose full record is overdue; false: every decision but those"),
        }),
        response: { 200: pageOf(decisionSchema.omit({ record: true, addenda: true, disclosure: true })), ...errors },
      },
    },
    async (request) => {
      const { overdue, page, pageSize, ...filters } = request.query;
      const actor = actorOf(request);
      const { rows, total } = await viewDecisionPage(
        db,
        actor,
        { ...filters, overdue: overdue === undefined ? undefined : overdue === "true" },
        { page, pageSize },
        "api.share_decisions.list",
      );
      const items = rows.map((r) => {
        const { record: _r, addenda: _a, disclosure: _d, ...summary } = presentDecision({ ...r, disclosure: null, addenda: [] }, actor);
        return summary;
      });
      return pageBody(items, total, { page, pageSize });
    },
  );
  app.get(
    "/share-decisions/:id",
    {
      schema: {
        operationId: "getShareDecision",
        tags: ["share decisions"],
        summary: "One of your organisation's decisions, with every answer recorded, its disclosure and addenda (an audited read)",
        params: idParams,
        response: { 200: decisionSchema, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return presentDecision(await viewDecision(db, actor, request.params.id, "api.share_decisions.view"), actor);
    },
  );

  const disclosureTags = ["disclosures"];
  app.get(
    "/disclosures",
    {
      schema: {
        operationId: "listDisclosures",
        tags: disclosureTags,
        summary:
          "Disclosures received (your inbox: addressed to you, or to your organisation if you are a safeguarding lead) or sent by your organisation",
        querystring: pageQuery.extend({ box: z.enum(["received", "sent"]).default("received") }),
        response: { 200: pageOf(disclosureSummarySchema), ...errors },
      },
    },
    async (request) => {
      const { box, ...range } = request.query;
      const actor = actorOf(request);
      const { rows, total } = await loadDisclosurePage(db, actor, box, range);
      return pageBody(
        rows.map((d) => presentDisclosureSummary(d, box === "received" ? "recipient" : "sender", actor)),
        total,
        range,
      );
    },
  );
  app.get(
    "/disclosures/:id",
    {
      schema: {
        operationId: "getDisclosure",
        tags: disclosureTags,
        summary: "Open a disclosure: the recipient's reading is audited and the sender sees it was opened; the sender sees what it sent",
        description:
          "Your organisation's side decides what you read: the recipient organisation's reading, or the sending organisation's record of what went. Revoked or expired, a disclosure is a 404 to the recipient.",
        params: idParams,
        querystring: z.object({
          box: z
            .enum(["received", "sent"])
            .optional()
            .describe(
              "Optional, kept for older clients: read it only as received, or only as sent (404 if your organisation is not that side)",
            ),
        }),
        response: { 200: disclosureSchema, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const { box } = request.query;
      const received = box ? box === "received" : (await sideOfDisclosure(db, actor, request.params.id)) === "recipient";
      const { disclosure, items } = received
        ? await openReceived(db, actor, request.params.id)
        : await viewSent(db, actor, request.params.id, "api.disclosures.sent");
      const questions = await loadQuestions(db, actor, disclosure.id, received ? "recipient" : "sender");
      return {
        ...presentDisclosureSummary(disclosure, received ? "recipient" : "sender", actor),
        items: items.map(presentDisclosedItem),
        context: disclosure.context,
        questions: questions.map(presentDisclosureQuestion),
      };
    },
  );
  app.post(
    "/disclosures/:id/acknowledgement",
    {
      schema: {
        operationId: "acknowledgeDisclosure",
        tags: disclosureTags,
        summary: "Acknowledge receipt (the recipient); the sender's chronology records it",
        params: idParams,
        response: noContentOr(errors),
      },
    },
    (request, reply) => noContentAfter(reply, acknowledgeDisclosure(db, actorOf(request), request.params.id)),
  );
  app.post(
    "/disclosures/:id/filing",
    {
      schema: {
        operationId: "fileDisclosure",
        tags: disclosureTags,
        summary: "File what was received onto your own record of the person (an existing one, or a new one), with the sender as its source",
        params: idParams,
        body: fileInput,
        response: { 201: createdResponse(z.object({ subjectId: z.uuid() }), "the record of the person it was filed on"), ...errors },
      },
    },
    async (request, reply) => {
      const subjectId = await fileDisclosure(db, actorOf(request), request.params.id, request.body);
      return created(reply, `/api/v1/subjects/${subjectId}`, { subjectId });
    },
  );
  app.post(
    "/disclosures/:id/questions",
    {
      schema: {
        operationId: "askDisclosureQuestion",
        tags: disclosureTags,
        summary: "Ask the sender a question about a disclosure you received; it and the answer are kept with the disclosure on both sides",
        params: idParams,
        body: questionInput,
        // A question has no address of its own: it is kept with the disclosure, which lists it.
        response: { 201: createdResponse(z.object({ id: z.uuid() }), "the disclosure, whose `questions` include it"), ...errors },
      },
    },
    async (request, reply) => {
      const id = await askSender(db, actorOf(request), request.params.id, request.body);
      return created(reply, `/api/v1/disclosures/${request.params.id}`, { id });
    },
  );
  app.post(
    "/disclosure-questions/:id/answer",
    {
      schema: {
        operationId: "answerDisclosureQuestion",
        tags: disclosureTags,
        summary: "Answer a recipient's question about a disclosure your organisation sent (once: an answer is not rewritten)",
        params: idParams,
        body: answerInput,
        response: noContentOr(errors),
      },
    },
    (request, reply) => noContentAfter(reply, answerQuestion(db, actorOf(request), request.params.id, request.body)),
  );
  app.post(
    "/disclosures/:id/revocation",
    {
      schema: {
        operationId: "revokeDisclosure",
        tags: disclosureTags,
        summary: "Withdraw the recipient's access (the decider, or the sending organisation's safeguarding or IG leads)",
        params: idParams,
        body: revokeInput,
        response: noContentOr(errors),
      },
    },
    (request, reply) => noContentAfter(reply, revokeDisclosure(db, actorOf(request), request.params.id, request.body)),
  );
}
