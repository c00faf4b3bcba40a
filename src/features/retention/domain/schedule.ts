import type { OrganisationType } from "../../organisations-and-users/domain";
import { SUBJECT_KINDS, type SubjectKind } from "../../records/domain";

/**
 * Retention schedules (docs/domain.md §7, issue 21): what an organisation keeps, for how long from
 * which date, and what happens at the end. A school's child protection file is reviewed at the child's
 * date of birth + 25 years, never destroyed automatically; a council's child protection record is kept
 * 35 years after the case closed. Every disposal is proposed by one person and approved by another.
 */

/** The kinds of record a retention rule governs. A person's file falls into exactly one (`categoryOf`). */
export const RETENTION_CATEGORIES = [
  "SCHOOL_CHILD_PROTECTION_FILE",
  "COUNCIL_CHILD_PROTECTION_RECORD",
  "EARLY_HELP_RECORD",
  "CHILD_RECORD",
  "ADULT_RECORD",
  "DISCLOSED_COPY",
] as const;
export type RetentionCategory = (typeof RETENTION_CATEGORIES)[number];

/** The date a retention period runs from. */
export const RETENTION_TRIGGERS = ["DATE_OF_BIRTH", "CASE_CLOSURE", "LAST_ENTRY", "DISCLOSURE_RECEIPT"] as const;
export type RetentionTrigger = (typeof RETENTION_TRIGGERS)[number];

/** The dates a category's period may run from: a copy from its receipt; a person's file from the other three. */
export const triggersFor = (category: RetentionCategory): readonly RetentionTrigger[] =>
  category === "DISCLOSED_COPY" ? ["DISCLOSURE_RECEIPT"] : ["DATE_OF_BIRTH", "CASE_CLOSURE", "LAST_ENTRY"];

/** What happens when the period ends: a person reviews it, or it is proposed for destruction or anonymisation. */
export const RETENTION_ACTIONS = ["REVIEW", "DESTROY", "ANONYMISE"] as const;
export type RetentionAction = (typeof RETENTION_ACTIONS)[number];

/** What a disposal batch does to each file: both remove the personal data; anonymising also leaves a row for statistics. */
export const DISPOSAL_ACTIONS = ["DESTROY", "ANONYMISE"] as const;
export type DisposalAction = (typeof DISPOSAL_ACTIONS)[number];

/** Where a disposal batch stands: proposed and waiting for a second IG lead, carried out, or withdrawn. */
export const DISPOSAL_STATUSES = ["PROPOSED", "EXECUTED", "CANCELLED"] as const;
export type DisposalStatus = (typeof DISPOSAL_STATUSES)[number];

export interface RetentionRule {
  category: RetentionCategory;
  trigger: RetentionTrigger;
  periodMonths: number;
  action: RetentionAction;
  disposalMethod: string;
  /** Where the period comes from, in a line a reader can look up. */
  source: string;
}

const CHILD_KINDS: readonly SubjectKind[] = ["CHILD", "UNBORN_CHILD"];

/** The category of a child's file at each type of organisation; other people's files are ADULT_RECORD everywhere. */
const CHILD_CATEGORY: Record<OrganisationType, RetentionCategory> = {
  school: "SCHOOL_CHILD_PROTECTION_FILE",
  childrens_social_care: "COUNCIL_CHILD_PROTECTION_RECORD",
  early_help: "EARLY_HELP_RECORD",
  police: "CHILD_RECORD",
  health_trust: "CHILD_RECORD",
  gp_practice: "CHILD_RECORD",
  voluntary_community: "CHILD_RECORD",
  other: "CHILD_RECORD",
};

/**
 * Which rule governs a person's file at an organisation of this type. What other organisations shared
 * with it is a DISCLOSED_COPY until it is filed into one of its own files, and then goes with that file.
 */
export function categoryOf(organisationType: OrganisationType, kind: SubjectKind): RetentionCategory {
  return CHILD_KINDS.includes(kind) ? CHILD_CATEGORY[organisationType] : "ADULT_RECORD";
}

/** The subject kinds whose files fall into a category at an organisation of this type (for queries; none when it holds no such files). */
export function kindsOf(organisationType: OrganisationType, category: RetentionCategory): readonly SubjectKind[] {
  return SUBJECT_KINDS.filter((kind) => categoryOf(organisationType, kind) === category);
}

