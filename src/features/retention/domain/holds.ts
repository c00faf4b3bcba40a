import type { RetentionCategory } from "./schedule";

/**
 * Legal holds (issue 21): a named instruction that nothing it covers may be disposed of, anonymised or
 * erased (`RET-HOLD`). Set over chosen people's files, over categories of record, over the whole
 * organisation, or by a partnership administrator over every member organisation.
 */
export const HOLD_SCOPES = ["SUBJECTS", "CATEGORIES", "ORGANISATION", "PARTNERSHIP"] as const;
export type HoldScope = (typeof HOLD_SCOPES)[number];

/** Scopes an IG lead may set; a partnership-wide hold is the partnership administrator's. */
export const ORGANISATION_HOLD_SCOPES: readonly HoldScope[] = ["SUBJECTS", "CATEGORIES", "ORGANISATION"];

/** What deciding whether a hold covers a file needs of it. */
export interface ActiveHold {
  id: string;
  name: string;
  scope: HoldScope;
  organisationId: string;
  subjectIds: readonly string[];
  categories: readonly RetentionCategory[];
}

/**
 * A file as holds see it: what it is (`id`: a person's file is its subject's id, a copy its
 * disclosure's), whose it is, whom it is about (a copy not filed is about no file of the holder's) and
 * which rule governs it.
 */
export interface HeldFile {
  id: string;
  organisationId: string;
  subjectId: string | null;
  category: RetentionCategory;
}

/** Whether an active hold covers a file (RET-HOLD): the one place this is decided. */
export function holdCovers(hold: ActiveHold, file: HeldFile): boolean {
  if (hold.scope === "PARTNERSHIP") return true;
  if (hold.organisationId !== file.organisationId) return false;
  switch (hold.scope) {
    case "ORGANISATION":
      return true;
    case "CATEGORIES":
      return hold.categories.includes(file.category);
    case "SUBJECTS":
      return file.subjectId !== null && hold.subjectIds.includes(file.subjectId);
  }
}
