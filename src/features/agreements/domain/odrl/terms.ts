import type { ItemCategory, SubjectKind } from "../../../records/domain";
import type { Article6, Article9or10 } from "../lawful-basis";
import type { PurposeCode } from "../purposes";

/**
 * The vocabulary of the ODRL export (odrl.ts): the JSON-LD context and, for each Safeshare code, its
 * W3C Data Privacy Vocabulary term. docs/odrl-mapping.md mirrors these tables.
 */

const NAMESPACES = {
  dpv: "https://w3id.org/dpv#",
  pd: "https://w3id.org/dpv/pd#",
  "eu-gdpr": "https://w3id.org/dpv/legal/eu/gdpr#",
  "legal-gb": "https://w3id.org/dpv/legal/gb#",
  "sector-health": "https://w3id.org/dpv/sector/health#",
  "sector-law": "https://w3id.org/dpv/sector/law#",
  "dpv-odrl": "https://w3id.org/dpv/mappings/odrl#",
  dct: "http://purl.org/dc/terms/",
  skos: "http://www.w3.org/2004/02/skos/core#",
  vcard: "http://www.w3.org/2006/vcard/ns#",
  owl: "http://www.w3.org/2002/07/owl#",
  rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
  xsd: "http://www.w3.org/2001/XMLSchema#",
  safeshare: "urn:safeshare:",
} as const;

/** The ODRL 2.2 JSON-LD context, then the prefixes this export uses. */
export const ODRL_CONTEXT = ["http://www.w3.org/ns/odrl.jsonld", NAMESPACES] as const;

/** The DPV-ODRL mapping (draft) declares DPV concepts such as legal basis as ODRL left operands. */
export const DPV_ODRL_PROFILE = "https://w3id.org/dpv/mappings/odrl#";

/** The share action: DPV's "Share" processing, used as an ODRL action through the DPV-ODRL profile. */
export const SHARE_ACTION = "dpv:Share";

/** Each Safeshare purpose as a narrower concept of the closest DPV purpose(s). */
export const PURPOSE_TERMS: Record<PurposeCode, readonly string[]> = {
  EARLY_HELP: ["dpv:PublicBenefit"],
  CHILD_IN_NEED_S17: ["dpv:PublicBenefit"],
  CHILD_PROTECTION_S47: ["dpv:PublicBenefit"],
  MASH_CHECK: ["dpv:PublicBenefit"],
  SCHOOL_TRANSFER: ["dpv:PublicBenefit", "dpv:RecordManagement"],
  CRIME_PREVENTION: ["dpv:PublicBenefit", "sector-law:CrimeDetection"],
  HEALTH_CARE: ["sector-health:HealthcareManagement"],
  OTHER: ["dpv:Purpose"],
};

/** Article 6 bases as DPV's EU GDPR legal bases (the UK GDPR keeps the EU numbering). */
export const ARTICLE_6_TERMS: Record<Article6, string> = {
  A6_1A_CONSENT: "eu-gdpr:A6-1-a",
  A6_1C_LEGAL_OBLIGATION: "eu-gdpr:A6-1-c",
  A6_1D_VITAL_INTERESTS: "eu-gdpr:A6-1-d",
  A6_1E_PUBLIC_TASK: "eu-gdpr:A6-1-e",
  A6_1F_LEGITIMATE_INTERESTS: "eu-gdpr:A6-1-f",
  // UK-only (DUAA 2025 inserted Art 6(1)(ea)); DPV has no term, so the broader concept.
  A6_1EA_RECOGNISED_LI_SAFEGUARDING: "dpv:LegitimateInterest",
};

/** Article 9 / 10 conditions; the DPA18 Schedule 1 paragraph stays in the Safeshare code. */
export const ARTICLE_9_10_TERMS: Record<Article9or10, string> = {
  A9_2A_EXPLICIT_CONSENT: "eu-gdpr:A9-2-a",
  A9_2B_S1P1_SOCIAL_PROTECTION: "eu-gdpr:A9-2-b",
  A9_2C_VITAL_INTERESTS_INCAPABLE: "eu-gdpr:A9-2-c",
  A9_2G_S1P6_STATUTORY: "eu-gdpr:A9-2-g",
  A9_2G_S1P10_PREVENTING_CRIME: "eu-gdpr:A9-2-g",
  A9_2G_S1P18_SAFEGUARDING: "eu-gdpr:A9-2-g",
  A9_2H_S1P2_HEALTH_SOCIAL_CARE: "eu-gdpr:A9-2-h",
  // No DPV legal-basis term for Article 10 or for DPA18 Part 3 (law enforcement processing).
  A10_SCHEDULE1_CRIMINAL: "dpv:LegalBasis",
  LE_S35_SCH8P4_SAFEGUARDING: "dpv:LegalBasis",
};

/** Data item categories as DPV personal data categories (PD extension). */
export const ITEM_CATEGORY_TERMS: Record<ItemCategory, string> = {
  education: "pd:School",
  health: "pd:Health",
  police: "pd:Criminal",
  social_care: "dpv:PersonalData",
  family_circumstances: "pd:Family",
  housing: "pd:PhysicalAddress",
  other: "dpv:PersonalData",
};

/** Data subject kinds as DPV data subject concepts. */
export const SUBJECT_TERMS: Record<SubjectKind, readonly string[]> = {
  CHILD: ["dpv:Child", "dpv:VulnerableDataSubject"],
  UNBORN_CHILD: ["dpv:Child", "dpv:VulnerableDataSubject"],
  PARENT_CARER: ["dpv:ParentOfDataSubject", "dpv:GuardianOfDataSubject"],
  SIBLING: ["dpv:DataSubject"],
  HOUSEHOLD_MEMBER: ["dpv:DataSubject"],
  ALLEGED_PERPETRATOR: ["dpv:DataSubject"],
  OTHER: ["dpv:DataSubject"],
};
