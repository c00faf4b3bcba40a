import { hash } from "node:crypto";
import { addHours, addMonths, format } from "date-fns";
import { canonicalJson } from "../../../platform/audit/chain";
import { snapshotOf } from "../../../platform/audit/events";
import { AuditTrail } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import { today as todayOf } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { ConflictError, RulesBlockedError, ValidationError } from "../../../platform/errors";
import { message } from "../../../platform/messages";
import { assertWorksWithRecords } from "../../records/services/access";
import type { NewChronologyEntry } from "../../records/services/chronology";
import { DEFAULT_DECISION_RETENTION_MONTHS } from "../../settings/domain/settings";
import type {} from "../audit-events";
import { answerProblems, type ShareDecisionInput, shareDecisionInput } from "../domain/decision-input";
import { purposeSent } from "../domain/disclosure-snapshot";
import { blocksOf, evaluateDecision, type Finding, type RecordedWarning, recordedWarnings, warningsOf } from "../domain/evaluate-decision";
import { SHARING_MESSAGES } from "../domain/messages";
import { requestReference } from "../domain/records";
import { type GatheredFacts, gatherFacts, type RequestAnswered, recordedAnswers } from "./decision-facts";
import { type DecisionDetail, loadDecision } from "./decisions";
import { type DecisionRow, disclosureWrites } from "./deliver";
import { type DecisionInsert, type DisclosureInsert, insertDecisionGuard, writeDecision } from "./write-decision";

/** What the decider still has to do before the decision can be recorded: fix the blocks, read the warnings. */
export function outstanding(findings: Finding[], input: ShareDecisionInput): Finding[] {
  if (input.emergency.immediateRisk === true) return blocksOf(findings);
  return [
    ...blocksOf(findings),
    ...recordedWarnings(warningsOf(findings), input.acknowledgedWarnings)
      .filter((w) => !w.acknowledged)
      .map((w) => ({ code: w.code, severity: w.severity, path: w.path, message: `Read and acknowledge this warning: ${w.message}` })),
  ];
}

/** Refuses answers impossible on the day (an access expiry already past) as field errors, as a malformed answer is. */
export function assertPossibleAnswers(input: ShareDecisionInput, now: Date): void {
  const problems = answerProblems(input, todayOf(now));
  if (problems.length) throw new ValidationError(problems);
}

/** Checks a proposed decision against every rule without recording anything (the API's dry run and each wizard step). */
export async function evaluateProposedDecision(db: Db, actor: Actor, raw: unknown, now = new Date()) {
  assertWorksWithRecords(actor);
  const input = shareDecisionInput.parse(raw);
  assertPossibleAnswers(input, now);
  const gathered = await gatherFacts(db, actor, input, todayOf(now));
  const findings = evaluateDecision(gathered.facts);
  return { findings, outstanding: outstanding(findings, input), gathered };
}

