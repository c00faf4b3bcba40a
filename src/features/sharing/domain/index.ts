/** The sharing feature's pure rules and types that other features use (ARCHITECTURE.md "Import rules"). */
export type { ShareDecisionInput, ShareDecisionInputRaw } from "./decision-input";
export { type DisclosedPerson, redact, redactionsForNotice } from "./disclosure-snapshot";
export { findProtectedMentions, type ProtectedDetail, typedProtectedDetails } from "./protected-details";
export { NOT_SOUGHT_REASON_LABELS, type NotSoughtReason } from "./vocabulary";
