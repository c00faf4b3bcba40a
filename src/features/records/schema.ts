import { sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { boolean, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, updatedAt } from "../../platform/db/columns";
import { organisations, users } from "../organisations-and-users/schema";
import type { ChronologyParams } from "./domain/chronology-text";
import { ITEM_CATEGORIES, SUBJECT_KINDS } from "./domain/information";
import { SUBJECT_LINK_KINDS } from "./domain/links";
import { ACCURACY_STATES, CONCERN_CATEGORIES, CONCERN_STATUSES, RECORD_ITEM_KINDS, SOURCE_METHODS } from "./domain/records";

/**
 * What an organisation records about people (docs/domain.md §1): subjects, their names, addresses and links,
 * record items with provenance, safeguarding concerns and the chronology.
 */

export const subjectKind = pgEnum("subject_kind", SUBJECT_KINDS);

/**
 * A person an organisation holds records about (docs/domain.md §1 "subject"). Owned by one organisation;
 * names are kept exactly as typed, and search normalises them instead.
 */
export const subjects = pgTable(
  "subject",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    kind: subjectKind("kind").notNull(),
    givenNames: text("given_names").notNull(),
    familyName: text("family_name").notNull(),
    /** Null for an unborn child, who has an expected date instead. */
    dateOfBirth: date("date_of_birth", { mode: "string" }),
    expectedDate: date("expected_date", { mode: "string" }),
    /** Sex or gender exactly as the organisation recorded it. */
    sexGender: text("sex_gender"),
    nhsNumber: text("nhs_number"),
    upn: text("upn"),
    phone: text("phone"),
    email: text("email"),
    /**
     * Someone who could be harmed if an abuser learned who or where they are (a new partner, a
     * neighbour who reported): their name is a protected detail wherever it is written about the people
     * linked to them (GR5-PROTECT-IDENTITIES).
     */
    identityProtected: boolean("identity_protected").notNull().default(false),
    createdByUserId: uuid("created_by_user_id").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    /** When the organisation closed its case on this person: the date closure-triggered retention runs from (issue 21). */
    caseClosedOn: date("case_closed_on", { mode: "string" }),
    caseClosedByUserId: uuid("case_closed_by_user_id").references(() => users.id),
    /**
     * When the file was disposed of under a retention rule (issue 21): the row stays as a tombstone,
     * without a name, a date of birth or any identifier, and every item's text is erased.
     */
    disposedAt: timestamp("disposed_at", { withTimezone: true }),
    /**
     * The date of the latest record item about the person: what "last entry" retention rules run from.
     * Kept by the database itself (a statement trigger on record_item, migration 0026), so every way an
     * item is written, one at a time or in bulk, keeps it true, and the review queue reads an index.
     */
    lastEntryOn: date("last_entry_on", { mode: "string" }),
    /** The name folded for search (lower case, accents removed by `safeshare_fold`, migration 0004). */
    searchName: text("search_name").generatedAlwaysAs(sql`safeshare_fold(given_names || ' ' || family_name)`),
  },
  (t) => [
    index("subject_organisation_idx").on(t.organisationId),
    // Trigram index led by the organisation (btree_gin): a search only ever looks in one organisation's records.
    index("subject_search_name_idx").using("gin", t.organisationId, t.searchName.op("gin_trgm_ops")),
    index("subject_nhs_number_idx").on(t.organisationId, t.nhsNumber),
    index("subject_upn_idx").on(t.organisationId, t.upn),
    index("subject_dob_idx").on(t.organisationId, t.dateOfBirth),
    // The retention review queue (issue 21) reads people's files in the order they fall due, from the
    // first due, by each trigger date as retention's queue writes it, for children's files and for
    // other people's apart (its rules are set per category), never disposed ones: the page reads the
    // first 50 entries, and the count only the due ones (bench/README.md "Latest retention numbers").
    index("subject_due_birth_child_idx")
      .on(t.organisationId, sql`(coalesce(${t.dateOfBirth}, ${t.lastEntryOn}))`, t.id)
      .where(sql`disposed_at is null and kind in ('CHILD', 'UNBORN_CHILD')`),
    index("subject_due_last_entry_adult_idx")
      .on(t.organisationId, sql`(coalesce(${t.lastEntryOn}, (${t.createdAt} at time zone 'Europe/London')::date))`, t.id)
      .where(sql`disposed_at is null and kind in ('PARENT_CARER', 'SIBLING', 'HOUSEHOLD_MEMBER', 'ALLEGED_PERPETRATOR', 'OTHER')`),
    index("subject_due_case_closed_idx")
      .on(t.organisationId, t.caseClosedOn, t.kind)
      .where(sql`case_closed_on is not null and disposed_at is null`),
  ],
);

