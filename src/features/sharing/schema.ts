import { sql } from "drizzle-orm";
import { boolean, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { ONWARD_DISCLOSURE } from "../agreements/domain";
import { agreements } from "../agreements/schema";
import { organisations, users } from "../organisations-and-users/schema";
import { accuracyState, itemCategory, recordItemKind, recordItems, sourceMethod, subjects } from "../records/schema";
import type { ShareDecisionInput } from "./domain/decision-input";
import type { DisclosureContext } from "./domain/disclosure-context";
import type { DisclosedPerson } from "./domain/disclosure-snapshot";
import type { StoredWarning } from "./domain/evaluate-decision";
import { DECISION_STATUSES, REQUEST_STATUSES, REQUEST_URGENCIES } from "./domain/records";
import { OUTCOMES } from "./domain/vocabulary";

/**
 * Share decisions, the disclosures they deliver and information requests (issue 5; docs/domain.md §4).
 * The sharing feature's tables, one schema file per feature like the others (schema-*.ts).
 */

export const shareOutcome = pgEnum("share_outcome", OUTCOMES);
export const decisionStatus = pgEnum("share_decision_status", DECISION_STATUSES);
export const onwardDisclosure = pgEnum("onward_disclosure", ONWARD_DISCLOSURE);

/**
 * The record of one decision to share, partly share or not share (docs/domain.md §4 "Record of
 * decision"). Immutable once recorded (trigger, migration 0006): only its approval and the
 * completion of an emergency record change; corrections are addenda. `record` holds every answer as
 * validated; the columns beside it are what lists, dashboards and enforcement query.
 */
export const shareDecisions = pgTable(
  "share_decision",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Human reference, shown as SD-000123. */
    number: integer("number").generatedAlwaysAsIdentity().notNull().unique(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    subjectId: uuid("subject_id")
      .notNull()
      .references(() => subjects.id),
    /** The client's key for this submission: a retried request or a second tab finds the same decision. */
    idempotencyKey: text("idempotency_key").notNull(),
    /** SHA-256 of the submitted answers: the same key with different answers is refused, not replayed. */
    requestHash: text("request_hash").notNull(),
    status: decisionStatus("status").notNull(),
    outcome: shareOutcome("outcome").notNull(),
    emergency: boolean("emergency").notNull().default(false),
    /** An emergency share's full record is due by then; null once not an emergency. */
    fullRecordDueAt: timestamp("full_record_due_at", { withTimezone: true }),
    fullRecordCompletedAt: timestamp("full_record_completed_at", { withTimezone: true }),
    purposeCode: text("purpose_code"),
    recipientOrganisationId: uuid("recipient_organisation_id").references(() => organisations.id),
    recipientUserId: uuid("recipient_user_id").references(() => users.id),
    informationRequestId: uuid("information_request_id"),
    agreementId: uuid("agreement_id").references(() => agreements.id),
    agreementVersion: integer("agreement_version"),
    /** A tier 2 agreement's tier 1 parent version in force when decided: its baseline sections applied. */
    parentAgreementVersion: integer("parent_agreement_version"),
    record: jsonb("record").$type<ShareDecisionInput>().notNull(),
    /**
     * Every warning the rules raised when it was recorded (none block a recorded decision), each with
     * whether the decider acknowledged it: an emergency share goes without waiting for that. Decisions
     * recorded before the flag was kept lack it: read them through `recordedWarnings`.
     */
    findings: jsonb("findings").$type<StoredWarning[]>().notNull(),
    decidedByUserId: uuid("decided_by_user_id")
      .notNull()
      .references(() => users.id),
    /** Name and roles as they were when deciding: the record outlives the account. */
    decidedByName: text("decided_by_name").notNull(),
    decidedByRoles: text("decided_by_roles").array().notNull(),
    decidedAt: timestamp("decided_at", { withTimezone: true }).notNull().defaultNow(),
    approvedByUserId: uuid("approved_by_user_id").references(() => users.id),
    approvedAt: timestamp("approved_at", { withTimezone: true }),
    approvalComments: text("approval_comments"),
    retentionReviewOn: date("retention_review_on", { mode: "string" }).notNull(),
    /**
     * When the organisation's safeguarding leads were told it awaits their approval (issue 19): by the
     * job queued as it was recorded or, should that job be lost, by the sweep a minute later.
     */
    approversNotifiedAt: timestamp("approvers_notified_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("share_decision_idempotency").on(t.organisationId, t.idempotencyKey),
    index("share_decision_organisation_idx").on(t.organisationId, t.decidedAt),
    index("share_decision_subject_idx").on(t.subjectId),
    index("share_decision_awaiting_idx").on(t.organisationId).where(sql`status = 'AWAITING_APPROVAL'`),
    index("share_decision_emergency_due_idx").on(t.organisationId, t.fullRecordDueAt).where(sql`full_record_completed_at is null`),
  ],
);

export const addendumKind = pgEnum("share_decision_addendum_kind", ["CORRECTION", "EMERGENCY_RECORD", "OUTCOME"]);

/** What is added to a decision after it was recorded: a correction, an emergency share's full record, feedback on the outcome. */
export const shareDecisionAddenda = pgTable(
  "share_decision_addendum",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    decisionId: uuid("decision_id")
      .notNull()
      .references(() => shareDecisions.id),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    kind: addendumKind("kind").notNull(),
    text: text("text").notNull(),
    /** For an emergency record: every answer of the full record, as validated. */
    record: jsonb("record").$type<ShareDecisionInput>(),
    findings: jsonb("findings").$type<StoredWarning[]>(),
    addedByUserId: uuid("added_by_user_id")
      .notNull()
      .references(() => users.id),
    addedByName: text("added_by_name").notNull(),
    addedAt: timestamp("added_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("share_decision_addendum_decision_idx").on(t.decisionId)],
);

/**
 * What a SHARE delivered to the recipient organisation: a snapshot, never a live link to the
 * sender's record. Readable by the recipient until it expires or is revoked.
 */
export const disclosures = pgTable(
  "disclosure",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    decisionId: uuid("decision_id")
      .notNull()
      .unique()
      .references(() => shareDecisions.id),
    senderOrganisationId: uuid("sender_organisation_id")
      .notNull()
      .references(() => organisations.id),
    recipientOrganisationId: uuid("recipient_organisation_id")
      .notNull()
      .references(() => organisations.id),
    /** The named person; without one it goes to the recipient organisation's safeguarding leads. */
    recipientUserId: uuid("recipient_user_id").references(() => users.id),
    /** The recipient's role (RECIPIENT_ROLES); an emergency share may go before it is recorded. */
    recipientRole: text("recipient_role"),
    subject: jsonb("subject").$type<DisclosedPerson>().notNull(),
    purposeCode: text("purpose_code").notNull(),
    purpose: text("purpose").notNull(),
    /** The sender's decider, as they were: who to contact about it. */
    sentByName: text("sent_by_name").notNull(),
    /**
     * What the recipient is told of the decision behind it (consent, level of need, what was held back,
     * the decider's roles and email), as it was when sent; null for disclosures sent before it was kept.
     */
    context: jsonb("context").$type<DisclosureContext>(),
    onwardDisclosure: onwardDisclosure("onward_disclosure").notNull(),
    emergency: boolean("emergency").notNull().default(false),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    firstOpenedAt: timestamp("first_opened_at", { withTimezone: true }),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
    acknowledgedByUserId: uuid("acknowledged_by_user_id").references(() => users.id),
    acknowledgedByName: text("acknowledged_by_name"),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revokedByUserId: uuid("revoked_by_user_id").references(() => users.id),
    revokeReason: text("revoke_reason"),
    /** The recipient's own record of the person, once it filed the information there. */
    filedSubjectId: uuid("filed_subject_id").references(() => subjects.id),
    filedAt: timestamp("filed_at", { withTimezone: true }),
    /**
     * Until when the recipient keeps its copy: the agreement's retention term for the flow, from when it
     * was sent (issue 21); null without an agreement or a term, and the recipient's schedule decides.
     */
    retainUntil: date("retain_until", { mode: "string" }),
    /** When the recipient disposed of its copy under its retention schedule (issue 21): the sender sees it. */
    disposedAt: timestamp("disposed_at", { withTimezone: true }),
    /**
     * When the recipients were told (issue 19). The disclosure is its own outbox: one not yet told is
     * told by the job queued as it was sent or, should that job be lost, by the sweep a minute later.
     */
    recipientsNotifiedAt: timestamp("recipients_notified_at", { withTimezone: true }),
  },
  (t) => [
    index("disclosure_recipient_idx").on(t.recipientOrganisationId, t.sentAt),
    index("disclosure_not_notified_idx").on(t.sentAt).where(sql`recipients_notified_at is null`),
    index("disclosure_sender_idx").on(t.senderOrganisationId, t.sentAt),
    index("disclosure_unacknowledged_idx").on(t.senderOrganisationId, t.sentAt).where(sql`acknowledged_at is null and revoked_at is null`),
  ],
);

/**
 * Each time the sender chased a disclosure the recipient had not acknowledged in time: who and when.
 * A row per chase, never updated: the recipient sees that it was chased, and the sender's decision
 * page lists every chase beside the disclosure.
 */
export const disclosureChases = pgTable(
  "disclosure_chase",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    disclosureId: uuid("disclosure_id")
      .notNull()
      .references(() => disclosures.id),
    senderOrganisationId: uuid("sender_organisation_id")
      .notNull()
      .references(() => organisations.id),
    recipientOrganisationId: uuid("recipient_organisation_id")
      .notNull()
      .references(() => organisations.id),
    chasedByUserId: uuid("chased_by_user_id")
      .notNull()
      .references(() => users.id),
    /** The name as it was when chasing: the record outlives the account. */
    chasedByName: text("chased_by_name").notNull(),
    chasedAt: timestamp("chased_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("disclosure_chase_disclosure_idx").on(t.disclosureId, t.chasedAt)],
);

/** One record item as it was when disclosed, with any redactions applied. */
export const disclosureItems = pgTable(
  "disclosure_item",
  {
    disclosureId: uuid("disclosure_id")
      .notNull()
      .references(() => disclosures.id),
    position: integer("position").notNull(),
    /** The sender's item version: for telling this recipient of a later correction (Art 19); never shown to the recipient. */
    sourceItemId: uuid("source_item_id")
      .notNull()
      .references(() => recordItems.id),
    category: itemCategory("category").notNull(),
    kind: recordItemKind("kind").notNull(),
    text: text("text").notNull(),
    redacted: boolean("redacted").notNull().default(false),
    eventDate: date("event_date", { mode: "string" }).notNull(),
    sourceName: text("source_name").notNull(),
    sourceMethod: sourceMethod("source_method").notNull(),
    sourceObtainedOn: date("source_obtained_on", { mode: "string" }).notNull(),
    historical: boolean("historical").notNull(),
    specialCategory: boolean("special_category").notNull(),
    criminalOffence: boolean("criminal_offence").notNull(),
    accuracy: accuracyState("accuracy").notNull(),
  },
  (t) => [primaryKey({ columns: [t.disclosureId, t.position] }), index("disclosure_item_source_idx").on(t.sourceItemId)],
);

/**
 * A question the recipient asks the sender about a disclosure, and the sender's answer: kept on both
 * sides (the recipient's disclosure page, the sender's decision page). The two organisations are
 * copied from the disclosure so the ownership rule can name them.
 */
export const disclosureQuestions = pgTable(
  "disclosure_question",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    disclosureId: uuid("disclosure_id")
      .notNull()
      .references(() => disclosures.id),
    senderOrganisationId: uuid("sender_organisation_id")
      .notNull()
      .references(() => organisations.id),
    recipientOrganisationId: uuid("recipient_organisation_id")
      .notNull()
      .references(() => organisations.id),
    question: text("question").notNull(),
    askedByUserId: uuid("asked_by_user_id")
      .notNull()
      .references(() => users.id),
    /** Name as it was when asking: the record outlives the account. */
    askedByName: text("asked_by_name").notNull(),
    askedAt: timestamp("asked_at", { withTimezone: true }).notNull().defaultNow(),
    answer: text("answer"),
    answeredByUserId: uuid("answered_by_user_id").references(() => users.id),
    answeredByName: text("answered_by_name"),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
  },
  (t) => [
    index("disclosure_question_disclosure_idx").on(t.disclosureId, t.askedAt),
    index("disclosure_question_unanswered_idx").on(t.senderOrganisationId, t.askedAt).where(sql`answered_at is null`),
  ],
);

/** A record item the recipient filed from a disclosure: where it came from, and whether it may be passed on. */
export const recordItemOrigins = pgTable("record_item_origin", {
  itemId: uuid("item_id")
    .primaryKey()
    .references(() => recordItems.id),
  disclosureId: uuid("disclosure_id")
    .notNull()
    .references(() => disclosures.id),
  fromOrganisationId: uuid("from_organisation_id")
    .notNull()
    .references(() => organisations.id),
  onwardDisclosure: onwardDisclosure("onward_disclosure").notNull(),
});

export const requestUrgency = pgEnum("information_request_urgency", REQUEST_URGENCIES);
export const requestStatus = pgEnum("information_request_status", REQUEST_STATUSES);

/** One organisation asking another for information about a person; answered through a share decision. */
export const informationRequests = pgTable(
  "information_request",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    number: integer("number").generatedAlwaysAsIdentity().notNull().unique(),
    requestingOrganisationId: uuid("requesting_organisation_id")
      .notNull()
      .references(() => organisations.id),
    requestedOrganisationId: uuid("requested_organisation_id")
      .notNull()
      .references(() => organisations.id),
    /** The requester's own record of the person, if it has one (never shown to the other organisation). */
    requestingSubjectId: uuid("requesting_subject_id").references(() => subjects.id),
    /** Who the request is about, as the requester identifies them. */
    subject: jsonb("subject").$type<DisclosedPerson>().notNull(),
    purposeCode: text("purpose_code").notNull(),
    purpose: text("purpose").notNull(),
    gateway: text("gateway"),
    urgency: requestUrgency("urgency").notNull(),
    dueOn: date("due_on", { mode: "string" }).notNull(),
    status: requestStatus("status").notNull().default("OPEN"),
    requestedByUserId: uuid("requested_by_user_id")
      .notNull()
      .references(() => users.id),
    requestedByName: text("requested_by_name").notNull(),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    answeredDecisionId: uuid("answered_decision_id").references(() => shareDecisions.id),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    /** When the requester confirmed it has read the answer: until then a refusal waits on their home page. */
    answerAcknowledgedAt: timestamp("answer_acknowledged_at", { withTimezone: true }),
    answerAcknowledgedByName: text("answer_acknowledged_by_name"),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true }),
  },
  (t) => [
    index("information_request_requested_idx").on(t.requestedOrganisationId, t.status, t.dueOn),
    index("information_request_requesting_idx").on(t.requestingOrganisationId, t.requestedAt),
  ],
);

/** Purposes for which an organisation's decisions need a safeguarding lead's approval before anything is delivered. */
export const shareApprovalRules = pgTable(
  "share_approval_rule",
  {
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    purposeCode: text("purpose_code").notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.purposeCode] })],
);
