import { asc, eq } from "drizzle-orm";
import type { Actor } from "../../../platform/auth/actor";
import type { Db } from "../../../platform/db/client";
import { visibleTo } from "../../../platform/db/scope";
import { organisations, users } from "../../organisations-and-users/schema";

export interface FilterChoices {
  people: { value: string; text: string }[];
  organisations: { value: string; text: string }[];
}

/**
 * Whom the reader can filter the log by: the users they may see, and those users' organisations.
 * The users' ownership rule is the audit log's (own organisation, or all for partnership admins), so
 * the choices are exactly the trails the reader can read.
 */
export async function loadFilterChoices(db: Db, actor: Actor): Promise<FilterChoices> {
  const rows = await db
    .select({ id: users.id, name: users.name, organisationId: organisations.id, organisationName: organisations.name })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(visibleTo(actor, users))
    .orderBy(asc(users.name));
  const several = new Set(rows.map((r) => r.organisationId)).size > 1;
  const byOrganisation = new Map(rows.map((r) => [r.organisationId, r.organisationName]));
  return {
    people: rows.map((r) => ({ value: r.id, text: several ? `${r.name}, ${r.organisationName}` : r.name })),
    organisations: [...byOrganisation].map(([value, text]) => ({ value, text })).sort((a, b) => a.text.localeCompare(b.text, "en-GB")),
  };
}
