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
  /** The home page's "Your work": what rights ask of the signed-in person (services/load-work.ts). */
  rightsWork: {
    noticeToAcknowledge: "{sender} told you of a change to what it shared about {person}: {kind:noticeKind:lower}",
    requestToAnswer: "Answer rights request {reference}: {type:rightsType}",
  },
} satisfies Catalogue;

/** One catalogue per language; a new one must have every message of `en`. */
export const RIGHTS_MESSAGES: Readonly<Record<Locale, typeof en>> = { en };
