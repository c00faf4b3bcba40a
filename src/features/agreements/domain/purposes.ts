/** Purposes for sharing (docs/domain.md §4 step 1). Agreements list the purposes they cover; decisions name one. */
export const PURPOSE_CODES = [
  "EARLY_HELP",
  "CHILD_IN_NEED_S17",
  "CHILD_PROTECTION_S47",
  "MASH_CHECK",
  "SCHOOL_TRANSFER",
  "CRIME_PREVENTION",
  "HEALTH_CARE",
  "OTHER",
] as const;
export type PurposeCode = (typeof PURPOSE_CODES)[number];

export const PURPOSE_LABELS: Record<PurposeCode, string> = {
  EARLY_HELP: "Early help",
  CHILD_IN_NEED_S17: "Child in need (Children Act 1989 s17)",
  CHILD_PROTECTION_S47: "Child protection enquiries (Children Act 1989 s47)",
  MASH_CHECK: "Multi-agency safeguarding hub (MASH) checks",
  SCHOOL_TRANSFER: "Transfer of a child protection file between schools",
  CRIME_PREVENTION: "Preventing or detecting crime",
  HEALTH_CARE: "Health care",
  OTHER: "Other (described)",
};

/** A purpose code as stored (a text column, so possibly one this version does not know) in words: the code itself only if unknown. */
export const purposeLabel = (code: string): string => PURPOSE_LABELS[code as PurposeCode] ?? code;
