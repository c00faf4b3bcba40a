import { and, asc, count, desc, eq, inArray, isNotNull, isNull, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { snapshotOf } from "../../../platform/audit/events";
import { inTransaction, recordEvent } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import { hasAnyRole, type Role } from "../../../platform/auth/roles";
import type { Db, Queryable } from "../../../platform/db/client";
import { offsetOf, type PageRange } from "../../../platform/db/page";
import { visibleTo } from "../../../platform/db/scope";
import { ConflictError, type FieldError, NotFoundError, NotPermittedError, ValidationError } from "../../../platform/errors";
import { organisations, users } from "../../organisations-and-users/schema";
import { subjects } from "../../records/schema";
import type {} from "../audit-events";
import { type LiftHoldInput, liftHoldInput, type NewHoldInput, newHoldInput } from "../domain/hold-inputs";
import { type HoldScope, ORGANISATION_HOLD_SCOPES } from "../domain/holds";
import { RETENTION_MESSAGES } from "../domain/messages";
import { categoriesHeldBy, type RetentionCategory } from "../domain/schedule";
import { legalHolds } from "../schema";

const words = RETENTION_MESSAGES.en.holds;

/** Who sees legal holds: IG leads (who set them), auditors, and partnership administrators (who set partnership-wide ones). */
export const HOLD_READ_ROLES: readonly Role[] = ["ig_lead", "auditor", "partnership_admin"];

/** A hold as lists and pages show it: what it covers, never whom by name. */
export interface HoldView {
  id: string;
  scope: HoldScope;
  name: string;
  instruction: string;
  organisation: { id: string; name: string };
  setBy: string;
  setAt: Date;
  /** How many people's files a SUBJECTS hold names (0 for the other scopes). */
  subjects: number;
  categories: RetentionCategory[];
  lifted: { at: Date; by: string | null; reason: string } | null;
  /** Whether the actor may lift it now. */
  mayLift: boolean;
}

/** A hold on its own page: for its own organisation's IG lead, the people a SUBJECTS hold covers. */
export interface HoldDetail extends HoldView {
  people: { id: string; name: string }[] | null;
}

function assertReads(actor: Actor): void {
  if (!hasAnyRole(actor.roles, HOLD_READ_ROLES)) throw new NotPermittedError(words.readOnly);
}

/** Whether the actor may set a hold of this scope (the form offers only those). */
export const maySetScope = (actor: Actor, scope: HoldScope): boolean =>
  ORGANISATION_HOLD_SCOPES.includes(scope) ? actor.roles.includes("ig_lead") : actor.roles.includes("partnership_admin");

/** Who may lift a hold: its own organisation's IG lead, or for a partnership-wide one a partnership administrator. */
function liftRefusal(actor: Actor, hold: { scope: HoldScope; organisationId: string }): string | null {
  if (hold.scope === "PARTNERSHIP") return actor.roles.includes("partnership_admin") ? null : words.liftPartnershipOnly;
  return actor.roles.includes("ig_lead") && hold.organisationId === actor.organisationId ? null : words.liftOnlyBySetter;
}

const setter = alias(users, "hold_setter");
const lifter = alias(users, "hold_lifter");

const holdColumns = {
  hold: legalHolds,
  organisationName: organisations.name,
  setByName: setter.name,
  liftedByName: lifter.name,
};

const selectHolds = (q: Queryable) =>
  q
    .select(holdColumns)
    .from(legalHolds)
    .innerJoin(organisations, eq(organisations.id, legalHolds.organisationId))
    .innerJoin(setter, eq(setter.id, legalHolds.setByUserId))
    .leftJoin(lifter, eq(lifter.id, legalHolds.liftedByUserId));

type HoldRow = Awaited<ReturnType<ReturnType<typeof selectHolds>["where"]>>[number];

function present(actor: Actor, r: HoldRow): HoldView {
  const { hold } = r;
  return {
    id: hold.id,
    scope: hold.scope,
    name: hold.name,
    instruction: hold.instruction,
    organisation: { id: hold.organisationId, name: r.organisationName },
    setBy: r.setByName,
    setAt: hold.setAt,
    subjects: hold.subjectIds.length,
    categories: hold.categories,
    lifted: hold.liftedAt ? { at: hold.liftedAt, by: r.liftedByName, reason: hold.liftReason ?? "" } : null,
    mayLift: !hold.liftedAt && liftRefusal(actor, hold) === null,
  };
}

/**
 * The holds the actor may see, a page at a time: its organisation's own, and every partnership-wide
 * one (a partnership administrator sees every member's). Active holds first, newest first. Names no
 * one, so nothing is recorded.
 */
export async function loadHolds(
  db: Db,
  actor: Actor,
  { page, pageSize, lifted }: PageRange & { lifted?: boolean },
): Promise<{ rows: HoldView[]; total: number }> {
  assertReads(actor);
  const conditions: SQL[] = [visibleTo(actor, legalHolds)];
  if (lifted === true) conditions.push(isNotNull(legalHolds.liftedAt));
  if (lifted === false) conditions.push(isNull(legalHolds.liftedAt));
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    selectHolds(db)
      .where(where)
      .orderBy(sql`${legalHolds.liftedAt} is not null`, desc(legalHolds.setAt), asc(legalHolds.id))
      .limit(pageSize)
      .offset(offsetOf({ page, pageSize })),
    db.select({ n: count() }).from(legalHolds).where(where),
  ]);
  return { rows: rows.map((r) => present(actor, r)), total: total?.n ?? 0 };
}

