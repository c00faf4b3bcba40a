import type { Catalogue, Locale } from "../../../platform/messages";
import type { Exemption, RequesterRelationship, RightsState, RightsType } from "./vocabulary";

/** Rights requests: the words for people, keyed by stable codes (see `messages.ts`). */
const en = {
  rightsType: {
    ACCESS: "Access to their information (Article 15)",
    RECTIFICATION: "Correcting inaccurate information (Article 16)",
    ERASURE: "Erasing information (Article 17)",
    RESTRICTION: "Restricting use of information (Article 18)",
    OBJECTION: "Objecting to its use (Article 21)",
    WITHDRAW_CONSENT: "Withdrawing consent (Article 7(3))",
    COMPLAINT: "A data protection complaint (Data (Use and Access) Act 2025)",
  } satisfies Record<RightsType, string>,
  rightsState: {
    RECEIVED: "Received",
    AWAITING_IDENTITY: "Waiting for proof of identity (clock stopped)",
    AWAITING_CLARIFICATION: "Waiting for clarification (clock stopped)",
    IN_PROGRESS: "In progress",
    EXTENDED: "Extended",
    EXEMPTION_REVIEW: "Exemption review",
    RESPONDED: "Responded",
    CLOSED: "Closed",
  } satisfies Record<RightsState, string>,
  requesterRelationship: {
    SELF: "The person themselves",
    PARENTAL_RESPONSIBILITY: "Someone with parental responsibility for them",
    REPRESENTATIVE: "A representative with their authority (such as a solicitor)",
  } satisfies Record<RequesterRelationship, string>,
  /**
   * The public form's words, to the person asking ("you"), where the IG lead's words above speak about
   * them. A parent or representative asks for someone else: the form says so once, beside the choice.
   */
  publicRightsType: {
    ACCESS: "Get a copy of the information held about you",
    RECTIFICATION: "Have information about you corrected",
    ERASURE: "Have information about you deleted",
    RESTRICTION: "Stop information about you being used while something is checked",
    OBJECTION: "Object to information about you being used or shared",
    WITHDRAW_CONSENT: "Take back consent you gave to share information about you",
    COMPLAINT: "Complain about how information about you has been handled",
  } satisfies Record<RightsType, string>,
  publicRelationship: {
    SELF: "You",
    PARENTAL_RESPONSIBILITY: "Your child, or a child you have parental responsibility for",
    REPRESENTATIVE: "Someone who has asked you to act for them, for example as their solicitor",
  } satisfies Record<RequesterRelationship, string>,
  /** The public form's errors, each naming the question as the form asks it. */
  publicFormError: {
    type: "Select what you would like to do",
    name: "Enter your name",
    reply: "Enter an email address, phone number or address, so they can reply to you",
    relationship: "Select who the information is about",
    aboutName: "Enter the full name of the person the information is about",
    organisations: "Select at least one organisation to ask",
    tooFast:
      "The form was sent a few seconds after it opened, so it could not be told apart from an automated one. Check your answers, wait a moment, then select ‘Send your request’ again.",
    tooSlow: "The form was open for more than 4 hours, so it was not sent. Check your answers, then select ‘Send your request’ again.",
    notSent: "The form could not be sent. Check your answers, then select ‘Send your request’ again.",
    acknowledgeWithoutEmail: "Enter your email address, or untick ‘Email me my reference’",
  },
  /**
   * The public form's acknowledgement (services/acknowledge-request.ts): the reference and what happens
   * next, nothing else; it names no organisation and nothing the requester wrote.
   */
  acknowledgementMail: {
    subject: "Your request has been received",
    reference: "Your reference is {reference}. Keep it: use it whenever you contact them about your request.",
    next: "Each organisation you asked will contact you and check who you are. They must answer within one month of receiving your request, or of receiving what they need to check who you are. If they need more time, or need to know more, they will tell you within that month.",
    notYou: "If you did not make this request, you do not need to do anything.",
  },
  /** What the request's history says about the acknowledgement (shown to IG leads only). */
  acknowledgementHistory: {
    SENT: "Acknowledgement with the reference emailed to the requester",
    WITHHELD:
      "Acknowledgement not emailed: the email address or name given matches someone recorded as an alleged perpetrator, or someone living with them",
    FAILED: "Acknowledgement could not be emailed",
  },
  exemption: {
    "EX-THIRD-PARTY": "Information about other people (Schedule 2, paragraph 16)",
    "EX-SERIOUS-HARM-SOCIAL-WORK": "Serious harm, social work (Schedule 3, Part 3)",
    "EX-SERIOUS-HARM-HEALTH": "Serious harm, health, in a health professional's opinion (Schedule 3, Part 2)",
    "EX-CHILD-ABUSE-DATA": "Child abuse data, asked for by a parent (Schedule 3, Part 5)",
    "EX-CRIME": "Prevention or detection of crime (Schedule 2, paragraph 2)",
    "EX-LEGAL-PRIVILEGE": "Legal professional privilege (Schedule 2, paragraph 19)",
  } satisfies Record<Exemption, string>,
  noticeKind: {
    CORRECTED: "Corrected",
    DISPUTED: "The person's statement added",
    RESTRICTED: "Restricted",
    RESTRICTION_LIFTED: "Restriction lifted",
    ERASED: "Erased",
  } satisfies Record<"CORRECTED" | "DISPUTED" | "RESTRICTED" | "RESTRICTION_LIFTED" | "ERASED", string>,
  /** A request's steps on the chronology of each person attached (seen by IG leads only). */
  itemAction: {
    CORRECTED: "Corrected",
    STATEMENT_ADDED: "Statement added",
    RESTRICTED: "Restricted",
    RESTRICTION_LIFTED: "Restriction lifted",
    ERASURE_REFUSED: "Erasure refused",
    ERASED: "Erased",
  },
  /** An access request's review of an item: what goes into the pack. */
  itemReview: { DISCLOSE: "Disclose", REDACT: "Disclose with redactions", WITHHOLD: "Withhold" },
  /** An access request's review of a recipient in the record of sharing: named in the pack or not. */
  recipientReview: { DISCLOSE: "Listed", WITHHOLD: "Withheld" },
  rightsChronology: {
    state: "Rights request {reference}: {state:rightsState:lower}",
    identityVerified: "Rights request {reference}: requester's identity verified",
    attached: "Rights request {reference}: received",
    complaintAcknowledged: "Rights request {reference}: complaint acknowledged",
    CORRECTED: "Rights request {reference}: an item corrected",
    STATEMENT_ADDED: "Rights request {reference}: the person's statement added to an item",
    RESTRICTED: "Rights request {reference}: an item restricted",
    RESTRICTION_LIFTED: "Rights request {reference}: an item's restriction lifted",
    ERASURE_REFUSED: "Rights request {reference}: erasure of an item refused",
    ERASED: "Rights request {reference}: an item erased",
    processingStopped: "Rights request {reference}: sharing under {basis:article6:lower} stopped",
    processingResumed: "Rights request {reference}: consent given again: sharing under {basis:article6:lower} may resume",
    processingContinues: "Rights request {reference}: sharing under {basis:article6:lower} continues on compelling grounds",
  },
  /** What each of this feature's audit events says in the audit log (audit-events.ts declares them, test/unit/audit-log/sentences.test.ts checks each has one; the log fills in {actor} and {about}). */
  rightsAuditEvent: {
    "rights_request.logged": "{actor} logged {about}",
    "rights_request.identity_verified": "{actor} confirmed the identity of the person making {about}",
    "rights_request.transitioned": "{actor} moved {about} on to its next step",
    "rights_request.subject_attached": "{actor} attached a person's record to {about}",
    "rights_request.item_reviewed": "{actor} reviewed an item for {about}",
    "rights_request.recipient_reviewed": "{actor} reviewed who the information was shared with, for {about}",
    "rights_request.item_action": "{actor} acted on an item for {about}",
    "rights_request.complaint_acknowledged": "{actor} acknowledged the complaint in {about}",
    "rights_request.acknowledgement_emailed": "{actor} emailed the requester of {about} their reference",
    "rights_request.acknowledgement_withheld":
      "{actor} did not email the requester of {about}: their address or name is linked to an alleged perpetrator",
    "rights_request.acknowledgement_not_emailed": "{actor} could not email the requester of {about} their reference",
    "rights_request.processing_decided": "{actor} decided whether sharing stops, for {about}",
    "recipient_notice.acknowledged": "{actor} acknowledged a notice about a correction or erasure, from {about}",
  },
  /** The home page's "Your work": what rights ask of the signed-in person (services/load-work.ts). */
  rightsWork: {
    noticeToAcknowledge: "{sender} told you of a change to what it shared about {person}: {kind:noticeKind:lower}",
    requestToAnswer: "Answer rights request {reference}: {type:rightsType}",
  },
} satisfies Catalogue;

/** One catalogue per language; a new one must have every message of `en`. */
export const RIGHTS_MESSAGES: Readonly<Record<Locale, typeof en>> = { en };
