import { boolean, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { organisations, users } from "../organisations-and-users/schema";
import { recordItems, subjects } from "../records/schema";
import { disclosures } from "../sharing/schema";
import {
  ACKNOWLEDGEMENT_STATES,
  EXEMPTIONS,
  RECEIVED_VIA,
  REQUESTER_RELATIONSHIPS,
  RESPONSE_OUTCOMES,
  RIGHTS_STATES,
  RIGHTS_TYPES,
} from "./domain/vocabulary";

/**
 * People's rights requests (issue 6; docs/domain.md §6): one organisation's part of a request, its
 * state and statutory clock, the people in its records it concerns, and its review of each item.
 */

export const rightsType = pgEnum("rights_request_type", RIGHTS_TYPES);
export const rightsState = pgEnum("rights_request_state", RIGHTS_STATES);
export const responseOutcome = pgEnum("rights_response_outcome", RESPONSE_OUTCOMES);
export const requesterRelationship = pgEnum("rights_requester_relationship", REQUESTER_RELATIONSHIPS);
export const receivedVia = pgEnum("rights_received_via", RECEIVED_VIA);
export const acknowledgementState = pgEnum("rights_acknowledgement_state", ACKNOWLEDGEMENT_STATES);

export interface Requester {
  name: string;
  email?: string | null;
  phone?: string | null;
  address?: string | null;
}

/** Who the request is about, as the requester described them: the IG lead matches them to the records. */
export interface AboutWhom {
  name: string;
  dateOfBirth?: string | null;
  otherNames?: string | null;
  address?: string | null;
}

export const rightsRequests = pgTable(
  "rights_request",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    number: integer("number").generatedAlwaysAsIdentity().notNull().unique(),
    /** One reference for a request made once to the partnership and answered by each organisation for its own part. */
    publicReference: text("public_reference").notNull(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    type: rightsType("type").notNull(),
    state: rightsState("state").notNull().default("RECEIVED"),
    requester: jsonb("requester").$type<Requester>().notNull(),
    relationship: requesterRelationship("relationship").notNull(),
    about: jsonb("about").$type<AboutWhom>().notNull(),
    details: text("details").notNull().default(""),
    receivedVia: receivedVia("received_via").notNull(),
    receivedOn: date("received_on", { mode: "string" }).notNull(),
    /** The day the month runs from: receipt, or the day proof of identity arrived (the clock had not started before). */
    clockStartedOn: date("clock_started_on", { mode: "string" }).notNull(),
    /** Days the clock stood paused waiting for clarification: the due date moves on by them (deadlines.ts). */
    daysPaused: integer("days_paused").notNull().default(0),
    dueOn: date("due_on", { mode: "string" }).notNull(),
    /** Set while the clock is stopped. */
    pausedSince: date("paused_since", { mode: "string" }),
    extensionReason: text("extension_reason"),
    requesterToldOfExtensionOn: date("requester_told_of_extension_on", { mode: "string" }),
    identityVerifiedAt: timestamp("identity_verified_at", { withTimezone: true }),
    identityVerifiedByUserId: uuid("identity_verified_by_user_id").references(() => users.id),
    identityEvidence: text("identity_evidence"),
    /** For someone asking on another's behalf: how their authority was checked. */
    authorityEvidence: text("authority_evidence"),
    /**
     * The requester is linked in the records as an alleged perpetrator towards the person: nothing goes
     * without a safety check. Set when a person is attached and kept with the response; read through
     * `harmRiskNow` (pack-safety.ts), which also counts links recorded since.
     */
    harmRisk: boolean("harm_risk").notNull().default(false),
    outcome: responseOutcome("outcome"),
    responseReasons: text("response_reasons"),
    respondedAt: timestamp("responded_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    closeReason: text("close_reason"),
    /** Complaints: acknowledged within 30 days. */
    acknowledgeBy: date("acknowledge_by", { mode: "string" }),
    acknowledgedOn: date("acknowledged_on", { mode: "string" }),
    createdByUserId: uuid("created_by_user_id").references(() => users.id),
    /** The public form's acknowledgement email, when the requester asked for one (vocabulary.ts). */
    acknowledgement: acknowledgementState("acknowledgement"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("rights_request_open_idx").on(t.organisationId, t.state, t.dueOn),
    index("rights_request_reference_idx").on(t.publicReference),
  ],
);

/** The people in the organisation's own records a request concerns, attached by its IG lead. */
export const rightsRequestSubjects = pgTable(
  "rights_request_subject",
  {
    requestId: uuid("request_id")
      .notNull()
      .references(() => rightsRequests.id),
    subjectId: uuid("subject_id")
      .notNull()
      .references(() => subjects.id),
  },
  (t) => [primaryKey({ columns: [t.requestId, t.subjectId] })],
);

/** What happened to a request and when: its history on the request page (the audit log holds the same as events). */
export const rightsRequestEvents = pgTable(
  "rights_request_event",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => rightsRequests.id),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    byName: text("by_name").notNull(),
    what: text("what").notNull(),
    fromState: rightsState("from_state"),
    toState: rightsState("to_state"),
  },
  (t) => [index("rights_request_event_request_idx").on(t.requestId, t.at)],
);

export const itemReviewDecision = pgEnum("rights_item_decision", ["DISCLOSE", "REDACT", "WITHHOLD"]);
export const exemptionCode = pgEnum("rights_exemption", EXEMPTIONS);

/**
 * What an item's review and a disclosure log entry's review both record: the decision, the exemption
 * and its reason, and who reviewed it when. A function, as each table needs its own column builders.
 */
const reviewColumns = () => ({
  decision: itemReviewDecision("decision").notNull(),
  exemption: exemptionCode("exemption"),
  reason: text("reason"),
  /** For EX-SERIOUS-HARM-HEALTH: the appropriate health professional's opinion, and whose. */
  healthOpinion: text("health_opinion"),
  healthProfessional: text("health_professional"),
  reviewedByUserId: uuid("reviewed_by_user_id")
    .notNull()
    .references(() => users.id),
  reviewedAt: timestamp("reviewed_at", { withTimezone: true }).notNull().defaultNow(),
});

/** An access request's review of one record item: disclosed, redacted or withheld, under a recorded exemption. */
export const rightsItemReviews = pgTable(
  "rights_item_review",
  {
    requestId: uuid("request_id")
      .notNull()
      .references(() => rightsRequests.id),
    itemId: uuid("item_id")
      .notNull()
      .references(() => recordItems.id),
    ...reviewColumns(),
    redactions: text("redactions").array().notNull().default([]),
  },
  (t) => [uniqueIndex("rights_item_review_once").on(t.requestId, t.itemId)],
);

/**
 * An access request's review of one entry of who the information was shared with (the disclosure
 * log): listed in the pack, or withheld under an exemption with its reason. Uses the items' decision
 * type; a record of sharing is never redacted, only listed (DISCLOSE) or withheld (WITHHOLD).
 */
export const rightsRecipientReviews = pgTable(
  "rights_recipient_review",
  {
    requestId: uuid("request_id")
      .notNull()
      .references(() => rightsRequests.id),
    disclosureId: uuid("disclosure_id")
      .notNull()
      .references(() => disclosures.id),
    ...reviewColumns(),
  },
  (t) => [uniqueIndex("rights_recipient_review_once").on(t.requestId, t.disclosureId)],
);

export const noticeKind = pgEnum("recipient_notice_kind", ["CORRECTED", "DISPUTED", "RESTRICTED", "RESTRICTION_LIFTED", "ERASED"]);

/**
 * What a recipient is told when something it received is corrected, disputed, restricted or erased
 * (UK GDPR Art 19): one notice per disclosure that carried the item, in the recipient's inbox until
 * it is acknowledged.
 */
export const recipientNotices = pgTable(
  "recipient_notice",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => rightsRequests.id),
    senderOrganisationId: uuid("sender_organisation_id")
      .notNull()
      .references(() => organisations.id),
    recipientOrganisationId: uuid("recipient_organisation_id")
      .notNull()
      .references(() => organisations.id),
    disclosureId: uuid("disclosure_id").notNull(),
    itemId: uuid("item_id")
      .notNull()
      .references(() => recordItems.id),
    kind: noticeKind("kind").notNull(),
    /** What the recipient should do, in words: never the erased text itself. */
    text: text("text").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
    acknowledgedByName: text("acknowledged_by_name"),
  },
  (t) => [
    index("recipient_notice_recipient_idx").on(t.recipientOrganisationId, t.acknowledgedAt),
    index("recipient_notice_request_idx").on(t.requestId),
  ],
);

