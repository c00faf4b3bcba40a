import { and, asc, count, desc, eq, inArray, ne, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { snapshotOf } from "../../../platform/audit/events";
import { inTransaction, recordEvent } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import { hasAnyRole, type Role } from "../../../platform/auth/roles";
import type { Db, Queryable, Tx } from "../../../platform/db/client";
import { offsetOf, type PageRange } from "../../../platform/db/page";
import { visibleTo } from "../../../platform/db/scope";
import { type FieldError, NotFoundError, NotPermittedError, ValidationError } from "../../../platform/errors";
import { message } from "../../../platform/messages";
import { users } from "../../organisations-and-users/schema";
import { fullName } from "../../records";
import { subjects } from "../../records/schema";
import { revokeDisclosureIn } from "../../sharing";
import type {} from "../audit-events";
import { type ClockState, clockState } from "../domain/clock";
import { clockText } from "../domain/clock-text";
import { instantOf, type NewBreachInput, newBreachInput } from "../domain/inputs";
import { type BreachWarning, breachWarnings, factProblems, TRANSITIONS } from "../domain/lifecycle";
import { BREACHES_MESSAGES } from "../domain/messages";
import { type BreachState, breachReference } from "../domain/vocabulary";
import { breaches, breachReports, breachSubjects } from "../schema";
import { linkedSubjectIds } from "./linked-people";
import { linkDisclosure, linkOriginators, loadBreachLinks } from "./parties";

const problems = BREACHES_MESSAGES.en.problems;

/** Who sees the register: the organisation's IG leads, and its auditors (who may not change it). */
const READ_ROLES: readonly Role[] = ["ig_lead", "auditor"];

export function assertReadsBreaches(actor: Actor): void {
  if (!hasAnyRole(actor.roles, READ_ROLES)) throw new NotPermittedError(problems.readersOnly);
}

export function assertWritesBreaches(actor: Actor): void {
  if (!actor.roles.includes("ig_lead")) throw new NotPermittedError(problems.igLeadsOnly);
}

export type BreachRow = typeof breaches.$inferSelect;
export type BreachReportRow = typeof breachReports.$inferSelect;

/**
 * When the breach's initial report was made: the clock stops there. The breach's id is named with its
 * table: in a one-table select drizzle writes columns unqualified, and inside this subquery a bare "id"
 * would be the report's own.
 */
export const initialReportAt =
  sql<Date | null>`(select (extract(epoch from ${breachReports.reportedAt}) * 1000)::float8 from ${breachReports}
  where ${breachReports.breachId} = ${sql.identifier("breach")}.${sql.identifier("id")} and ${breachReports.phase} = 'INITIAL')`.mapWith(
    (v: number | string | null) => (v === null ? null : new Date(Number(v))),
  );

/** Its clock is running: no initial report yet, and not assessed as no risk (an unassessed breach counts as a risk). */
const clockRunning: SQL = sql`(${initialReportAt} is null and ${breaches.risk} is distinct from 'NO_RISK')`;

/**
 * A report to the ICO is awaited: the clock runs on an open breach (one reassessed as a risk after it
 * was closed asks nothing more). What Your work lists and the clock's reminders are sent for.
 */
export const reportAwaited: SQL = and(ne(breaches.state, "CLOSED"), clockRunning)!;

/** The row, scoped to the actor's organisation; locked for a change. Another organisation's is not found. */
export async function loadBreachRow(
  q: Queryable,
  actor: Actor,
  id: string,
  lock = false,
): Promise<BreachRow & { initialReportAt: Date | null }> {
  const query = q
    .select({ breach: breaches, initialReportAt })
    .from(breaches)
    .where(and(eq(breaches.id, id), visibleTo(actor, breaches)));
  const [row] = lock ? await query.for("update", { of: breaches }) : await query;
  if (!row) throw new NotFoundError("The breach");
  return { ...row.breach, initialReportAt: row.initialReportAt };
}

/** The clock and what the breach still asks, for any view of it. */
function standing(b: BreachRow & { initialReportAt: Date | null }, now: Date) {
  const clock = clockState(b, now);
  return { clock, clockText: clockText(clock), warnings: breachWarnings(b, now), nextStates: TRANSITIONS[b.state] };
}

/** A breach as the register lists it: what happened, where it stands and its clock, never who it was about. */
export interface BreachSummary {
  id: string;
  reference: string;
  state: BreachState;
  risk: BreachRow["risk"];
  awareAt: Date;
  whatHappened: string;
  approxPeople: number | null;
  clock: ClockState;
  clockText: string;
  warnings: BreachWarning[];
  nextStates: readonly BreachState[];
  recordedAt: Date;
}

function summary(b: BreachRow & { initialReportAt: Date | null }, now: Date): BreachSummary {
  return {
    id: b.id,
    reference: breachReference(b.reference),
    state: b.state,
    risk: b.risk,
    awareAt: b.awareAt,
    whatHappened: b.whatHappened,
    approxPeople: b.approxPeople,
    ...standing(b, now),
    recordedAt: b.recordedAt,
  };
}

/**
 * The organisation's breach register, a page at a time: breaches whose ICO report is still to make
 * first, soonest due first (due at T0 + 72 hours, so by T0), then the rest, newest first. Names no
 * one, so nothing is recorded.
 */
export async function loadBreaches(
  db: Db,
  actor: Actor,
  range: PageRange,
  now = new Date(),
): Promise<{ rows: BreachSummary[]; total: number }> {
  assertReadsBreaches(actor);
  const where = visibleTo(actor, breaches);
  const [rows, [total]] = await Promise.all([
    db
      .select({ breach: breaches, initialReportAt })
      .from(breaches)
      .where(where)
      .orderBy(
        sql`${clockRunning} desc`,
        sql`case when ${clockRunning} then ${breaches.awareAt} end asc`,
        desc(breaches.awareAt),
        asc(breaches.id),
      )
      .limit(range.pageSize)
      .offset(offsetOf(range)),
    db.select({ n: count() }).from(breaches).where(where),
  ]);
  return { rows: rows.map((r) => summary({ ...r.breach, initialReportAt: r.initialReportAt }, now)), total: total?.n ?? 0 };
}

/** A breach in full: its facts, assessment, reports and the people affected, by name. */
export interface BreachDetail extends BreachSummary {
  occurredAt: Date | null;
  howDiscovered: string;
  types: BreachRow["types"];
  kinds: BreachRow["kinds"];
  cyber: boolean;
  dataCategories: BreachRow["dataCategories"];
  approxRecords: number | null;
  consequences: string;
  physicalRisk: boolean;
  physicalRiskDetail: string;
  measuresTaken: string;
  measuresProposed: string;
  riskReasoning: string | null;
  riskAssessedAt: Date | null;
  notReportedReasons: string | null;
  individualsToldAt: Date | null;
  lessonsLearned: string | null;
  closedAt: Date | null;
  disclosureId: string | null;
  recordedBy: string;
  people: { id: string; name: string; dateOfBirth: string | null }[];
  reports: BreachReportRow[];
  /** What it links (services/parties.ts): the decision behind its disclosure, the items involved, the other organisations told. */
  links: Awaited<ReturnType<typeof loadBreachLinks>>;
}

/**
 * One breach. It names the people affected, so reading it is a read of their records, recorded under
 * `view` (`personal_data.viewed`, with their ids).
 */
export async function viewBreach(db: Db, actor: Actor, id: string, view: string, now = new Date()): Promise<BreachDetail> {
  assertReadsBreaches(actor);
  const b = await loadBreachRow(db, actor, id);
  const recorder = alias(users, "breach_recorder");
  const [people, reports, [who], links] = await Promise.all([
    db
      .select({ id: subjects.id, givenNames: subjects.givenNames, familyName: subjects.familyName, dateOfBirth: subjects.dateOfBirth })
      .from(breachSubjects)
      .innerJoin(subjects, eq(subjects.id, breachSubjects.subjectId))
      .where(and(eq(breachSubjects.breachId, id), visibleTo(actor, breachSubjects), visibleTo(actor, subjects)))
      .orderBy(asc(subjects.familyName), asc(subjects.givenNames), asc(subjects.id)),
    db
      .select()
      .from(breachReports)
      .where(and(eq(breachReports.breachId, id), visibleTo(actor, breachReports)))
      .orderBy(asc(breachReports.reportedAt), asc(breachReports.recordedAt)),
    db.select({ name: recorder.name }).from(recorder).where(eq(recorder.id, b.recordedByUserId)),
    loadBreachLinks(db, actor, b),
  ]);
  await recordEvent(db, snapshotOf(actor), {
    type: "personal_data.viewed",
    entity: { type: "breach", id },
    details: { view, count: people.length, subjectIds: people.map((p) => p.id) },
  });
  return {
    ...summary(b, now),
    occurredAt: b.occurredAt,
    howDiscovered: b.howDiscovered,
    types: b.types,
    kinds: b.kinds,
    cyber: b.cyber,
    dataCategories: b.dataCategories,
    approxRecords: b.approxRecords,
    consequences: b.consequences,
    physicalRisk: b.physicalRisk,
    physicalRiskDetail: b.physicalRiskDetail,
    measuresTaken: b.measuresTaken,
    measuresProposed: b.measuresProposed,
    riskReasoning: b.riskReasoning,
    riskAssessedAt: b.riskAssessedAt,
    notReportedReasons: b.notReportedReasons,
    individualsToldAt: b.individualsToldAt,
    lessonsLearned: b.lessonsLearned,
    closedAt: b.closedAt,
    disclosureId: b.disclosureId,
    recordedBy: who?.name ?? "",
    people: people.map((p) => ({ id: p.id, name: fullName(p), dateOfBirth: p.dateOfBirth })),
    reports,
    links,
  };
}

/**
 * The ids of the people a breach names, for a change to them (web/people-pages.ts): ids only, which
 * name no one, so nothing is recorded. Another organisation's breach is not found.
 */
export async function breachSubjectIds(db: Db, actor: Actor, id: string): Promise<string[]> {
  assertWritesBreaches(actor);
  await loadBreachRow(db, actor, id);
  return linkedSubjectIds(db, actor, id);
}

/** The ids that are people of the actor's own organisation's records, each one not found becoming an error at its path. */
export async function checkSubjects(tx: Tx, actor: Actor, ids: readonly string[]): Promise<FieldError[]> {
  if (!ids.length) return [];
  const found = await tx
    .select({ id: subjects.id })
    .from(subjects)
    .where(and(visibleTo(actor, subjects), inArray(subjects.id, [...ids])));
  const ours = new Set(found.map((s) => s.id));
  return ids.flatMap((id, i) => (ours.has(id) ? [] : [{ path: `/subjectIds/${i}`, message: problems.notYourPerson }]));
}

/**
 * A new breach as `recordBreach` takes it, checked as it checks before it writes: the input's shape,
 * then T0 not in the future and the incident not after it. Throws a ValidationError with each problem;
 * "check your answers" calls it too, so it shows what recording would refuse without recording.
 */
export function checkNewBreach(raw: unknown, now: Date): NewBreachInput {
  const input = newBreachInput.parse(raw);
  const errors = factProblems(
    { awareAt: instantOf(input.awareAt), occurredAt: input.occurredAt ? instantOf(input.occurredAt) : null },
    now,
  );
  if (errors.length) throw new ValidationError(errors);
  return input;
}

/**
 * Records a breach on the register (IG leads; `BR-RECORD`). T0 must not be in the future, and the
 * incident not after T0. Raised from a disclosure the organisation sent, in the same transaction it
 * withdraws the recipient's access (sharing's revoke: the recipient can no longer open it), and links
 * the disclosure and the person it was about.
 */
export async function recordBreach(db: Db, actor: Actor, raw: unknown, now = new Date()): Promise<string> {
  assertWritesBreaches(actor);
  const input = checkNewBreach(raw, now);
  const awareAt = instantOf(input.awareAt);
  const occurredAt = input.occurredAt ? instantOf(input.occurredAt) : null;
  return inTransaction(db, async (tx, audit) => {
    const subjectErrors = await checkSubjects(tx, actor, input.subjectIds);
    if (subjectErrors.length) throw new ValidationError(subjectErrors);
    const { subjectIds, disclosureId, ...facts } = input;
    const [row] = await tx
      .insert(breaches)
      .values({ ...facts, awareAt, occurredAt, organisationId: actor.organisationId, disclosureId, recordedByUserId: actor.userId })
      .returning({ id: breaches.id, reference: breaches.reference });
    const { id, reference } = row!;
    const people = new Set(subjectIds);
    let accessRevoked = false;
    let contained: Awaited<ReturnType<typeof revokeDisclosureIn>> | undefined;
    if (disclosureId) {
      const reason = message(BREACHES_MESSAGES.en, "problems.containReason", { reference: breachReference(reference) });
      try {
        contained = await revokeDisclosureIn(tx, audit, actor, disclosureId, reason, now, { whenEnded: "accept" });
        people.add(contained.subjectId);
        accessRevoked = contained.revoked;
      } catch (e) {
        if (e instanceof NotFoundError) throw new ValidationError([{ path: "/disclosureId", message: problems.notYourDisclosure }]);
        throw e;
      }
    }
    if (people.size)
      await tx
        .insert(breachSubjects)
        .values([...people].map((subjectId) => ({ breachId: id, organisationId: actor.organisationId, subjectId })));
    audit.record(snapshotOf(actor), {
      type: "breach.recorded",
      entity: { type: "breach", id },
      details: { reference, subjects: people.size, subjectIds: [...people], disclosureId, accessRevoked },
    });
    // Raised from a disclosure: linked to its decision and items, its recipient asked to delete every copy (BR-CONTAIN).
    if (disclosureId && contained) await linkDisclosure(tx, audit, actor, id, { disclosureId, ...contained }, now);
    // Whose information it involves, each told within its agreement's term (BR-TELL-CONTROLLER).
    await linkOriginators(tx, audit, actor, id);
    return id;
  });
}
