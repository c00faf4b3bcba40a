import { AGREEMENTS_MESSAGES } from "./messages";
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

export const PURPOSE_LABELS: Record<PurposeCode, string> = AGREEMENTS_MESSAGES.en.purpose;

/** A purpose code as stored (a text column, so possibly one this version does not know) in words: the code itself only if unknown. */
export const purposeLabel = (code: string): string => PURPOSE_LABELS[code as PurposeCode] ?? code;
