import { and, eq, inArray } from "drizzle-orm";
import { organisations, users } from "../features/organisations-and-users/schema";
import { recordItems, subjects } from "../features/records/schema";
import type { Actor } from "../platform/auth/actor";
import type { Role } from "../platform/auth/roles";
import type { Db } from "../platform/db/client";
import { visibleTo } from "../platform/db/scope";

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

/** A demo person in the actor's organisation's records, by name. */
export async function demoSubjectId(db: Db, actor: Actor, givenNames: string, familyName: string): Promise<string> {
  const [row] = await db
    .select({ id: subjects.id })
    .from(subjects)
    .where(and(visibleTo(actor, subjects), eq(subjects.givenNames, givenNames), eq(subjects.familyName, familyName)));
  return row!.id;
}

export async function demoItems(db: Db, subjectId: string) {
  return db
    .select({ id: recordItems.id, text: recordItems.text, accuracy: recordItems.accuracy })
    .from(recordItems)
    .where(eq(recordItems.subjectId, subjectId));
}

/** The item whose text includes these words. */
export const demoItemId = (items: { id: string; text: string }[], words: string) => items.find((i) => i.text.includes(words))!.id;
