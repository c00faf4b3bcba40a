import { sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import {
  bigint,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { type AgreementContent, TIERS } from "../../features/agreements/domain/content";
import { AGREEMENT_STATUSES, VERSION_KINDS, VERSION_STATES } from "../../features/agreements/domain/lifecycle";
import { ORGANISATION_TYPES } from "../../features/organisations-and-users/domain/organisation";
import { ITEM_CATEGORIES, SUBJECT_KINDS } from "../../features/records/domain/information";
import { SUBJECT_LINK_KINDS } from "../../features/records/domain/links";
import type { ChronologyParams } from "../../features/records/domain/messages";
import {
  ACCURACY_STATES,
  CONCERN_CATEGORIES,
  CONCERN_STATUSES,
  RECORD_ITEM_KINDS,
  SOURCE_METHODS,
} from "../../features/records/domain/records";
import { ROLES } from "../auth/roles";

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

const createdAt = () => timestamp("created_at", { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true }).notNull().defaultNow();

export const organisationType = pgEnum("organisation_type", ORGANISATION_TYPES);
export const role = pgEnum("role", ROLES);

export const organisations = pgTable(
  "organisation",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    type: organisationType("type").notNull(),
    icoRegistration: text("ico_registration"),
    isPublicAuthority: boolean("is_public_authority").notNull(),
    dpoName: text("dpo_name"),
    dpoEmail: text("dpo_email"),
    dpoPhone: text("dpo_phone"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("organisation_name_key").on(sql`lower(${t.name})`)],
);

export const users = pgTable(
  "app_user",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    email: text("email").notNull(),
    name: text("name").notNull(),
    roles: role("roles").array().notNull(),
    /** Null until the invited user chooses a password. */
    passwordHash: text("password_hash"),
    totpSecret: text("totp_secret"),
    mfaEnabledAt: timestamp("mfa_enabled_at", { withTimezone: true }),
    /** The last TOTP time step accepted, so a code cannot be replayed within its window (ASVS 2.8.4). */
    totpLastStep: bigint("totp_last_step", { mode: "number" }),
    failedSignIns: integer("failed_sign_ins").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    /** Wrong second factors have their own count, reset only by a right one, so a known password cannot reset it. */
    failedSecondFactors: integer("failed_second_factors").notNull().default(0),
    secondFactorLockedUntil: timestamp("second_factor_locked_until", { withTimezone: true }),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
    deactivatedAt: timestamp("deactivated_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("app_user_email_key").on(sql`lower(${t.email})`), index("app_user_organisation_idx").on(t.organisationId)],
);

/**
 * Rate limiter state (@fastify/rate-limit's store, src/platform/http/rate-limit.ts), shared by every app
 * node. A key names the limit and whom it counts: a client address, or an account as an HMAC of
 * its email, never the email itself. Expired buckets are deleted by housekeeping.
 */
export const rateLimitBuckets = pgTable("rate_limit_bucket", {
  key: text("key").primaryKey(),
  hits: integer("hits").notNull(),
  resetsAt: timestamp("resets_at", { withTimezone: true }).notNull(),
});

/** Server-side sessions. Only a SHA-256 of the cookie token is stored, so a database read cannot hijack a session. */
export const sessions = pgTable(
  "session",
  {
    tokenHash: bytea("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    /** When a second factor was checked in this session; null for a password-only session, whatever the user's roles. */
    mfaVerifiedAt: timestamp("mfa_verified_at", { withTimezone: true }),
  },
  (t) => [index("session_user_idx").on(t.userId)],
);

export const recoveryCodes = pgTable(
  "recovery_code",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: bytea("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("recovery_code_user_idx").on(t.userId)],
);

/** One-time links with which invited users set their first password. */
export const invitations = pgTable("invitation", {
  tokenHash: bytea("token_hash").primaryKey(),
  userId: uuid("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
  usedAt: timestamp("used_at", { withTimezone: true }),
  createdAt: createdAt(),
});

/** Keys generated on first start (cookie signing); kept in the database so every app node agrees. */
export const appSecrets = pgTable("app_secret", {
  name: text("name").primaryKey(),
  value: bytea("value").notNull(),
  createdAt: createdAt(),
});

/**
 * The audit log. `body` holds the event's canonical JSON bytes exactly as hashed; the other
 * columns are generated from it, so they can be indexed but never disagree with what was hashed.
 * UPDATE, DELETE and TRUNCATE are rejected by triggers (migration 0001).
 */
export const auditEvents = pgTable(
  "audit_event",
  {
    seq: bigint("seq", { mode: "number" }).primaryKey(),
    prevHash: bytea("prev_hash").notNull(),
    hash: bytea("hash").notNull(),
    body: text("body").notNull(),
    type: text("type").generatedAlwaysAs(sql`(body::jsonb ->> 'type')`),
    at: text("at").generatedAlwaysAs(sql`(body::jsonb ->> 'at')`),
    actorUserId: text("actor_user_id").generatedAlwaysAs(sql`(body::jsonb -> 'actor' ->> 'userId')`),
    organisationId: text("organisation_id").generatedAlwaysAs(sql`(body::jsonb ->> 'organisationId')`),
    entityType: text("entity_type").generatedAlwaysAs(sql`(body::jsonb -> 'entity' ->> 'type')`),
    entityId: text("entity_id").generatedAlwaysAs(sql`(body::jsonb -> 'entity' ->> 'id')`),
  },
  (t) => [
    index("audit_event_organisation_idx").on(t.organisationId, t.seq),
    index("audit_event_entity_idx").on(t.entityType, t.entityId),
    index("audit_event_type_idx").on(t.type, t.seq),
  ],
);

/** The chain head: one row, locked only for the instant a transaction appends its events. */
export const auditHead = pgTable("audit_head", {
  id: integer("id").primaryKey(),
  seq: bigint("seq", { mode: "number" }).notNull(),
  hash: bytea("hash").notNull(),
});

export const agreementTier = pgEnum("agreement_tier", TIERS);
export const agreementStatus = pgEnum("agreement_status", AGREEMENT_STATUSES);
export const agreementVersionState = pgEnum("agreement_version_state", VERSION_STATES);
export const agreementVersionKind = pgEnum("agreement_version_kind", VERSION_KINDS);

/**
 * The register: one row per Data Sharing Agreement, holding its lifecycle and review dates. The terms
 * live in `agreement_version`; `title` and `tier` are copied from the latest version for listing.
 */
export const agreements = pgTable(
  "agreement",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** Human reference, shown as DSA-0001. */
    number: integer("number").generatedAlwaysAsIdentity().notNull().unique(),
    title: text("title").notNull(),
    tier: agreementTier("tier").notNull(),
    parentAgreementId: uuid("parent_agreement_id").references((): AnyPgColumn => agreements.id),
    ownerOrganisationId: uuid("owner_organisation_id")
      .notNull()
      .references(() => organisations.id),
    status: agreementStatus("status").notNull().default("DRAFT"),
    /** The version sharing checks cite; null until every party has signed the first one. */
    inForceVersion: integer("in_force_version"),
    latestVersion: integer("latest_version").notNull().default(1),
    inForceSince: date("in_force_since", { mode: "string" }),
    lastReviewedOn: date("last_reviewed_on", { mode: "string" }),
    nextReviewDate: date("next_review_date", { mode: "string" }),
    /** Why it was last suspended, returned to draft, expired or terminated. */
    statusReason: text("status_reason"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index("agreement_owner_idx").on(t.ownerOrganisationId), index("agreement_parent_idx").on(t.parentAgreementId)],
);

/** Every version of an agreement's terms. A version is edited only while DRAFT; once signed it never changes. */
export const agreementVersions = pgTable(
  "agreement_version",
  {
    agreementId: uuid("agreement_id")
      .notNull()
      .references(() => agreements.id),
    version: integer("version").notNull(),
    state: agreementVersionState("state").notNull().default("DRAFT"),
    kind: agreementVersionKind("kind").notNull().default("ORIGINAL"),
    content: jsonb("content").$type<AgreementContent>().notNull(),
    /** What changed and why, for a variation or accession. */
    changeSummary: text("change_summary"),
    /** The organisations whose signatures bring this version into force (an accession needs only the new party's). */
    requiredSignatories: uuid("required_signatories").array().notNull().default(sql`'{}'::uuid[]`),
    createdByUserId: uuid("created_by_user_id").references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    cameIntoForceAt: timestamp("came_into_force_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.version] })],
);

/** Organisations that are a party to any live version: who may see the agreement while it is a draft. */
export const agreementParties = pgTable(
  "agreement_party",
  {
    agreementId: uuid("agreement_id")
      .notNull()
      .references(() => agreements.id),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.organisationId] }), index("agreement_party_organisation_idx").on(t.organisationId)],
);

export const signatureKind = pgEnum("agreement_signature_kind", ["SIGNATURE", "ACCESSION"]);

/** A party's signature on one version, made by its named signatory after re-entering their password. */
export const agreementSignatures = pgTable(
  "agreement_signature",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    agreementId: uuid("agreement_id")
      .notNull()
      .references(() => agreements.id),
    version: integer("version").notNull(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    kind: signatureKind("kind").notNull(),
    /** Name and job title as they were when signing. */
    signatoryName: text("signatory_name").notNull(),
    signatoryJobTitle: text("signatory_job_title").notNull(),
    signedAt: timestamp("signed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("agreement_signature_once").on(t.agreementId, t.version, t.organisationId)],
);

export const subjectKind = pgEnum("subject_kind", SUBJECT_KINDS);

/**
 * A person an organisation holds records about (domain.md §1 "subject"). Owned by one organisation;
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
 * One version of one piece of information about a subject, with its provenance (domain.md §1
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
 * The dated sequence of significant events for a child (domain.md §1 "chronology"). Written by the
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
  (t) => [index("chronology_entry_subject_idx").on(t.subjectId, t.occurredOn, t.recordedAt)],
);

/** Partnership-wide settings an administrator may change (e.g. the scale of need), as JSON per key. */
export const partnershipSettings = pgTable("partnership_setting", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedByUserId: uuid("updated_by_user_id").references(() => users.id),
  updatedAt: updatedAt(),
});

/**
 * A long form's answers saved server-side as the user goes (brief: "Long forms save drafts
 * server-side"), so an expired session loses nothing. One draft per user, form and key.
 */
export const formDrafts = pgTable(
  "form_draft",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    form: text("form").notNull(),
    /** What the draft is for within the form, e.g. the subject an item is being added to. */
    key: text("key").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("form_draft_once").on(t.userId, t.form, t.key)],
);
