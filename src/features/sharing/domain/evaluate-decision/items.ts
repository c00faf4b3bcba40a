import { mayDecideProtectedDetails } from "../../../records/domain";
import type { Add, DecisionFacts } from "./facts";
import { checkProtectedDetails, takesOutProtectedDetails } from "./protected-identities";

/** The items chosen: restricted, corrected or disputed items, onward disclosure, withheld items and protected addresses. */

export function checkItems(facts: DecisionFacts, shared: { itemId: string }[], add: Add): void {
  const { input } = facts;
  const choices = input.items.items ?? [];
  choices.forEach((choice, index) => {
    const item = facts.items.get(choice.itemId);
    const path = `/items/items/${index}`;
    if (!choice.share) {
      if (input.decision.outcome === "PARTIAL_SHARE" && !choice.withheldReason?.trim()) {
        add("GR7-RECORD", "block", `${path}/withheldReason`, "Say why this item is withheld");
      }
      return;
    }
    if (!item) return;
    if (item.restricted)
      add("R-RESTRICTED", "block", path, "This item is restricted while a rights request is settled: it may be stored but not shared");
    if (item.accuracy === "CORRECTED")
      add("P-ACCURATE", "block", path, "This version has been corrected: share the current version instead");
    if (item.accuracy === "DISPUTED")
      add("P-ACCURATE", "warning", path, "The accuracy of this item is disputed: the recipient will see that it is");
    if (item.receivedFrom && item.receivedFrom.onward !== "PERMITTED") {
      const how =
        item.receivedFrom.onward === "NOT_PERMITTED"
          ? "may not be passed on"
          : `may be passed on only with ${item.receivedFrom.organisationName}'s agreement: ask them to share it`;
      add("DSA-ONWARD", "block", path, `This item came from ${item.receivedFrom.organisationName} and ${how}`);
    }
    if (item.protectedDetails.length) checkProtectedDetails(facts, choice, item, path, add);
  });
  const withheld = choices.filter((c) => !c.share).length;
  const redacted = choices.some((c) => {
    const item = facts.items.get(c.itemId);
    return c.share && ((c.redactions?.length ?? 0) > 0 || (!!item && takesOutProtectedDetails(facts, c, item)));
  });
  if (input.decision.outcome === "SHARE" && withheld > 0) {
    add("GR7-RECORD", "block", "/decision/outcome", "Some items are withheld: record the decision as sharing some of it");
  }
  if (input.decision.outcome === "PARTIAL_SHARE" && withheld === 0 && !redacted) {
    add(
      "GR7-RECORD",
      "block",
      "/decision/outcome",
      "Nothing is withheld or redacted: record the decision as a share, or say what is held back",
    );
  }
  const details = input.items.subjectDetails ?? [];
  const addressReason = input.items.protectedAddressReason?.trim();
  if (addressReason && !mayDecideProtectedDetails(facts.deciderRoles)) {
    add(
      "GR5-PROTECT-IDENTITIES",
      "block",
      "/items/protectedAddressReason",
      "Only a safeguarding lead or IG lead can decide that a protected address goes with a share: leave the reason blank so it is left out, or ask your safeguarding lead to make this decision",
    );
  } else if (details.includes("addresses") && facts.subjectHasProtectedAddress && addressReason) {
    add(
      "GR5-PROTECT-IDENTITIES",
      "warning",
      "/items/protectedAddressReason",
      "A protected address (such as a refuge) will be shared: make sure the recipient knows to protect it",
    );
  }
  if (input.information.thirdParty === true && shared.length > 0 && !redacted) {
    add(
      "GR5-PROTECT-IDENTITIES",
      "warning",
      "/items/items",
      "The information is about other people too: redact anything that could identify someone who could be harmed if it were known",
    );
  }
}
