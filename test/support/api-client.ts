import type { App } from "../../src/app/build-app";
import { API_SCOPES, CLIENT_ROLES, type ClientRole } from "../../src/features/api-clients/domain/scopes";
import { createApiClient } from "../../src/features/api-clients/services/clients";
import type { Actor } from "../../src/platform/auth/actor";
import { addDaysIso, today } from "../../src/platform/dates/calendar";
import type { Db } from "../../src/platform/db/client";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** Requests as a partner system makes them: the bearer token alone, no cookie, no CSRF token. */
export const callWithToken =
  (app: App, token: string) =>
  (method: Method, url: string, json?: unknown, headers: Record<string, string> = {}) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${token}`, ...(json !== undefined ? { "content-type": "application/json" } : {}), ...headers },
      payload: json === undefined ? undefined : JSON.stringify(json),
    });

/**
 * A partner system's client for a person, with every scope by default and the roles of theirs a
 * client may hold, set up by an administrator of their organisation (the person's own organisation's
 * admin role stands in, so tests need no extra user), with `call` (`callWithToken`) to use it.
 */
export async function apiClientFor(app: App, db: Db, who: { actor: Actor }, scopes: string[] = [...API_SCOPES]) {
  const admin: Actor = { ...who.actor, roles: ["org_admin"] };
  const roles = who.actor.roles.filter((r): r is ClientRole => (CLIENT_ROLES as readonly string[]).includes(r));
  const { client, token } = await createApiClient(db, admin, {
    name: `${who.actor.organisationName} system`,
    responsibleUserId: who.actor.userId,
    roles,
    scopes,
    expiresOn: addDaysIso(today(), 30),
    agreementId: null,
  });
  return { client, token, call: callWithToken(app, token) };
}
