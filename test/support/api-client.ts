import type { App } from "../../src/app/build-app";
import { API_SCOPES } from "../../src/features/api-clients/domain/scopes";
import { createApiClient } from "../../src/features/api-clients/services/clients";
import type { Actor } from "../../src/platform/auth/actor";
import { addDaysIso, today } from "../../src/platform/dates/calendar";
import type { Db } from "../../src/platform/db/client";

/**
 * A partner system's client for a person, with every scope by default and the roles of theirs a
 * client may hold, set up by an administrator of their organisation (the person's own organisation's
 * admin role stands in, so tests need no extra user). `call` makes requests as the system does: the
 * bearer token alone, no cookie, no CSRF token.
 */
export async function apiClientFor(app: App, db: Db, who: { actor: Actor }, scopes: string[] = [...API_SCOPES]) {
  const admin: Actor = { ...who.actor, roles: ["org_admin"] };
  const roles = who.actor.roles.filter((r) => r === "practitioner" || r === "safeguarding_lead" || r === "ig_lead" || r === "auditor");
  const { client, token } = await createApiClient(db, admin, {
    name: `${who.actor.organisationName} system`,
    responsibleUserId: who.actor.userId,
    roles,
    scopes,
    expiresOn: addDaysIso(today(), 30),
    agreementId: null,
  });
  const call = (method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", url: string, json?: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, ...(json !== undefined ? { "content-type": "application/json" } : {}), ...headers },
      payload: json === undefined ? undefined : JSON.stringify(json),
    });
  return { client, token, call };
}
