import type { RightsState } from "./vocabulary";

/**
 * The life of a rights request (domain.md §6): which state may follow which. The clock stops while
 * waiting for identity or clarification and restarts when it arrives; a response needs the
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

/** States in which the statutory clock is stopped ("stop the clock", DUAA 2025). */
export const CLOCK_STOPPED: readonly RightsState[] = ["AWAITING_IDENTITY", "AWAITING_CLARIFICATION"];

export function transitionProblem(from: RightsState, to: RightsState, facts: { identityVerified: boolean }): string | null {
  if (!TRANSITIONS[from].includes(to))
    return `A request that is ${from.toLowerCase().replaceAll("_", " ")} cannot become ${to.toLowerCase().replaceAll("_", " ")}`;
  if (to === "RESPONDED" && !facts.identityVerified) return "Nothing is sent to a requester whose identity has not been verified";
  return null;
}
