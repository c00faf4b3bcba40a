import { hash } from "node:crypto";
import { canonicalJson } from "../../../platform/audit/chain";
import { snapshotOf } from "../../../platform/audit/events";
import { AuditTrail } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import { today as todayOf } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { ConflictError, RulesBlockedError, ValidationError } from "../../../platform/errors";
import type { NewChronologyEntry } from "../../records";
import { assertWorksWithRecords } from "../../records";
import type {} from "../audit-events";
import { idempotencyKeyInput, type ShareDecisionInput, shareDecisionInput } from "../domain/decision-input";
import { purposeSent } from "../domain/disclosure-snapshot";
import { evaluateDecision, recordedWarnings, warningsOf } from "../domain/evaluate-decision";
import { requestReference } from "../domain/records";
import { gatherFacts, type RequestAnswered } from "./decision-facts";
import { decisionRow, recordedDetail } from "./decision-row";
import { decisionTitleMessage } from "./decision-title";
import { type DecisionDetail, loadDecision } from "./decisions";
import { disclosureWrites } from "./deliver";
import { assertPossibleAnswers, outstanding } from "./evaluate-proposed-decision";
import { type DecisionInsert, insertDecisionGuard, writeDecision } from "./write-decision";

export interface RecordedDecision {
  /** The decision as recorded, with its disclosure if one was delivered (for the response, without reading it back). */
  detail: DecisionDetail;
  /** True when the key had already recorded this decision: nothing new was written. */
  replayed: boolean;
}

/**
 * Records a share decision, whichever way it goes (GR7-RECORD), and, for a share that needs no
 * approval, delivers its disclosure in the same statement. Blocked or unacknowledged findings change
 * nothing (422). The idempotency key makes a retried request or a second tab find the decision
 * already recorded rather than record it twice; the same key with different answers is a conflict.
 * Three round trips in all: the session, the facts, the write.
 */
export async function recordShareDecision(
  db: Db,
  actor: Actor,
  raw: unknown,
  idempotencyKey: string | undefined,
  now = new Date(),
): Promise<RecordedDecision> {
  return recordValidatedDecision(db, actor, shareDecisionInput.parse(raw), idempotencyKey, now);
}

