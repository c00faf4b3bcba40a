/**
 * The words of a share decision (docs/domain.md §3–§4): outcomes, consent, capacity, recipients' roles.
 * Codes are stored and shown exactly as written; labels are what people read.
 */

export const OUTCOMES = ["SHARE", "PARTIAL_SHARE", "DO_NOT_SHARE"] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS: Record<Outcome, string> = {
  SHARE: "Share",
  PARTIAL_SHARE: "Share some of it",
  DO_NOT_SHARE: "Do not share",
};

export const CONSENT_STATUSES = ["GIVEN", "REFUSED", "WITHDRAWN", "NOT_SOUGHT"] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];
export const CONSENT_STATUS_LABELS: Record<ConsentStatus, string> = {
  GIVEN: "Consent was given",
  REFUSED: "Consent was refused",
  WITHDRAWN: "Consent was given and then withdrawn",
  NOT_SOUGHT: "Consent was not sought",
};

export const NOT_SOUGHT_REASONS = [
  "UNSAFE_TO_SEEK",
  "WOULD_PREJUDICE_INVESTIGATION",
  "CANNOT_BE_GIVEN",
  "CANNOT_REASONABLY_OBTAIN",
  "EMERGENCY_DELAY",
  "NOT_PERSONAL_DATA",
] as const;
export type NotSoughtReason = (typeof NOT_SOUGHT_REASONS)[number];
export const NOT_SOUGHT_REASON_LABELS: Record<NotSoughtReason, string> = {
  UNSAFE_TO_SEEK: "Seeking it would place the child at risk",
  WOULD_PREJUDICE_INVESTIGATION: "Seeking it would prejudice a police or child protection investigation",
  CANNOT_BE_GIVEN: "The person cannot give consent",
  CANNOT_REASONABLY_OBTAIN: "It cannot reasonably be obtained",
  EMERGENCY_DELAY: "The delay would increase the risk to the child",
  NOT_PERSONAL_DATA: "The information is not personal data",
};

/** Whether the child (or the person the information is about) can decide for themselves: Gillick competence, presumed at 16. */
export const CAPACITY = ["CAPABLE", "NOT_CAPABLE", "NOT_ASSESSED"] as const;
export type Capacity = (typeof CAPACITY)[number];
export const CAPACITY_LABELS: Record<Capacity, string> = {
  CAPABLE: "Able to make this decision (Gillick competent, or 16 or over with capacity)",
  NOT_CAPABLE: "Not able to make this decision",
  NOT_ASSESSED: "Not assessed",
};

/**
 * The job the person receiving the information does. Only those with a safeguarding or support role
 * may receive it (GR6-MINIMISE): the last two exist so a practitioner can say so honestly and be told why not.
 */
export const RECIPIENT_ROLES = [
  "SAFEGUARDING_LEAD",
  "SOCIAL_WORKER",
  "MASH_TEAM",
  "POLICE_SAFEGUARDING",
  "HEALTH_PROFESSIONAL",
  "EARLY_HELP_PRACTITIONER",
  "TEACHER_OR_PASTORAL_LEAD",
  "SUPPORT_WORKER",
  "ADMINISTRATIVE",
  "NO_SAFEGUARDING_ROLE",
] as const;
export type RecipientRole = (typeof RECIPIENT_ROLES)[number];
export const RECIPIENT_ROLE_LABELS: Record<RecipientRole, string> = {
  SAFEGUARDING_LEAD: "Designated or named safeguarding lead",
  SOCIAL_WORKER: "Social worker",
  MASH_TEAM: "Multi-agency safeguarding hub (MASH) team",
  POLICE_SAFEGUARDING: "Police officer or staff in a safeguarding role",
  HEALTH_PROFESSIONAL: "Health professional (GP, health visitor, school nurse, midwife)",
  EARLY_HELP_PRACTITIONER: "Early help practitioner",
  TEACHER_OR_PASTORAL_LEAD: "Teacher or pastoral lead",
  SUPPORT_WORKER: "Support worker in a voluntary or community organisation",
  ADMINISTRATIVE: "Administrative or business support, with no safeguarding role",
  NO_SAFEGUARDING_ROLE: "Someone else with no safeguarding or support role",
};
export const ROLES_WITHOUT_SAFEGUARDING_ROLE: readonly RecipientRole[] = ["ADMINISTRATIVE", "NO_SAFEGUARDING_ROLE"];

/** Which identifying details go with the information (beyond the name, which always does): minimised by choice. */
export const SUBJECT_DETAILS = ["dateOfBirth", "nhsNumber", "upn", "addresses", "contact"] as const;
export type SubjectDetail = (typeof SUBJECT_DETAILS)[number];
export const SUBJECT_DETAIL_LABELS: Record<SubjectDetail, string> = {
  dateOfBirth: "Date of birth (or expected date)",
  nhsNumber: "NHS number",
  upn: "Unique pupil number",
  addresses: "Addresses (a protected address only with a safeguarding or IG lead's reason)",
  contact: "Phone number and email",
};
