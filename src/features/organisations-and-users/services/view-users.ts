import { snapshotOf } from "../../../platform/audit/events";
import { recordEvent } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import type { Db } from "../../../platform/db/client";
import { seesEveryOrganisation } from "../../../platform/db/scope";
import { users } from "../schema";
import { loadUser, loadUsers, type UserView } from "./users";

/**
 * Reading staff details is a read of personal data, audited here once for the page and the API alike
 * (`view` names which of them asked): before, each route wrote its own event and they named different
 * organisations for the same list.
 */

/**
 * The organisation whose staff a list can show: the one asked for when the reader sees every
 * organisation's users (the users table's ownership rule says who), otherwise the reader's own,
 * because their list is scoped to it whatever they ask for.
 */
function listedOrganisationId(actor: Actor, asked: string | undefined): string {
  return asked && seesEveryOrganisation(actor, users) ? asked : actor.organisationId;
}

export async function viewUsers(
  db: Db,
  actor: Actor,
  query: { organisationId?: string; page?: number; pageSize?: number },
  view: string,
): Promise<{ users: UserView[]; total: number }> {
  const result = await loadUsers(db, actor, query);
  await recordEvent(db, snapshotOf(actor), {
    type: "personal_data.viewed",
    entity: { type: "organisation", id: listedOrganisationId(actor, query.organisationId) },
    details: { view, count: result.users.length },
  });
  return result;
}

export async function viewUser(db: Db, actor: Actor, id: string, view: string): Promise<UserView> {
  const user = await loadUser(db, actor, id);
  await recordEvent(db, snapshotOf(actor), { type: "personal_data.viewed", entity: { type: "user", id: user.id }, details: { view } });
  return user;
}