/** The same, for answers already parsed by `shareDecisionInput` (the API's body schema has done it once). */
export async function recordValidatedDecision(
  db: Db,
  actor: Actor,
  input: ShareDecisionInput,
  idempotencyKey: string | undefined,
  now = new Date(),
): Promise<RecordedDecision> {
  assertWorksWithRecords(actor);
  const checked = idempotencyKeyInput.safeParse(idempotencyKey);
  if (!checked.success) throw new ValidationError([{ path: "/idempotencyKey", message: checked.error.issues[0]!.message }]);
  const key = checked.data;
  const requestHash = hash("sha256", canonicalJson(input), "hex");
  const gathered = await gatherFacts(db, actor, input, todayOf(now), key);
  if (gathered.existing) return replay(db, actor, gathered.existing, requestHash);
  assertPossibleAnswers(input, now);

  const findings = evaluateDecision(gathered.facts);
  const stopping = outstanding(findings, input);
  if (stopping.length) throw new RulesBlockedError(stopping);

  const row = decisionRow(
    actor,
    input,
    gathered,
    recordedWarnings(warningsOf(findings), input.acknowledgedWarnings),
    key,
    requestHash,
    now,
  );
  const audit = new AuditTrail();
  audit.record(snapshotOf(actor), {
    type: "share_decision.recorded",
    entity: { type: "subject", id: row.subjectId },
    details: {
      decisionId: row.id,
      outcome: row.outcome,
      status: row.status,
      emergency: row.emergency ?? false,
      recipientOrganisationId: row.recipientOrganisationId ?? null,
      agreementId: row.agreementId ?? null,
      agreementVersion: row.agreementVersion ?? null,
      items: (input.items.items ?? []).filter((i) => i.share).length,
      warnings: [...new Set(row.findings.map((f) => f.code))],
    },
  });
  const title = decisionTitleMessage({ outcome: row.outcome, emergency: row.emergency ?? false }, gathered.recipient?.name);
  const chronology: NewChronologyEntry[] = [
    {
      organisationId: actor.organisationId,
      subjectId: row.subjectId,
      occurredOn: todayOf(now),
      category: "decision",
      kind: "DECISION_RECORDED",
      title: title.key,
      params: { ...title.params, purpose: input.purpose.code ?? "OTHER" },
      summary: purposeSent(input),
      summaryCode: purposeSent(input) ? "sharingChronologySummary.purpose" : "sharingChronologySummary.purposeMissing",
      ref: { type: "share_decision", id: row.id },
      recordedByUserId: actor.userId,
    },
  ];
  const delivering = row.status === "RECORDED" && row.outcome !== "DO_NOT_SHARE";
  const delivery = delivering
    ? disclosureWrites(
        actor,
        {
          id: row.id,
          subjectId: row.subjectId,
          decidedByName: row.decidedByName,
          decidedByRoles: row.decidedByRoles,
          emergency: row.emergency ?? false,
        },
        gathered.actorEmail,
        row.record,
        gathered,
        audit,
        now,
      )
    : undefined;
  if (delivery) chronology.push(delivery.chronology);
  const toRequester = refusalOnRequesterChronology(actor, row, gathered.request, now);
  if (toRequester) chronology.push(toRequester);
  const number = await writeDecision(db, {
    guard: insertDecisionGuard(row),
    disclosure: delivery?.disclosure,
    chronology,
    answersRequest: input.informationRequestId ? { requestId: input.informationRequestId, decisionId: row.id, at: now } : undefined,
    awaitsApproval: row.status === "AWAITING_APPROVAL" ? { decisionId: row.id } : undefined,
    audit,
  });
  if (number === undefined) {
    // Another request with this key won the race: nothing of ours was written.
    const winner = (await gatherFacts(db, actor, input, todayOf(now), key)).existing;
    if (!winner) throw new ConflictError("The decision could not be recorded: try again");
    return replay(db, actor, winner, requestHash);
  }
  return { detail: recordedDetail({ ...row, number }, gathered, delivery?.disclosure.row), replayed: false };
}

/**
 * A refusal reaches the requester's own record of the person as a delivered share would: an entry on
 * its chronology with the reasons given (what the requester is told anyway), where the request was
 * made from that record. Nothing is written for a request made without one.
 */
function refusalOnRequesterChronology(
  actor: Actor,
  row: DecisionInsert,
  request: RequestAnswered | null,
  now: Date,
): NewChronologyEntry | undefined {
  if (row.outcome !== "DO_NOT_SHARE" || !request?.requestingSubjectId || !row.informationRequestId) return undefined;
  return {
    organisationId: request.requestingOrganisationId,
    subjectId: request.requestingSubjectId,
    occurredOn: todayOf(now),
    category: "disclosure",
    kind: "INFORMATION_REQUEST_REFUSED",
    title: "sharingChronology.requestRefused",
    params: { organisation: actor.organisationName, reference: requestReference(request.number) },
    summary: row.record.decision.reasons?.trim() ?? "",
    ...(row.record.decision.reasons?.trim() ? {} : { summaryCode: "sharingChronologySummary.noReasonsGiven" }),
    ref: { type: "information_request", id: row.informationRequestId },
    recordedByUserId: null,
  };
}

async function replay(db: Db, actor: Actor, existing: { id: string; requestHash: string }, requestHash: string): Promise<RecordedDecision> {
  if (existing.requestHash !== requestHash) {
    throw new ConflictError("This Idempotency-Key was already used for a different decision: use a new key for a new decision");
  }
  return { detail: await loadDecision(db, actor, existing.id), replayed: true };
}
