import type { PackSafety } from "../services/pack-safety";

/**
 * The pack's safety warnings as people read them: each decision with its reference, what it did and
 * why it counts in a sentence; each alleged-perpetrator link as "who: alleged to have harmed whom".
 * Null when there is nothing to warn about, so the page shows nothing.
 */
export function presentSafety(safety: PackSafety) {
  if (!safety.notTold.length && !safety.allegedPerpetrator.length) return null;
  return {
    decisions: safety.notTold.map((d) => ({
      href: `/share-decisions/${d.decisionId}`,
      reference: d.reference,
      decidedAt: d.decidedAt,
      about: d.subjectName,
      what: d.disclosureId ? `shared with ${d.recipient ?? "another organisation"}` : "nothing was sent",
      why: `${d.grounds.map((g) => g.replace(/[.\s]+$/, "")).join(". ")}.`,
    })),
    links: safety.allegedPerpetrator.map((l) => `${l.perpetrator}: alleged to have harmed ${l.towards}`),
  };
}