export const subjectNameKind = pgEnum("subject_name_kind", ["ALIAS", "PREVIOUS_NAME"]);

/** Other names a subject is or was known by: search must find them under any of them. */
export const subjectNames = pgTable(
  "subject_name",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    subjectId: uuid("subject_id")
      .notNull()
      .references(() => subjects.id, { onDelete: "cascade" }),
    kind: subjectNameKind("kind").notNull(),
    name: text("name").notNull(),
    /** A name that must not become known (such as a new name after fleeing): a protected detail (GR5-PROTECT-IDENTITIES). */
    identityProtected: boolean("identity_protected").notNull().default(false),
    searchName: text("search_name").generatedAlwaysAs(sql`safeshare_fold(name)`),
  },
  (t) => [
    index("subject_name_subject_idx").on(t.subjectId),
    index("subject_name_search_name_idx").using("gin", t.searchName.op("gin_trgm_ops")),
  ],
);

/**
 * A subject's addresses. A *protected* address (a refuge, a safe house) is only ever sent to roles
 * that need it, and is redacted by default in any share (GR5-PROTECT-IDENTITIES).
 */
export const subjectAddresses = pgTable(
  "subject_address",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    subjectId: uuid("subject_id")
      .notNull()
      .references(() => subjects.id, { onDelete: "cascade" }),
    lines: text("lines").notNull(),
    postcode: text("postcode"),
    protected: boolean("protected").notNull().default(false),
    current: boolean("current").notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [index("subject_address_subject_idx").on(t.subjectId)],
);

export const subjectLinkKind = pgEnum("subject_link_kind", SUBJECT_LINK_KINDS);

/** How the people around a child relate to them, within one organisation's records. */
export const subjectLinks = pgTable(
  "subject_link",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    fromSubjectId: uuid("from_subject_id")
      .notNull()
      .references(() => subjects.id, { onDelete: "cascade" }),
    toSubjectId: uuid("to_subject_id")
      .notNull()
      .references(() => subjects.id, { onDelete: "cascade" }),
    kind: subjectLinkKind("kind").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("subject_link_once").on(t.fromSubjectId, t.toSubjectId, t.kind), index("subject_link_to_idx").on(t.toSubjectId)],
);

export const itemCategory = pgEnum("item_category", ITEM_CATEGORIES);
export const recordItemKind = pgEnum("record_item_kind", RECORD_ITEM_KINDS);
export const sourceMethod = pgEnum("source_method", SOURCE_METHODS);
export const accuracyState = pgEnum("accuracy_state", ACCURACY_STATES);

/**
 * One version of one piece of information about a subject, with its provenance (docs/domain.md §1
 * "record item"). Never edited in place: a trigger (migration 0004) rejects changes to what was
 * recorded. A correction is a new row in the same lineage; the old row's accuracy becomes CORRECTED,
 * for good. Only the accuracy and, once, the dispute may change.
 */
