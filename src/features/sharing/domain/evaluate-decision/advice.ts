import type { ShareDecisionInput } from "../decision-input";
import type { Add } from "./facts";

/** Advice sought from a safeguarding lead or IG lead (GR4). */

export function checkAdvice(input: ShareDecisionInput, add: Add): void {
  const a = input.advice;
  if (a.sought !== true) {
    add(
      "GR4-SEEK-ADVICE",
      "warning",
      "/advice/sought",
      "No advice is recorded: if you are unsure, ask your safeguarding lead or IG lead (without naming the child where possible)",
    );
    return;
  }
  if (!a.adviserName?.trim() || !a.advice?.trim()) {
    add(
      "GR7-RECORD",
      "block",
      a.adviserName?.trim() ? "/advice/advice" : "/advice/adviserName",
      "Record who gave advice and what they advised",
    );
  }
}
