import { CRIMINAL_OFFENCE_CONDITIONS, SPECIAL_CATEGORY_CONDITIONS } from "../../../agreements/domain";
import type { ShareDecisionInput } from "../decision-input";
import { checkProcessingStops } from "./consent-and-transparency";
import type { Add, DecisionFacts, ItemFacts } from "./facts";

/** The lawful basis: Article 6, Article 9 and 10 conditions, the duty of confidence and the power to share. */

const SIGNIFICANT_HARM = "CHILD_PROTECTION_S47";

export function checkLawfulBasis(facts: DecisionFacts, shared: { itemId: string }[], add: Add): void {
  const { input, sender } = facts;
  const b = input.lawfulBasis;
  const consentGiven = input.transparency.consentStatus === "GIVEN";
  const article9 = b.article9 ?? [];
  const items = shared.map((s) => facts.items.get(s.itemId)).filter((i): i is ItemFacts => !!i);
  if (!b.article6) {
    add(
      "L-NO-ART6",
      "block",
      "/lawfulBasis/article6",
      "Select the Article 6 lawful basis: information about a named person is personal data",
    );
  } else if (b.article6 === "A6_1A_CONSENT" && !consentGiven) {
    add("L-NO-ART6", "block", "/lawfulBasis/article6", "Consent is relied on as the lawful basis, but consent is not recorded as given");
  } else if (b.article6 === "A6_1F_LEGITIMATE_INTERESTS" && sender.isPublicAuthority) {
    add(
      "L-LI-PUBLIC-AUTHORITY",
      "block",
      "/lawfulBasis/article6",
      "Your organisation is a public authority, so it cannot rely on legitimate interests: choose public task or legal obligation instead",
    );
  }
  checkProcessingStops(facts, add);
  if (items.some((i) => i.specialCategory) && !article9.some((c) => SPECIAL_CATEGORY_CONDITIONS.includes(c))) {
    add(
      "L-NO-ART9",
      "block",
      "/lawfulBasis/article9",
      "Some items are special category data (such as health): select an Article 9 condition",
    );
  }
  if (items.some((i) => i.criminalOffence) && !article9.some((c) => CRIMINAL_OFFENCE_CONDITIONS.includes(c))) {
    add("L-NO-ART9", "block", "/lawfulBasis/article9", "Some items are criminal offence data: select an Article 10 condition");
  }
  if (article9.includes("A9_2A_EXPLICIT_CONSENT") && !consentGiven) {
    add("L-NO-ART9", "block", "/lawfulBasis/article9", "Explicit consent is relied on, but consent is not recorded as given");
  }
  if (article9.includes("A9_2G_S1P18_SAFEGUARDING") && (!b.para18Reason || !b.apdReference?.trim())) {
    add(
      "L-S1P18-INCOMPLETE",
      "block",
      b.para18Reason ? "/lawfulBasis/apdReference" : "/lawfulBasis/para18Reason",
      "The safeguarding condition needs the reason consent is not relied on and your appropriate policy document's reference: give both (your IG lead has the reference)",
    );
  }
  if (article9.includes("A9_2C_VITAL_INTERESTS_INCAPABLE") && input.transparency.capacity !== "NOT_CAPABLE") {
    add(
      "L-VITAL-CAPABLE",
      "block",
      "/transparency/capacity",
      "Vital interests covers special category data only where the person cannot consent: record that they cannot, or choose another condition",
    );
  }
  const consentBasis = b.article6 === "A6_1A_CONSENT" || article9.includes("A9_2A_EXPLICIT_CONSENT");
  const significantHarm =
    input.purpose.code === SIGNIFICANT_HARM || input.purpose.levelOfNeed === SIGNIFICANT_HARM || input.emergency.immediateRisk === true;
  if (consentBasis && significantHarm) {
    add(
      "GR3-NO-CONSENT-NEEDED",
      "warning",
      "/lawfulBasis/article6",
      "The child may be at risk of significant harm: consent is not needed to share, and is usually not the right basis, because it can be withdrawn. Choose public task unless consent truly fits",
    );
  }
  checkConfidence(input, consentGiven, add);
  if (b.gateway === "OTHER" && !b.gatewayOther?.trim())
    add("GR7-RECORD", "block", "/lawfulBasis/gatewayOther", "Describe the power or duty relied on");
}

function checkConfidence(input: ShareDecisionInput, consentGiven: boolean, add: Add): void {
  if (input.information.confidential !== true) return;
  const route = input.lawfulBasis.commonLaw;
  if (!route || route === "CL_NOT_CONFIDENTIAL") {
    add(
      "L-CONFIDENCE",
      "block",
      "/lawfulBasis/commonLaw",
      "The information is confidential: select how the duty of confidence is met (consent, a legal requirement or the public interest)",
    );
  } else if (route === "CL_CONSENT" && !consentGiven) {
    add(
      "L-CONFIDENCE",
      "block",
      "/lawfulBasis/commonLaw",
      "Consent is given as the way the duty of confidence is met, but consent is not recorded as given: record that it was given, or choose the public interest or a legal requirement",
    );
  }
}
