import { addHours, addMonths, format } from "date-fns";
import type { Actor } from "../../../platform/auth/actor";
import { DEFAULT_DECISION_RETENTION_MONTHS } from "../../settings/domain";
import type { ShareDecisionInput } from "../domain/decision-input";
import type { RecordedWarning } from "../domain/evaluate-decision";
import { requestReference } from "../domain/records";
import { type GatheredFacts, recordedAnswers } from "./decision-facts";
import type { DecisionDetail } from "./decisions";
import type { DecisionRow } from "./deliver";
import type { DecisionInsert, DisclosureInsert } from "./write-decision";

/**
 * A share decision as recording it writes it (the row, with its status, retention and what the rules
 * found) and as it then stands, built from what was written so that the answer needs no read back.
 */

export function decisionRow(
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
export function recordedDetail(
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
    approversNotifiedAt: null,
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
          disposedAt: null,
          retainUntil: null,
          sentAt: new Date(),
          ...disclosure,
          recipientsNotifiedAt: null,
          context: disclosure.context ?? null,
        }
      : null,
    addenda: [],
  };
}
