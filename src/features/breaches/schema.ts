import { sql } from "drizzle-orm";
import {
  boolean,
  check,
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
import { createdAt, updatedAt } from "../../platform/db/columns";
import { organisations, users } from "../organisations-and-users/schema";
import { recordItems, subjects } from "../records/schema";
import { disclosures, shareDecisions } from "../sharing/schema";
import type { IcoForm } from "./domain/ico-form";
import {
  BREACH_DATA_CATEGORIES,
  BREACH_KINDS,
  BREACH_PARTY_ROLES,
  BREACH_RISKS,
  BREACH_STATES,
  BREACH_TYPES,
  NOTICE_AUDIENCES,
  NOTICE_STATES,
  REPORT_PHASES,
} from "./domain/vocabulary";

/** The personal data breach register (issue 22; docs/domain.md §7): every breach, reported or not (BR-RECORD). */

export const breachState = pgEnum("breach_state", BREACH_STATES);
export const breachRisk = pgEnum("breach_risk", BREACH_RISKS);
export const breachType = pgEnum("breach_type", BREACH_TYPES);
export const breachKind = pgEnum("breach_kind", BREACH_KINDS);
export const breachDataCategory = pgEnum("breach_data_category", BREACH_DATA_CATEGORIES);
export const breachReportPhase = pgEnum("breach_report_phase", REPORT_PHASES);
export const breachPartyRole = pgEnum("breach_party_role", BREACH_PARTY_ROLES);
export const breachNoticeAudience = pgEnum("breach_notice_audience", NOTICE_AUDIENCES);
export const breachNoticeState = pgEnum("breach_notice_state", NOTICE_STATES);

/**
 * A breach on its organisation's register, seen only by that organisation's IG leads and auditors. The
 * clock runs from `awareAt` (T0, the moment of awareness, not the incident's): a report to the ICO is
 * due at T0 + 72 hours unless the breach is assessed as no risk to people (BR-72H).
 */
export const breaches = pgTable(
  "breach",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    /** A short number people quote ("BR-12"). */
    reference: integer("reference").generatedAlwaysAsIdentity().notNull(),
    awareAt: timestamp("aware_at", { withTimezone: true }).notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }),
    howDiscovered: text("how_discovered").notNull(),
    whatHappened: text("what_happened").notNull(),
    types: breachType("types").array().notNull(),
    kinds: breachKind("kinds").array().notNull(),
    cyber: boolean("cyber").notNull(),
    dataCategories: breachDataCategory("data_categories").array().notNull().default(sql`'{}'`),
    approxPeople: integer("approx_people"),
    approxRecords: integer("approx_records"),
    consequences: text("consequences").notNull().default(""),
    /** Someone may come to physical harm (an address revealed to an abuser), and how. */
    physicalRisk: boolean("physical_risk").notNull().default(false),
    physicalRiskDetail: text("physical_risk_detail").notNull().default(""),
    measuresTaken: text("measures_taken").notNull().default(""),
    measuresProposed: text("measures_proposed").notNull().default(""),
    state: breachState("state").notNull().default("DISCOVERED"),
    risk: breachRisk("risk"),
    riskReasoning: text("risk_reasoning"),
    riskAssessedAt: timestamp("risk_assessed_at", { withTimezone: true }),
    riskAssessedByUserId: uuid("risk_assessed_by_user_id").references(() => users.id),
    /** Why it was not reported to the ICO (BR-RECORD). */
    notReportedReasons: text("not_reported_reasons"),
    individualsToldAt: timestamp("individuals_told_at", { withTimezone: true }),
    lessonsLearned: text("lessons_learned"),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    /** The disclosure it was raised from, whose recipient's access was withdrawn when it was recorded. */
    disclosureId: uuid("disclosure_id").references(() => disclosures.id),
    /** The share decision behind that disclosure: the breach links to the decision, the disclosure and its items. */
    decisionId: uuid("decision_id").references(() => shareDecisions.id),
    /**
     * When the IG leads were reminded at 80 % of the 72 hours, and told again once they had passed
     * (BR-72H): the clock's sweep sets each once, so nobody is told twice.
     */
    reminderSentAt: timestamp("reminder_sent_at", { withTimezone: true }),
    escalatedAt: timestamp("escalated_at", { withTimezone: true }),
    recordedByUserId: uuid("recorded_by_user_id")
      .notNull()
      .references(() => users.id),
    recordedAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("breach_organisation_idx").on(t.organisationId, t.state, t.awareAt),
    index("breach_disclosure_idx").on(t.disclosureId),
    check("breach_occurred_not_after_awareness", sql`${t.occurredAt} is null or ${t.occurredAt} <= ${t.awareAt}`),
    check("breach_closed_with_lessons", sql`${t.state} <> 'CLOSED' or ${t.lessonsLearned} is not null`),
    check("breach_not_reported_with_reasons", sql`${t.state} <> 'NOT_REPORTED' or ${t.notReportedReasons} is not null`),
  ],
);

/** The people a breach affected, when known: linked subjects of the organisation's own records. */
export const breachSubjects = pgTable(
  "breach_subject",
  {
    breachId: uuid("breach_id")
      .notNull()
      .references(() => breaches.id),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    subjectId: uuid("subject_id")
      .notNull()
      .references(() => subjects.id),
  },
  (t) => [primaryKey({ columns: [t.breachId, t.subjectId] }), index("breach_subject_subject_idx").on(t.subjectId)],
);

