import { asc, eq, sql } from "drizzle-orm";
import { snapshotOf } from "../../../platform/audit/events";
import { inTransaction } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import { hasAnyRole } from "../../../platform/auth/roles";
import type { Db } from "../../../platform/db/client";
import { offsetOf, type PageRange } from "../../../platform/db/page";
import { ConflictError, NotFoundError, NotPermittedError } from "../../../platform/errors";
import type {} from "../audit-events";
import type { OrganisationInput } from "../domain/inputs";
import { organisations } from "../schema";

export type Organisation = typeof organisations.$inferSelect;

/** The partnership's member directory: every signed-in user may see who the members are. */
export function loadOrganisations(db: Db): Promise<Organisation[]> {
  return db.select().from(organisations).orderBy(asc(organisations.name));
}

/** A page of the same directory, for the API: it grows with the partnership, so it is paged in SQL. */
export async function loadOrganisationPage(db: Db, range: PageRange): Promise<{ rows: Organisation[]; total: number }> {
  const [rows, total] = await Promise.all([
    db.select().from(organisations).orderBy(asc(organisations.name), asc(organisations.id)).limit(range.pageSize).offset(offsetOf(range)),
    db.$count(organisations),
  ]);
  return { rows, total };
}

export async function loadOrganisation(db: Db, id: string): Promise<Organisation> {
  const [organisation] = await db.select().from(organisations).where(eq(organisations.id, id));
  if (!organisation) throw new NotFoundError("The organisation");
  return organisation;
}

export function canEditOrganisation(actor: Actor, organisationId: string): boolean {
  return (
    hasAnyRole(actor.roles, ["partnership_admin"]) || (hasAnyRole(actor.roles, ["org_admin"]) && actor.organisationId === organisationId)
  );
}

async function assertNameFree(db: Db, name: string, exceptId?: string): Promise<void> {
  const [clash] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(sql`lower(${organisations.name})`, name.toLowerCase()));
  if (clash && clash.id !== exceptId) {
    throw new ConflictError("An organisation with this name already exists", [
      { path: "/name", message: "An organisation with this name is already a member of the partnership" },
    ]);
  }
}

/** Partnership admins add members; `undefined` is the system actor (the CLI bootstrapping a deployment). */
export async function createOrganisation(db: Db, actor: Actor | undefined, input: OrganisationInput): Promise<Organisation> {
  if (actor && !hasAnyRole(actor.roles, ["partnership_admin"])) {
    throw new NotPermittedError("Only partnership administrators can add organisations");
  }
  await assertNameFree(db, input.name);
  return inTransaction(db, async (tx, audit) => {
    const [created] = await tx.insert(organisations).values(normalise(input)).returning();
    audit.record(actor ? snapshotOf(actor) : { kind: "system", name: "safeshare cli" }, {
      type: "organisation.created",
      entity: { type: "organisation", id: created!.id },
      details: { fields: Object.keys(input).filter((k) => input[k as keyof OrganisationInput] !== undefined) },
    });
    return created!;
  });
}

export async function updateOrganisation(db: Db, actor: Actor, id: string, input: OrganisationInput): Promise<Organisation> {
  const before = await loadOrganisation(db, id);
  if (!canEditOrganisation(actor, id)) throw new NotPermittedError("You cannot change this organisation's details");
  await assertNameFree(db, input.name, id);
  const values = normalise(input);
  const changed = (Object.keys(values) as (keyof typeof values)[]).filter((k) => (before[k] ?? null) !== (values[k] ?? null));
  return inTransaction(db, async (tx, audit) => {
    const [updated] = await tx
      .update(organisations)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(organisations.id, id))
      .returning();
    audit.record(snapshotOf(actor), {
      type: "organisation.updated",
      entity: { type: "organisation", id },
      details: { fields: changed },
    });
    return updated!;
  });
}

function normalise(input: OrganisationInput) {
  return {
    name: input.name,
    type: input.type,
    icoRegistration: input.icoRegistration?.toUpperCase() ?? null,
    isPublicAuthority: input.isPublicAuthority,
    dpoName: input.dpoName ?? null,
    dpoEmail: input.dpoEmail ?? null,
    dpoPhone: input.dpoPhone ?? null,
  };
}
