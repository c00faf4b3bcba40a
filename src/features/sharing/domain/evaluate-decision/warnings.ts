import type { Finding, RuleCode } from "./facts";

/** Blocks and warnings as a decision's record keeps them, and grouped for acknowledgement. */

export const blocksOf = (findings: readonly Finding[]) => findings.filter((f) => f.severity === "block");
export const warningsOf = (findings: readonly Finding[]) => findings.filter((f) => f.severity === "warning");

/** A warning as a decision's record keeps it: what the rules said when it was recorded, and whether the decider acknowledged it. */
export interface RecordedWarning extends Finding {
  acknowledged: boolean;
}

/** As stored: decisions recorded before the flag was kept hold the warnings alone. */
export type StoredWarning = Finding & { acknowledged?: boolean };

/**
 * Each warning with whether the decider acknowledged it. A warning is acknowledged by its rule code (the
 * check page has one box per code, `warningsByCode`), so one acknowledgement covers every warning with
 * that code. A warning stored with its flag keeps it; one stored without (recorded before the flag was
 * kept) is read against the codes its record's own answers acknowledged, which is exactly what allowed it
 * to be recorded.
 */
export function recordedWarnings(warnings: readonly StoredWarning[], acknowledgedCodes: readonly string[]): RecordedWarning[] {
  const acknowledged = new Set(acknowledgedCodes);
  return warnings.map((w) => ({ ...w, acknowledged: w.acknowledged ?? acknowledged.has(w.code) }));
}

/** The warnings under one rule code: what one acknowledgement covers. */
export interface WarningGroup<W extends Finding = RecordedWarning> {
  code: RuleCode;
  /** Every warning under the code, each with its own reason and answer (two items can each mention a refuge). */
  warnings: W[];
  /** Ticked once, for all of them: the decider acknowledges the code having read each. */
  acknowledged: boolean;
}

/**
 * Warnings grouped by rule code, in the order first raised: as the check page offers them (one box per
 * code, every reason listed under it) and as `acknowledgedWarnings` names them, so what the record says
 * was acknowledged is what the decider ticked.
 */
export function warningsByCode<W extends Finding & { acknowledged: boolean }>(warnings: readonly W[]): WarningGroup<W>[] {
  const groups = new Map<RuleCode, W[]>();
  for (const w of warnings) groups.set(w.code, [...(groups.get(w.code) ?? []), w]);
  return [...groups].map(([code, under]) => ({ code, warnings: under, acknowledged: under.every((w) => w.acknowledged) }));
}
