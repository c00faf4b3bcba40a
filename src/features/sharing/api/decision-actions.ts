import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../../platform/db/client";
import { idParams, problemResponse, standardErrors } from "../../../platform/http/api-schemas";
import { actorOf } from "../../../platform/http/auth/plugin";
import { created, createdResponse } from "../../../platform/http/created";
import { noContentAfter, noContentOr } from "../../../platform/http/no-content";
import { PURPOSE_CODES } from "../../agreements/domain";
import { shareDecisionInput } from "../domain/decision-input";
import { addAddendum, addendumInput, approvalRules, approvalRulesInput, setApprovalRules } from "../services/addenda";
import { approvalInput, approveDecision, returnDecision, returnInput } from "../services/approve-decision";
import { completeEmergencyRecord } from "../services/complete-emergency";

const errors = { ...standardErrors, 409: problemResponse(), 422: problemResponse() };
const tags = ["share decisions"];

/** What happens to a decision after it is recorded: approval, the emergency record, addenda; and which purposes need approval. */
export async function decisionActionsApi(parent: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const noContent = noContentOr(errors);

  app.post(
    "/share-decisions/:id/approval",
    {
      schema: {
        operationId: "approveShareDecision",
        tags,
        summary: "Approve a decision awaiting approval (a safeguarding lead other than the decider); its disclosure is delivered now",
        description: "The rules run again first: an item restricted or corrected since is a 422.",
        params: idParams,
        body: approvalInput,
        response: noContent,
      },
    },
    (request, reply) => noContentAfter(reply, approveDecision(db, actorOf(request), request.params.id, request.body)),
  );
  app.post(
    "/share-decisions/:id/return",
    {
      schema: {
        operationId: "returnShareDecision",
        tags,
        summary: "Return a decision awaiting approval with comments; nothing is delivered",
        params: idParams,
        body: returnInput,
        response: noContent,
      },
    },
    (request, reply) => noContentAfter(reply, returnDecision(db, actorOf(request), request.params.id, request.body)),
  );
  app.post(
    "/share-decisions/:id/emergency-record",
    {
      schema: {
        operationId: "completeEmergencyRecord",
        tags,
        summary: "Complete an emergency share's full record: every answer, checked by the rules; who it went to and what went stay as sent",
        params: idParams,
        body: shareDecisionInput,
        response: noContent,
      },
    },
    (request, reply) => noContentAfter(reply, completeEmergencyRecord(db, actorOf(request), request.params.id, request.body)),
  );
  app.post(
    "/share-decisions/:id/addenda",
    {
      schema: {
        operationId: "addShareDecisionAddendum",
        tags,
        summary: "Add a correction or the outcome to a recorded decision (it is never edited)",
        params: idParams,
        body: addendumInput,
        // An addendum has no address of its own: it is part of the decision's record, which lists it.
        response: { 201: createdResponse(z.object({ id: z.uuid() }), "the decision, whose `addenda` include it"), ...errors },
      },
    },
    async (request, reply) => {
      const id = await addAddendum(db, actorOf(request), request.params.id, request.body);
      return created(reply, `/api/v1/share-decisions/${request.params.id}`, { id });
    },
  );
  const rulesSchema = z.object({ purposes: z.array(z.enum(PURPOSE_CODES)) });
  app.get(
    "/share-approval-rules",
    {
      schema: {
        operationId: "getShareApprovalRules",
        tags,
        summary: "The purposes for which your organisation's decisions need a safeguarding lead's approval",
        response: { 200: rulesSchema, ...errors },
      },
    },
    async (request) => ({ purposes: await approvalRules(db, actorOf(request)) }),
  );
  app.put(
    "/share-approval-rules",
    {
      schema: {
        operationId: "replaceShareApprovalRules",
        tags,
        summary:
          "Replace them (safeguarding leads and organisation administrators); a safeguarding lead's own decisions and emergencies never wait",
        body: approvalRulesInput,
        response: { 200: rulesSchema, ...errors },
      },
    },
    async (request) => ({ purposes: await setApprovalRules(db, actorOf(request), request.body) }),
  );
}
