import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import { type LoadedSession, loadSession, type SessionPolicy } from "../../../features/sign-in/services/sessions";
import type { Actor } from "../../auth/actor";
import { hasAnyRole, type Role } from "../../auth/roles";
import type { Db } from "../../db/client";
import { NotPermittedError, NotSignedInError, SecondFactorRequiredError } from "../../errors";
import { clearSessionCookie, SESSION_COOKIE } from "./session-cookie";

declare module "fastify" {
  interface FastifyRequest {
    session?: LoadedSession;
  }
}

/** Resolves the session cookie to a session (or none) on every non-asset request. */
export const sessionPlugin = fp(async (app: FastifyInstance, opts: { db: Db; policy: SessionPolicy }) => {
  app.decorateRequest("session", undefined);
  app.addHook("onRequest", async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return;
    request.session = await loadSession(opts.db, token, opts.policy);
    if (!request.session) clearSessionCookie(reply);
  });
});

const isApi = (request: FastifyRequest) => request.url.startsWith("/api/");

/**
 * Route guard: only fully signed-in users (password and, where needed, second factor) pass.
 * Web requests are sent to the step they still owe; API requests get a 401 problem saying which.
 * The stage follows the user's roles now, so a role gained mid-session that needs a second factor
 * stops the session here until it has one.
 */
export function requireActor(roles?: readonly Role[]) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    const session = request.session;
    if (session?.stage !== "full") {
      if (isApi(request)) throw session ? new SecondFactorRequiredError() : new NotSignedInError();
      const next = !session ? "/sign-in" : session.stage === "enrol" ? "/mfa/setup" : "/sign-in/second-factor";
      return reply.redirect(next);
    }
    if (roles && !hasAnyRole(session.actor.roles, roles)) {
      throw new NotPermittedError("Your role does not give you access to this page");
    }
  };
}

/** The session of a request that has passed `requireActor`. */
export function sessionOf(request: FastifyRequest): LoadedSession {
  if (request.session?.stage !== "full") throw new NotSignedInError();
  return request.session;
}

/** The actor of a request that has passed `requireActor`. */
export function actorOf(request: FastifyRequest): Actor {
  return sessionOf(request).actor;
}