/** The categories an organisation of this type holds: its child category, other people's files, and copies it received. */
export const categoriesHeldBy = (organisationType: OrganisationType): RetentionCategory[] => [
  CHILD_CATEGORY[organisationType],
  "ADULT_RECORD",
  "DISCLOSED_COPY",
];

/** Shipped defaults (issue 21), each citing its source; an IG lead may change them, and every change is audited. */
export const DEFAULT_RULES: Record<RetentionCategory, RetentionRule> = {
  SCHOOL_CHILD_PROTECTION_FILE: {
    category: "SCHOOL_CHILD_PROTECTION_FILE",
    trigger: "DATE_OF_BIRTH",
    periodMonths: 25 * 12,
    action: "REVIEW",
    disposalMethod: "Secure deletion of the electronic record and any copies",
    source: "IRMS Information Management Toolkit for Schools: child protection files, the child's date of birth + 25 years, then review",
  },
  COUNCIL_CHILD_PROTECTION_RECORD: {
    category: "COUNCIL_CHILD_PROTECTION_RECORD",
    trigger: "CASE_CLOSURE",
    periodMonths: 35 * 12,
    action: "REVIEW",
    disposalMethod: "Secure deletion of the electronic record and any copies",
    source: "R (C) v Northumberland CC [2015] EWHC 2134 (Admin): keeping child protection records 35 years after case closure held lawful",
  },
  EARLY_HELP_RECORD: {
    category: "EARLY_HELP_RECORD",
    trigger: "CASE_CLOSURE",
    periodMonths: 6 * 12,
    action: "DESTROY",
    disposalMethod: "Secure deletion of the electronic record and any copies",
    source: "Local practice: early help records 6 years after the case closed",
  },
  CHILD_RECORD: {
    category: "CHILD_RECORD",
    trigger: "DATE_OF_BIRTH",
    periodMonths: 25 * 12,
    action: "REVIEW",
    disposalMethod: "Secure deletion of the electronic record and any copies",
    source: "Local practice, following the schools' toolkit: a child's safeguarding record, date of birth + 25 years, then review",
  },
  ADULT_RECORD: {
    category: "ADULT_RECORD",
    trigger: "LAST_ENTRY",
    periodMonths: 6 * 12,
    action: "REVIEW",
    disposalMethod: "Secure deletion of the electronic record and any copies",
    source: "Local practice: a record about an adult around a child, 6 years after its last entry, then review",
  },
  DISCLOSED_COPY: {
    category: "DISCLOSED_COPY",
    trigger: "DISCLOSURE_RECEIPT",
    periodMonths: 6 * 12,
    action: "DESTROY",
    disposalMethod: "Secure deletion of the copy",
    source:
      "The agreement's retention term for what a recipient receives, where it sets one (ICO data sharing code, Annex A); otherwise 6 years from receipt (local practice)",
  },
};

/**
 * The shortest period each category should have, with why: shorter is allowed (an IG lead may have a
 * reason) but warned about (`RET-MINIMUM`).
 */
export const MINIMUM_MONTHS: Record<RetentionCategory, number> = {
  SCHOOL_CHILD_PROTECTION_FILE: 25 * 12,
  COUNCIL_CHILD_PROTECTION_RECORD: 35 * 12,
  EARLY_HELP_RECORD: 6 * 12,
  CHILD_RECORD: 25 * 12,
  ADULT_RECORD: 6 * 12,
  // A copy follows the agreement's term, which the parties set; the schedule's period is only the fallback.
  DISCLOSED_COPY: 1,
};

/** An organisation's schedule: its own rules where it changed them, the shipped defaults otherwise. */
export function effectiveSchedule(organisationType: OrganisationType, own: readonly RetentionRule[]): RetentionRule[] {
  return categoriesHeldBy(organisationType).map((category) => own.find((r) => r.category === category) ?? DEFAULT_RULES[category]);
}

/** Whether a rule's period is shorter than its category's minimum (a warning, `RET-MINIMUM`). */
export const shorterThanMinimum = (rule: Pick<RetentionRule, "category" | "periodMonths">): boolean =>
  rule.periodMonths < MINIMUM_MONTHS[rule.category];
