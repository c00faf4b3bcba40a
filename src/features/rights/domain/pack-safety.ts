import type { ShareDecisionInput } from "../../sharing/domain";
import { NOT_SOUGHT_REASON_LABELS, type NotSoughtReason } from "../../sharing/domain";

/**
 * Harm-aware access packs (docs/domain.md §2 GR2-ENGAGE, §6 "harm-aware communications"): before a pack
 * goes to a parent, the IG lead must know which decisions about the child kept the family in the dark
 * because telling them could have put the child at risk. Telling them now, through the pack, that the
 * school referred the child to social care could do exactly the harm those decisions avoided.
 */

/** Consent not sought for these reasons means that asking would itself have put the child, or an investigation protecting them, at risk. */
const RISK_NOT_SOUGHT_REASONS: readonly NotSoughtReason[] = ["UNSAFE_TO_SEEK", "WOULD_PREJUDICE_INVESTIGATION"];

/** The rule a decision kept from the family rests on: the code shown beside it in the API. */
export const NOT_TOLD_RULE = "GR2-ENGAGE" as const;

type Transparency = Partial<ShareDecisionInput["transparency"]> | undefined;

/**
 * Why a decision's record counts as "not told because of risk", in plain English: one line per
 * ground, none if it does not count. It counts when either
 * - the child or family were recorded as not told (GR2: people are told unless telling is unsafe or
 *   impracticable; the reason is free text a program cannot judge, so it is quoted for the IG lead to
 *   read: a missed warning could tell an abuser the child was referred, an extra one costs a minute), or
 * - consent was not sought because seeking it would place the child at risk or prejudice an
 *   investigation (the coded reasons that say so).
 * Consent not sought because it could not be given, or because of an emergency's delay, does not.
 */
export function notToldBecauseOfRisk(transparency: Transparency): string[] {
  const grounds: string[] = [];
  if (transparency?.informed === false) {
    grounds.push(`The child or family were not told: ${transparency.notInformedReason?.trim() || "no reason was recorded"}`);
  }
  const reason = transparency?.consentNotSoughtReason;
  if (transparency?.consentStatus === "NOT_SOUGHT" && reason && RISK_NOT_SOUGHT_REASONS.includes(reason)) {
    grounds.push(`Consent was not sought: ${NOT_SOUGHT_REASON_LABELS[reason].toLowerCase()}`);
  }
  return grounds;
}
