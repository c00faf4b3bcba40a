/**
 * What kinds of information organisations hold about subjects (docs/domain.md §1 "record item"). Agreements
 * list the data items they allow by these categories, so a share of record items can be checked
 * against an agreement without a hand-made mapping.
 */
export const ITEM_CATEGORIES = ["education", "health", "police", "social_care", "family_circumstances", "housing", "other"] as const;
export type ItemCategory = (typeof ITEM_CATEGORIES)[number];

export const ITEM_CATEGORY_LABELS: Record<ItemCategory, string> = {
  education: "Education",
  health: "Health",
  police: "Police",
  social_care: "Social care",
  family_circumstances: "Family circumstances",
  housing: "Housing",
  other: "Other",
};

/** Fact kept apart from opinion (P-ACCURATE). An agreement item may allow either or both. */
export const ITEM_KINDS = ["FACT", "OPINION", "FACT_AND_OPINION"] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

export const ITEM_KIND_LABELS: Record<ItemKind, string> = {
  FACT: "Fact",
  OPINION: "Professional opinion",
  FACT_AND_OPINION: "Fact and professional opinion",
};

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

export const SUBJECT_KIND_LABELS: Record<SubjectKind, string> = {
  CHILD: "Children",
  UNBORN_CHILD: "Unborn children",
  PARENT_CARER: "Parents and carers",
  SIBLING: "Siblings",
  HOUSEHOLD_MEMBER: "Other household members",
  ALLEGED_PERPETRATOR: "Alleged perpetrators of harm",
  OTHER: "Others (described)",
};
