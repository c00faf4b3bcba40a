import type { DsaCode } from "../../../../platform/rules";
import { evaluateShare } from "../../../agreements/domain";
import { SHARING_MESSAGES } from "../messages";
import type { Add, DecisionFacts } from "./facts";

/** The data sharing agreement cited, checked against its own terms. */

/** The agreement's own terms (DSA-*), or the warning that there is none. */
export function checkAgreement(facts: DecisionFacts, shared: { itemId: string }[], add: Add): void {
  const { input, agreement } = facts;
  if (facts.servesAgreement && input.recipient.agreementId !== facts.servesAgreement.id) {
    add(
      "DSA-API-CLIENT",
      "block",
      DSA_PATHS["DSA-API-CLIENT"],
      `This system may share only under ${facts.servesAgreement.reference}, the agreement it serves. ${NEXT_STEP["DSA-API-CLIENT"]}`,
    );
  }
  if (!agreement) {
    add(
      "ICO6-AGREEMENT",
      "warning",
      "/recipient/agreementId",
      input.recipient.routine
        ? "Routine sharing should be covered by a data sharing agreement, and none is cited: choose the agreement that covers it, or ask your IG lead whether one should"
        : "No data sharing agreement is cited: one-off sharing without one is lawful, but check whether one covers this",
    );
    return;
  }
  const { organisationId } = input.recipient;
  if (!organisationId) return;
  // Without a purpose yet (an emergency share goes before its full record), every other term is still checked.
  const evaluation = evaluateShare(agreement, {
    senderOrganisationId: facts.sender.organisationId,
    recipientOrganisationId: organisationId,
    purpose: input.purpose.code ?? null,
    items: shared.flatMap((s) => {
      const item = facts.items.get(s.itemId);
      return item ? [{ category: item.category, specialCategory: item.specialCategory, criminalOffence: item.criminalOffence }] : [];
    }),
    article6: input.lawfulBasis.article6 ?? null,
    article9: input.lawfulBasis.article9 ?? [],
    date: facts.today,
  });
  const exception = input.items.itemException?.trim();
  for (const finding of evaluation.findings) {
    // Items outside the agreement may go with a recorded exception (docs/domain.md §4 step 6).
    const severity = finding.code === "DSA-ITEM" && exception ? "warning" : "block";
    // A warning already has its step taken (the exception is recorded); a block says what to do next.
    add(
      finding.code,
      severity,
      DSA_PATHS[finding.code],
      severity === "warning" ? `${finding.reason} (exception recorded: ${exception})` : `${finding.reason}. ${NEXT_STEP[finding.code]}`,
    );
  }
}

const NEXT_STEP = SHARING_MESSAGES.en.agreementNextStep;

const DSA_PATHS: Record<DsaCode, string> = {
  "DSA-NOT-PARTY": "/recipient/organisationId",
  "DSA-NOT-IN-FORCE": "/recipient/agreementId",
  "DSA-PURPOSE": "/purpose/code",
  "DSA-ITEM": "/items/items",
  "DSA-BASIS": "/lawfulBasis/article6",
  "DSA-ONWARD": "/items/items",
  "DSA-API-CLIENT": "/recipient/agreementId",
};
