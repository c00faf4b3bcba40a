import { and, eq, inArray, sql } from "drizzle-orm";
import { snapshotOf } from "../../audit/events";
import { inTransaction } from "../../audit/write";
import type { Db } from "../../db/client";
import { rightsProcessingDecisions } from "../../db/schema-rights";
import { shareDecisions } from "../../db/schema-sharing";
import type { Actor } from "../../domain/actor";
import { today } from "../../domain/calendar";
import { ConflictError, ValidationError } from "../../domain/errors";
import { ARTICLE_6, ARTICLE_6_LABELS } from "../../domain/lawful-basis";
import { type ProcessingRight, processingDecisionInput, processingDecisionProblem, rightReaches } from "../../domain/rights/processing";
import { chronicleStep, getRightsRequest, logEvent } from "./requests";

/**
 * Objection and withdrawal of consent (domain.md §6): the sharing about the person so far, by
 * Article 6 basis, which of it the right reaches, and the IG lead's decision for each basis reached
 * (stop, or, for an objection, continue on compelling grounds). A stop is enforced when anyone in
 * the organisation next decides to share about the person (`R-CONSENT-WITHDRAWN`, `R-OBJECTION-UPHELD`).
 */

async function processingRequest(db: Db, actor: Actor, requestId: string) {
  const request = await getRightsRequest(db, actor, requestId);
  if (request.type !== "OBJECTION" && request.type !== "WITHDRAW_CONSENT")
    throw new ConflictError("Only an objection or a withdrawal of consent is decided basis by basis");
  return { request, right: request.type as ProcessingRight };
}

/** Each Article 6 basis the organisation has shared about the person under, or the right reaches. */
export async function processingForRequest(db: Db, actor: Actor, requestId: string) {
  const { request, right } = await processingRequest(db, actor, requestId);
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
              eq(shareDecisions.organisationId, actor.organisationId),
              inArray(shareDecisions.subjectId, subjectIds),
              inArray(shareDecisions.outcome, ["SHARE", "PARTIAL_SHARE"]),
            ),
          )
          .groupBy(basis)
      : [],
    db.select().from(rightsProcessingDecisions).where(eq(rightsProcessingDecisions.requestId, requestId)),
  ]);
  const bases = ARTICLE_6.map((article6) => {
    const use = used.find((u) => u.article6 === article6);
    const decision = decided.find((d) => d.article6 === article6);
    return {
      article6,
      label: ARTICLE_6_LABELS[article6],
      decisions: use?.decisions ?? 0,
      lastSharedOn: use?.lastSharedOn ?? null,
      ...rightReaches(right, article6),
      decision: decision
        ? { decision: decision.decision, grounds: decision.grounds, byName: decision.byName, decidedOn: decision.decidedOn }
        : null,
    };
  }).filter((b) => b.decisions > 0 || b.applies);
  return { right, bases };
}

/** Records the decision for one basis, for every person attached, and puts it on their chronology. */
export async function decideProcessing(db: Db, actor: Actor, requestId: string, raw: unknown): Promise<void> {
  const { request, right } = await processingRequest(db, actor, requestId);
  const input = processingDecisionInput.parse(raw);
  const problem = processingDecisionProblem(right, input);
  if (problem) throw new ValidationError([problem]);
  if (request.state === "RESPONDED" || request.state === "CLOSED") throw new ConflictError("The request has been answered");
  if (!request.subjects.length) throw new ValidationError([{ path: "/subjectId", message: "Attach the person from your records first" }]);
  const on = today();
  const what =
    input.decision === "STOP"
      ? `Sharing under ${ARTICLE_6_LABELS[input.article6]} stopped`
      : `Sharing under ${ARTICLE_6_LABELS[input.article6]} continues on compelling grounds`;
  await inTransaction(db, async (tx, audit) => {
    const rows = await tx
      .insert(rightsProcessingDecisions)
      .values(
        request.subjects.map((s) => ({
          requestId,
          organisationId: actor.organisationId,
          subjectId: s.id,
          right,
          article6: input.article6,
          decision: input.decision,
          grounds: input.grounds,
          decidedOn: on,
          byUserId: actor.userId,
          byName: actor.name,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: rightsProcessingDecisions.id });
    if (!rows.length) throw new ConflictError("This basis has already been decided for this request");
    await logEvent(tx, requestId, actor.name, what);
    await chronicleStep(tx, actor, request, { kind: "RIGHTS_PROCESSING", what: what.toLowerCase(), summary: input.grounds, on });
    audit.record(snapshotOf(actor), {
      type: "rights_request.processing_decided",
      entity: { type: "rights_request", id: requestId },
      details: { article6: input.article6, decision: input.decision, subjects: request.subjects.length },
    });
  });
}