async function loadHoldRow(q: Queryable, actor: Actor, id: string): Promise<HoldRow> {
  const [row] = await selectHolds(q).where(and(eq(legalHolds.id, id), visibleTo(actor, legalHolds)));
  if (!row) throw new NotFoundError("The legal hold");
  return row;
}

/**
 * One hold. For its own organisation's IG lead, a SUBJECTS hold also lists the people it covers by
 * name: a read of their records, recorded under `view`. Anyone else sees how many.
 */
export async function viewHold(db: Db, actor: Actor, id: string, view: string): Promise<HoldDetail> {
  assertReads(actor);
  const row = await loadHoldRow(db, actor, id);
  const hold = present(actor, row);
  const namesPeople = row.hold.scope === "SUBJECTS" && actor.roles.includes("ig_lead") && row.hold.organisationId === actor.organisationId;
  if (!namesPeople || !row.hold.subjectIds.length) return { ...hold, people: namesPeople ? [] : null };
  const people = await db
    .select({ id: subjects.id, givenNames: subjects.givenNames, familyName: subjects.familyName })
    .from(subjects)
    .where(and(visibleTo(actor, subjects), inArray(subjects.id, row.hold.subjectIds)))
    .orderBy(asc(subjects.familyName), asc(subjects.givenNames), asc(subjects.id));
  await recordEvent(db, snapshotOf(actor), {
    type: "personal_data.viewed",
    entity: { type: "organisation", id: actor.organisationId },
    details: { view, count: people.length, subjectIds: people.map((p) => p.id) },
  });
  return { ...hold, people: people.map((p) => ({ id: p.id, name: `${p.givenNames} ${p.familyName}` })) };
}

/**
 * Sets a legal hold. An IG lead holds chosen people's files (its organisation's own), categories of
 * record it holds, or everything it holds; a partnership administrator holds everything every member
 * organisation holds.
 */
