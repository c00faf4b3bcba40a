import { hash } from "node:crypto";
import { addHours, addMonths, format } from "date-fns";
import { and, eq } from "drizzle-orm";
import { canonicalJson } from "../../audit/chain";
import { snapshotOf } from "../../audit/events";
import { inTransaction } from "../../audit/write";
import type { Db, Tx } from "../../db/client";
import { informationRequests, shareDecisions } from "../../db/schema-sharing";
import type { Actor } from "../../domain/actor";
import { today as todayOf } from "../../domain/calendar";
import { ConflictError, RulesBlockedError, ValidationError } from "../../domain/errors";
import { PURPOSE_LABELS } from "../../domain/purposes";
import { type ShareDecisionInput, shareDecisionInput } from "../../domain/sharing/decision-input";
import { blocksOf, evaluateDecision, type Finding, warningsOf } from "../../domain/sharing/evaluate-decision";
import { DEFAULT_DECISION_RETENTION_MONTHS } from "../../domain/sharing/settings";
import { OUTCOME_LABELS } from "../../domain/sharing/vocabulary";
import { assertWorksWithRecords } from "../records/access";
import { addChronologyEntry } from "../records/chronology";
import { type GatheredFacts, gatherFacts } from "./decision-facts";
import { type DecisionRow, deliverDisclosure } from "./deliver";

/** What the decider still has to do before the decision can be recorded: fix the blocks, read the warnings. */
export function outstanding(findings: Finding[], input: ShareDecisionInput): Finding[] {
  if (input.emergency.immediateRisk === true) return blocksOf(findings);
  const acknowledged = new Set(input.acknowledgedWarnings);
  return [
    ...blocksOf(findings),
    ...warningsOf(findings)
      .filter((w) => !acknowledged.has(w.code))
      .map((w) => ({ ...w, message: `Read and acknowledge this warning: ${w.message}` })),
  ];
}

/** Checks a proposed decision against every rule without recording anything (the API's dry run and each wizard step). */
export async function evaluateProposedDecision(db: Db, actor: Actor, raw: unknown, now = new Date()) {
  assertWorksWithRecords(actor);
  const input = shareDecisionInput.parse(raw);
  const gathered = await gatherFacts(db, actor, input, todayOf(now));
  const findings = evaluateDecision(gathered.facts);
  return { findings, outstanding: outstanding(findings, input), gathered };
}

const KEY = /^[\x21-\x7e]{8,200}$/;

/**
 * Records a share decision, whichever way it goes (GR7-RECORD), and, for a share that needs no
 * approval, delivers its disclosure in the same transaction. Blocked or unacknowledged findings
 * change nothing (422). The idempotency key makes a retried request or a second tab find the decision
 * already recorded rather than record it twice; the same key with different answers is a conflict.
 */
export async function recordShareDecision(
  db: Db,
  actor: Actor,
  raw: unknown,
  idempotencyKey: string | undefined,
  now = new Date(),
): Promise<{ decision: DecisionRow; replayed: boolean }> {
  assertWorksWithRecords(actor);
  if (!idempotencyKey || !KEY.test(idempotencyKey)) {
    throw new ValidationError([
      { path: "/idempotencyKey", message: "Send an Idempotency-Key of 8 to 200 printable characters, unique to this decision" },
    ]);
  }
  const input = shareDecisionInput.parse(raw);
  const requestHash = hash("sha256", canonicalJson(input), "hex");
  const replay = await findByKey(db, actor, idempotencyKey, requestHash);
  if (replay) return { decision: replay, replayed: true };

  const gathered = await gatherFacts(db, actor, input, todayOf(now));
  const findings = evaluateDecision(gathered.facts);
  const stopping = outstanding(findings, input);
  if (stopping.length) throw new RulesBlockedError(stopping);

  const recorded = await inTransaction(db, async (tx, audit) => {
    const row = decisionRow(actor, input, gathered, warningsOf(findings), idempotencyKey, requestHash, now);
    const [decision] = await tx.insert(shareDecisions).values(row).onConflictDoNothing().returning();
    // Another request with this key won the race: nothing of ours is written.
    if (!decision) return undefined;
    if (input.informationRequestId) await markRequestAnswered(tx, input.informationRequestId, decision.id, now);
    await addChronologyEntry(tx, {
      organisationId: actor.organisationId,
      subjectId: decision.subjectId,
      occurredOn: todayOf(now),
      category: "decision",
      kind: "DECISION_RECORDED",
      title: decisionTitle(decision, gathered.recipient?.name),
      summary: `${PURPOSE_LABELS[input.purpose.code ?? "OTHER"]}: ${input.purpose.description?.trim() || input.emergency.reason?.trim() || "no purpose recorded yet"}`,
      ref: { type: "share_decision", id: decision.id },
      recordedByUserId: actor.userId,
    });
    audit.record(snapshotOf(actor), {
      type: "share_decision.recorded",
      entity: { type: "subject", id: decision.subjectId },
      details: {
        decisionId: decision.id,
        outcome: decision.outcome,
        status: decision.status,
        emergency: decision.emergency,
        recipientOrganisationId: decision.recipientOrganisationId,
        agreementId: decision.agreementId,
        agreementVersion: decision.agreementVersion,
        items: (input.items.items ?? []).filter((i) => i.share).length,
        warnings: [...new Set(decision.findings.map((f) => f.code))],
      },
    });
    if (decision.status === "RECORDED" && decision.outcome !== "DO_NOT_SHARE")
      await deliverDisclosure(tx, audit, actor, decision, gathered, now);
    return decision;
  });
  if (recorded) return { decision: recorded, replayed: false };
  const winner = await findByKey(db, actor, idempotencyKey, requestHash);
  if (!winner) throw new ConflictError("The decision could not be recorded: try again");
  return { decision: winner, replayed: true };
}

