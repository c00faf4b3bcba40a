import { addMonths, format, parseISO, subMonths } from "date-fns";
import type { Actor } from "../../../platform/auth/actor";
import { hasAnyRole } from "../../../platform/auth/roles";
import { AGREEMENTS_MESSAGES } from "./messages";

/** Agreement lifecycle (docs/domain.md §5). */
export const AGREEMENT_STATUSES = ["DRAFT", "AWAITING_SIGNATURES", "ACTIVE", "UNDER_REVIEW", "SUSPENDED", "EXPIRED", "TERMINATED"] as const;
export type AgreementStatus = (typeof AGREEMENT_STATUSES)[number];

export const AGREEMENT_STATUS_LABELS: Record<AgreementStatus, string> = AGREEMENTS_MESSAGES.en.agreementStatus;

/**
 * A version's own state. The first version is drafted, signed by every party and comes into force
 * with the agreement. A variation of an agreement in force is a new version that every party signs
 * again; an accession adds one party, who alone signs it. Until then the previous version stays in force.
 */
export const VERSION_STATES = ["DRAFT", "AWAITING_SIGNATURES", "SIGNED", "DISCARDED"] as const;
export type VersionState = (typeof VERSION_STATES)[number];
export const VERSION_KINDS = ["ORIGINAL", "VARIATION", "ACCESSION"] as const;
export type VersionKind = (typeof VERSION_KINDS)[number];

export const VERSION_STATE_LABELS: Record<VersionState, string> = AGREEMENTS_MESSAGES.en.versionState;
export const VERSION_KIND_LABELS: Record<VersionKind, string> = AGREEMENTS_MESSAGES.en.versionKind;

/** Status changes a person makes; reaching ACTIVE happens when the last signature arrives. */
export const AGREEMENT_ACTIONS = [
  "send_for_signature",
  "return_to_draft",
  "start_review",
  "suspend",
  "reinstate",
  "expire",
  "terminate",
] as const;
export type AgreementAction = (typeof AGREEMENT_ACTIONS)[number];

const TRANSITIONS: Record<AgreementAction, { from: readonly AgreementStatus[]; to: AgreementStatus }> = {
  send_for_signature: { from: ["DRAFT"], to: "AWAITING_SIGNATURES" },
  return_to_draft: { from: ["AWAITING_SIGNATURES"], to: "DRAFT" },
  start_review: { from: ["ACTIVE"], to: "UNDER_REVIEW" },
  suspend: { from: ["ACTIVE", "UNDER_REVIEW"], to: "SUSPENDED" },
  reinstate: { from: ["SUSPENDED"], to: "ACTIVE" },
  expire: { from: ["ACTIVE", "UNDER_REVIEW", "SUSPENDED"], to: "EXPIRED" },
  terminate: { from: ["DRAFT", "AWAITING_SIGNATURES", "ACTIVE", "UNDER_REVIEW", "SUSPENDED"], to: "TERMINATED" },
};

export function actionLabel(action: AgreementAction): string {
  return AGREEMENTS_MESSAGES.en.agreementAction[action];
}

/** Actions that need a recorded reason: they take an agreement out of force. */
export const ACTIONS_NEEDING_REASON: readonly AgreementAction[] = ["suspend", "expire", "terminate", "return_to_draft"];

/** The status an action leads to, or a plain-English reason why it cannot happen now. */
export function nextStatus(
  current: AgreementStatus,
  action: AgreementAction,
): { ok: true; to: AgreementStatus } | { ok: false; reason: string } {
  const transition = TRANSITIONS[action];
  if (transition.from.includes(current)) return { ok: true, to: transition.to };
  return {
    ok: false,
    reason: `An agreement that is ${AGREEMENT_STATUS_LABELS[current].toLowerCase()} cannot be changed by "${actionLabel(action).toLowerCase()}"; this is only possible when it is ${transition.from.map((s) => AGREEMENT_STATUS_LABELS[s].toLowerCase()).join(" or ")}`,
  };
}

