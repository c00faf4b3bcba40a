/**
 * Legal holds (issue 21): a named instruction that nothing it covers may be disposed of, anonymised or
 * erased (`RET-HOLD`). Set over chosen people's files, over categories of record, over the whole
 * organisation, or by a partnership administrator over every member organisation.
 */
export const HOLD_SCOPES = ["SUBJECTS", "CATEGORIES", "ORGANISATION", "PARTNERSHIP"] as const;
export type HoldScope = (typeof HOLD_SCOPES)[number];

/** Scopes an IG lead may set; a partnership-wide hold is the partnership administrator's. */
export const ORGANISATION_HOLD_SCOPES: readonly HoldScope[] = ["SUBJECTS", "CATEGORIES", "ORGANISATION"];