const KEY = /^[\x21-\x7e]{8,200}$/;

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
  if (!idempotencyKey || !KEY.test(idempotencyKey)) {
    throw new ValidationError([
      { path: "/idempotencyKey", message: "Send an Idempotency-Key of 8 to 200 printable characters, unique to this decision" },
    ]);
  }
  const requestHash = hash("sha256", canonicalJson(input), "hex");
  const gathered = await gatherFacts(db, actor, input, todayOf(now), idempotencyKey);
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
    idempotencyKey,
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
        { id: row.id, subjectId: row.subjectId, decidedByName: row.decidedByName, emergency: row.emergency ?? false },
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
    audit,
  });
  if (number === undefined) {
    // Another request with this key won the race: nothing of ours was written.
    const winner = (await gatherFacts(db, actor, input, todayOf(now), idempotencyKey)).existing;
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

function decisionRow(
  actor: Actor,
  input: ShareDecisionInput,
  gathered: GatheredFacts,
  warnings: RecordedWarning[],
  idempotencyKey: string,
  requestHash: string,
  now: Date,
): DecisionInsert & { findings: RecordedWarning[]; decidedByName: string } {
  const emergency = input.emergency.immediateRisk === true;
  const outcome = emergency ? "SHARE" : input.decision.outcome!;
  // A safeguarding lead's own decision needs no second safeguarding lead; an emergency never waits.
  const needsApproval = outcome !== "DO_NOT_SHARE" && !emergency && gathered.approvalRequired && !actor.roles.includes("safeguarding_lead");
  const covering = gathered.covering;
  return {
    id: crypto.randomUUID(),
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
    // What Safeshare took out by default is part of the record: it says what did not go.
    record: recordedAnswers(gathered, actor.roles),
    findings: warnings,
    decidedByUserId: actor.userId,
    decidedByName: actor.name,
    decidedByRoles: [...actor.roles],
    decidedAt: now,
    retentionReviewOn: format(addMonths(now, covering?.retentionMonths ?? DEFAULT_DECISION_RETENTION_MONTHS), "yyyy-MM-dd"),
  };
}

/** The decision as it now stands in the database, built from what was written rather than read back. */
function recordedDetail(
  row: DecisionInsert & { number: number; findings: RecordedWarning[] },
  gathered: GatheredFacts,
  disclosure: DisclosureInsert | undefined,
): DecisionDetail {
  const decision: DecisionRow = {
    fullRecordDueAt: null,
    fullRecordCompletedAt: null,
    purposeCode: null,
    recipientOrganisationId: null,
    recipientUserId: null,
    informationRequestId: null,
    agreementId: null,
    agreementVersion: null,
    parentAgreementVersion: null,
    approvedByUserId: null,
    approvedAt: null,
    approvalComments: null,
    emergency: false,
    decidedAt: new Date(),
    ...row,
  };
  return {
    ...decision,
    findings: row.findings,
    subjectName: `${gathered.subject.givenNames} ${gathered.subject.familyName}`,
    agreementReference: gathered.covering?.compiled.snapshot.reference ?? null,
    recipientName: gathered.recipient?.name ?? null,
    recipientUserName: gathered.recipientUserName,
    answersRequest:
      row.informationRequestId && gathered.request
        ? {
            id: row.informationRequestId,
            reference: requestReference(gathered.request.number),
            requestingOrganisationId: gathered.request.requestingOrganisationId,
            requestingName: gathered.request.requestingName,
            askedBy: gathered.request.askedBy,
          }
        : null,
    disclosure: disclosure
      ? {
          recipientUserId: null,
          recipientRole: null,
          emergency: false,
          firstOpenedAt: null,
          acknowledgedAt: null,
          acknowledgedByUserId: null,
          acknowledgedByName: null,
          revokedAt: null,
          revokedByUserId: null,
          revokeReason: null,
          filedSubjectId: null,
          filedAt: null,
          sentAt: new Date(),
          ...disclosure,
        }
      : null,
    addenda: [],
  };
}

/** What a decision is called, as a message: by its outcome (or as an emergency share), with whom if anyone. */
export function decisionTitleMessage(
  decision: Pick<DecisionRow, "outcome" | "emergency">,
  recipientName: string | undefined,
): { key: `decisionTitle.${keyof (typeof SHARING_MESSAGES)["en"]["decisionTitle"]}`; params: { recipient?: string } } {
  const what = decision.emergency
    ? "emergency"
    : decision.outcome === "SHARE"
      ? "share"
      : decision.outcome === "PARTIAL_SHARE"
        ? "partialShare"
        : "doNotShare";
  return recipientName
    ? { key: `decisionTitle.${what}With`, params: { recipient: recipientName } }
    : { key: `decisionTitle.${what}`, params: {} };
}

export function decisionTitle(decision: Pick<DecisionRow, "outcome" | "emergency">, recipientName: string | undefined): string {
  const { key, params } = decisionTitleMessage(decision, recipientName);
  return message(SHARING_MESSAGES.en, key, params);
}
