/**
 * Rule codes and the one-line source each cites (domain.md). Code that enforces a rule names it by
 * code; users see the code and the plain-English reason, never just "denied".
 */
export const DSA_RULES = {
  "DSA-NOT-PARTY":
    "The sender and recipient must both be parties to the agreement, with a flow between them (ICO data sharing code: agreements name the parties and what flows between them)",
  "DSA-NOT-IN-FORCE":
    "The agreement must be signed, not suspended, expired or terminated, and not more than 3 months past its review date (domain.md §5)",
  "DSA-PURPOSE": "Information may only be shared for a purpose the agreement lists (UK GDPR Art 5(1)(b) purpose limitation)",
  "DSA-ITEM": "Only the data items the agreement lists may be shared under it (UK GDPR Art 5(1)(c) data minimisation)",
  "DSA-BASIS": "The lawful basis relied on must be one the agreement lists for the sending party (UK GDPR Arts 6, 9, 10)",
  "DSA-ONWARD":
    "A recipient may not pass information on where the agreement says onward disclosure is not permitted (ICO data sharing code)",
} as const;
export type DsaCode = keyof typeof DSA_RULES;
