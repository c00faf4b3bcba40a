import { SHARING_MESSAGES } from "./messages";
/**
 * The words of a share decision (docs/domain.md §3–§4): outcomes, consent, capacity, recipients' roles.
 * Codes are stored and shown exactly as written; labels are what people read.
 */

export const OUTCOMES = ["SHARE", "PARTIAL_SHARE", "DO_NOT_SHARE"] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABELS: Record<Outcome, string> = SHARING_MESSAGES.en.outcome;

export const CONSENT_STATUSES = ["GIVEN", "REFUSED", "WITHDRAWN", "NOT_SOUGHT"] as const;
export type ConsentStatus = (typeof CONSENT_STATUSES)[number];
export const CONSENT_STATUS_LABELS: Record<ConsentStatus, string> = SHARING_MESSAGES.en.consentStatus;

export const NOT_SOUGHT_REASONS = [
  "UNSAFE_TO_SEEK",
  "WOULD_PREJUDICE_INVESTIGATION",
  "CANNOT_BE_GIVEN",
  "CANNOT_REASONABLY_OBTAIN",
  "EMERGENCY_DELAY",
  "NOT_PERSONAL_DATA",
] as const;
export type NotSoughtReason = (typeof NOT_SOUGHT_REASONS)[number];
export const NOT_SOUGHT_REASON_LABELS: Record<NotSoughtReason, string> = SHARING_MESSAGES.en.notSoughtReason;

/** Whether the child (or the person the information is about) can decide for themselves: Gillick competence, presumed at 16. */
export const CAPACITY = ["CAPABLE", "NOT_CAPABLE", "NOT_ASSESSED"] as const;
export type Capacity = (typeof CAPACITY)[number];
export const CAPACITY_LABELS: Record<Capacity, string> = SHARING_MESSAGES.en.capacity;

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
export const RECIPIENT_ROLE_LABELS: Record<RecipientRole, string> = SHARING_MESSAGES.en.recipientRole;
export const ROLES_WITHOUT_SAFEGUARDING_ROLE: readonly RecipientRole[] = ["ADMINISTRATIVE", "NO_SAFEGUARDING_ROLE"];

/** Which identifying details go with the information (beyond the name, which always does): minimised by choice. */
export const SUBJECT_DETAILS = ["dateOfBirth", "nhsNumber", "upn", "addresses", "contact"] as const;
export type SubjectDetail = (typeof SUBJECT_DETAILS)[number];
export const SUBJECT_DETAIL_LABELS: Record<SubjectDetail, string> = SHARING_MESSAGES.en.subjectDetail;
