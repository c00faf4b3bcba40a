import type { ShareDecisionInput } from "../decision-input";
import type { Add, DecisionFacts } from "./facts";

/** Telling the family, consent, and what a person's objection or withdrawal of consent has stopped. */

export function checkTransparency(input: ShareDecisionInput, add: Add): void {
  const t = input.transparency;
  if (t.informed === undefined) {
    add(
      "GR2-ENGAGE",
      "block",
      "/transparency/informed",
      "Say whether the child or family have been told who you are sharing with, what and why",
    );
  } else if (!t.informed && !t.notInformedReason?.trim()) {
    add("GR2-ENGAGE", "block", "/transparency/notInformedReason", "Record why the child or family have not been told");
  }
  if (!t.consentStatus)
    add("GR7-RECORD", "block", "/transparency/consentStatus", "Record where consent stands: given, refused, withdrawn or not sought");
  if (t.consentStatus === "NOT_SOUGHT" && !t.consentNotSoughtReason) {
    add("GR7-RECORD", "block", "/transparency/consentNotSoughtReason", "Record why consent was not sought");
  }
  if (t.consentStatus === "GIVEN" && !t.consentDetails?.trim()) {
    add("GR7-RECORD", "block", "/transparency/consentDetails", "Record who gave consent, when, how and for what");
  }
}

/** What the person's objection or withdrawal of consent stopped (docs/domain.md §6) stays stopped. */
export function checkProcessingStops(facts: DecisionFacts, add: Add): void {
  const b = facts.input.lawfulBasis;
  const withdrawn = facts.processingStops.find((s) => s.right === "WITHDRAW_CONSENT");
  if (withdrawn && b.article6 === "A6_1A_CONSENT")
    add(
      "R-CONSENT-WITHDRAWN",
      "block",
      "/lawfulBasis/article6",
      `Consent to sharing about this person was withdrawn (${withdrawn.reference}): rely on another basis only if one truly applies`,
    );
  if (withdrawn && (b.article9 ?? []).includes("A9_2A_EXPLICIT_CONSENT"))
    add(
      "R-CONSENT-WITHDRAWN",
      "block",
      "/lawfulBasis/article9",
      `Consent to sharing about this person was withdrawn (${withdrawn.reference}): explicit consent cannot be the condition`,
    );
  if (withdrawn && b.commonLaw === "CL_CONSENT")
    add(
      "R-CONSENT-WITHDRAWN",
      "block",
      "/lawfulBasis/commonLaw",
      `Consent to sharing about this person was withdrawn (${withdrawn.reference}): it cannot be the route through the duty of confidence`,
    );
  const objected = facts.processingStops.find((s) => s.right === "OBJECTION" && s.article6 === b.article6);
  if (objected)
    add(
      "R-OBJECTION-UPHELD",
      "block",
      "/lawfulBasis/article6",
      `The person's objection to sharing under this basis was upheld (${objected.reference}): it stays stopped until an IG lead records compelling grounds on that request. In an emergency, share now.`,
    );
}
