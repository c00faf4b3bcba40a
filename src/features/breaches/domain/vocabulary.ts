/**
 * A personal data breach's vocabulary (issue 22; docs/domain.md §7): the codes the register, the API
 * and the ICO's form share. Words for people are in messages.ts.
 */

/** Where a breach stands. NOT_REPORTED: the IG lead decided, with reasons, that it need not go to the ICO. */
export const BREACH_STATES = ["DISCOVERED", "INVESTIGATING", "REPORTED_TO_ICO", "NOT_REPORTED", "INDIVIDUALS_TOLD", "CLOSED"] as const;
export type BreachState = (typeof BREACH_STATES)[number];

/** The risk to people's rights and freedoms (UK GDPR Arts 33(1), 34(1)). */
export const BREACH_RISKS = ["NO_RISK", "RISK", "HIGH_RISK"] as const;
export type BreachRisk = (typeof BREACH_RISKS)[number];

/** The ICO's three types of breach. */
export const BREACH_TYPES = ["CONFIDENTIALITY", "INTEGRITY", "AVAILABILITY"] as const;
export type BreachType = (typeof BREACH_TYPES)[number];

/** What happened to the data (UK GDPR Art 4(12)). */
export const BREACH_KINDS = ["DESTRUCTION", "LOSS", "ALTERATION", "UNAUTHORISED_DISCLOSURE", "UNAUTHORISED_ACCESS"] as const;
export type BreachKind = (typeof BREACH_KINDS)[number];

/** The categories of data and of people the ICO's form asks about. */
export const BREACH_DATA_CATEGORIES = ["SPECIAL_CATEGORY", "CRIMINAL_OFFENCE", "CHILDREN", "VULNERABLE_ADULTS"] as const;
export type BreachDataCategory = (typeof BREACH_DATA_CATEGORIES)[number];

/** An ICO report's phase: the first, then any follow-ups citing the ICO's case reference (Art 33(4)). */
export const REPORT_PHASES = ["INITIAL", "FOLLOW_UP"] as const;
export type ReportPhase = (typeof REPORT_PHASES)[number];

/**
 * Another organisation a breach involves (BR-CONTAIN, BR-TELL-CONTROLLER): the organisation a share went
 * to by mistake, which must delete its copy, or one whose information the breach involves (its
 * controller), which must be told within its agreement's breach notice term.
 */
export const BREACH_PARTY_ROLES = ["WRONG_RECIPIENT", "ORIGINATOR"] as const;
export type BreachPartyRole = (typeof BREACH_PARTY_ROLES)[number];

/** Who a notice to the people affected is written for (Art 34): a parent or carer, or the young person themself. */
export const NOTICE_AUDIENCES = ["PARENT", "YOUNG_PERSON"] as const;
export type NoticeAudience = (typeof NOTICE_AUDIENCES)[number];

/** A notice is drafted, then sent (how, recorded), or withheld because telling would put someone at risk (with the reason). */
export const NOTICE_STATES = ["DRAFT", "SENT", "WITHHELD"] as const;
export type NoticeState = (typeof NOTICE_STATES)[number];

/** "BR-12": the short number people quote. */
export const breachReference = (n: number) => `BR-${n}`;
