import { sql } from "drizzle-orm";
import { check, date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "../../platform/db/columns";
import { organisations, users } from "../organisations-and-users/schema";
import { subjects } from "../records/schema";
import { disclosures } from "../sharing/schema";
import type { CertificateFacts } from "./domain/certificate";
import { HOLD_SCOPES } from "./domain/holds";
import { DISPOSAL_ACTIONS, DISPOSAL_STATUSES, RETENTION_ACTIONS, RETENTION_CATEGORIES, RETENTION_TRIGGERS } from "./domain/schedule";

/** Retention schedules, legal holds, reviews and disposal (issue 21; docs/domain.md §7). */

export const retentionCategory = pgEnum("retention_category", RETENTION_CATEGORIES);
export const retentionTrigger = pgEnum("retention_trigger", RETENTION_TRIGGERS);
export const retentionAction = pgEnum("retention_action", RETENTION_ACTIONS);
export const disposalAction = pgEnum("disposal_action", DISPOSAL_ACTIONS);
export const holdScope = pgEnum("legal_hold_scope", HOLD_SCOPES);
export const disposalStatus = pgEnum("disposal_batch_status", DISPOSAL_STATUSES);

/**
 * An organisation's own rule for one category, where its IG lead changed the shipped default
 * (domain/schedule.ts DEFAULT_RULES). No row: the default applies.
 */
export const retentionRules = pgTable(
  "retention_rule",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    category: retentionCategory("category").notNull(),
    trigger: retentionTrigger("trigger").notNull(),
    periodMonths: integer("period_months").notNull(),
    action: retentionAction("action").notNull(),
    disposalMethod: text("disposal_method").notNull(),
    source: text("source").notNull(),
    updatedByUserId: uuid("updated_by_user_id")
      .notNull()
      .references(() => users.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("retention_rule_category").on(t.organisationId, t.category)],
);

/**
 * A legal hold: nothing it covers may be disposed of, anonymised or erased until it is lifted, with a
 * reason (RET-HOLD). A PARTNERSHIP hold, set by a partnership administrator, covers every member.
 */
export const legalHolds = pgTable(
  "legal_hold",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The organisation that set it (for a PARTNERSHIP hold, the partnership administrator's). */
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    scope: holdScope("scope").notNull(),
    /** What it is called, e.g. "IICSA retention instruction": shown wherever it stops a disposal. */
    name: text("name").notNull(),
    /** What it requires and why. */
    instruction: text("instruction").notNull(),
    subjectIds: uuid("subject_ids").array().notNull().default(sql`'{}'`),
    categories: retentionCategory("categories").array().notNull().default(sql`'{}'`),
    setByUserId: uuid("set_by_user_id")
      .notNull()
      .references(() => users.id),
    setAt: timestamp("set_at", { withTimezone: true }).notNull().defaultNow(),
    liftedAt: timestamp("lifted_at", { withTimezone: true }),
    liftedByUserId: uuid("lifted_by_user_id").references(() => users.id),
    liftReason: text("lift_reason"),
  },
  (t) => [index("legal_hold_active_idx").on(t.organisationId).where(sql`lifted_at is null`)],
);

/** A review's decision to keep a file for a further period, with the reason: it leaves the queue until then. */
export const retentionKeeps = pgTable(
  "retention_keep",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    /** The file kept, or (for a copy another organisation shared that is not filed) the disclosure. */
    subjectId: uuid("subject_id").references(() => subjects.id),
    disclosureId: uuid("disclosure_id").references(() => disclosures.id),
    keepUntil: date("keep_until", { mode: "string" }).notNull(),
    reason: text("reason").notNull(),
    decidedByUserId: uuid("decided_by_user_id")
      .notNull()
      .references(() => users.id),
    decidedAt: timestamp("decided_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("retention_keep_subject_idx").on(t.organisationId, t.subjectId, t.keepUntil),
    index("retention_keep_disclosure_idx").on(t.disclosureId),
    check("retention_keep_one_thing", sql`(subject_id is null) <> (disclosure_id is null)`),
  ],
);

/**
 * Files proposed together for disposal under one rule. Approved by a second person (RET-SECOND-PERSON),
 * it runs at once, in the approval's transaction, after checking every hold (RET-HOLD); its certificate
 * describes what went without any personal data, and the audit log keeps the certificate's hash.
 */
export const disposalBatches = pgTable(
  "disposal_batch",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    /** A short number people quote ("D-1042"). */
    reference: integer("reference").generatedAlwaysAsIdentity().notNull(),
    category: retentionCategory("category").notNull(),
    action: disposalAction("action").notNull(),
    status: disposalStatus("status").notNull().default("PROPOSED"),
    reason: text("reason").notNull(),
    proposedByUserId: uuid("proposed_by_user_id")
      .notNull()
      .references(() => users.id),
    proposedByName: text("proposed_by_name").notNull(),
    proposedAt: createdAt(),
    approvedByUserId: uuid("approved_by_user_id").references(() => users.id),
    approvedByName: text("approved_by_name"),
    executedAt: timestamp("executed_at", { withTimezone: true }),
    cancelledAt: timestamp("cancelled_at", { withTimezone: true }),
    certificate: jsonb("certificate").$type<CertificateFacts>(),
    certificateHash: text("certificate_hash"),
  },
  (t) => [index("disposal_batch_organisation_idx").on(t.organisationId, t.proposedAt)],
);

/** The files a batch disposes of. */
export const disposalBatchFiles = pgTable(
  "disposal_batch_file",
  {
    batchId: uuid("batch_id")
      .notNull()
      .references(() => disposalBatches.id),
    subjectId: uuid("subject_id")
      .notNull()
      .references(() => subjects.id),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.subjectId] }), index("disposal_batch_file_subject_idx").on(t.subjectId)],
);

/** The copies of shared information a DISCLOSED_COPY batch disposes of. */
export const disposalBatchCopies = pgTable(
  "disposal_batch_copy",
  {
    batchId: uuid("batch_id")
      .notNull()
      .references(() => disposalBatches.id),
    disclosureId: uuid("disclosure_id")
      .notNull()
      .references(() => disclosures.id),
  },
  (t) => [primaryKey({ columns: [t.batchId, t.disclosureId] }), index("disposal_batch_copy_disclosure_idx").on(t.disclosureId)],
);

/**
 * What an anonymised file leaves for partnership statistics: its category, years and counts, never
 * who it was about or what was written.
 */
export const anonymisedRecords = pgTable(
  "anonymised_record",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    batchId: uuid("batch_id")
      .notNull()
      .references(() => disposalBatches.id),
    category: retentionCategory("category").notNull(),
    /** The year of the file's first and last entries (null when it had none). */
    firstYear: integer("first_year"),
    lastYear: integer("last_year"),
    items: integer("items").notNull(),
    /** Concerns raised, by concern category code. */
    concerns: jsonb("concerns").$type<Record<string, number>>().notNull(),
    /** Share decisions recorded about the person, by outcome code (SHARE, PARTIAL, NOT_SHARE). */
    decisions: jsonb("decisions").$type<Record<string, number>>().notNull(),
    disposedYear: integer("disposed_year").notNull(),
  },
  (t) => [index("anonymised_record_organisation_idx").on(t.organisationId, t.category)],
);
