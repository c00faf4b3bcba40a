import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Db } from "../../../platform/db/client";
import { actorOf } from "../../../platform/http/auth/plugin";
import { bodyOf, idParam, str, withFormErrors } from "../../../platform/web-kit/forms";
import { saveDraft } from "../../form-drafts";

import type { ShareDecisionInput } from "../domain/decision-input";
import { answersOnly } from "../domain/disclosure-snapshot";
import { addAddendum } from "../services/addenda";
import { approveDecision, returnDecision } from "../services/approve-decision";
import { loadDecision } from "../services/decisions";
import { setAt } from "./answers";
import { chooseAgreement, type ShareDraft } from "./wizard-context";

/**
 * Acting on a recorded decision from its page: a safeguarding lead approves or returns it; the
 * decider completes an emergency share's full record, or decides again after a return, in the wizard
 * (a draft started from what was recorded); anyone in the organisation adds a correction or the outcome.
 */

type Render = (request: FastifyRequest, reply: FastifyReply, id: string, extra: Record<string, unknown>) => Promise<unknown>;

/**
 * The wizard's draft for this person, filled from a recorded decision's answers: the answers only, so
 * what is taken out as protected is worked out again from the record as it is now.
 */
async function startDraftFrom(db: Db, request: FastifyRequest, record: ShareDecisionInput, completes?: string) {
  const actor = actorOf(request);
  const { acknowledgedWarnings: _read, ...answers } = answersOnly(record);
  if (!completes) {
    const draft: ShareDraft = { answers: { ...answers, emergency: { immediateRisk: false } }, doneSteps: [], key: randomUUID() };
    await saveDraft<ShareDraft>(db, actor, "share_decision", record.subjectId, draft);
    return `/subjects/${record.subjectId}/share/tasks`;
  }
  // Completing an emergency share's record starts from what is known: who it went to, what went (both
  // fixed: they went), that it was shared, and the reason given at the time as the start of the reasons.
  const known = setAt(
    setAt(answers, "/decision/outcome", record.decision.outcome ?? "SHARE"),
    "/decision/reasons",
    record.decision.reasons ?? record.emergency.reason,
  );
  const chosen =
    record.recipient.agreementId === undefined ? await chooseAgreement(db, actor, known) : { answers: known, asksAgreement: false };
  const draft: ShareDraft = {
    answers: chosen.answers,
    asksAgreement: chosen.asksAgreement,
    doneSteps: ["recipient", "outcome", "items"],
    key: randomUUID(),
    completes,
  };
  await saveDraft<ShareDraft>(db, actor, "share_decision", record.subjectId, draft);
  return `/subjects/${record.subjectId}/share/tasks`;
}

export async function decisionActionPages(app: FastifyInstance, { db, render }: { db: Db; render: Render }): Promise<void> {
  const idOf = (request: FastifyRequest) => idParam(request, "id", "The share decision");

  /** Runs an action; a refusal (validation, rules, conflict) shows on the decision page with what was typed. */
  const act = async (request: FastifyRequest, reply: FastifyReply, action: () => Promise<unknown>, done: string) => {
    const id = idOf(request);
    return withFormErrors(
      reply,
      (summary) =>
        render(request, reply, id, {
          ...summary,
          values: { comments: str(bodyOf(request), "comments"), text: str(bodyOf(request), "text"), kind: str(bodyOf(request), "kind") },
        }),
      async () => {
        await action();
        return reply.redirect(`/share-decisions/${id}?outcome=${done}`, 303);
      },
      { orAt: { path: `/${done}`, message: "This could not be done" } },
    );
  };

  app.post("/share-decisions/:id/approve", (request, reply) =>
    act(
      request,
      reply,
      () => approveDecision(db, actorOf(request), idOf(request), { comments: str(bodyOf(request), "comments") || undefined }),
      "approved",
    ),
  );
  app.post("/share-decisions/:id/return", (request, reply) =>
    act(
      request,
      reply,
      () => returnDecision(db, actorOf(request), idOf(request), { comments: str(bodyOf(request), "comments") }),
      "returned",
    ),
  );
  app.post("/share-decisions/:id/addenda", (request, reply) =>
    act(
      request,
      reply,
      () => addAddendum(db, actorOf(request), idOf(request), { kind: str(bodyOf(request), "kind"), text: str(bodyOf(request), "text") }),
      "added",
    ),
  );
  app.post("/share-decisions/:id/complete", async (request, reply) => {
    const decision = await loadDecision(db, actorOf(request), idOf(request));
    return reply.redirect(
      await startDraftFrom(db, request, decision.record, decision.emergency && !decision.fullRecordCompletedAt ? decision.id : undefined),
      303,
    );
  });
  app.post("/share-decisions/:id/decide-again", async (request, reply) => {
    const decision = await loadDecision(db, actorOf(request), idOf(request));
    return reply.redirect(await startDraftFrom(db, request, decision.record), 303);
  });
}
