import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { snapshotOf } from "../../../platform/audit/events";
import { inTransaction } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import { today } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { visibleTo } from "../../../platform/db/scope";
import { ConflictError, ValidationError } from "../../../platform/errors";
import { ARTICLE_6, ARTICLE_6_LABELS } from "../../agreements/domain";
import { shareDecisions } from "../../sharing/schema";
import type {} from "../audit-events";
import { type ProcessingRight, processingDecisionInput, processingDecisionProblem, rightReaches } from "../domain/processing";
import { changeProblem } from "../domain/transitions";
import { isAnswered } from "../domain/vocabulary";
import { rightsProcessingDecisions, rightsRequests } from "../schema";
import { type RightsRequestView, requestFor } from "./load-requests";
import { chronicleStep, logEvent } from "./record-step";

/**
 * Objection and withdrawal of consent (docs/domain.md §6): the sharing about the person so far, by
 * Article 6 basis, which of it the right reaches, and the IG lead's decision for each basis reached
 * (stop, or, for an objection, continue on compelling grounds). A stop is enforced when anyone in
 * the organisation next decides to share about the person (`R-CONSENT-WITHDRAWN`, `R-OBJECTION-UPHELD`).
 */

async function processingRequest(db: Db, actor: Actor, requestOrId: string | RightsRequestView) {
  const request = await requestFor(db, actor, requestOrId);
  if (request.type !== "OBJECTION" && request.type !== "WITHDRAW_CONSENT")
    throw new ConflictError("Only an objection or a withdrawal of consent is decided basis by basis");
  return { request, right: request.type as ProcessingRight };
}

/** Each Article 6 basis the organisation has shared about the person under, or the right reaches. */
export async function processingForRequest(db: Db, actor: Actor, requestOrId: string | RightsRequestView) {
  const { request, right } = await processingRequest(db, actor, requestOrId);
  const requestId = request.id;
  const subjectIds = request.subjects.map((s) => s.id);
  const basis = sql<string | null>`${shareDecisions.record}->'lawfulBasis'->>'article6'`;
  const [used, decided] = await Promise.all([
    subjectIds.length
      ? db
          .select({
            article6: basis,
            decisions: sql<number>`count(*)::int`,
            lastSharedOn: sql<string>`max(${shareDecisions.decidedAt})::date::text`,
          })
          .from(shareDecisions)
          .where(
            and(
              visibleTo(actor, shareDecisions),
              inArray(shareDecisions.subjectId, subjectIds),
              inArray(shareDecisions.outcome, ["SHARE", "PARTIAL_SHARE"]),
            ),
          )
          .groupBy(basis)
      : [],
    db
      .select()
      .from(rightsProcessingDecisions)
      .where(eq(rightsProcessingDecisions.requestId, requestId))
      .orderBy(desc(rightsProcessingDecisions.at)),
  ]);
  const bases = ARTICLE_6.map((article6) => {
    const use = used.find((u) => u.article6 === article6);
    // The latest decision for a basis is the one in force; earlier ones stay as its history.
    const history = decided.filter((d) => d.article6 === article6);
    const latest = history[0];
    return {
      article6,
      label: ARTICLE_6_LABELS[article6],
      decisions: use?.decisions ?? 0,
      lastSharedOn: use?.lastSharedOn ?? null,
      ...rightReaches(right, article6),
      decision: latest ? { decision: latest.decision, grounds: latest.grounds, byName: latest.byName, decidedOn: latest.decidedOn } : null,
      earlier: history.slice(1).map((d) => ({ decision: d.decision, grounds: d.grounds, byName: d.byName, decidedOn: d.decidedOn })),
    };
  }).filter((b) => b.decisions > 0 || b.applies);
  return { right, bases, choices: [...decidable(request)] };
}

/**
 * What may be decided now: while the request is worked on (identity verified), either; once it is
 * answered, an objection upheld may still be overridden on compelling grounds that arise later.
 */
function decidable(request: RightsRequestView): readonly ("STOP" | "CONTINUE")[] {
  if (!request.identityVerifiedAt) return [];
  if (changeProblem(request) === null) return ["STOP", "CONTINUE"];
  // Later: compelling grounds after an upheld objection, or consent given again after a withdrawal.
  if (isAnswered(request.state)) return ["CONTINUE"];
  return [];
}

/**
 * Records the decision for one basis, for the people attached (and anyone attached later), and puts
 * it on their chronology.
 */
export async function decideProcessing(db: Db, actor: Actor, requestId: string, raw: unknown): Promise<void> {
  const { request, right } = await processingRequest(db, actor, requestId);
  const input = processingDecisionInput.parse(raw);
  const reach = processingDecisionProblem(right, input, null);
  if (reach?.path === "/article6") throw new ValidationError([reach]);
  if (!decidable(request).includes(input.decision)) {
    throw new ConflictError(
      isAnswered(request.state)
        ? "The request has been answered: only compelling grounds after an upheld objection, or consent given again, can be recorded now"
        : (changeProblem(request) ?? "This cannot be decided now"),
    );
  }
  if (!request.subjects.length) throw new ValidationError([{ path: "/article6", message: "Attach the person from your records first" }]);
  const on = today();
  const basis = ARTICLE_6_LABELS[input.article6];
  const step = input.decision === "STOP" ? "processingStopped" : right === "WITHDRAW_CONSENT" ? "processingResumed" : "processingContinues";
  const what =
    step === "processingStopped"
      ? `Sharing under ${basis} stopped`
      : step === "processingResumed"
        ? `Consent given again: sharing under ${basis} may resume`
        : `Sharing under ${basis} continues on compelling grounds`;
  await inTransaction(db, async (tx, audit) => {
    // Serialises decisions on the request, so two at once cannot both be "the latest".
    await tx.select({ id: rightsRequests.id }).from(rightsRequests).where(eq(rightsRequests.id, requestId)).for("update");
    const [latest] = await tx
      .select({ decision: rightsProcessingDecisions.decision })
      .from(rightsProcessingDecisions)
      .where(and(eq(rightsProcessingDecisions.requestId, requestId), eq(rightsProcessingDecisions.article6, input.article6)))
      .orderBy(desc(rightsProcessingDecisions.at))
      .limit(1);
    if (latest?.decision === input.decision) throw new ConflictError("That is already the decision for this basis");
    const problem = processingDecisionProblem(right, input, latest?.decision ?? null);
    if (problem) throw new ValidationError([problem]);
    await tx.insert(rightsProcessingDecisions).values({
      requestId,
      organisationId: actor.organisationId,
      right,
      article6: input.article6,
      decision: input.decision,
      grounds: input.grounds,
      decidedOn: on,
      byUserId: actor.userId,
      byName: actor.name,
    });
    await logEvent(tx, requestId, actor.name, what);
    await chronicleStep(tx, actor, request, {
      kind: "RIGHTS_PROCESSING",
      title: step,
      params: { basis: input.article6 },
      summary: input.grounds,
      on,
    });
    audit.record(snapshotOf(actor), {
      type: "rights_request.processing_decided",
      entity: { type: "rights_request", id: requestId },
      details: { article6: input.article6, decision: input.decision, subjects: request.subjects.length },
    });
  });
}
