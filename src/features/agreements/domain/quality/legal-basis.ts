import type { AgreementContent, DataItem, Flow } from "../content";
import { type Article9or10, CRIMINAL_OFFENCE_CONDITIONS, SPECIAL_CATEGORY_CONDITIONS } from "../lawful-basis";
import { blank, type QualityCheck } from "./check";

/** Sch 1 conditions that need an Appropriate Policy Document (DPA18 Sch 1 para 1(1)(b), para 5, Part 3 para 39). */
const APD_CONDITIONS: readonly Article9or10[] = [
  "A9_2B_S1P1_SOCIAL_PROTECTION",
  "A9_2G_S1P6_STATUTORY",
  "A9_2G_S1P10_PREVENTING_CRIME",
  "A9_2G_S1P18_SAFEGUARDING",
  "A10_SCHEDULE1_CRIMINAL",
];

/**
 * Legal basis, party by party: Article 6, Article 9 and 10 conditions where the data needs them,
 * Schedule 1 safeguards, the common law and the power to share.
 */
export function checkLegalBasis({ input, content, partyIds, partyName, add }: QualityCheck): void {
  const specialSenders = sendersOf(content, (item) => item.specialCategory);
  const criminalSenders = sendersOf(content, (item) => item.criminalOffence);
  if (content.legalBasis.length === 0 && content.parties.length === 0) {
    add("Q-NO-LEGAL-BASIS", "legalBasis", "/legalBasis", "No legal basis is recorded for any party");
  }
  for (const organisationId of partyIds) {
    const i = content.legalBasis.findIndex((b) => b.organisationId === organisationId);
    const name = partyName(organisationId);
    if (i < 0) {
      add("Q-NO-LEGAL-BASIS", "legalBasis", "/legalBasis", `No legal basis is recorded for ${name}`);
      continue;
    }
    const basis = content.legalBasis[i]!;
    const at = `/legalBasis/${i}`;
    if (basis.article6.length === 0) add("Q-NO-ART6", "legalBasis", `${at}/article6`, `${name} has no Article 6 basis`);
    basis.article6.forEach((code, j) => {
      if (code === "A6_1F_LEGITIMATE_INTERESTS" && input.publicAuthorityIds?.has(organisationId)) {
        add(
          "Q-LI-PUBLIC-AUTHORITY",
          "legalBasis",
          `${at}/article6/${j}`,
          `${name} is a public authority but relies on legitimate interests`,
        );
      }
      if (code === "A6_1A_CONSENT")
        add(
          "Q-CONSENT-BASIS",
          "legalBasis",
          `${at}/article6/${j}`,
          `${name} relies on consent, which is usually not the right basis for safeguarding`,
        );
    });
    if (specialSenders.has(organisationId) && !basis.article9.some((c) => SPECIAL_CATEGORY_CONDITIONS.includes(c))) {
      add("Q-NO-ART9", "legalBasis", `${at}/article9`, `${name} shares special category data but has no Article 9 condition`);
    }
    if (criminalSenders.has(organisationId) && !basis.article9.some((c) => CRIMINAL_OFFENCE_CONDITIONS.includes(c))) {
      add(
        "Q-NO-ART10",
        "legalBasis",
        `${at}/article9`,
        `${name} shares criminal offence data but has no Article 10 or law enforcement condition`,
      );
    }
    if (basis.article9.includes("A9_2G_S1P18_SAFEGUARDING") && !basis.para18Reason) {
      add(
        "Q-S1P18-NO-REASON",
        "legalBasis",
        `${at}/para18Reason`,
        `${name} relies on Schedule 1 paragraph 18 without saying why consent is not relied on`,
      );
    }
    if (basis.article9.some((c) => APD_CONDITIONS.includes(c)) && blank(basis.apdReference)) {
      add(
        "Q-NO-APD",
        "legalBasis",
        `${at}/apdReference`,
        `${name} relies on a Schedule 1 condition but gives no Appropriate Policy Document reference`,
      );
    }
    if (basis.commonLaw.length === 0) {
      add("Q-NO-COMMON-LAW", "legalBasis", `${at}/commonLaw`, `${name} does not say how the common law duty of confidence is met`);
    }
    if (basis.gateways.length === 0) {
      add("Q-NO-GATEWAY", "legalBasis", `${at}/gateways`, `${name} names no statutory power or duty to share`);
    } else if (basis.gateways.includes("OTHER") && blank(basis.gatewayOther)) {
      add("Q-GATEWAY-OTHER-UNDESCRIBED", "legalBasis", `${at}/gatewayOther`, `${name} relies on an "other" gateway without naming it`);
    }
  }
}

/**
 * Parties that send items matching the predicate under some flow. A flow with no senders listed can
 * come from any party, and one with no items listed carries every item. With no flows described yet,
 * every party may send anything.
 */
function sendersOf(content: AgreementContent, matches: (item: DataItem) => boolean): Set<string> {
  const allParties = content.parties.map((p) => p.organisationId);
  const matching = new Set(content.dataItems.filter(matches).map((i) => i.key));
  if (matching.size === 0) return new Set();
  if (content.flows.length === 0) return new Set(allParties);
  const senders = new Set<string>();
  const carries = (flow: Flow) => (flow.dataItemKeys.length === 0 ? true : flow.dataItemKeys.some((k) => matching.has(k)));
  for (const flow of content.flows) {
    if (!carries(flow)) continue;
    for (const id of flow.fromOrganisationIds.length ? flow.fromOrganisationIds : allParties) senders.add(id);
  }
  return senders;
}
