import { draftProblem, type PackUnreviewed } from "./review";
import { isAnswered, type ResponseOutcome, type RightsState } from "./vocabulary";

/**
 * The life of a rights request (docs/domain.md §6): which state may follow which. The clock stops while
 * waiting for identity or clarification (how it starts again is deadlines.ts); a response needs the
 * requester's identity verified; a request can be closed early only while nothing has been done
 * (withdrawn, or never clarified). Anything else is an impossible transition (409).
 */

export const TRANSITIONS: Record<RightsState, readonly RightsState[]> = {
  RECEIVED: ["AWAITING_IDENTITY", "AWAITING_CLARIFICATION", "IN_PROGRESS", "CLOSED"],
  AWAITING_IDENTITY: ["AWAITING_CLARIFICATION", "IN_PROGRESS", "CLOSED"],
  AWAITING_CLARIFICATION: ["IN_PROGRESS", "CLOSED"],
  IN_PROGRESS: ["AWAITING_CLARIFICATION", "EXTENDED", "EXEMPTION_REVIEW", "RESPONDED"],
  EXTENDED: ["EXEMPTION_REVIEW", "RESPONDED"],
  EXEMPTION_REVIEW: ["IN_PROGRESS", "RESPONDED"],
  RESPONDED: ["CLOSED"],
  CLOSED: [],
};

/**
 * Why nothing more may be done to what the request sent, or null: once answered, its pack and the
 * items changed for it stay as they were, so the record of what the requester was sent is true.
 */
export function answeredProblem(request: { state: RightsState }): string | null {
  return isAnswered(request.state) ? "The request has been answered, so what was sent for it can no longer change" : null;
}

/** States in which a request is being worked on: changes are made for the requester only then. */
const WORKING_STATES: readonly RightsState[] = ["IN_PROGRESS", "EXTENDED", "EXEMPTION_REVIEW"];

/**
 * Why nothing may be changed for this request yet, or null: an impostor must not be able to have a
 * child's record changed or erased, so the requester's identity comes first (docs/domain.md §6).
 */
export function changeProblem(request: { state: RightsState; identityVerifiedAt: Date | null }): string | null {
  const answered = answeredProblem(request);
  if (answered) return answered;
  if (!request.identityVerifiedAt) return "Verify the requester's identity before acting on their request";
  if (!WORKING_STATES.includes(request.state)) return "Start work on the request (move it to in progress) before acting on it";
  return null;
}

/**
 * Why an access request cannot be answered with no one from the records attached, or null. An empty
 * pack is not a draft and carries no warnings or safety check, so it goes only as a refusal (whose
 * reasons are required) or once the IG lead confirms the records hold nothing about the person (a
 * complete answer in itself); confirming that while someone is attached contradicts the records.
 */
function attachedProblem(attached: number, answer: { outcome?: ResponseOutcome; nothingHeld?: boolean }): string | null {
  if (attached > 0)
    return answer.nothingHeld
      ? "Someone from your records is attached to this request, so it cannot be answered as holding nothing about them"
      : null;
  if (answer.outcome === "REFUSED" || answer.nothingHeld) return null;
  return "No one from your records is attached to this access request. Attach the person it is about, confirm that your records hold nothing about them, or refuse it with the reasons";
}

/**
 * Why the request cannot move from one state to the other, or null. An access request (for which
 * `attached` and `packUnreviewed` are given) is answered about the people attached to it, and its
 * pack must be reviewed in full before it is the response: whatever the outcome, because each
 * exemption is applied item by item (docs/domain.md §6).
 */
export function transitionProblem(
  from: RightsState,
  to: RightsState,
  facts: {
    identityVerified: boolean;
    attached?: number;
    packUnreviewed?: PackUnreviewed;
    outcome?: ResponseOutcome;
    nothingHeld?: boolean;
  },
): string | null {
  if (!TRANSITIONS[from].includes(to))
    return `A request that is ${from.toLowerCase().replaceAll("_", " ")} cannot become ${to.toLowerCase().replaceAll("_", " ")}`;
  if (to !== "RESPONDED") return null;
  if (!facts.identityVerified) return "Nothing is sent to a requester whose identity has not been verified";
  if (facts.attached !== undefined) {
    const problem = attachedProblem(facts.attached, facts);
    if (problem) return problem;
  }
  return facts.packUnreviewed ? draftProblem(facts.packUnreviewed) : null;
}
