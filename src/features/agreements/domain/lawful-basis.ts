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

export const ARTICLE_6_LABELS: Record<Article6, string> = {
  A6_1A_CONSENT: "Article 6(1)(a) consent",
  A6_1C_LEGAL_OBLIGATION: "Article 6(1)(c) legal obligation",
  A6_1D_VITAL_INTERESTS: "Article 6(1)(d) vital interests",
  A6_1E_PUBLIC_TASK: "Article 6(1)(e) public task",
  A6_1F_LEGITIMATE_INTERESTS: "Article 6(1)(f) legitimate interests (not for public authorities performing their tasks)",
  A6_1EA_RECOGNISED_LI_SAFEGUARDING: "Article 6(1)(ea) recognised legitimate interest: safeguarding (DUAA 2025)",
};

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

export const ARTICLE_9_10_LABELS: Record<Article9or10, string> = {
  A9_2A_EXPLICIT_CONSENT: "Article 9(2)(a) explicit consent",
  A9_2B_S1P1_SOCIAL_PROTECTION: "Article 9(2)(b), Sch 1 para 1: employment, social security and social protection",
  A9_2C_VITAL_INTERESTS_INCAPABLE: "Article 9(2)(c) vital interests, person incapable of consenting",
  A9_2G_S1P6_STATUTORY: "Article 9(2)(g), Sch 1 para 6: statutory and government purposes",
  A9_2G_S1P10_PREVENTING_CRIME: "Article 9(2)(g), Sch 1 para 10: preventing or detecting unlawful acts",
  A9_2G_S1P18_SAFEGUARDING: "Article 9(2)(g), Sch 1 para 18: safeguarding of children and individuals at risk",
  A9_2H_S1P2_HEALTH_SOCIAL_CARE: "Article 9(2)(h), Sch 1 para 2: health or social care",
  A10_SCHEDULE1_CRIMINAL: "Article 10 with a DPA18 Schedule 1 condition: criminal offence data",
  LE_S35_SCH8P4_SAFEGUARDING: "DPA18 s35 and Sch 8 para 4: law enforcement, safeguarding (police)",
};

/** Which Article 9/10 conditions cover special category data, and which cover criminal offence data. */
export const CRIMINAL_OFFENCE_CONDITIONS: readonly Article9or10[] = ["A10_SCHEDULE1_CRIMINAL", "LE_S35_SCH8P4_SAFEGUARDING"];
export const SPECIAL_CATEGORY_CONDITIONS: readonly Article9or10[] = ARTICLE_9_10.filter((c) => c !== "A10_SCHEDULE1_CRIMINAL");

/** DPA18 Sch 1 para 18: why consent is not relied on. */
export const PARA_18_REASONS = ["CONSENT_CANNOT_BE_GIVEN", "CANNOT_REASONABLY_OBTAIN", "OBTAINING_WOULD_PREJUDICE"] as const;
export type Para18Reason = (typeof PARA_18_REASONS)[number];

export const PARA_18_REASON_LABELS: Record<Para18Reason, string> = {
  CONSENT_CANNOT_BE_GIVEN: "Consent cannot be given by the person",
  CANNOT_REASONABLY_OBTAIN: "The controller cannot reasonably be expected to obtain consent",
  OBTAINING_WOULD_PREJUDICE: "Obtaining consent would prejudice the protection of the child",
};

/** The common law duty of confidence: the route by which confidential information may be shared. */
export const COMMON_LAW_ROUTES = ["CL_NOT_CONFIDENTIAL", "CL_CONSENT", "CL_LEGAL_REQUIREMENT", "CL_PUBLIC_INTEREST"] as const;
export type CommonLawRoute = (typeof COMMON_LAW_ROUTES)[number];

export const COMMON_LAW_ROUTE_LABELS: Record<CommonLawRoute, string> = {
  CL_NOT_CONFIDENTIAL: "The information is not confidential",
  CL_CONSENT: "The person consented",
  CL_LEGAL_REQUIREMENT: "A statute or court order requires it",
  CL_PUBLIC_INTEREST: "Sharing is in the public interest (e.g. to protect a child)",
};

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

export const GATEWAY_LABELS: Record<Gateway, string> = {
  CA1989_S17: "Children Act 1989 s17: children in need",
  CA1989_S27: "Children Act 1989 s27: co-operation between authorities",
  CA1989_S47: "Children Act 1989 s47: child protection enquiries",
  CA2004_S10: "Children Act 2004 s10: co-operation to improve well-being",
  CA2004_S11: "Children Act 2004 s11: duty to safeguard and promote welfare",
  CDA1998_S115: "Crime and Disorder Act 1998 s115 (a power, not a duty)",
  EA2002_S175: "Education Act 2002 s175: safeguarding in schools",
  PCSCA2022_SERIOUS_VIOLENCE_DUTY: "Police, Crime, Sentencing and Courts Act 2022: serious violence duty",
  COURT_ORDER: "Court order",
  OTHER: "Other (described)",
};