export function availableActions(current: AgreementStatus): AgreementAction[] {
  return AGREEMENT_ACTIONS.filter((action) => TRANSITIONS[action].from.includes(current));
}

/** Statuses whose terms can no longer change: edits and new versions are refused. */
export const CLOSED_STATUSES: readonly AgreementStatus[] = ["EXPIRED", "TERMINATED"];

/** Lifecycle changes, edits and new versions: an IG lead of the owning organisation, or a partnership admin. */
export function canManageAgreement(actor: Actor, ownerOrganisationId: string): boolean {
  return (
    hasAnyRole(actor.roles, ["partnership_admin"]) || (hasAnyRole(actor.roles, ["ig_lead"]) && actor.organisationId === ownerOrganisationId)
  );
}

export function canDraftAgreements(actor: Actor): boolean {
  return hasAnyRole(actor.roles, ["partnership_admin", "ig_lead"]);
}

// ---- Review and "in force" (computed on read: always correct, no job to miss a day) ----

/** Warn the owner this long before the review date. */
const REVIEW_WARNING_MONTHS = 3;
/** An agreement this long past its review date is no longer in force for enforcement. */
const REVIEW_GRACE_MONTHS = 3;
/** The longest gap between reviews (docs/domain.md §5: at least annually). */
export const MAX_REVIEW_INTERVAL_MONTHS = 12;

export type ReviewState = "NOT_DUE" | "DUE_SOON" | "OVERDUE" | "LAPSED" | "NOT_SET";

export const REVIEW_STATE_LABELS: Record<ReviewState, string> = AGREEMENTS_MESSAGES.en.reviewState;

/** What the owner concluded when recording a review; changing the terms is a separate variation. */
export const REVIEW_OUTCOMES = ["NO_CHANGE", "VARIATION_NEEDED"] as const;
export type ReviewOutcome = (typeof REVIEW_OUTCOMES)[number];
export const REVIEW_OUTCOME_LABELS: Record<ReviewOutcome, string> = AGREEMENTS_MESSAGES.en.reviewOutcome;

const iso = (d: Date) => format(d, "yyyy-MM-dd");

export function reviewState(nextReviewDate: string | null, today: string): ReviewState {
  if (!nextReviewDate) return "NOT_SET";
  if (today > lapseDate(nextReviewDate)!) return "LAPSED";
  if (today > nextReviewDate) return "OVERDUE";
  if (today >= iso(subMonths(parseISO(nextReviewDate), REVIEW_WARNING_MONTHS))) return "DUE_SOON";
  return "NOT_DUE";
}

/** The last day an agreement is in force after its review date (REVIEW_GRACE_MONTHS later); null without one. */
export function lapseDate(nextReviewDate: string | null): string | null {
  return nextReviewDate === null ? null : iso(addMonths(parseISO(nextReviewDate), REVIEW_GRACE_MONTHS));
}

/** The latest review date allowed from a given day: at most a year ahead. */
export function latestReviewDate(from: string): string {
  return iso(addMonths(parseISO(from), MAX_REVIEW_INTERVAL_MONTHS));
}

export function defaultReviewDate(from: string, intervalMonths: number): string {
  return iso(addMonths(parseISO(from), Math.min(intervalMonths, MAX_REVIEW_INTERVAL_MONTHS)));
}

export interface InForceInput {
  status: AgreementStatus;
  inForceVersion: number | null;
  nextReviewDate: string | null;
}

/** A tier 2 agreement's tier 1 parent, as the in-force rule reads it and names it. */
export interface ParentInForceInput extends InForceInput {
  /** "DSA-0001" */
  reference: string;
  title: string;
}

/**
 * Why one agreement, on its own, is not in force, with the day left open, so the evaluation can work it
 * out once per version and decide each share by comparing dates: the reason that holds whatever the day
 * (unsigned, suspended, expired, terminated), and the day after which its review has lapsed, with that
 * reason. Reasons are sentences about `subject` ("the agreement is suspended").
 */
