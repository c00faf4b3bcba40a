import { RECORDS_MESSAGES } from "./messages";
/**
 * What kinds of information organisations hold about subjects (docs/domain.md §1 "record item"). Agreements
 * list the data items they allow by these categories, so a share of record items can be checked
 * against an agreement without a hand-made mapping.
 */
export const ITEM_CATEGORIES = ["education", "health", "police", "social_care", "family_circumstances", "housing", "other"] as const;
export type ItemCategory = (typeof ITEM_CATEGORIES)[number];

export const ITEM_CATEGORY_LABELS: Record<ItemCategory, string> = RECORDS_MESSAGES.en.itemCategory;

/** Fact kept apart from opinion (P-ACCURATE). An agreement item may allow either or both. */
export const ITEM_KINDS = ["FACT", "OPINION", "FACT_AND_OPINION"] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const ITEM_KIND_LABELS: Record<ItemKind, string> = RECORDS_MESSAGES.en.itemKind;

/** Kinds of people records are about (docs/domain.md §1 "subject"). */
export const SUBJECT_KINDS = [
  "CHILD",
  "UNBORN_CHILD",
  "PARENT_CARER",
  "SIBLING",
  "HOUSEHOLD_MEMBER",
  "ALLEGED_PERPETRATOR",
  "OTHER",
] as const;
export type SubjectKind = (typeof SUBJECT_KINDS)[number];

export const SUBJECT_KIND_LABELS: Record<SubjectKind, string> = RECORDS_MESSAGES.en.subjectKind;
