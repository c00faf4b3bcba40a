import type { FastifyReply, FastifyRequest } from "fastify";
import type { Actor } from "../../auth/actor";
import { hasAnyRole, type Role } from "../../auth/roles";
import { NotPermittedError, NotSignedInError, SecondFactorRequiredError } from "../../errors";

/** How far a session has got: fully signed in, or still owing a second factor or its enrolment. */
export type SessionStage = "full" | "second_factor" | "enrol";

/**
 * What every route needs of a request's session. The sign-in feature resolves the cookie to its own,
 * richer session (a RequestSession and more) and sets it here; the platform reads only this much.
 */
export interface RequestSession {
  stage: SessionStage;
  actor: Actor;
  /**
   * A partner system's call with a bearer token (issue 20), not a browser's cookie: no CSRF token is
   * asked of it, since no browser attaches a bearer token to a request another site makes.
   */
  viaToken?: true;
}

declare module "fastify" {
  interface FastifyRequest {
    session?: RequestSession;
  }
}

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

/** The actor of a request that has passed `requireActor`. */
export function actorOf(request: FastifyRequest): Actor {
  if (request.session?.stage !== "full") throw new NotSignedInError();
  return request.session.actor;
}
