import { sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { date, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, updatedAt } from "../../platform/db/columns";
import { organisations, users } from "../organisations-and-users/schema";
import { type AgreementContent, TIERS } from "./domain/content";
import { AGREEMENT_STATUSES, VERSION_KINDS, VERSION_STATES } from "./domain/lifecycle";

/**
 * Data Sharing Agreements (docs/domain.md §5): the register, every version of the terms, the parties and their signatures.
 */

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
    /** The review date its owner was last told is coming up (issue 19): told once per review date, by the daily job. */
    reviewDueNotifiedFor: date("review_due_notified_for", { mode: "string" }),
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