export interface Lapse<T = string> {
  always: T | null;
  /** Days after this one (YYYY-MM-DD) are more than REVIEW_GRACE_MONTHS past its review date; null without one. */
  after: string | null;
  lapsed: T | null;
}

export function lapseOf(agreement: InForceInput, subject = "the agreement"): Lapse {
  const always =
    agreement.inForceVersion === null
      ? "has not been signed by every party yet"
      : agreement.status === "SUSPENDED"
        ? "is suspended"
        : agreement.status === "EXPIRED"
          ? "has expired"
          : agreement.status === "TERMINATED"
            ? "has been terminated"
            : null;
  const review = agreement.nextReviewDate;
  return {
    always: always && `${subject} ${always}`,
    after: lapseDate(review),
    lapsed:
      review && `${subject} is more than ${REVIEW_GRACE_MONTHS} months past its review date (${format(parseISO(review), "d MMMM yyyy")})`,
  };
}

/** What a lapse says on a day: null when the agreement is in force then. ISO dates compare as strings. */
export function lapsedOn<T>(lapse: Lapse<T>, day: string): T | null {
  if (lapse.always !== null) return lapse.always;
  return lapse.after !== null && day > lapse.after ? lapse.lapsed : null;
}

const parentLapseOf = (parent: ParentInForceInput) =>
  lapseOf(parent, `the tier 1 agreement it sits under, ${parent.reference} ${parent.title},`);

/**
 * Why an agreement is not in force on a day, in words a practitioner can act on; null when it is in force.
 * The one in-force rule (docs/domain.md §5): its status, a signed version, not more than 3 months past review,
 * and for a tier 2 agreement the same of its tier 1 parent, which it is named by. The register, the
 * agreement's pages and document, the API, the wizard and the evaluation (`lapseOf`) all use it.
 */
export function notInForceReason(agreement: InForceInput, parent: ParentInForceInput | null, day: string): string | null {
  const reasons = [lapsedOn(lapseOf(agreement), day), parent && lapsedOn(parentLapseOf(parent), day)].filter((r) => !!r);
  return reasons.length ? reasons.join(", and ") : null;
}

/**
 * Signed, and active or under review: the agreement is working under its terms, whatever its review
 * date says. A review is recorded then (which is how a lapsed agreement comes back into force), and a
 * new party may join. The full in-force rule (`notInForceReason`) adds the review lapse and the parent.
 */
export function isOperating<T extends { status: AgreementStatus; inForceVersion: number | null }>(
  agreement: T,
): agreement is T & { inForceVersion: number } {
  return agreement.inForceVersion !== null && (agreement.status === "ACTIVE" || agreement.status === "UNDER_REVIEW");
}

export function isInForce(agreement: InForceInput, parent: ParentInForceInput | null, day: string): boolean {
  return notInForceReason(agreement, parent, day) === null;
}

/**
 * What an agreement's status tag says: its status, except that one whose status is active (or under
 * review) but which the in-force rule says is not in force is tagged as lapsed, or as under a tier 1
 * agreement not in force. An agreement only becomes active once signed, so for those two statuses its own
 * one remaining reason is the review lapse. The tag therefore never says "Active" beside "Not in force".
 */
export type AgreementStanding = AgreementStatus | "LAPSED" | "PARENT_NOT_IN_FORCE";

export const AGREEMENT_STANDING_LABELS: Record<AgreementStanding, string> = AGREEMENTS_MESSAGES.en.agreementStanding;

export function agreementStanding(agreement: InForceInput, parent: ParentInForceInput | null, day: string): AgreementStanding {
  if (!isOperating(agreement)) return agreement.status;
  if (lapsedOn(lapseOf(agreement), day) !== null) return "LAPSED";
  if (parent && lapsedOn(lapseOf(parent), day) !== null) return "PARENT_NOT_IN_FORCE";
  return agreement.status;
}
