/**
 * The retention rules Safeshare enforces (docs/domain.md §7, §9), each with its one-line source. People
 * read the sentence; IG leads and the API see the code.
 */
export const RETENTION_RULES = {
  "RET-HOLD":
    "Nothing under a legal hold may be disposed of, anonymised or erased: a hold (an inquiry's instruction, litigation, a practice review) overrides every schedule (IICSA retention instruction; docs/domain.md §7)",
  "RET-SECOND-PERSON":
    "A disposal is approved by a second person, never the one who proposed it (docs/domain.md §7: disposal needs a second person's approval)",
  "RET-MINIMUM":
    "A retention period shorter than the category's recommended minimum risks destroying what a child may later need (IRMS Toolkit for Schools; R (C) v Northumberland CC [2015])",
  "RET-NOT-DUE":
    "Keep nothing longer than necessary, and nothing less: a file is disposed of only once its retention period has ended (UK GDPR Art 5(1)(e) storage limitation)",
} as const;
export type RetentionRuleCode = keyof typeof RETENTION_RULES;
