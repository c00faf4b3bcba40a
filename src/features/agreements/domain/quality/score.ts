import { SECTION_TITLES, SECTIONS, type Section } from "../content";
import type { QualityFinding } from "./check";

/**
 * Score (transparent on purpose, so an IG lead can reproduce it by hand):
 *  - each of the 14 sections weighs the same;
 *  - a section with no findings is "complete" and counts 1;
 *  - a section whose findings are all "weak" is "weak" and counts 0.5;
 *  - a section with any "missing" finding is "missing" and counts 0;
 *  - score = round(100 × total ÷ 14).
 */

export type SectionStatus = "complete" | "weak" | "missing";

export interface QualityReport {
  /** 0-100: see the formula above. */
  score: number;
  findings: QualityFinding[];
  sections: { section: Section; title: string; status: SectionStatus; findings: number }[];
}

const STATUS_WEIGHT: Record<SectionStatus, number> = { complete: 1, weak: 0.5, missing: 0 };

export function report(findings: QualityFinding[]): QualityReport {
  const order = new Map(SECTIONS.map((s, i) => [s, i]));
  const sorted = [...findings].sort((a, b) => order.get(a.section)! - order.get(b.section)!);
  const sections = SECTIONS.map((section) => {
    const own = sorted.filter((f) => f.section === section);
    const status: SectionStatus = own.length === 0 ? "complete" : own.some((f) => f.severity === "missing") ? "missing" : "weak";
    return { section, title: SECTION_TITLES[section], status, findings: own.length };
  });
  const total = sections.reduce((sum, s) => sum + STATUS_WEIGHT[s.status], 0);
  return { score: Math.round((100 * total) / SECTIONS.length), findings: sorted, sections };
}
