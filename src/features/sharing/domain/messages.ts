import type { Catalogue, Locale } from "../../../platform/messages";
import type { DsaCode } from "../../../platform/rules";
import type { Article6, Article9or10, CommonLawRoute, Para18Reason, PurposeCode } from "../../agreements/domain";
import type { ItemCategory } from "../../records/domain";
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
  /** The wizard asks where consent stands and, if it was not asked for, why, as one choice. */
  consentNotSoughtChoice: {
    UNSAFE_TO_SEEK: "Not asked for: asking would put the child at risk",
    WOULD_PREJUDICE_INVESTIGATION: "Not asked for: asking would harm a police or child protection investigation",
    CANNOT_BE_GIVEN: "Not asked for: the person cannot give consent",
    CANNOT_REASONABLY_OBTAIN: "Not asked for: it cannot reasonably be obtained",
    EMERGENCY_DELAY: "Not asked for: the delay would increase the risk to the child",
    NOT_PERSONAL_DATA: "Not asked for: the information is not personal data",
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
  /**
   * What the sharer does next about a finding under the agreement cited (docs/domain.md §5), said after
   * the finding's own sentence, which names what is wrong. Each is the one step for its rule.
   */
  agreementNextStep: {
    "DSA-NOT-PARTY": "Choose an agreement that covers both organisations, or record this as a one-off share without one",
    "DSA-NOT-IN-FORCE":
      "Ask your IG lead to review it, choose another agreement in force, or use the emergency route if a child is at immediate risk",
    "DSA-PURPOSE": "Choose a purpose the agreement lists, or record this as a one-off share without it",
    "DSA-ITEM": "Leave those items out, or record why they must go although the agreement does not list them",
    "DSA-BASIS": "Choose a basis the agreement lists for your organisation, or ask your IG lead",
    "DSA-ONWARD": "Leave that information out, or ask the organisation it came from to agree to it being passed on",
    "DSA-API-CLIENT": "Cite the agreement the system serves, or have a person record this share in Safeshare",
  } satisfies Record<DsaCode, string>,
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
    DISPOSED: "Disposed of by the recipient",
  } satisfies Record<DisclosureState, string>,
  /**
   * What the recipient of a disclosure is told about the decision behind it (`DisclosureContext`):
   * where consent stood, the level of need, what was held back, who sent it.
   */
  disclosureContext: {
    sentBeforeRecorded: "Not recorded: this was sent before Safeshare kept it",
    consentNotRecordedInEmergency: "Not recorded yet: this was sent in an emergency, before the sender recorded where consent stood",
    consentNotRecorded: "Not recorded by the sender",
    consentNotSought: "Consent was not sought, because {reason:notSoughtReason:lower}",
    levelNotGiven: "Not given by the sender",
    levelNotOnScale: "A level no longer on the partnership's scale of need",
    withheldNone: "No. Nothing was held back.",
    withheldPartial: "Yes. The sender decided to share only some of what they hold.",
    withheldSome: "Yes. Some of it was held back.",
    itemsWithheld: { one: "{count} item they considered was not sent.", other: "{count} items they considered were not sent." },
    addressesLeftOut: { one: "A protected address was left out.", other: "{count} protected addresses were left out." },
    wordsRedacted: {
      one: "Words were taken out of {count} item, shown as [redacted].",
      other: "Words were taken out of {count} items, shown as [redacted].",
    },
    askSender: "Ask the sender a question below if you need to know more.",
  },
  /** What the recipient's record says of an item it filed from a disclosure: whose words they are, and who passed them on. */
  filing: {
    source: "{source}, as recorded by {sender}; shared by {sentBy} through Safeshare",
  },
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
  /**
   * The share decision wizard's words for the legal basis an agreement gives a share (web/legal-basis.ts):
   * the plain-English summary a practitioner confirms, and the hints that explain each choice to someone
   * who is not a lawyer. The codes and their formal names stay in the agreement and the record.
   */
  /** An answer whose choice is no longer offered (a concern closed since, a member that left): never its code. */
  checkAnswers: { noLongerOffered: "No longer on the list" },
  agreementSummary: {
    sentence: "You are sharing under the {agreement}, which says you can share {kinds} with {recipient} {aim}{consent}.",
    /** When the agreement names no kinds of information for this direction. */
    anyKinds: "information",
    kindsLast: "{list} information",
    /** The purpose the practitioner has not chosen yet. */
    aimUnknown: "for the purposes it lists",
    /** A draft confirmed under a version since replaced: its terms in force are asked again. */
    changed: "The {agreement} has changed since you started this decision. Check what version {version} says and confirm it.",
  },
  /** The wizard: a choice from a list of organisations, agreements, people or concerns that is none of them (a tampered or stale form). */
  wizardErrors: {
    notListed: "Choose one of the answers listed for “{question}”",
  },
  purposeAim: {
    EARLY_HELP: "to offer a child and family early help",
    CHILD_IN_NEED_S17: "to find out whether a child needs help, and to help them",
    CHILD_PROTECTION_S47: "to protect a child who may be suffering significant harm",
    MASH_CHECK: "so the safeguarding hub can decide how to respond to a worry about a child",
    SCHOOL_TRANSFER: "so a child's new school can keep them safe",
    CRIME_PREVENTION: "to prevent or detect crime",
    HEALTH_CARE: "to give a child health care",
    OTHER: "for the purpose you describe",
  } satisfies Record<PurposeCode, string>,
  consentPhrase: {
    OBTAINING_WOULD_PREJUDICE: ", without consent where asking would put the child at risk",
    CANNOT_REASONABLY_OBTAIN: ", without consent where you cannot reasonably ask for it",
    CONSENT_CANNOT_BE_GIVEN: ", without consent where the person cannot give it",
  } satisfies Record<Para18Reason, string>,
  categoryNoun: {
    education: "school",
    health: "health",
    police: "police",
    social_care: "social care",
    family_circumstances: "family",
    housing: "housing",
    other: "identifying",
  } satisfies Record<ItemCategory, string>,
  article6Hint: {
    A6_1A_CONSENT: "Only if the person freely agreed and could say no. Not for protecting a child: consent can be withdrawn.",
    A6_1C_LEGAL_OBLIGATION: "A law says your organisation must share it.",
    A6_1D_VITAL_INTERESTS: "To save someone's life, when no other basis fits.",
    A6_1E_PUBLIC_TASK: "Usually the right one for schools, councils, health and police: sharing is part of your job.",
    A6_1F_LEGITIMATE_INTERESTS: "For charities and private organisations. A school or council cannot use it for its public work.",
    A6_1EA_RECOGNISED_LI_SAFEGUARDING: "For organisations that are not public bodies, to protect a child or adult at risk.",
  } satisfies Record<Article6, string>,
  article9Hint: {
    A9_2A_EXPLICIT_CONSENT: "Only with clear, written consent to share this sensitive information.",
    A9_2B_S1P1_SOCIAL_PROTECTION: "Social protection work, such as a council's social care duties.",
    A9_2C_VITAL_INTERESTS_INCAPABLE: "To save a life when the person cannot consent.",
    A9_2G_S1P6_STATUTORY: "A law gives your organisation the job this sharing is part of.",
    A9_2G_S1P10_PREVENTING_CRIME: "To prevent or detect a crime.",
    A9_2G_S1P18_SAFEGUARDING:
      "Usually the right one for protecting a child: it needs the reason consent is not asked for, and your policy's reference.",
    A9_2H_S1P2_HEALTH_SOCIAL_CARE: "Health or social care professionals caring for the person.",
    A10_SCHEDULE1_CRIMINAL: "Needed if any of it is about a crime or an allegation of one.",
    LE_S35_SCH8P4_SAFEGUARDING: "For the police, protecting a child or adult at risk.",
  } satisfies Record<Article9or10, string>,
  commonLawHint: {
    CL_NOT_CONFIDENTIAL: "Nobody told you it in confidence.",
    CL_CONSENT: "The person who told you agreed to it being shared.",
    CL_LEGAL_REQUIREMENT: "A law or a court order says it must be shared.",
    CL_PUBLIC_INTEREST: "Protecting a child matters more than keeping the confidence.",
  } satisfies Record<CommonLawRoute, string>,
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
      one: "{count} item filed onto this record from information shared by {sentBy}.",
      other: "{count} items filed onto this record from information shared by {sentBy}.",
    },
    receiptConfirmed: "{by} at {recipient} confirmed the information arrived.",
  },
  /** What each of this feature's audit events says in the audit log (audit-events.ts declares them, test/unit/audit-log/sentences.test.ts checks each has one; the log fills in {actor} and {about}). */
  sharingAuditEvent: {
    "share_decision.recorded": "{actor} recorded a decision about sharing information from {about}",
    "share_decision.approved": "{actor} approved a decision about sharing information from {about}",
    "share_decision.returned": "{actor} returned a decision about sharing information from {about}",
    "share_decision.addendum_added": "{actor} added to a decision about sharing information from {about}",
    "disclosure.sent": "{actor} sent information from {about} to another organisation",
    "disclosure.opened": "{actor} opened {about}",
    "disclosure.acknowledged": "{actor} confirmed {about} arrived",
    "disclosure.revoked": "{actor} withdrew access to {about}",
    "disclosure.filed": "{actor} filed {about} onto a record",
    "disclosure.question_asked": "{actor} asked the sender a question about {about}",
    "disclosure.question_answered": "{actor} answered a question about {about}",
    "disclosure.chased": "{actor} chased the recipient of {about} for an acknowledgement",
    "information_request.made": "{actor} made {about}",
    "information_request.withdrawn": "{actor} withdrew {about}",
    "information_request.answer_acknowledged": "{actor} acknowledged the answer to {about}",
  },
  /** The home page's "Your work": what sharing asks of the signed-in person (services/load-work.ts). */
  sharingWork: {
    requestToAnswer: "Answer the request from {requesting} for information about {person}",
    emergencyRecordDue: "Complete the full record of the emergency share about {person}",
    approvalWaiting: "Approve or return {decidedBy}'s decision about {person}",
    sentNotAcknowledged: "{recipient} has not acknowledged the information you sent about {person}",
    emergencyUnopened: "Open the emergency share about {person} from {sender}",
    receivedToAcknowledge: "Acknowledge the information {sender} shared with you about {person}",
    questionToAnswer: "Answer the question {recipient} asked about {person}",
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
