import { and, asc, desc, eq, inArray, notInArray, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { snapshotOf } from "../../../platform/audit/events";
import { recordEvent } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import type { Db, Queryable } from "../../../platform/db/client";
import { offsetOf, type PageRange } from "../../../platform/db/page";
import { visibleTo } from "../../../platform/db/scope";
import { NotFoundError } from "../../../platform/errors";
import { agreementReference } from "../../agreements/domain";
import { agreements } from "../../agreements/schema";
import { organisations, users } from "../../organisations-and-users/schema";
import { assertWorksWithRecords, fullNameOf } from "../../records";
import { subjects } from "../../records/schema";
import { type RecordedWarning, recordedWarnings } from "../domain/evaluate-decision";
import { type DecisionStatus, emergencyRecordOverdue, requestReference } from "../domain/records";
import type { Outcome } from "../domain/vocabulary";
import { disclosures, informationRequests, shareDecisionAddenda, shareDecisions } from "../schema";
import type { DecisionRow } from "./deliver";
import type { DisclosureRow } from "./disclosures";

/**
 * Reading share decisions: an organisation's own, never another's (the recipient sees the
 * disclosure, not the decision behind it). Lists and the decision page are audited reads of the
 * people they show, as every record read is.
 */

export type AddendumRow = typeof shareDecisionAddenda.$inferSelect;
export interface DecisionSummary extends Omit<DecisionRow, "findings"> {
  /** Every warning raised when it was recorded, each saying whether the decider acknowledged it. */
  findings: RecordedWarning[];
  subjectName: string;
  recipientName: string | null;
  recipientUserName: string | null;
  /** "DSA-0007" for the agreement cited, if any. */
  agreementReference: string | null;
  /** The information request the decision answers, and who asked. */
  answersRequest: AnsweredRequest | null;
}
export interface AnsweredRequest {
  id: string;
  reference: string;
  requestingOrganisationId: string;
  requestingName: string;
  askedBy: string;
}
export interface DecisionDetail extends DecisionSummary {
  disclosure: DisclosureRow | null;
  addenda: AddendumRow[];
}

const recipientOrg = alias(organisations, "recipient_org");
const recipientUser = alias(users, "recipient_user");
const answered = alias(informationRequests, "answered_request");
const requester = alias(organisations, "requester_org");
const summaryColumns = {
  decision: shareDecisions,
  subjectName: fullNameOf(subjects),
  recipientName: recipientOrg.name,
  recipientUserName: recipientUser.name,
  agreementNumber: agreements.number,
  requestNumber: answered.number,
  requestingOrganisationId: answered.requestingOrganisationId,
  requestingName: requester.name,
  requestAskedBy: answered.requestedByName,
};

function summaries(q: Queryable) {
  return q
    .select(summaryColumns)
    .from(shareDecisions)
    .innerJoin(subjects, eq(subjects.id, shareDecisions.subjectId))
    .leftJoin(recipientOrg, eq(recipientOrg.id, shareDecisions.recipientOrganisationId))
    .leftJoin(recipientUser, eq(recipientUser.id, shareDecisions.recipientUserId))
    .leftJoin(agreements, eq(agreements.id, shareDecisions.agreementId))
    .leftJoin(answered, eq(answered.id, shareDecisions.informationRequestId))
    .leftJoin(requester, eq(requester.id, answered.requestingOrganisationId));
}

const flatten = (r: {
  decision: DecisionRow;
  subjectName: string;
  recipientName: string | null;
  recipientUserName: string | null;
  agreementNumber: number | null;
  requestNumber: number | null;
  requestingOrganisationId: string | null;
  requestingName: string | null;
  requestAskedBy: string | null;
}): DecisionSummary => ({
  ...r.decision,
  findings: recordedWarnings(r.decision.findings, r.decision.record.acknowledgedWarnings),
  subjectName: r.subjectName,
  recipientName: r.recipientName,
  recipientUserName: r.recipientUserName,
  agreementReference: r.agreementNumber === null ? null : agreementReference(r.agreementNumber),
  answersRequest:
    r.decision.informationRequestId && r.requestNumber !== null
      ? {
          id: r.decision.informationRequestId,
          reference: requestReference(r.requestNumber),
          requestingOrganisationId: r.requestingOrganisationId ?? "",
          requestingName: r.requestingName ?? "",
          askedBy: r.requestAskedBy ?? "",
        }
      : null,
});

export interface DecisionFilters {
  outcome?: Outcome[];
  status?: DecisionStatus[];
  subjectId?: string;
  /** Emergency shares whose full record is not yet complete, soonest due first. */
  emergencyOutstanding?: boolean;
  /** Only those whose full record is overdue (true), or only the others (false). */
  overdue?: boolean;
  /** Only the decisions this user made. */
  decidedBy?: string;
}

function decisionConditions(actor: Actor, filters: DecisionFilters): SQL {
  const conditions: SQL[] = [visibleTo(actor, shareDecisions)];
  if (filters.outcome?.length) conditions.push(inArray(shareDecisions.outcome, filters.outcome));
  if (filters.status?.length) conditions.push(inArray(shareDecisions.status, filters.status));
  if (filters.subjectId) conditions.push(eq(shareDecisions.subjectId, filters.subjectId));
  if (filters.decidedBy) conditions.push(eq(shareDecisions.decidedByUserId, filters.decidedBy));
  if (filters.emergencyOutstanding || filters.overdue === true) {
    conditions.push(sql`${shareDecisions.emergency} and ${shareDecisions.fullRecordCompletedAt} is null`);
  }
  return and(...conditions)!;
}

/**
 * The emergency-record deadlines of the decisions `viewDecisions` would list under the same filters,
 * and nothing about whom they concern: for a count, not a read.
 */
export async function loadDecisionDeadlines(db: Db, actor: Actor, filters: DecisionFilters) {
  assertWorksWithRecords(actor);
  return db
    .select({
      emergency: shareDecisions.emergency,
      fullRecordDueAt: shareDecisions.fullRecordDueAt,
      fullRecordCompletedAt: shareDecisions.fullRecordCompletedAt,
    })
    .from(shareDecisions)
    .where(decisionConditions(actor, filters));
}

/**
 * `overdue` as a query condition, so that a page and its count agree: whether a record is overdue is
 * the domain's one rule (`emergencyRecordOverdue`), not a second copy of it in SQL, applied to the
 * organisation's outstanding emergency records, which are few (each is due within days). The
 * decisions overdue now, or every decision but those.
 */
async function overdueCondition(db: Db, actor: Actor, overdue: boolean | undefined, now: Date): Promise<SQL | undefined> {
  if (overdue === undefined) return undefined;
  const outstanding = await db
    .select({
      id: shareDecisions.id,
      emergency: shareDecisions.emergency,
      fullRecordDueAt: shareDecisions.fullRecordDueAt,
      fullRecordCompletedAt: shareDecisions.fullRecordCompletedAt,
    })
    .from(shareDecisions)
    .where(and(visibleTo(actor, shareDecisions), sql`${shareDecisions.emergency} and ${shareDecisions.fullRecordCompletedAt} is null`));
  const ids = outstanding.filter((d) => emergencyRecordOverdue(d, now)).map((d) => d.id);
  return overdue ? inArray(shareDecisions.id, ids) : notInArray(shareDecisions.id, ids);
}

/** The organisation's decisions, newest first: shares and decisions not to share alike. */
export async function viewDecisions(
  db: Db,
  actor: Actor,
  filters: DecisionFilters,
  view: string,
  limit = 100,
  now = new Date(),
): Promise<DecisionSummary[]> {
  assertWorksWithRecords(actor);
  return viewDecisionRows(db, actor, filters, await decisionsWhere(db, actor, filters, now), { page: 1, pageSize: limit }, view);
}

/**
 * A page of the same list, for the API, and how many decisions match in all: an organisation's
 * decisions grow with every share, so they are paged in SQL. The read recorded names the people on
 * the page shown.
 */
export async function viewDecisionPage(
  db: Db,
  actor: Actor,
  filters: DecisionFilters,
  range: PageRange,
  view: string,
  now = new Date(),
): Promise<{ rows: DecisionSummary[]; total: number }> {
  assertWorksWithRecords(actor);
  const where = await decisionsWhere(db, actor, filters, now);
  const [rows, total] = await Promise.all([viewDecisionRows(db, actor, filters, where, range, view), db.$count(shareDecisions, where)]);
  return { rows, total };
}

async function decisionsWhere(db: Db, actor: Actor, filters: DecisionFilters, now: Date): Promise<SQL> {
  return and(decisionConditions(actor, filters), await overdueCondition(db, actor, filters.overdue, now))!;
}

async function viewDecisionRows(
  db: Db,
  actor: Actor,
  filters: DecisionFilters,
  where: SQL,
  range: PageRange,
  view: string,
): Promise<DecisionSummary[]> {
  // Overdue records are outstanding ones, and soonest due come first: the limit cannot cut one off.
  const outstanding = filters.emergencyOutstanding || filters.overdue === true;
  const rows = (
    await summaries(db)
      .where(where)
      // The id breaks ties, so pages neither repeat nor skip a decision.
      .orderBy(outstanding ? asc(shareDecisions.fullRecordDueAt) : desc(shareDecisions.decidedAt), asc(shareDecisions.id))
      .limit(range.pageSize)
      .offset(offsetOf(range))
  ).map(flatten);
  if (rows.length) {
    await recordEvent(db, snapshotOf(actor), {
      type: "personal_data.viewed",
      entity: { type: "organisation", id: actor.organisationId },
      details: { view, count: rows.length, subjectIds: [...new Set(rows.map((r) => r.subjectId))] },
    });
  }
  return rows;
}

/** One decision with its disclosure and addenda, if it is the actor's organisation's; an audited read. */
export async function viewDecision(db: Db, actor: Actor, id: string, view: string): Promise<DecisionDetail> {
  const detail = await loadDecision(db, actor, id);
  await recordEvent(db, snapshotOf(actor), {
    type: "personal_data.viewed",
    entity: { type: "subject", id: detail.subjectId },
    details: { view },
  });
  return detail;
}

/** The same, unaudited: for services that act on a decision and audit the action instead. */
export async function loadDecision(q: Queryable, actor: Actor, id: string): Promise<DecisionDetail> {
  assertWorksWithRecords(actor);
  const [row] = await summaries(q).where(and(eq(shareDecisions.id, id), visibleTo(actor, shareDecisions)));
  if (!row) throw new NotFoundError("The share decision");
  const [disclosure] = await q.select().from(disclosures).where(eq(disclosures.decisionId, id));
  const addenda = await q
    .select()
    .from(shareDecisionAddenda)
    .where(eq(shareDecisionAddenda.decisionId, id))
    .orderBy(asc(shareDecisionAddenda.addedAt));
  return { ...flatten(row), disclosure: disclosure ?? null, addenda };
}

export const decisionReference = (number: number) => `SD-${String(number).padStart(6, "0")}`;

/** The decision the actor's organisation recorded under this idempotency key, if any: for a second tab finding the first's decision. */
export async function decisionIdByKey(q: Queryable, actor: Actor, key: string): Promise<string | undefined> {
  const [row] = await q
    .select({ id: shareDecisions.id })
    .from(shareDecisions)
    .where(and(visibleTo(actor, shareDecisions), eq(shareDecisions.idempotencyKey, key)));
  return row?.id;
}