export const recordItems = pgTable(
  "record_item",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    subjectId: uuid("subject_id")
      .notNull()
      .references(() => subjects.id, { onDelete: "cascade" }),
    /** The first version's id: every version of one item shares it. */
    lineageId: uuid("lineage_id").notNull(),
    version: integer("version").notNull().default(1),
    supersedesId: uuid("supersedes_id").references((): AnyPgColumn => recordItems.id),
    category: itemCategory("category").notNull(),
    kind: recordItemKind("kind").notNull(),
    text: text("text").notNull(),
    eventDate: date("event_date", { mode: "string" }).notNull(),
    sourceName: text("source_name").notNull(),
    sourceMethod: sourceMethod("source_method").notNull(),
    sourceObtainedOn: date("source_obtained_on", { mode: "string" }).notNull(),
    historical: boolean("historical").notNull().default(false),
    specialCategory: boolean("special_category").notNull().default(false),
    criminalOffence: boolean("criminal_offence").notNull().default(false),
    accuracy: accuracyState("accuracy").notNull().default("ACCURATE"),
    /** On a version after the first: why the previous version was corrected. Part of what was recorded, so frozen. */
    correctionReason: text("correction_reason"),
    /**
     * What is disputed and by whom, when and by which user it was marked: kept apart from the correction
     * reason so disputing a corrected item's new version cannot erase why it was corrected. Set once.
     */
    disputeNote: text("dispute_note"),
    disputedAt: timestamp("disputed_at", { withTimezone: true }),
    disputedByUserId: uuid("disputed_by_user_id").references(() => users.id),
    recordedByUserId: uuid("recorded_by_user_id").references(() => users.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
    /** While set, the item may be stored but not shared (UK GDPR Art 18; R-RESTRICTED). Lifted by clearing it. */
    restrictedAt: timestamp("restricted_at", { withTimezone: true }),
    /** Erased after an erasure request was granted: the text is gone, the row stays as a tombstone (migration 0008). */
    erasedAt: timestamp("erased_at", { withTimezone: true }),
  },
  (t) => [
    index("record_item_subject_idx").on(t.subjectId, t.eventDate),
    uniqueIndex("record_item_lineage_version").on(t.lineageId, t.version),
  ],
);

export const concernCategory = pgEnum("concern_category", CONCERN_CATEGORIES);
export const concernStatus = pgEnum("concern_status", CONCERN_STATUSES);

/** A safeguarding worry about a child; on the DSL dashboard until a safeguarding lead acknowledges it. */
export const concerns = pgTable(
  "concern",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    subjectId: uuid("subject_id")
      .notNull()
      .references(() => subjects.id, { onDelete: "cascade" }),
    category: concernCategory("category").notNull(),
    description: text("description").notNull(),
    /** A code from the partnership's scale of need, as it was when raised. */
    levelOfNeed: text("level_of_need").notNull(),
    noticedOn: date("noticed_on", { mode: "string" }).notNull(),
    status: concernStatus("status").notNull().default("OPEN"),
    raisedByUserId: uuid("raised_by_user_id").references(() => users.id),
    raisedAt: timestamp("raised_at", { withTimezone: true }).notNull().defaultNow(),
    acknowledgedByUserId: uuid("acknowledged_by_user_id").references(() => users.id),
    acknowledgedAt: timestamp("acknowledged_at", { withTimezone: true }),
    followUpAction: text("follow_up_action"),
    closedByUserId: uuid("closed_by_user_id").references(() => users.id),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    outcome: text("outcome"),
  },
  (t) => [index("concern_subject_idx").on(t.subjectId), index("concern_open_idx").on(t.organisationId, t.status)],
);

/**
 * The dated sequence of significant events for a child (docs/domain.md §1 "chronology"). Written by the
 * service that causes the event, in its transaction, through `addChronologyEntry`; later issues add
 * decisions and disclosures the same way. `ref` points at the entry's source for links and state.
 */
export const chronologyEntries = pgTable(
  "chronology_entry",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    subjectId: uuid("subject_id")
      .notNull()
      .references(() => subjects.id, { onDelete: "cascade" }),
    occurredOn: date("occurred_on", { mode: "string" }).notNull(),
    /** An item category, or "concern", "decision", "disclosure": what the chronology filters by. */
    category: text("category").notNull(),
    /** What happened, as a code: ITEM_RECORDED, ITEM_CORRECTED, CONCERN_RAISED, ... */
    kind: text("kind").notNull(),
    /**
     * The title as a message key ("group.code") and its parameters (codes, names, numbers), put into
     * words when read (`renderChronologyEntry`), so the entry can be read in another language.
     */
    code: text("code").notNull(),
    params: jsonb("params").$type<ChronologyParams>().notNull().default({}),
    /** What a person wrote (reasons, the item's text); may be empty. */
    summary: text("summary").notNull(),
    /** When set, the summary is this message (given the params and `summary` as {text}) instead. */
    summaryCode: text("summary_code"),
    refType: text("ref_type").notNull(),
    refId: uuid("ref_id").notNull(),
    recordedByUserId: uuid("recorded_by_user_id").references(() => users.id),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("chronology_entry_subject_idx").on(t.subjectId, t.occurredOn, t.recordedAt),
    // An erasure finds an item's entries by it: without this, erasing one item read every organisation's chronology.
    index("chronology_entry_item_ref_idx").on(t.refId).where(sql`ref_type = 'record_item'`),
  ],
);
