import { and, eq } from "drizzle-orm";
import { snapshotOf } from "../../../platform/audit/events";
import { inTransaction } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import { hasAnyRole, type Role } from "../../../platform/auth/roles";
import { today, ukDate } from "../../../platform/dates/calendar";
import type { Db, Tx } from "../../../platform/db/client";
import { visibleTo } from "../../../platform/db/scope";
import { ConflictError, NotFoundError, NotPermittedError, ValidationError } from "../../../platform/errors";
import { users } from "../../organisations-and-users/schema";
import type {} from "../audit-events";
import { type CaseClosureInput, caseClosureInput } from "../domain/case-closure";
import { subjects } from "../schema";
import { addChronologyEntry } from "./chronology";

/** Who closes and reopens a case: the people accountable for the organisation's records. */
export const CASE_CLOSURE_ROLES: readonly Role[] = ["safeguarding_lead", "ig_lead"];

/** A person's case as closed: the day, and who recorded it. */
export interface CaseClosure {
  subjectId: string;
  closedOn: string;
  closedBy: { id: string; name: string } | null;
}

export const mayCloseCases = (actor: Actor): boolean => hasAnyRole(actor.roles, CASE_CLOSURE_ROLES);

function assertClosesCases(actor: Actor): void {
  if (!mayCloseCases(actor)) throw new NotPermittedError("Only safeguarding leads and IG leads close and reopen cases");
}

/** The person, locked for the change; not found outside the actor's organisation; a disposed file cannot change. */
async function lockedSubject(tx: Tx, actor: Actor, subjectId: string) {
  const [subject] = await tx
    .select()
    .from(subjects)
    .where(and(eq(subjects.id, subjectId), visibleTo(actor, subjects)))
    .for("update");
  if (!subject) throw new NotFoundError("The person's record");
  if (subject.disposedAt)
    throw new ConflictError("This record has been disposed of under the retention schedule, so its case cannot change");
  return subject;
}

/**
 * Records that the organisation closed its case on the person, on `closedOn` (today or earlier, and
 * not before their date of birth): closure-triggered retention rules run from that day. Written to the
 * chronology and the audit log in one transaction.
 */
export async function closeCase(db: Db, actor: Actor, subjectId: string, raw: unknown): Promise<CaseClosure> {
  assertClosesCases(actor);
  await inTransaction(db, async (tx, audit) => {
    const subject = await lockedSubject(tx, actor, subjectId);
    if (subject.caseClosedOn) throw new ConflictError(`This case was already closed on ${ukDate(subject.caseClosedOn)}`);
    const { closedOn }: CaseClosureInput = caseClosureInput.parse(raw);
    if (subject.dateOfBirth && closedOn < subject.dateOfBirth)
      throw new ValidationError([
        { path: "/closedOn", message: `The date the case closed must be on or after their date of birth, ${ukDate(subject.dateOfBirth)}` },
      ]);
    await tx.update(subjects).set({ caseClosedOn: closedOn, caseClosedByUserId: actor.userId }).where(eq(subjects.id, subjectId));
    await addChronologyEntry(tx, {
      organisationId: subject.organisationId,
      subjectId,
      occurredOn: closedOn,
      category: "case",
      kind: "CASE_CLOSED",
      title: "chronology.caseClosed",
      summary: "",
      ref: { type: "subject", id: subjectId },
      recordedByUserId: actor.userId,
    });
    audit.record(snapshotOf(actor), { type: "subject.case_closed", entity: { type: "subject", id: subjectId }, details: { closedOn } });
  });
  return (await loadCaseClosure(db, actor, subjectId))!;
}

/** Reopens a closed case: closure-triggered retention no longer runs until it is closed again. */
export async function reopenCase(db: Db, actor: Actor, subjectId: string): Promise<void> {
  assertClosesCases(actor);
  await inTransaction(db, async (tx, audit) => {
    const subject = await lockedSubject(tx, actor, subjectId);
    if (!subject.caseClosedOn) throw new ConflictError("This case is open: there is nothing to reopen");
    await tx.update(subjects).set({ caseClosedOn: null, caseClosedByUserId: null }).where(eq(subjects.id, subjectId));
    await addChronologyEntry(tx, {
      organisationId: subject.organisationId,
      subjectId,
      occurredOn: today(),
      category: "case",
      kind: "CASE_REOPENED",
      title: "chronology.caseReopened",
      summary: "",
      ref: { type: "subject", id: subjectId },
      recordedByUserId: actor.userId,
    });
    audit.record(snapshotOf(actor), { type: "subject.case_reopened", entity: { type: "subject", id: subjectId }, details: {} });
  });
}

/** The person's case closure, or null while the case is open. Names no one but who recorded it, so nothing is recorded. */
async function loadCaseClosure(db: Db, actor: Actor, subjectId: string): Promise<CaseClosure | null> {
  const [row] = await db
    .select({ closedOn: subjects.caseClosedOn, byId: users.id, byName: users.name })
    .from(subjects)
    .leftJoin(users, eq(users.id, subjects.caseClosedByUserId))
    .where(and(eq(subjects.id, subjectId), visibleTo(actor, subjects)));
  if (!row) throw new NotFoundError("The person's record");
  if (!row.closedOn) return null;
  return { subjectId, closedOn: row.closedOn, closedBy: row.byId ? { id: row.byId, name: row.byName! } : null };
}
