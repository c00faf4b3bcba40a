import type { FastifyInstance, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { Db } from "../../../platform/db/client";
import { NotSignedInError } from "../../../platform/errors";
import { clearSessionCookie, SESSION_COOKIE } from "../../../platform/http/auth/session-cookie";
import { type LoadedSession, loadSession, type SessionPolicy } from "../services/sessions";

/**
 * Resolves the session cookie to a session (or none) on every non-asset request, unless the request
 * was already authenticated another way (a partner system's bearer token, resolved before this runs).
 */
export const sessionPlugin = fp(async (app: FastifyInstance, opts: { db: Db; policy: SessionPolicy }) => {
  app.decorateRequest("session", undefined);
  app.addHook("onRequest", async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token || request.session) return;
    request.session = await loadSession(opts.db, token, opts.policy);
    if (!request.session) clearSessionCookie(reply);
  });
});

/** The request's session as this feature loaded it: only `sessionPlugin` sets `request.session`, so it is one of ours. */
export const loadedSession = (request: FastifyRequest): LoadedSession | undefined => request.session as LoadedSession | undefined;

/** The session of a request that has passed `requireActor`. */
export function sessionOf(request: FastifyRequest): LoadedSession {
  const session = loadedSession(request);
  if (session?.stage !== "full") throw new NotSignedInError();
  return session;
}