export async function setHold(db: Db, actor: Actor, raw: unknown): Promise<string> {
  assertReads(actor);
  const input: NewHoldInput = newHoldInput.parse(raw);
  if (!maySetScope(actor, input.scope))
    throw new NotPermittedError(input.scope === "PARTNERSHIP" ? words.partnershipOnly : words.setOnlyByIgLead);
  return inTransaction(db, async (tx, audit) => {
    const errors: FieldError[] = [];
    if (input.subjectIds.length) {
      const found = await tx
        .select({ id: subjects.id })
        .from(subjects)
        .where(and(visibleTo(actor, subjects), inArray(subjects.id, input.subjectIds)));
      const ours = new Set(found.map((s) => s.id));
      input.subjectIds.forEach((id, i) => {
        if (!ours.has(id)) errors.push({ path: `/subjectIds/${i}`, message: words.notYours });
      });
    }
    if (input.categories.length) {
      const [org] = await tx.select({ type: organisations.type }).from(organisations).where(eq(organisations.id, actor.organisationId));
      const held = categoriesHeldBy(org!.type);
      input.categories.forEach((category, i) => {
        if (!held.includes(category)) errors.push({ path: `/categories/${i}`, message: "Select categories your organisation holds" });
      });
    }
    if (errors.length) throw new ValidationError(errors);
    const [row] = await tx
      .insert(legalHolds)
      .values({
        organisationId: actor.organisationId,
        scope: input.scope,
        name: input.name,
        instruction: input.instruction,
        subjectIds: input.subjectIds,
        categories: input.categories,
        setByUserId: actor.userId,
      })
      .returning({ id: legalHolds.id });
    audit.record(snapshotOf(actor), {
      type: "retention.hold_set",
      entity: { type: "legal_hold", id: row!.id },
      details: { scope: input.scope, subjects: input.subjectIds.length, categories: input.categories },
    });
    return row!.id;
  });
}

/**
 * Lifts a hold, with the reason (kept with the hold; the audit log records that it was lifted, not the
 * words). Its own organisation's IG lead lifts it, or a partnership administrator a partnership-wide one.
 */
export async function liftHold(db: Db, actor: Actor, id: string, raw: unknown): Promise<HoldView> {
  assertReads(actor);
  await inTransaction(db, async (tx, audit) => {
    const [hold] = await tx
      .select()
      .from(legalHolds)
      .where(and(eq(legalHolds.id, id), visibleTo(actor, legalHolds)))
      .for("update");
    if (!hold) throw new NotFoundError("The legal hold");
    const refusal = liftRefusal(actor, hold);
    if (refusal) throw new NotPermittedError(refusal);
    if (hold.liftedAt) throw new ConflictError(words.alreadyLifted);
    const { reason }: LiftHoldInput = liftHoldInput.parse(raw);
    await tx
      .update(legalHolds)
      .set({ liftedAt: new Date(), liftedByUserId: actor.userId, liftReason: reason })
      .where(eq(legalHolds.id, id));
    audit.record(snapshotOf(actor), { type: "retention.hold_lifted", entity: { type: "legal_hold", id }, details: {} });
  });
  return present(actor, await loadHoldRow(db, actor, id));
}

/**
 * The people already chosen for a new hold, by name, for the form to show again: a read of their
 * records, recorded under `view`. Only the organisation's own; any other id is left out.
 */
export async function viewChosenPeople(
  db: Db,
  actor: Actor,
  ids: readonly string[],
  view: string,
): Promise<{ id: string; name: string; dateOfBirth: string | null }[]> {
  const wanted = ids.filter((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id));
  if (!wanted.length) return [];
  const rows = await db
    .select({ id: subjects.id, givenNames: subjects.givenNames, familyName: subjects.familyName, dateOfBirth: subjects.dateOfBirth })
    .from(subjects)
    .where(and(visibleTo(actor, subjects), inArray(subjects.id, wanted)))
    .orderBy(asc(subjects.familyName), asc(subjects.givenNames));
  if (rows.length)
    await recordEvent(db, snapshotOf(actor), {
      type: "personal_data.viewed",
      entity: { type: "organisation", id: actor.organisationId },
      details: { view, count: rows.length, subjectIds: rows.map((r) => r.id) },
    });
  return rows.map((r) => ({ id: r.id, name: `${r.givenNames} ${r.familyName}`, dateOfBirth: r.dateOfBirth }));
}
