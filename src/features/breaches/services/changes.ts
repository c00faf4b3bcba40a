import { and, eq } from "drizzle-orm";
import { snapshotOf } from "../../../platform/audit/events";
import { type AuditTrail, inTransaction } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import type { Db, Tx } from "../../../platform/db/client";
import { visibleTo } from "../../../platform/db/scope";
import { ConflictError, ValidationError } from "../../../platform/errors";
import { organisations } from "../../organisations-and-users/schema";
import type {} from "../audit-events";
import { reportIsLate } from "../domain/clock";
import { icoFormOf } from "../domain/ico-form";
import {
  breachFactsUpdate,
  closeInput,
  instantOf,
  moveInput,
  notReportedInput,
  type ReportInput,
  reportInput,
  riskInput,
} from "../domain/inputs";
import { factProblems, moveProblem, reportProblems } from "../domain/lifecycle";
import { BREACHES_MESSAGES } from "../domain/messages";
import type { BreachState } from "../domain/vocabulary";
import { breaches, breachReports, breachSubjects } from "../schema";
import { linkOriginators } from "./parties";
import { assertWritesBreaches, type BreachRow, checkSubjects, loadBreachRow } from "./register";

const problems = BREACHES_MESSAGES.en.problems;

type Locked = BreachRow & { initialReportAt: Date | null };

/**
 * A change to one breach, by one of its organisation's IG leads: the row is locked, a closed breach
 * refuses every change, and the change and its audit events commit together.
 */
export async function change<T>(
  db: Db,
  actor: Actor,
  id: string,
  work: (tx: Tx, audit: AuditTrail, breach: Locked) => Promise<T>,
  { whenClosed = "refuse" }: { whenClosed?: "refuse" | "let through" } = {},
): Promise<T> {
  assertWritesBreaches(actor);
  return inTransaction(db, async (tx, audit) => {
    const breach = await loadBreachRow(tx, actor, id, true);
    if (breach.state === "CLOSED" && whenClosed === "refuse") throw new ConflictError(problems.closed);
    return work(tx, audit, breach);
  });
}

function assertMove(from: BreachState, to: BreachState): void {
  const problem = moveProblem(from, to);
  if (problem) throw new ConflictError(problem);
}

const ref = (id: string) => ({ type: "breach" as const, id });

/** Changes a breach's facts: only the fields sent. T0 and the incident's time are checked together, as they stand after the change. */
export async function updateBreachFacts(db: Db, actor: Actor, id: string, raw: unknown, now = new Date()): Promise<void> {
  assertWritesBreaches(actor);
  const input = breachFactsUpdate.parse(raw);
  await change(db, actor, id, async (tx, audit, breach) => {
    const { subjectIds, awareAt, occurredAt, ...rest } = input;
    const facts = {
      ...rest,
      ...(awareAt !== undefined ? { awareAt: instantOf(awareAt) } : {}),
      ...(occurredAt !== undefined ? { occurredAt: occurredAt === null ? null : instantOf(occurredAt) } : {}),
    };
    const merged = { ...breach, ...facts };
    const errors = factProblems({ awareAt: merged.awareAt, occurredAt: merged.occurredAt }, now);
    if (merged.physicalRisk && !merged.physicalRiskDetail)
      errors.push({ path: "/physicalRiskDetail", message: "Describe who is at risk of physical harm and how" });
    if (input.subjectIds) errors.push(...(await checkSubjects(tx, actor, input.subjectIds)));
    if (errors.length) throw new ValidationError(errors);
    if (Object.keys(facts).length)
      await tx
        .update(breaches)
        .set({ ...facts, updatedAt: now })
        .where(eq(breaches.id, id));
    if (subjectIds) {
      await tx.delete(breachSubjects).where(and(eq(breachSubjects.breachId, id), visibleTo(actor, breachSubjects)));
      if (subjectIds.length)
        await tx
          .insert(breachSubjects)
          .values(subjectIds.map((subjectId) => ({ breachId: id, organisationId: actor.organisationId, subjectId })));
    }
    // Its people or T0 changed: whose information it involves, and by when each must be told (BR-TELL-CONTROLLER).
    if (subjectIds || awareAt !== undefined) await linkOriginators(tx, audit, actor, id);
    audit.record(snapshotOf(actor), {
      type: "breach.facts_changed",
      entity: ref(id),
      details: { fields: Object.keys(input).sort(), ...(subjectIds ? { subjectIds } : {}) },
    });
  });
}

/** Records the risk to people and the reasoning (Arts 33(1), 34(1)): no risk stops the clock; a high risk asks that people be told. */
export async function assessBreachRisk(db: Db, actor: Actor, id: string, raw: unknown, now = new Date()): Promise<void> {
  assertWritesBreaches(actor);
  const { risk, reasoning } = riskInput.parse(raw);
  await change(db, actor, id, async (tx, audit) => {
    await tx
      .update(breaches)
      .set({ risk, riskReasoning: reasoning, riskAssessedAt: now, riskAssessedByUserId: actor.userId, updatedAt: now })
      .where(eq(breaches.id, id));
    audit.record(snapshotOf(actor), { type: "breach.risk_assessed", entity: ref(id), details: { risk } });
  });
}

