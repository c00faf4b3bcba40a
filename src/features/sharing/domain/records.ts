import { SHARING_MESSAGES } from "./messages";
/** States of what sharing records (docs/domain.md §4): decisions, disclosures and information requests. */

/**
 * A decision is RECORDED when made, unless its organisation requires a safeguarding lead's approval
 * for its purpose: then AWAITING_APPROVAL, and APPROVED (delivered) or RETURNED (with comments, for
 * the practitioner to decide again). A recorded decision never changes; corrections are addenda.
 */
export const DECISION_STATUSES = ["RECORDED", "AWAITING_APPROVAL", "APPROVED", "RETURNED"] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];
export const DECISION_STATUS_LABELS: Record<DecisionStatus, string> = SHARING_MESSAGES.en.decisionStatus;

export const REQUEST_URGENCIES = ["SAFEGUARDING_REFERRAL", "URGENT", "ROUTINE"] as const;
export type RequestUrgency = (typeof REQUEST_URGENCIES)[number];
export const REQUEST_URGENCY_LABELS: Record<RequestUrgency, string> = SHARING_MESSAGES.en.requestUrgency;
/** Working days to answer, by urgency (docs/domain.md §7: referral decision 1 working day). */
export const REQUEST_WORKING_DAYS: Record<RequestUrgency, number> = { SAFEGUARDING_REFERRAL: 1, URGENT: 2, ROUTINE: 10 };

export const REQUEST_STATUSES = ["OPEN", "ANSWERED", "WITHDRAWN"] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];
export const REQUEST_STATUS_LABELS: Record<RequestStatus, string> = SHARING_MESSAGES.en.requestStatus;

/**
 * An emergency share's full record (ICO9-EMERGENCY) is overdue once its deadline has passed without
 * it: the one rule the decision page, the lists, the home pages and the API show.
 */
export function emergencyRecordOverdue(
  decision: { emergency: boolean; fullRecordDueAt: Date | null; fullRecordCompletedAt: Date | null },
  now: Date,
): boolean {
  return decision.emergency && !decision.fullRecordCompletedAt && !!decision.fullRecordDueAt && decision.fullRecordDueAt < now;
}

/** "IR-000123": how people refer to a request. */
export const requestReference = (number: number) => `IR-${String(number).padStart(6, "0")}`;
