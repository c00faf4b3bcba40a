import { type QualityFinding, type QualityInput, startCheck } from "./quality/check";
import { checkDocumentControl, checkReview } from "./quality/document-control-and-review";
import { checkFlows } from "./quality/flows";
import { checkLegalBasis } from "./quality/legal-basis";
import { checkParties } from "./quality/parties";
import { checkDataItems, checkDataSubjects, checkPurposes } from "./quality/purposes-and-scope";
import { type QualityReport, report } from "./quality/score";
import { checkBreach, checkDpia, checkRetention, checkSecurity } from "./quality/security-and-retention";
import { checkRights, checkTransparency } from "./quality/transparency-and-rights";

export type { QualityInput } from "./quality/check";
export { QUALITY_RULES, QUALITY_SEVERITIES, type QualityCode } from "./quality/codes";
export type { QualityReport } from "./quality/score";

/**
 * Quality check: how an agreement measures up against the model (ICO data sharing code Annex A,
 * UK GDPR, DPA18, docs/domain.md §3 and §5). It scores any agreement, including one imported from an
 * existing Word document as structured fields, so it never assumes a draft made in Safeshare.
 *
 * Pure: no I/O. For a tier 2 agreement the caller passes the *effective* content (inherited
 * baseline sections filled in from the tier 1 parent), so no inheritance logic lives here.
 *
 * Each code has a fixed severity:
 *  - "missing": something the law or the model requires is absent (or plainly wrong);
 *  - "weak": present, but thin or risky, and worth a second look.
 *
 * Each family of rules (a section or two of the model) is in quality/<family>.ts, the codes and
 * severities in quality/codes.ts, and the score's formula in quality/score.ts.
 */
export function checkQuality(input: QualityInput): QualityReport {
  const findings: QualityFinding[] = [];
  const check = startCheck(input, findings);
  // In the order of the sections, so findings within a section keep the order they always had.
  checkDocumentControl(check);
  checkParties(check);
  checkPurposes(check);
  checkLegalBasis(check);
  checkDataSubjects(check);
  checkDataItems(check);
  checkFlows(check);
  checkTransparency(check);
  checkRights(check);
  checkSecurity(check);
  checkRetention(check);
  checkBreach(check);
  checkDpia(check);
  checkReview(check);
  return report(findings);
}
