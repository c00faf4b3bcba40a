import { and, asc, eq } from "drizzle-orm";
import type { Actor } from "../../../platform/auth/actor";
import type { Queryable } from "../../../platform/db/client";
import { visibleTo } from "../../../platform/db/scope";
import { breachSubjects } from "../schema";

/**
 * The ids of the people a breach names (`breach_subject`), within the caller's checks (a change's lock,
 * a page's read): ids only, which name no one. What the people page changes, what the notices'
 * safeguarding check looks at, and whose items tell which partners are involved.
 */
export async function linkedSubjectIds(q: Queryable, actor: Actor, breachId: string): Promise<string[]> {
  const rows = await q
    .select({ id: breachSubjects.subjectId })
    .from(breachSubjects)
    .where(and(eq(breachSubjects.breachId, breachId), visibleTo(actor, breachSubjects)))
    .orderBy(asc(breachSubjects.subjectId));
  return rows.map((r) => r.id);
}
