import { checkAdvice } from "./evaluate-decision/advice";
import { checkAgreement } from "./evaluate-decision/agreement";
import { checkTransparency } from "./evaluate-decision/consent-and-transparency";
import { checkEmergency, essentialInEmergency } from "./evaluate-decision/emergency";
import type { DecisionFacts, Finding, RuleCode, Severity } from "./evaluate-decision/facts";
import { checkItems } from "./evaluate-decision/items";
import { checkLawfulBasis } from "./evaluate-decision/lawful-basis";
import { checkPurposeSent, checkReasonsToRequester } from "./evaluate-decision/protected-identities";
import { checkDecision, checkPurpose } from "./evaluate-decision/purpose-and-necessity";
import { checkRecipient } from "./evaluate-decision/recipients";

export type { DecisionFacts, Finding, ItemFacts, ProcessingStop } from "./evaluate-decision/facts";
export {
  blocksOf,
  type RecordedWarning,
  recordedWarnings,
  type StoredWarning,
  warningsByCode,
  warningsOf,
} from "./evaluate-decision/warnings";

/**
 * Checks a share decision against the rules of docs/domain.md §2–§4 and, where an agreement is cited,
 * against that agreement version (evaluate.ts). Pure: the service gathers the facts, this says what
 * is wrong. Runs on a half-answered draft too, so each wizard step can show what its answers still
 * need; every finding carries the path of the answer it is about.
 *
 * A `block` stops the decision being recorded; a `warning` must be acknowledged by the decider and is
 * recorded with the decision. In an emergency nothing blocks but what the share cannot go without
 * (who to, what, and the one-line reason): the rest become warnings, and the full record is due later.
 *
 * Each family of rules is in evaluate-decision/<family>.ts (the facts and findings in facts.ts,
 * what a record keeps of them in warnings.ts); this file runs them.
 */

/** Every finding, blocks first, in the order the wizard asks its questions. */
export function evaluateDecision(facts: DecisionFacts): Finding[] {
  const findings: Finding[] = [];
  const add = (code: RuleCode, severity: Severity, path: string, message: string) => findings.push({ code, severity, message, path });
  const { input } = facts;
  const emergency = input.emergency.immediateRisk === true;
  const outcome = input.decision.outcome;
  const shared = (input.items.items ?? []).filter((i) => i.share);
  const sharing = emergency || outcome === "SHARE" || outcome === "PARTIAL_SHARE";

  checkEmergency(input, add);
  checkPurpose(input, add);
  checkDecision(input, shared.length, add);
  checkReasonsToRequester(facts, add);
  if (sharing) {
    checkPurposeSent(facts, add);
    checkRecipient(facts, add);
    checkTransparency(input, add);
    checkLawfulBasis(facts, shared, add);
    checkItems(facts, shared, add);
    checkAdvice(input, add);
    checkAgreement(facts, shared, add);
  }
  const ordered = emergency
    ? findings.map((f) => (f.severity === "block" && !essentialInEmergency(f) ? { ...f, severity: "warning" as const } : f))
    : findings;
  return [...ordered.filter((f) => f.severity === "block"), ...ordered.filter((f) => f.severity === "warning")];
}