/**
 * Each report made to the ICO, in phases (UK GDPR Art 33(4)): the initial report, then follow-ups citing
 * the ICO's case reference. Every report is kept with a snapshot of the form's fields as reported.
 */
export const breachReports = pgTable(
  "breach_report",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    breachId: uuid("breach_id")
      .notNull()
      .references(() => breaches.id),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    phase: breachReportPhase("phase").notNull(),
    reportedAt: timestamp("reported_at", { withTimezone: true }).notNull(),
    icoCaseReference: text("ico_case_reference"),
    /** Why it was made more than 72 hours after T0 (BR-72H); empty when on time. */
    delayReasons: text("delay_reasons").notNull().default(""),
    form: jsonb("form").$type<IcoForm>().notNull(),
    recordedByUserId: uuid("recorded_by_user_id")
      .notNull()
      .references(() => users.id),
    recordedAt: createdAt(),
  },
  (t) => [
    index("breach_report_breach_idx").on(t.breachId, t.reportedAt),
    uniqueIndex("breach_report_one_initial").on(t.breachId).where(sql`phase = 'INITIAL'`),
    check("breach_report_follow_up_cites_case", sql`${t.phase} = 'INITIAL' or ${t.icoCaseReference} is not null`),
  ],
);

/** The record items a breach involved, when known: the sender's item versions a misdirected share disclosed. */
export const breachItems = pgTable(
  "breach_item",
  {
    breachId: uuid("breach_id")
      .notNull()
      .references(() => breaches.id),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    itemId: uuid("item_id")
      .notNull()
      .references(() => recordItems.id),
  },
  (t) => [primaryKey({ columns: [t.breachId, t.itemId] }), index("breach_item_item_idx").on(t.itemId)],
);

/**
 * Another organisation a breach involves, and what passes between them. Each side sees the row: the
 * breach's organisation (`organisationId`) and the party (`partyOrganisationId`), which sees the
 * breach's status but not its register.
 * - WRONG_RECIPIENT: a share went to it by mistake; its access was withdrawn and it is asked to confirm
 *   it deleted any copy (BR-CONTAIN).
 * - ORIGINATOR: the breach involves information it shared; it is told within its agreement's breach
 *   notice term, `tellBy` (BR-TELL-CONTROLLER).
 */
export const breachParties = pgTable(
  "breach_party",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    breachId: uuid("breach_id")
      .notNull()
      .references(() => breaches.id),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    partyOrganisationId: uuid("party_organisation_id")
      .notNull()
      .references(() => organisations.id),
    role: breachPartyRole("role").notNull(),
    /** The disclosure between them: the one sent by mistake, or one the party sent whose information is involved. */
    disclosureId: uuid("disclosure_id").references(() => disclosures.id),
    /** The agreement's breach notice term in hours, when one covers it; the deadline to tell the party. */
    termHours: integer("term_hours"),
    tellBy: timestamp("tell_by", { withTimezone: true }).notNull(),
    /** When the party's people were notified (by the job queue). */
    toldAt: timestamp("told_at", { withTimezone: true }),
    /** A wrong recipient's confirmation that it deleted any copy, by whom and what they said. */
    deletionConfirmedAt: timestamp("deletion_confirmed_at", { withTimezone: true }),
    deletionConfirmedByUserId: uuid("deletion_confirmed_by_user_id").references(() => users.id),
    deletionConfirmedByName: text("deletion_confirmed_by_name"),
    deletionNote: text("deletion_note"),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("breach_party_one_per_role").on(t.breachId, t.partyOrganisationId, t.role),
    index("breach_party_party_idx").on(t.partyOrganisationId, t.createdAt),
    index("breach_party_untold_idx").on(t.tellBy).where(sql`told_at is null`),
  ],
);

/**
 * A notice telling someone about a breach that is a high risk to them (Art 34; BR-TELL-INDIVIDUALS),
 * written for a parent or carer or for the young person, about one person affected (`subjectId`) and
 * addressed to `addresseeSubjectId` (that person, or a parent or carer linked to them). Before it is
 * sent it passes the safeguarding check (BR-NOTICE-SAFE): never to someone recorded as an alleged
 * perpetrator towards the child; withheld, with the reason, where telling would increase the risk.
 */
export const breachNotices = pgTable(
  "breach_notice",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    breachId: uuid("breach_id")
      .notNull()
      .references(() => breaches.id),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    subjectId: uuid("subject_id")
      .notNull()
      .references(() => subjects.id),
    addresseeSubjectId: uuid("addressee_subject_id")
      .notNull()
      .references(() => subjects.id),
    audience: breachNoticeAudience("audience").notNull(),
    body: text("body").notNull(),
    state: breachNoticeState("state").notNull().default("DRAFT"),
    withheldReason: text("withheld_reason"),
    /** How it went (letter, in person, by phone), when, and who recorded it. */
    sentHow: text("sent_how"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    decidedByUserId: uuid("decided_by_user_id").references(() => users.id),
    createdByUserId: uuid("created_by_user_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index("breach_notice_breach_idx").on(t.breachId, t.createdAt),
    check("breach_notice_withheld_with_reason", sql`${t.state} <> 'WITHHELD' or ${t.withheldReason} is not null`),
    check("breach_notice_sent_recorded", sql`${t.state} <> 'SENT' or (${t.sentAt} is not null and ${t.sentHow} is not null)`),
  ],
);
