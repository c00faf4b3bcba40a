/** People's rights (docs/domain.md §6): the kinds of request, their states, and the exemptions, as stored and shown. */

export const RIGHTS_TYPES = ["ACCESS", "RECTIFICATION", "ERASURE", "RESTRICTION", "OBJECTION", "WITHDRAW_CONSENT", "COMPLAINT"] as const;
export type RightsType = (typeof RIGHTS_TYPES)[number];
export const RIGHTS_TYPE_LABELS: Record<RightsType, string> = {
  ACCESS: "Access to their information (Article 15)",
  RECTIFICATION: "Correcting inaccurate information (Article 16)",
  ERASURE: "Erasing information (Article 17)",
  RESTRICTION: "Restricting use of information (Article 18)",
  OBJECTION: "Objecting to its use (Article 21)",
  WITHDRAW_CONSENT: "Withdrawing consent (Article 7(3))",
  COMPLAINT: "A data protection complaint (Data (Use and Access) Act 2025)",
};

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
export const RIGHTS_STATE_LABELS: Record<RightsState, string> = {
  RECEIVED: "Received",
  AWAITING_IDENTITY: "Waiting for proof of identity (clock stopped)",
  AWAITING_CLARIFICATION: "Waiting for clarification (clock stopped)",
  IN_PROGRESS: "In progress",
  EXTENDED: "Extended",
  EXEMPTION_REVIEW: "Exemption review",
  RESPONDED: "Responded",
  CLOSED: "Closed",
};

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

export const RESPONSE_OUTCOMES = ["FULL", "PARTIAL", "REFUSED"] as const;
export type ResponseOutcome = (typeof RESPONSE_OUTCOMES)[number];

/** Who is asking, in relation to the person the information is about. */
export const REQUESTER_RELATIONSHIPS = ["SELF", "PARENTAL_RESPONSIBILITY", "REPRESENTATIVE"] as const;
export type RequesterRelationship = (typeof REQUESTER_RELATIONSHIPS)[number];
export const REQUESTER_RELATIONSHIP_LABELS: Record<RequesterRelationship, string> = {
  SELF: "The person themselves",
  PARENTAL_RESPONSIBILITY: "Someone with parental responsibility for them",
  REPRESENTATIVE: "A representative with their authority (such as a solicitor)",
};

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
export const EXEMPTION_LABELS: Record<Exemption, string> = {
  "EX-THIRD-PARTY": "Information about other people (Schedule 2, paragraph 16)",
  "EX-SERIOUS-HARM-SOCIAL-WORK": "Serious harm, social work (Schedule 3, Part 3)",
  "EX-SERIOUS-HARM-HEALTH": "Serious harm, health, in a health professional's opinion (Schedule 3, Part 2)",
  "EX-CHILD-ABUSE-DATA": "Child abuse data, asked for by a parent (Schedule 3, Part 5)",
  "EX-CRIME": "Prevention or detection of crime (Schedule 2, paragraph 2)",
  "EX-LEGAL-PRIVILEGE": "Legal professional privilege (Schedule 2, paragraph 19)",
};

/** What a recipient organisation is told about information it was sent (Art 19), by notice kind. */
export const NOTICE_KIND_LABELS: Record<"CORRECTED" | "DISPUTED" | "RESTRICTED" | "RESTRICTION_LIFTED" | "ERASED", string> = {
  CORRECTED: "Corrected",
  DISPUTED: "The person's statement added",
  RESTRICTED: "Restricted",
  RESTRICTION_LIFTED: "Restriction lifted",
  ERASED: "Erased",
};
