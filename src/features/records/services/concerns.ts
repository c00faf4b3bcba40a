import { and, asc, desc, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { snapshotOf } from "../../../platform/audit/events";
import { inTransaction, recordEvent } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import { hasAnyRole } from "../../../platform/auth/roles";
import { today } from "../../../platform/dates/calendar";
import type { Db, Tx } from "../../../platform/db/client";
import { offsetOf, type PageRange } from "../../../platform/db/page";
import { visibleTo } from "../../../platform/db/scope";
import { ConflictError, NotFoundError, NotPermittedError, ValidationError } from "../../../platform/errors";
import { users } from "../../organisations-and-users/schema";
import { levelsOfNeed } from "../../settings";
import type {} from "../audit-events";
import { acknowledgeConcernInput, CONCERN_SUBJECT_KINDS, closeConcernInput, concernInput } from "../domain/records";
import { concerns, subjects } from "../schema";
import { assertWorksWithRecords, loadSubject, RECORD_OVERSIGHT_ROLES, recordRead } from "./access";
import { addChronologyEntry } from "./chronology";
import { warnOfProtectedDetails } from "./protected-details";

export type ConcernRow = typeof concerns.$inferSelect;
export type Concern = ConcernRow & { raisedByName: string | null; acknowledgedByName: string | null; closedByName: string | null };

const raisedBy = alias(users, "raised_by");
const acknowledgedBy = alias(users, "acknowledged_by");
const closedBy = alias(users, "closed_by");
const withNames = {
  concern: concerns,
  raisedByName: raisedBy.name,
  acknowledgedByName: acknowledgedBy.name,
  closedByName: closedBy.name,
};
type Joined = { concern: ConcernRow; raisedByName: string | null; acknowledgedByName: string | null; closedByName: string | null };
const flatten = ({ concern, ...names }: Joined): Concern => ({ ...concern, ...names });

function selectConcerns(db: Db) {
  return db
    .select(withNames)
    .from(concerns)
    .leftJoin(raisedBy, eq(raisedBy.id, concerns.raisedByUserId))
    .leftJoin(acknowledgedBy, eq(acknowledgedBy.id, concerns.acknowledgedByUserId))
    .leftJoin(closedBy, eq(closedBy.id, concerns.closedByUserId));
}

/** Any practitioner may raise a concern about a child their organisation holds; it goes straight to the DSLs. */
export async function raiseConcern(db: Db, actor: Actor, subjectId: string, raw: unknown): Promise<Concern> {
  assertWorksWithRecords(actor);
  const { acknowledgedWarnings, ...input } = concernInput.parse(raw);
  const id = await inTransaction(db, async (tx, audit) => {
    const subject = await loadSubject(tx, actor, subjectId);
    if (!(CONCERN_SUBJECT_KINDS as readonly string[]).includes(subject.kind))
      throw new ValidationError([{ path: "/subjectId", message: "Concerns are raised about a child: record this on the child's page" }]);
    const scale = await levelsOfNeed(tx);
    if (!scale.some((l) => l.code === input.levelOfNeed))
      throw new ValidationError([
        { path: "/levelOfNeed", message: `Select a level of need from the scale: ${scale.map((l) => l.label).join(", ")}` },
      ]);
    await warnOfProtectedDetails(tx, actor, subjectId, [{ path: "/description", text: input.description }], acknowledgedWarnings);
    const [row] = await tx
      .insert(concerns)
      .values({ ...input, organisationId: subject.organisationId, subjectId, raisedByUserId: actor.userId })
      .returning({ id: concerns.id });
    const concernId = row!.id;
    await addChronologyEntry(tx, {
      organisationId: subject.organisationId,
      subjectId,
      occurredOn: input.noticedOn,
      category: "concern",
      kind: "CONCERN_RAISED",
      title: "chronology.concernRaised",
      params: { category: input.category },
      summary: input.description,
      ref: { type: "concern", id: concernId },
      recordedByUserId: actor.userId,
    });
    audit.record(snapshotOf(actor), {
      type: "concern.raised",
      entity: { type: "subject", id: subjectId },
      details: { concernId, category: input.category, levelOfNeed: input.levelOfNeed },
    });
    return concernId;
  });
  return loadConcern(db, actor, subjectId, id);
}

async function lockedConcern(tx: Tx, actor: Actor, subjectId: string, concernId: string): Promise<ConcernRow> {
  const [row] = await tx
    .select()
    .from(concerns)
    .where(and(eq(concerns.id, concernId), eq(concerns.subjectId, subjectId), visibleTo(actor, concerns)))
    .for("update");
  if (!row) throw new NotFoundError("The concern");
  return row;
}

function assertSafeguardingLead(actor: Actor): void {
  if (!actor.roles.includes("safeguarding_lead"))
    throw new NotPermittedError("Only a safeguarding lead acknowledges concerns and records their outcome");
}

/** The DSL has seen it and says what happens next; it leaves the dashboard. */
export async function acknowledgeConcern(db: Db, actor: Actor, subjectId: string, concernId: string, raw: unknown): Promise<Concern> {
  assertSafeguardingLead(actor);
  const { followUpAction } = acknowledgeConcernInput.parse(raw);
  await inTransaction(db, async (tx, audit) => {
    const concern = await lockedConcern(tx, actor, subjectId, concernId);
    if (concern.status !== "OPEN") throw new ConflictError("This concern has already been acknowledged");
    await tx
      .update(concerns)
      .set({ status: "ACKNOWLEDGED", acknowledgedByUserId: actor.userId, acknowledgedAt: new Date(), followUpAction })
      .where(eq(concerns.id, concernId));
    await addChronologyEntry(tx, {
      organisationId: concern.organisationId,
      subjectId,
      occurredOn: today(),
      category: "concern",
      kind: "CONCERN_ACKNOWLEDGED",
      title: "chronology.concernAcknowledged",
      params: { category: concern.category },
      summary: followUpAction,
      ref: { type: "concern", id: concernId },
      recordedByUserId: actor.userId,
    });
    audit.record(snapshotOf(actor), { type: "concern.acknowledged", entity: { type: "subject", id: subjectId }, details: { concernId } });
  });
  return loadConcern(db, actor, subjectId, concernId);
}

/** The outcome closes the concern; it stays on the child's record and chronology. */
export async function closeConcern(db: Db, actor: Actor, subjectId: string, concernId: string, raw: unknown): Promise<Concern> {
  assertSafeguardingLead(actor);
  const { outcome } = closeConcernInput.parse(raw);
  await inTransaction(db, async (tx, audit) => {
    const concern = await lockedConcern(tx, actor, subjectId, concernId);
    if (concern.status === "OPEN") throw new ConflictError("Acknowledge the concern and record the follow-up action before its outcome");
    if (concern.status === "CLOSED") throw new ConflictError("This concern is already closed");
    await tx
      .update(concerns)
      .set({ status: "CLOSED", closedByUserId: actor.userId, closedAt: new Date(), outcome })
      .where(eq(concerns.id, concernId));
    await addChronologyEntry(tx, {
      organisationId: concern.organisationId,
      subjectId,
      occurredOn: today(),
      category: "concern",
      kind: "CONCERN_CLOSED",
      title: "chronology.concernClosed",
      params: { category: concern.category },
      summary: outcome,
      ref: { type: "concern", id: concernId },
      recordedByUserId: actor.userId,
    });
    audit.record(snapshotOf(actor), { type: "concern.closed", entity: { type: "subject", id: subjectId }, details: { concernId } });
  });
  return loadConcern(db, actor, subjectId, concernId);
}

async function loadConcern(db: Db, actor: Actor, subjectId: string, concernId: string): Promise<Concern> {
  const [row] = await selectConcerns(db).where(
    and(eq(concerns.id, concernId), eq(concerns.subjectId, subjectId), visibleTo(actor, concerns)),
  );
  if (!row) throw new NotFoundError("The concern");
  return flatten(row);
}

/** A child's concerns, newest first; an audited read. */
export async function viewConcerns(db: Db, actor: Actor, subjectId: string, view: string): Promise<Concern[]> {
  assertWorksWithRecords(actor);
  await loadSubject(db, actor, subjectId);
  const rows = await loadConcerns(db, actor, subjectId);
  await recordRead(db, actor, subjectId, view, { count: rows.length });
  return rows;
}

async function loadConcerns(db: Db, actor: Actor, subjectId: string): Promise<Concern[]> {
  const rows = await selectConcerns(db)
    .where(and(eq(concerns.subjectId, subjectId), visibleTo(actor, concerns)))
    // The id breaks ties, so a page's slice is the same from one request to the next.
    .orderBy(desc(concerns.raisedAt), asc(concerns.id));
  return rows.map(flatten);
}

/**
 * A page of the same list, for the API, and how many there are. One child's concerns are few (each is
 * raised, acknowledged and closed by people), so they are loaded whole and sliced; the read recorded
 * is of the page shown.
 */
export async function viewConcernPage(
  db: Db,
  actor: Actor,
  subjectId: string,
  range: PageRange,
  view: string,
): Promise<{ rows: Concern[]; total: number }> {
  assertWorksWithRecords(actor);
  await loadSubject(db, actor, subjectId);
  const all = await loadConcerns(db, actor, subjectId);
  const rows = all.slice(offsetOf(range), offsetOf(range) + range.pageSize);
  await recordRead(db, actor, subjectId, view, { count: rows.length });
  return { rows, total: all.length };
}

export async function viewConcern(db: Db, actor: Actor, subjectId: string, concernId: string, view: string): Promise<Concern> {
  assertWorksWithRecords(actor);
  const concern = await loadConcern(db, actor, subjectId, concernId);
  await recordRead(db, actor, subjectId, view);
  return concern;
}

/** A concern not yet acknowledged, of the actor's organisation. */
const awaitingAcknowledgement = (actor: Actor) => and(eq(concerns.status, "OPEN"), visibleTo(actor, concerns));

/** How many concerns the same dashboard lists in all, for the API's `total`: a count, not a read. */
export async function countConcernsAwaitingAcknowledgement(db: Db, actor: Actor): Promise<number> {
  if (!hasAnyRole(actor.roles, RECORD_OVERSIGHT_ROLES)) return 0;
  return db.$count(concerns, awaitingAcknowledgement(actor));
}

/** When each of the same concerns was raised, and nothing about whose they are: for a count, not a read. */
export async function loadConcernsAwaitingRaisedAt(db: Db, actor: Actor): Promise<Date[]> {
  if (!hasAnyRole(actor.roles, RECORD_OVERSIGHT_ROLES)) return [];
  const rows = await db.select({ raisedAt: concerns.raisedAt }).from(concerns).where(awaitingAcknowledgement(actor));
  return rows.map((r) => r.raisedAt);
}

/**
 * The DSL dashboard: the organisation's concerns not yet acknowledged, oldest first, with the
 * child's name. Shown only to safeguarding leads and IG leads. Not a read of the record's detail, but
 * it does show who the children are: an audited read of a list, naming the children on it, so each
 * one's "who has viewed this record" includes it. An empty dashboard shows no one and is not recorded.
 */
export async function viewConcernsAwaitingAcknowledgement(db: Db, actor: Actor, view: string, range?: PageRange) {
  if (!hasAnyRole(actor.roles, RECORD_OVERSIGHT_ROLES)) return [];
  const all = db
    .select({
      id: concerns.id,
      subjectId: concerns.subjectId,
      category: concerns.category,
      levelOfNeed: concerns.levelOfNeed,
      raisedAt: concerns.raisedAt,
      givenNames: subjects.givenNames,
      familyName: subjects.familyName,
    })
    .from(concerns)
    .innerJoin(subjects, eq(subjects.id, concerns.subjectId))
    .where(awaitingAcknowledgement(actor))
    .orderBy(asc(concerns.raisedAt), asc(concerns.id))
    .$dynamic();
  // The API asks for a page (an organisation's backlog is bounded only by its leads' diligence); the home page shows it all.
  const waiting = await (range ? all.limit(range.pageSize).offset(offsetOf(range)) : all);
  if (waiting.length) {
    await recordEvent(db, snapshotOf(actor), {
      type: "personal_data.viewed",
      entity: { type: "organisation", id: actor.organisationId },
      details: { view, count: waiting.length, subjectIds: [...new Set(waiting.map((c) => c.subjectId))] },
    });
  }
  return waiting;
}
