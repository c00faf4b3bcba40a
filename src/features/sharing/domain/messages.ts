import type { Catalogue, Locale } from "../../../platform/messages";
import type { DisclosureState } from "./disclosure-access";
import type { DecisionStatus, RequestStatus, RequestUrgency } from "./records";
import type { Capacity, ConsentStatus, NotSoughtReason, Outcome, RecipientRole, SubjectDetail } from "./vocabulary";

/** Sharing: decisions, information requests and what a decision records: the words for people, keyed by stable codes (see `messages.ts`). */
const en = {
  decisionStatus: {
    RECORDED: "Recorded",
    AWAITING_APPROVAL: "Awaiting a safeguarding lead's approval",
    APPROVED: "Approved",
    RETURNED: "Returned by the safeguarding lead",
  } satisfies Record<DecisionStatus, string>,
  requestUrgency: {
    SAFEGUARDING_REFERRAL: "Safeguarding referral: a decision within 1 working day",
    URGENT: "Urgent: within 2 working days",
    ROUTINE: "Routine: within 10 working days",
  } satisfies Record<RequestUrgency, string>,
  requestStatus: {
    OPEN: "Open",
    ANSWERED: "Answered",
    WITHDRAWN: "Withdrawn",
  } satisfies Record<RequestStatus, string>,
  outcome: {
    SHARE: "Share",
    PARTIAL_SHARE: "Share some of it",
    DO_NOT_SHARE: "Do not share",
  } satisfies Record<Outcome, string>,
  consentStatus: {
    GIVEN: "Consent was given",
    REFUSED: "Consent was refused",
    WITHDRAWN: "Consent was given and then withdrawn",
    NOT_SOUGHT: "Consent was not sought",
  } satisfies Record<ConsentStatus, string>,
  notSoughtReason: {
    UNSAFE_TO_SEEK: "Seeking it would place the child at risk",
    WOULD_PREJUDICE_INVESTIGATION: "Seeking it would prejudice a police or child protection investigation",
    CANNOT_BE_GIVEN: "The person cannot give consent",
    CANNOT_REASONABLY_OBTAIN: "It cannot reasonably be obtained",
    EMERGENCY_DELAY: "The delay would increase the risk to the child",
    NOT_PERSONAL_DATA: "The information is not personal data",
  } satisfies Record<NotSoughtReason, string>,
  capacity: {
    CAPABLE: "Able to make this decision (Gillick competent, or 16 or over with capacity)",
    NOT_CAPABLE: "Not able to make this decision",
    NOT_ASSESSED: "Not assessed",
  } satisfies Record<Capacity, string>,
  recipientRole: {
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
  } satisfies Record<RecipientRole, string>,
  subjectDetail: {
    dateOfBirth: "Date of birth (or expected date)",
    nhsNumber: "NHS number",
    upn: "Unique pupil number",
    addresses: "Addresses (a protected address only with a safeguarding or IG lead's reason)",
    contact: "Phone number and email",
  } satisfies Record<SubjectDetail, string>,
  /** Where a disclosure's access stands, as its sender and recipient see it. */
  disclosureState: {
    SENT: "Sent, not yet opened",
    OPENED: "Opened",
    ACKNOWLEDGED: "Receipt acknowledged",
    REVOKED: "Access withdrawn",
    EXPIRED: "Access expired",
  } satisfies Record<DisclosureState, string>,
  /** What a share decision is called, on lists and on the child's chronology. */
  decisionTitle: {
    emergency: "Emergency share",
    emergencyWith: "Emergency share with {recipient}",
    share: "Decided to share",
    shareWith: "Decided to share with {recipient}",
    partialShare: "Decided to share some information",
    partialShareWith: "Decided to share some information with {recipient}",
    doNotShare: "Decided not to share",
    doNotShareWith: "Decided not to share with {recipient}",
  },
  /** Chronology titles for decisions, requests and disclosures. */
  sharingChronology: {
    decisionApproved: "Approved by {by}",
    decisionReturned: "Returned by {by}",
    correctionAdded: "Correction added to a share decision",
    outcomeRecorded: "Outcome of a share decision recorded",
    emergencyRecordCompleted: "Full record of the emergency share completed",
    informationRequested: "Information requested from {organisation}",
    requestRefused: "{organisation} decided not to share: {reference}",
    disclosureSent: "Information sent to {recipient}",
    disclosureReceived: "Information received from {sender}",
    disclosureAcknowledged: "Receipt acknowledged by {recipient}",
    disclosureRevoked: "Access withdrawn from {recipient}",
  },
  /** Chronology summaries the service writes itself ({text} is what a person wrote). */
  sharingChronologySummary: {
    purpose: "{purpose:purpose}: {text}",
    purposeMissing: "{purpose:purpose}: no purpose recorded yet",
    approvedWithoutComments: "Approved without comments.",
    noReasonsGiven: "No reasons were given.",
    itemsSent: { one: "{count} item sent through Safeshare.", other: "{count} items sent through Safeshare." },
    itemsSentInEmergency: {
      one: "{count} item sent through Safeshare in an emergency.",
      other: "{count} items sent through Safeshare in an emergency.",
    },
    itemsFiled: {
      one: "{count} item filed onto this record from a disclosure sent by {sentBy}.",
      other: "{count} items filed onto this record from a disclosure sent by {sentBy}.",
    },
    receiptConfirmed: "{by} at {recipient} confirmed the information arrived.",
  },
  /** The home page's "Your work": what sharing asks of the signed-in person (services/load-work.ts). */
  sharingWork: {
    requestToAnswer: "Answer the request from {requesting} for information about {person}",
    emergencyRecordDue: "Complete the full record of the emergency share about {person}",
    approvalWaiting: "Approve or return {decidedBy}'s decision about {person}",
    sentNotAcknowledged: "{recipient} has not acknowledged the information you sent about {person}",
    emergencyUnopened: "Open the emergency share about {person} from {sender}",
    receivedToAcknowledge: "Acknowledge the information {sender} shared with you about {person}",
    refusalsToRead: {
      one: "{count} of your requests was answered with a decision not to share: read why",
      other: "{count} of your requests were answered with a decision not to share: read why",
    },
    youChased: "You chased them on {date}",
    senderChased: "{sender} chased this on {date}",
    chase: "Chase",
    chaseHidden: " {recipient} about {person}",
    chased: "Chase recorded: the recipient will see that you chased them.",
  },
} satisfies Catalogue;

/** One catalogue per language; a new one must have every message of `en`. */
export const SHARING_MESSAGES: Readonly<Record<Locale, typeof en>> = { en };