export const itemActionKind = pgEnum("rights_item_action_kind", [
  "CORRECTED",
  "STATEMENT_ADDED",
  "RESTRICTED",
  "RESTRICTION_LIFTED",
  "ERASURE_REFUSED",
  "ERASED",
]);

/** What a rectification, restriction or erasure request did to each item, and why. */
export const rightsItemActions = pgTable(
  "rights_item_action",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => rightsRequests.id),
    itemId: uuid("item_id")
      .notNull()
      .references(() => recordItems.id),
    kind: itemActionKind("kind").notNull(),
    reason: text("reason").notNull(),
    /** For lifting a restriction: when the requester was told beforehand. */
    requesterToldOn: date("requester_told_on", { mode: "string" }),
    byUserId: uuid("by_user_id")
      .notNull()
      .references(() => users.id),
    byName: text("by_name").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("rights_item_action_request_idx").on(t.requestId)],
);

export const processingDecisionKind = pgEnum("rights_processing_decision_kind", ["STOP", "CONTINUE"]);

/**
 * What an objection (Art 21) or a withdrawal of consent (Art 7(3)) decided about the sharing of the
 * information of the people attached to the request under one Article 6 basis: stopped, or continued
 * on recorded compelling grounds. The latest decision for a basis is the one in force (an objection
 * upheld can later be overridden on compelling grounds); a share decision about anyone attached,
 * then or later, is checked against it.
 */
export const rightsProcessingDecisions = pgTable(
  "rights_processing_decision",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => rightsRequests.id),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    right: rightsType("right").notNull(),
    article6: text("article6").notNull(),
    decision: processingDecisionKind("decision").notNull(),
    /** Why: for an objection refused, the compelling legitimate grounds that override it. */
    grounds: text("grounds").notNull(),
    decidedOn: date("decided_on", { mode: "string" }).notNull(),
    byUserId: uuid("by_user_id")
      .notNull()
      .references(() => users.id),
    byName: text("by_name").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("rights_processing_decision_request_idx").on(t.requestId, t.article6, t.at)],
);
