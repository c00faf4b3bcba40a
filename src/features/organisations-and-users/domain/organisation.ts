import { ORGANISATIONS_MESSAGES } from "./messages";
/** Kinds of member agency in a safeguarding partnership (docs/domain.md §1 "organisation"). */
export const ORGANISATION_TYPES = [
  "school",
  "police",
  "health_trust",
  "gp_practice",
  "childrens_social_care",
  "early_help",
  "voluntary_community",
  "other",
] as const;
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

export const ORGANISATION_TYPE_LABELS: Record<OrganisationType, string> = ORGANISATIONS_MESSAGES.en.organisationType;

/** ICO registration numbers are two letters or 'Z' followed by digits, e.g. Z1234567 or ZA123456. */
export const ICO_REGISTRATION_PATTERN = /^(Z[A-Z0-9]\d{6}|[A-Z]{2}\d{6}|Z\d{7})$/;
