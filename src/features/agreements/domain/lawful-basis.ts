import { AGREEMENTS_MESSAGES } from "./messages";
/** The lawful basis catalogue (docs/domain.md §3). Codes are stored and shown exactly as written there. */

export const ARTICLE_6 = [
  "A6_1A_CONSENT",
  "A6_1C_LEGAL_OBLIGATION",
  "A6_1D_VITAL_INTERESTS",
  "A6_1E_PUBLIC_TASK",
  "A6_1F_LEGITIMATE_INTERESTS",
  "A6_1EA_RECOGNISED_LI_SAFEGUARDING",
] as const;
export type Article6 = (typeof ARTICLE_6)[number];

export const ARTICLE_6_LABELS: Record<Article6, string> = AGREEMENTS_MESSAGES.en.article6;

/** Article 9 conditions for special category data, Article 10 for criminal offence data, and DPA18 Part 3. */
export const ARTICLE_9_10 = [
  "A9_2A_EXPLICIT_CONSENT",
  "A9_2B_S1P1_SOCIAL_PROTECTION",
  "A9_2C_VITAL_INTERESTS_INCAPABLE",
  "A9_2G_S1P6_STATUTORY",
  "A9_2G_S1P10_PREVENTING_CRIME",
  "A9_2G_S1P18_SAFEGUARDING",
  "A9_2H_S1P2_HEALTH_SOCIAL_CARE",
  "A10_SCHEDULE1_CRIMINAL",
  "LE_S35_SCH8P4_SAFEGUARDING",
] as const;
export type Article9or10 = (typeof ARTICLE_9_10)[number];

export const ARTICLE_9_10_LABELS: Record<Article9or10, string> = AGREEMENTS_MESSAGES.en.article9or10;

/** Which Article 9/10 conditions cover special category data, and which cover criminal offence data. */
export const CRIMINAL_OFFENCE_CONDITIONS: readonly Article9or10[] = ["A10_SCHEDULE1_CRIMINAL", "LE_S35_SCH8P4_SAFEGUARDING"];
export const SPECIAL_CATEGORY_CONDITIONS: readonly Article9or10[] = ARTICLE_9_10.filter((c) => c !== "A10_SCHEDULE1_CRIMINAL");

/** DPA18 Sch 1 para 18: why consent is not relied on. */
export const PARA_18_REASONS = ["CONSENT_CANNOT_BE_GIVEN", "CANNOT_REASONABLY_OBTAIN", "OBTAINING_WOULD_PREJUDICE"] as const;
export type Para18Reason = (typeof PARA_18_REASONS)[number];

export const PARA_18_REASON_LABELS: Record<Para18Reason, string> = AGREEMENTS_MESSAGES.en.para18Reason;

/** The common law duty of confidence: the route by which confidential information may be shared. */
export const COMMON_LAW_ROUTES = ["CL_NOT_CONFIDENTIAL", "CL_CONSENT", "CL_LEGAL_REQUIREMENT", "CL_PUBLIC_INTEREST"] as const;
export type CommonLawRoute = (typeof COMMON_LAW_ROUTES)[number];

export const COMMON_LAW_ROUTE_LABELS: Record<CommonLawRoute, string> = AGREEMENTS_MESSAGES.en.commonLawRoute;

/** Statutory gateways: the power or duty each organisation relies on. */
export const GATEWAYS = [
  "CA1989_S17",
  "CA1989_S27",
  "CA1989_S47",
  "CA2004_S10",
  "CA2004_S11",
  "CDA1998_S115",
  "EA2002_S175",
  "PCSCA2022_SERIOUS_VIOLENCE_DUTY",
  "COURT_ORDER",
  "OTHER",
] as const;
export type Gateway = (typeof GATEWAYS)[number];

export const GATEWAY_LABELS: Record<Gateway, string> = AGREEMENTS_MESSAGES.en.gateway;
