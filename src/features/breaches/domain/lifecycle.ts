import type { FieldError } from "../../../platform/errors";
import { message } from "../../../platform/messages";
import { clockState, reportIsLate } from "./clock";
import { BREACHES_MESSAGES } from "./messages";
import type { BreachRuleCode } from "./rules";
import type { BreachRisk, BreachState, ReportPhase } from "./vocabulary";

const say = (key: string, params: Record<string, string> = {}) => message(BREACHES_MESSAGES.en, `problems.${key}`, params);

/**
 * Where a breach may go from each stage (issue 22). An ICO report moves it to REPORTED_TO_ICO, a
 * decision not to report to NOT_REPORTED (and a report made after all back to REPORTED_TO_ICO), and
 * closing, with the lessons learned, ends it. Closed is the end: a closed breach stays on the register.
 */
export const TRANSITIONS: Readonly<Record<BreachState, readonly BreachState[]>> = {
  DISCOVERED: ["INVESTIGATING", "REPORTED_TO_ICO", "NOT_REPORTED"],
  INVESTIGATING: ["REPORTED_TO_ICO", "NOT_REPORTED"],
  REPORTED_TO_ICO: ["INDIVIDUALS_TOLD", "CLOSED"],
  NOT_REPORTED: ["REPORTED_TO_ICO", "CLOSED"],
  INDIVIDUALS_TOLD: ["CLOSED"],
  CLOSED: [],
};

const mayMove = (from: BreachState, to: BreachState): boolean => TRANSITIONS[from].includes(to);

/** Why a breach cannot move from `from` to `to`, in words, or null when it may. */
export function moveProblem(from: BreachState, to: BreachState): string | null {
  if (from === "CLOSED") return say("closed");
  if (mayMove(from, to)) return null;
  const state = BREACHES_MESSAGES.en.state;
  return say("notAllowed", { from: state[from].toLocaleLowerCase("en-GB"), to: state[to].toLocaleLowerCase("en-GB") });
}

/** T0 is now or in the past; the incident, when known, is not after T0 (it may be long before it) nor in the future. */
export function factProblems(facts: { awareAt: Date; occurredAt: Date | null }, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  if (facts.awareAt.getTime() > now.getTime()) errors.push({ path: "/awareAt", message: say("awareInFuture") });
  if (facts.occurredAt && facts.occurredAt.getTime() > now.getTime())
    errors.push({ path: "/occurredAt", message: say("occurredInFuture") });
  else if (facts.occurredAt && facts.occurredAt.getTime() > facts.awareAt.getTime())
    errors.push({ path: "/occurredAt", message: say("occurredAfterAware") });
  return errors;
}

/**
 * A report to the ICO is made after T0 and not in the future; made more than 72 hours after T0 it
 * needs the reasons for the delay (`BR-72H`). Follow-ups come later by nature (Art 33(4)'s phases), so
 * only the initial report is judged late.
 */
export function reportProblems(
  awareAt: Date,
  report: { phase: ReportPhase; reportedAt: Date; delayReasons: string },
  now: Date,
): FieldError[] {
  if (report.reportedAt.getTime() < awareAt.getTime()) return [{ path: "/reportedAt", message: say("reportBeforeAware") }];
  if (report.reportedAt.getTime() > now.getTime()) return [{ path: "/reportedAt", message: say("reportInFuture") }];
  if (report.phase === "INITIAL" && reportIsLate(awareAt, report.reportedAt) && !report.delayReasons)
    return [{ path: "/delayReasons", message: say("lateNeedsReasons") }];
  return [];
}

/** A warning shown on a breach until what it asks is done, with the rule it comes from. */
export interface BreachWarning {
  code: BreachRuleCode;
  message: string;
}

/**
 * What a breach still asks of its IG lead: a high risk not yet told to the people affected
 * (`BR-TELL-INDIVIDUALS`), and an ICO report past its 72 hours (`BR-72H`). A closed breach asks nothing.
 */
export function breachWarnings(
  breach: { state: BreachState; awareAt: Date; risk: BreachRisk | null; initialReportAt: Date | null; individualsToldAt: Date | null },
  now: Date,
): BreachWarning[] {
  if (breach.state === "CLOSED") return [];
  const words = BREACHES_MESSAGES.en.warnings;
  const warnings: BreachWarning[] = [];
  if (clockState(breach, now).state === "OVERDUE") warnings.push({ code: "BR-72H", message: words.overdue });
  if (breach.risk === "HIGH_RISK" && !breach.individualsToldAt)
    warnings.push({ code: "BR-TELL-INDIVIDUALS", message: words.tellIndividuals });
  return warnings;
}