function decisionRow(
  actor: Actor,
  input: ShareDecisionInput,
  gathered: GatheredFacts,
  warnings: Finding[],
  idempotencyKey: string,
  requestHash: string,
  now: Date,
): typeof shareDecisions.$inferInsert {
  const emergency = input.emergency.immediateRisk === true;
  const outcome = emergency ? "SHARE" : input.decision.outcome!;
  const needsApproval = outcome !== "DO_NOT_SHARE" && !emergency && gathered.approvalRequired;
  const covering = gathered.covering;
  return {
    organisationId: actor.organisationId,
    subjectId: gathered.subject.id,
    idempotencyKey,
    requestHash,
    status: needsApproval ? "AWAITING_APPROVAL" : "RECORDED",
    outcome,
    emergency,
    fullRecordDueAt: emergency ? addHours(now, gathered.settings.emergencyRecordHours) : null,
    purposeCode: input.purpose.code ?? null,
    recipientOrganisationId: input.recipient.organisationId ?? null,
    recipientUserId: input.recipient.userId ?? null,
    informationRequestId: input.informationRequestId ?? null,
    agreementId: covering?.agreementId ?? null,
    agreementVersion: covering?.version ?? null,
    parentAgreementVersion: covering?.parentVersion ?? null,
    record: input,
    findings: warnings,
    decidedByUserId: actor.userId,
    decidedByName: actor.name,
    decidedByRoles: [...actor.roles],
    decidedAt: now,
    retentionReviewOn: format(addMonths(now, covering?.retentionMonths ?? DEFAULT_DECISION_RETENTION_MONTHS), "yyyy-MM-dd"),
  };
}

export function decisionTitle(decision: Pick<DecisionRow, "outcome" | "emergency">, recipientName: string | undefined): string {
  const to = recipientName ? ` with ${recipientName}` : "";
  if (decision.emergency) return `Emergency share${to}`;
  if (decision.outcome === "SHARE") return `Decided to share${to}`;
  if (decision.outcome === "PARTIAL_SHARE") return `Decided to share some information${to}`;
  return `Decided not to share${to}`;
}

export const outcomeLabel = (outcome: DecisionRow["outcome"]) => OUTCOME_LABELS[outcome];

async function findByKey(db: Db, actor: Actor, idempotencyKey: string, requestHash: string): Promise<DecisionRow | undefined> {
  const [existing] = await db
    .select()
    .from(shareDecisions)
    .where(and(eq(shareDecisions.organisationId, actor.organisationId), eq(shareDecisions.idempotencyKey, idempotencyKey)));
  if (!existing) return undefined;
  if (existing.requestHash !== requestHash) {
    throw new ConflictError("This Idempotency-Key was already used for a different decision: use a new key for a new decision");
  }
  return existing;
}

async function markRequestAnswered(tx: Tx, requestId: string, decisionId: string, now: Date) {
  const answered = await tx
    .update(informationRequests)
    .set({ status: "ANSWERED", answeredDecisionId: decisionId, answeredAt: now })
    .where(and(eq(informationRequests.id, requestId), eq(informationRequests.status, "OPEN")))
    .returning({ id: informationRequests.id });
  if (!answered.length) throw new ConflictError("This request has already been answered or withdrawn");
}
