import { and, asc, eq, isNull, type SQL, sql } from "drizzle-orm";
import type { Actor } from "../../../platform/auth/actor";
import { ADMINISTRATOR_ROLES, hasAnyRole, type Role } from "../../../platform/auth/roles";
import type { Db } from "../../../platform/db/client";
import { visibleTo } from "../../../platform/db/scope";
import { message } from "../../../platform/messages";
import type { WorkItem } from "../../../platform/work";
import { ORGANISATIONS_MESSAGES } from "../domain/messages";
import { organisations, users } from "../schema";

const say = (key: string, params: Record<string, string> = {}) => message(ORGANISATIONS_MESSAGES.en, `organisationsWork.${key}`, params);

/**
 * For administrators, the organisations they administer that lack someone every member needs: a
 * safeguarding lead (what is sent to the organisation goes to them), an IG lead (agreements and
 * rights requests), and someone who may sign agreements for it (`signatoryRoles`, the agreements'
 * rule, handed in by the composition root because agreements stand above this feature). A partnership
 * admin sees every organisation, an organisation admin their own. One query for all of them; names no
 * one, so not audited.
 */
export async function loadOrganisationsWork(db: Db, actor: Actor, signatoryRoles: readonly Role[]): Promise<WorkItem[]> {
  if (!hasAnyRole(actor.roles, ADMINISTRATOR_ROLES)) return [];
  const holds = (roles: readonly Role[]): SQL<boolean> =>
    sql<boolean>`coalesce(bool_or(${users.roles} && array[${sql.join(
      roles.map((r) => sql`${r}`),
      sql`, `,
    )}]::role[]), false)`;
  const rows = await db
    .select({
      id: organisations.id,
      name: organisations.name,
      safeguarding_lead: holds(["safeguarding_lead"]),
      ig_lead: holds(["ig_lead"]),
      signatory: holds(signatoryRoles),
    })
    .from(organisations)
    .leftJoin(users, and(eq(users.organisationId, organisations.id), isNull(users.deactivatedAt), visibleTo(actor, users)))
    .where(actor.roles.includes("partnership_admin") ? undefined : eq(organisations.id, actor.organisationId))
    .groupBy(organisations.id)
    .orderBy(asc(organisations.name));
  return rows.flatMap((o) => {
    const missing = (["safeguarding_lead", "ig_lead", "signatory"] as const).filter((k) => !o[k]);
    if (!missing.length) return [];
    return [
      {
        kind: "organisation_gap",
        title: say("needs", { organisation: o.name, missing: missing.map((k) => say(k)).join(say("and")) }),
        href: "/users/new",
        dueOn: null,
      },
    ];
  });
}
