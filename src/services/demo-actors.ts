import { eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client";
import { organisations, users } from "../db/schema";
import type { Actor } from "../domain/actor";
import type { Role } from "../domain/roles";

/** The demo seeds act as demo people through the real services: each person by email, as an Actor. */
export async function demoActors<K extends string>(db: Db, people: Record<K, string>): Promise<Record<K, Actor>> {
  const rows = await db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      roles: users.roles,
      organisationId: organisations.id,
      organisationName: organisations.name,
    })
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(inArray(users.email, Object.values(people) as string[]));
  const byEmail = new Map(rows.map(({ email, ...r }) => [email, { ...r, roles: r.roles as Role[] }]));
  const missing = (Object.values(people) as string[]).filter((email) => !byEmail.has(email));
  if (missing.length) throw new Error(`demo people missing: ${missing.join(", ")}`);
  return Object.fromEntries((Object.entries(people) as [K, string][]).map(([key, email]) => [key, byEmail.get(email)!])) as Record<
    K,
    Actor
  >;
}