/**
 * Records a report made to the ICO (Art 33): the initial report moves the breach to REPORTED_TO_ICO and
 * stops the clock; follow-ups cite the ICO's case reference. A report cannot precede T0, and an initial
 * report made more than 72 hours after it needs the reasons for the delay (`BR-72H`). Each is kept
 * with the form's fields as they stood when it was made.
 */
export async function recordIcoReport(db: Db, actor: Actor, id: string, raw: unknown, now = new Date()): Promise<string> {
  assertWritesBreaches(actor);
  const parsed: ReportInput = reportInput.parse(raw);
  const input = { ...parsed, reportedAt: instantOf(parsed.reportedAt) };
  return change(db, actor, id, async (tx, audit, breach) => {
    if (input.phase === "INITIAL" && breach.initialReportAt) throw new ConflictError(problems.initialAlreadyRecorded);
    if (input.phase === "FOLLOW_UP" && !breach.initialReportAt) throw new ConflictError(problems.noInitialReport);
    if (input.phase === "INITIAL") assertMove(breach.state, "REPORTED_TO_ICO");
    const errors = reportProblems(breach.awareAt, input, now);
    if (errors.length) throw new ValidationError(errors);
    const [org] = await tx.select({ name: organisations.name }).from(organisations).where(eq(organisations.id, actor.organisationId));
    const form = icoFormOf(breach, {
      phase: input.phase,
      reportedAt: input.reportedAt,
      icoCaseReference: input.icoCaseReference,
      delayReasons: input.delayReasons,
      organisation: org?.name ?? actor.organisationName,
      contact: input.contact || actor.name,
    });
    const [row] = await tx
      .insert(breachReports)
      .values({
        breachId: id,
        organisationId: actor.organisationId,
        phase: input.phase,
        reportedAt: input.reportedAt,
        icoCaseReference: input.icoCaseReference,
        delayReasons: input.delayReasons,
        form,
        recordedByUserId: actor.userId,
      })
      .returning({ id: breachReports.id });
    if (input.phase === "INITIAL") await tx.update(breaches).set({ state: "REPORTED_TO_ICO", updatedAt: now }).where(eq(breaches.id, id));
    audit.record(snapshotOf(actor), {
      type: "breach.ico_reported",
      entity: ref(id),
      details: { reportId: row!.id, phase: input.phase, late: input.phase === "INITIAL" && reportIsLate(breach.awareAt, input.reportedAt) },
    });
    return row!.id;
  });
}

/**
 * Records the decision not to report to the ICO, with the reasons (`BR-RECORD`): only for a breach
 * assessed as no risk to people. It stays on the register.
 */
export async function decideNotToReport(db: Db, actor: Actor, id: string, raw: unknown, now = new Date()): Promise<void> {
  assertWritesBreaches(actor);
  const { reasons } = notReportedInput.parse(raw);
  await change(db, actor, id, async (tx, audit, breach) => {
    if (breach.risk === null) throw new ConflictError(problems.assessFirst);
    if (breach.risk !== "NO_RISK") throw new ConflictError(problems.mustReport);
    assertMove(breach.state, "NOT_REPORTED");
    await tx.update(breaches).set({ state: "NOT_REPORTED", notReportedReasons: reasons, updatedAt: now }).where(eq(breaches.id, id));
    audit.record(snapshotOf(actor), { type: "breach.not_reported", entity: ref(id), details: {} });
  });
}

/** Starts the investigation, or records that the people affected were told (Art 34). */
export async function moveBreach(db: Db, actor: Actor, id: string, raw: unknown, now = new Date()): Promise<void> {
  assertWritesBreaches(actor);
  const { to } = moveInput.parse(raw);
  await change(
    db,
    actor,
    id,
    async (tx, audit, breach) => {
      assertMove(breach.state, to);
      await tx
        .update(breaches)
        .set({ state: to, ...(to === "INDIVIDUALS_TOLD" ? { individualsToldAt: now } : {}), updatedAt: now })
        .where(eq(breaches.id, id));
      audit.record(snapshotOf(actor), { type: "breach.state_changed", entity: ref(id), details: { from: breach.state, to } });
    },
    { whenClosed: "let through" },
  );
}

/** Closes a breach with the lessons learned (`BR-LESSONS`); it stays on the register. */
export async function closeBreach(db: Db, actor: Actor, id: string, raw: unknown, now = new Date()): Promise<void> {
  assertWritesBreaches(actor);
  const { lessonsLearned } = closeInput.parse(raw);
  await change(
    db,
    actor,
    id,
    async (tx, audit, breach) => {
      assertMove(breach.state, "CLOSED");
      await tx.update(breaches).set({ state: "CLOSED", lessonsLearned, closedAt: now, updatedAt: now }).where(eq(breaches.id, id));
      audit.record(snapshotOf(actor), { type: "breach.closed", entity: ref(id), details: { from: breach.state } });
    },
    { whenClosed: "let through" },
  );
}
