import { and, asc, desc, eq, getTableColumns, inArray, notInArray, type SQL, sql } from "drizzle-orm";
import type { Actor } from "../../../platform/auth/actor";
import { today } from "../../../platform/dates/calendar";
import type { Db, Tx } from "../../../platform/db/client";
import { offsetOf, type PageRange } from "../../../platform/db/page";
import { visibleTo } from "../../../platform/db/scope";
import { NotFoundError, NotPermittedError } from "../../../platform/errors";
import { organisations } from "../../organisations-and-users/schema";
import { subjects } from "../../records/schema";
import { CLOCK_NOT_STARTED, currentDueOn, type RightsClockStatus, rightsClockStatus } from "../domain/deadlines";
import { ANSWERED_STATES, type RightsState } from "../domain/vocabulary";
import { rightsRequestEvents, rightsRequestSubjects, rightsRequests } from "../schema";
import { harmRiskNow } from "./pack-safety";

/**
 * Rights requests (issue 6) as they are read: one per organisation asked (each answers for its own
 * data under one public reference), each with where it stands against its statutory clock. Only the
 * organisation's IG leads work on them.
 */

export type RightsRequestRow = typeof rightsRequests.$inferSelect;

/** A request as read: its row, with whether it needs a safety check worked out now rather than when a person was attached. */
const requestColumns = { ...getTableColumns(rightsRequests), harmRisk: harmRiskNow };

export function assertIgLead(actor: Actor): void {
  if (!actor.roles.includes("ig_lead")) throw new NotPermittedError("Only IG leads work on rights requests");
}

/** A request with where it stands against its clock, as every list and page shows it. */
export interface RightsRequestListed extends RightsRequestRow {
  /** Where it stands against its clock today: computed once, here, for everything that shows it. */
  clock: RightsClockStatus;
}

const withClock = <R extends Parameters<typeof rightsClockStatus>[0]>(row: R, now: Date): R & { clock: RightsClockStatus } => ({
  ...row,
  clock: rightsClockStatus(row, today(now)),
});

export interface RightsRequestView extends RightsRequestListed {
  subjects: { id: string; name: string; kind: string }[];
  events: (typeof rightsRequestEvents.$inferSelect)[];
  /** The other organisations asked under the same reference, each answering for its own data. */
  partners: { organisation: string; state: RightsState; dueOn: string | null }[];
}

/** The organisation's requests not yet answered. */
const openRequests = (actor: Actor) => and(visibleTo(actor, rightsRequests), notInArray(rightsRequests.state, [...ANSWERED_STATES]));

/**
 * The clocks of the organisation's open requests, and nothing about who made them or whom they are
 * about: for a count, not a read.
 */
export async function loadOpenRequestClocks(db: Db, actor: Actor, now = new Date()) {
  assertIgLead(actor);
  const rows = await db
    .select({
      state: rightsRequests.state,
      dueOn: rightsRequests.dueOn,
      acknowledgeBy: rightsRequests.acknowledgeBy,
      acknowledgedOn: rightsRequests.acknowledgedOn,
    })
    .from(rightsRequests)
    .where(openRequests(actor));
  return rows.map((r) => withClock(r, now));
}

/** Open requests first, soonest due first: the IG lead's dashboard. */
export async function loadRightsRequests(
  db: Db,
  actor: Actor,
  options: { includeClosed?: boolean } = {},
  now = new Date(),
): Promise<RightsRequestListed[]> {
  assertIgLead(actor);
  return loadRightsRequestRows(db, rightsRequestsWhere(actor, options), { page: 1, pageSize: 500 }, now);
}

/**
 * A page of the same list, for the API, and how many there are in all: closed requests stay on it for
 * good, so it is paged in SQL.
 */
export async function loadRightsRequestPage(
  db: Db,
  actor: Actor,
  options: { includeClosed?: boolean },
  range: PageRange,
  now = new Date(),
): Promise<{ rows: RightsRequestListed[]; total: number }> {
  assertIgLead(actor);
  const where = rightsRequestsWhere(actor, options);
  const [rows, total] = await Promise.all([loadRightsRequestRows(db, where, range, now), db.$count(rightsRequests, where)]);
  return { rows, total };
}

const rightsRequestsWhere = (actor: Actor, options: { includeClosed?: boolean }) =>
  options.includeClosed ? visibleTo(actor, rightsRequests) : openRequests(actor);

async function loadRightsRequestRows(db: Db, where: SQL | undefined, range: PageRange, now: Date): Promise<RightsRequestListed[]> {
  const rows = await db
    .select(requestColumns)
    .from(rightsRequests)
    .where(where)
    // Soonest due first; those whose clock has not started have no due date yet, so come after. The id breaks ties.
    .orderBy(
      inArray(rightsRequests.state, [...CLOCK_NOT_STARTED]),
      asc(rightsRequests.dueOn),
      desc(rightsRequests.createdAt),
      asc(rightsRequests.id),
    )
    .limit(range.pageSize)
    .offset(offsetOf(range));
  return rows.map((r) => withClock(r, now));
}

export async function loadRightsRequest(db: Db | Tx, actor: Actor, id: string, now = new Date()): Promise<RightsRequestView> {
  assertIgLead(actor);
  const [row] = await db
    .select(requestColumns)
    .from(rightsRequests)
    .where(and(eq(rightsRequests.id, id), visibleTo(actor, rightsRequests)));
  if (!row) throw new NotFoundError("The rights request");
  const [attached, events, partners] = await Promise.all([
    db
      .select({ id: subjects.id, given: subjects.givenNames, family: subjects.familyName, kind: subjects.kind })
      .from(rightsRequestSubjects)
      .innerJoin(subjects, eq(subjects.id, rightsRequestSubjects.subjectId))
      .where(eq(rightsRequestSubjects.requestId, id)),
    db.select().from(rightsRequestEvents).where(eq(rightsRequestEvents.requestId, id)).orderBy(asc(rightsRequestEvents.at)),
    // One request to the partnership is one row per organisation: only its state is shared between them.
    db
      .select({ organisation: organisations.name, state: rightsRequests.state, dueOn: rightsRequests.dueOn })
      .from(rightsRequests)
      .innerJoin(organisations, eq(organisations.id, rightsRequests.organisationId))
      .where(and(eq(rightsRequests.publicReference, row.publicReference), sql`${rightsRequests.id} <> ${id}`))
      .orderBy(organisations.name),
  ]);
  return {
    ...withClock(row, now),
    subjects: attached.map((s) => ({ id: s.id, name: `${s.given} ${s.family}`, kind: s.kind })),
    events,
    partners: partners.map((p) => ({ ...p, dueOn: currentDueOn(p) })),
  };
}

/**
 * The request from its id, or as the caller already loaded it for this actor: a page that shows
 * several things about one request reads the request once.
 */
export function requestFor(db: Db, actor: Actor, request: string | RightsRequestView): Promise<RightsRequestView> {
  return typeof request === "string" ? loadRightsRequest(db, actor, request) : Promise.resolve(request);
}

/** The request, locked for the change about to be made to it. */
export async function lockedRequest(tx: Tx, actor: Actor, id: string): Promise<RightsRequestRow> {
  const [row] = await tx
    .select(requestColumns)
    .from(rightsRequests)
    .where(and(eq(rightsRequests.id, id), visibleTo(actor, rightsRequests)))
    .for("update");
  if (!row) throw new NotFoundError("The rights request");
  return row;
}
