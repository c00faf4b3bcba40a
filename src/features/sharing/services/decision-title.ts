import { message } from "../../../platform/messages";
import { SHARING_MESSAGES } from "../domain/messages";
import type { DecisionRow } from "./deliver";

/** What a decision is called, as a message: by its outcome (or as an emergency share), with whom if anyone. */
export function decisionTitleMessage(
  decision: Pick<DecisionRow, "outcome" | "emergency">,
  recipientName: string | undefined,
): { key: `decisionTitle.${keyof (typeof SHARING_MESSAGES)["en"]["decisionTitle"]}`; params: { recipient?: string } } {
  const what = decision.emergency
    ? "emergency"
    : decision.outcome === "SHARE"
      ? "share"
      : decision.outcome === "PARTIAL_SHARE"
        ? "partialShare"
        : "doNotShare";
  return recipientName
    ? { key: `decisionTitle.${what}With`, params: { recipient: recipientName } }
    : { key: `decisionTitle.${what}`, params: {} };
}

/** The same title in words, for pages and documents. */
export function decisionTitle(decision: Pick<DecisionRow, "outcome" | "emergency">, recipientName: string | undefined): string {
  const { key, params } = decisionTitleMessage(decision, recipientName);
  return message(SHARING_MESSAGES.en, key, params);
}
