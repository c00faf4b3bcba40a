import { mayDecideProtectedDetails } from "../../../records/domain";
import type { ItemChoice } from "../decision-input";
import { protectedDetailsGo } from "../disclosure-snapshot";
import { describeMentions } from "../protected-details";
import type { Add, DecisionFacts, ItemFacts } from "./facts";

/** Protected identities (GR5): details that could harm someone if known are taken out unless a safeguarding lead or IG lead says why they go. */

/**
 * The purpose goes to the recipient, so a protected detail written in it is taken out, as in an item,
 * and the decider is told. It is said at the answer that goes: the description, or in an emergency
 * without one the reason.
 */
export function checkPurposeSent(facts: DecisionFacts, add: Add): void {
  const found = facts.protectedDetailsIn.purpose;
  if (!found.length) return;
  const path = facts.input.purpose.description?.trim() ? "/purpose/description" : "/emergency/reason";
  add(
    "GR5-PROTECT-IDENTITIES",
    "warning",
    path,
    `The purpose mentions ${describeMentions(found)}: it is taken out, shown as [redacted], before the recipient is told it. What the sharing is for never needs it: if the recipient must know, a safeguarding lead or IG lead can send it in an item, with the reason`,
  );
}

/**
 * An organisation that asked reads the answer's reasons as written, whatever the answer, so a protected
 * detail in them goes to it: only a safeguarding lead or IG lead may decide that, having read the
 * warning; anyone else rewrites them.
 */
export function checkReasonsToRequester(facts: DecisionFacts, add: Add): void {
  const found = facts.protectedDetailsIn.reasons;
  if (!facts.input.informationRequestId || !found.length) return;
  const which = `Your reasons mention ${describeMentions(found)}, and the organisation that asked reads them as written`;
  if (mayDecideProtectedDetails(facts.deciderRoles))
    add("GR5-PROTECT-IDENTITIES", "warning", "/decision/reasons", `${which}: rewrite them without it unless they must know`);
  else
    add(
      "GR5-PROTECT-IDENTITIES",
      "block",
      "/decision/reasons",
      `${which}: rewrite them without it. Only a safeguarding lead or IG lead can decide that it goes`,
    );
}

/** Protected details written in the item (its text or its source) go only if a safeguarding lead or IG lead says why. */
export function takesOutProtectedDetails(facts: DecisionFacts, choice: ItemChoice, item: ItemFacts): boolean {
  return (
    item.protectedDetails.length > 0 && !protectedDetailsGo(choice.protectedDetailsReason, mayDecideProtectedDetails(facts.deciderRoles))
  );
}

/**
 * A protected detail written into a chosen item (GR5-PROTECT-IDENTITIES): by default it is taken out,
 * and the decider is told which item and what it is; a safeguarding lead or IG lead may leave it in
 * with a reason; anyone else's reason is refused, so it cannot go on their say-so.
 */
export function checkProtectedDetails(facts: DecisionFacts, choice: ItemChoice, item: ItemFacts, path: string, add: Add): void {
  const which = `${item.label.charAt(0).toUpperCase()}${item.label.slice(1)} mentions ${describeMentions(item.protectedDetails)}`;
  if (choice.protectedDetailsReason?.trim() && !mayDecideProtectedDetails(facts.deciderRoles)) {
    add(
      "GR5-PROTECT-IDENTITIES",
      "block",
      `${path}/protectedDetailsReason`,
      "Only a safeguarding lead or IG lead can decide that a protected detail goes with a share: leave the reason blank so it is taken out, or ask your safeguarding lead to make this decision",
    );
  } else if (takesOutProtectedDetails(facts, choice, item)) {
    add(
      "GR5-PROTECT-IDENTITIES",
      "warning",
      path,
      `${which}: it is taken out of the text and its source, shown as [redacted], before it goes. Only a safeguarding lead or IG lead can leave it in, by recording why the recipient needs it`,
    );
  } else {
    add(
      "GR5-PROTECT-IDENTITIES",
      "warning",
      path,
      `${which}, and it goes as written, for the reason recorded: make sure the recipient knows to protect it`,
    );
  }
}
