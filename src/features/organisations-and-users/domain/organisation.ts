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

export const ORGANISATION_TYPE_LABELS: Record<OrganisationType, string> = {
  school: "School",
  police: "Police",
  health_trust: "Health trust",
  gp_practice: "GP practice",
  childrens_social_care: "Local authority children's social care",
  early_help: "Early help",
  voluntary_community: "Voluntary or community organisation",
  other: "Other",
};

/** ICO registration numbers are two letters or 'Z' followed by digits, e.g. Z1234567 or ZA123456. */
export const ICO_REGISTRATION_PATTERN = /^(Z[A-Z0-9]\d{6}|[A-Z]{2}\d{6}|Z\d{7})$/;
