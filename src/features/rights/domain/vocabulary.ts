import { RIGHTS_MESSAGES } from "./messages";
/** People's rights (docs/domain.md §6): the kinds of request, their states, and the exemptions, as stored and shown. */

export const RIGHTS_TYPES = ["ACCESS", "RECTIFICATION", "ERASURE", "RESTRICTION", "OBJECTION", "WITHDRAW_CONSENT", "COMPLAINT"] as const;
export type RightsType = (typeof RIGHTS_TYPES)[number];
export const RIGHTS_TYPE_LABELS: Record<RightsType, string> = RIGHTS_MESSAGES.en.rightsType;

export const RIGHTS_STATES = [
  "RECEIVED",
  "AWAITING_IDENTITY",
  "AWAITING_CLARIFICATION",
  "IN_PROGRESS",
  "EXTENDED",
  "EXEMPTION_REVIEW",
  "RESPONDED",
  "CLOSED",
] as const;
export type RightsState = (typeof RIGHTS_STATES)[number];
export const RIGHTS_STATE_LABELS: Record<RightsState, string> = RIGHTS_MESSAGES.en.rightsState;

/** States in which the request has been answered (or closed without an answer): what was sent stays as it was. */
export const ANSWERED_STATES: readonly RightsState[] = ["RESPONDED", "CLOSED"];
export const isAnswered = (state: RightsState) => ANSWERED_STATES.includes(state);

/** What a request does item by item: an access request reviews each one; the others change them. */
const ITEM_ACTIONS = ["review", "correct", "statement", "restrict", "erasure"] as const;
export type ItemAction = (typeof ITEM_ACTIONS)[number];
export const ITEM_ACTIONS_FOR: Record<RightsType, readonly ItemAction[]> = {
  ACCESS: ["review"],
  RECTIFICATION: ["correct", "statement", "restrict"],
  RESTRICTION: ["restrict"],
  OBJECTION: ["restrict"],
  ERASURE: ["erasure"],
  WITHDRAW_CONSENT: [],
  COMPLAINT: [],
};

/**
 * The public form's acknowledgement email, asked for by the requester: queued with the request, then
 * sent, or withheld because the address or name is linked to an alleged perpetrator (harm-aware
 * communications, docs/domain.md §6), or given up after its retries.
 */
export const ACKNOWLEDGEMENT_STATES = ["QUEUED", "SENT", "WITHHELD", "FAILED"] as const;
export type AcknowledgementState = (typeof ACKNOWLEDGEMENT_STATES)[number];

export const RESPONSE_OUTCOMES = ["FULL", "PARTIAL", "REFUSED"] as const;
export type ResponseOutcome = (typeof RESPONSE_OUTCOMES)[number];

/** Who is asking, in relation to the person the information is about. */
export const REQUESTER_RELATIONSHIPS = ["SELF", "PARENTAL_RESPONSIBILITY", "REPRESENTATIVE"] as const;
export type RequesterRelationship = (typeof REQUESTER_RELATIONSHIPS)[number];
export const REQUESTER_RELATIONSHIP_LABELS: Record<RequesterRelationship, string> = RIGHTS_MESSAGES.en.requesterRelationship;

export const RECEIVED_VIA = ["ONLINE_FORM", "EMAIL", "LETTER", "PHONE", "IN_PERSON"] as const;

/** Exemptions applied item by item, each with a recorded reason (DPA18 Schedules 2 and 3). */
export const EXEMPTIONS = [
  "EX-THIRD-PARTY",
  "EX-SERIOUS-HARM-SOCIAL-WORK",
  "EX-SERIOUS-HARM-HEALTH",
  "EX-CHILD-ABUSE-DATA",
  "EX-CRIME",
  "EX-LEGAL-PRIVILEGE",
] as const;
export type Exemption = (typeof EXEMPTIONS)[number];
export const EXEMPTION_RULES: Record<Exemption, string> = {
  "EX-THIRD-PARTY":
    "Information about someone else is disclosed only with their consent or where it is reasonable to (DPA18 Sch 2 para 16)",
  "EX-SERIOUS-HARM-SOCIAL-WORK":
    "Social work information likely to cause serious harm to anyone's physical or mental health (DPA18 Sch 3 Part 3)",
  "EX-SERIOUS-HARM-HEALTH":
    "Health information likely to cause serious harm, in the appropriate health professional's opinion (DPA18 Sch 3 Part 2)",
  "EX-CHILD-ABUSE-DATA":
    "Child abuse data withheld from a parent where disclosure is not in the child's best interests (DPA18 Sch 3 Part 5)",
  "EX-CRIME": "Disclosure would be likely to prejudice the prevention or detection of crime (DPA18 Sch 2 para 2)",
  "EX-LEGAL-PRIVILEGE": "Information subject to legal professional privilege (DPA18 Sch 2 para 19)",
};

/** Each exemption as the IG lead chooses it and reads it on a page: the rule codes stay in the API. */
export const EXEMPTION_LABELS: Record<Exemption, string> = RIGHTS_MESSAGES.en.exemption;

/** What a recipient organisation is told about information it was sent (Art 19), by notice kind. */
export const NOTICE_KIND_LABELS: Record<"CORRECTED" | "DISPUTED" | "RESTRICTED" | "RESTRICTION_LIFTED" | "ERASED", string> =
  RIGHTS_MESSAGES.en.noticeKind;
