import type { ShareDecisionInput } from "../decision-input";
import type { Add } from "./facts";

/** The purpose of sharing, the decision and its reasons, and whether sharing is necessary and proportionate. */

export function checkPurpose(input: ShareDecisionInput, add: Add): void {
  const { code, description } = input.purpose;
  if (!code) add("P-PURPOSE", "block", "/purpose/code", "Select the purpose of sharing");
  if (!description?.trim())
    add("P-PURPOSE", "block", "/purpose/description", "Describe the purpose: what the sharing is meant to achieve for the child");
}

export function checkDecision(input: ShareDecisionInput, sharedCount: number, add: Add): void {
  const { outcome, reasons, necessityAndProportionality } = input.decision;
  const emergency = input.emergency.immediateRisk === true;
  if (!outcome && !emergency)
    add("GR7-RECORD", "block", "/decision/outcome", "Select the decision: share, share some of it, or do not share");
  if (!reasons?.trim() && !emergency) {
    add("GR7-RECORD", "block", "/decision/reasons", "Record the reasons for the decision, whichever way it goes");
  }
  if (outcome === "DO_NOT_SHARE") {
    if (sharedCount > 0)
      add(
        "GR7-RECORD",
        "block",
        "/items/items",
        "A decision not to share cannot include items to share: untick them or change the decision",
      );
    return;
  }
  if ((outcome === "SHARE" || outcome === "PARTIAL_SHARE" || emergency) && sharedCount === 0) {
    add("GR7-RECORD", "block", "/items/items", "Choose the items to share: record exactly what goes");
  }
  if ((outcome === "SHARE" || outcome === "PARTIAL_SHARE") && !necessityAndProportionality?.trim()) {
    add(
      "P-NECESSARY-PROPORTIONATE",
      "block",
      "/decision/necessityAndProportionality",
      "Say why sharing this is necessary for the purpose and proportionate to the risk",
    );
  }
}
