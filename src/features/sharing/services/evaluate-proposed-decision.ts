import type { Actor } from "../../../platform/auth/actor";
import { today as todayOf } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { ValidationError } from "../../../platform/errors";
import { assertWorksWithRecords } from "../../records";
import { answerProblems, type ShareDecisionInput, shareDecisionInput } from "../domain/decision-input";
import { blocksOf, evaluateDecision, type Finding, recordedWarnings, warningsOf } from "../domain/evaluate-decision";
import { gatherFacts } from "./decision-facts";

/**
 * A proposed share decision checked against every rule (docs/domain.md §4), as the wizard asks each
 * question and as recording and completing an emergency record do before they write anything.
 */

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
