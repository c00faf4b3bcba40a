import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import type { Db } from "../../../platform/db/client";
import { InsufficientScopeError, TokenRejectedError } from "../../../platform/errors";
import { message } from "../../../platform/messages";
import { API_CLIENTS_MESSAGES } from "../domain/messages";
import { accessOfMethod, resourceOfRoute, scopePermits } from "../domain/scopes";
import { authenticateToken } from "../services/authenticate";

const say = API_CLIENTS_MESSAGES.en;

/** RFC 6750 §3: a refused bearer request says so in WWW-Authenticate, as well as in its problem. */
function challenge(reply: FastifyReply, error: string, scope?: string) {
  reply.header("www-authenticate", `Bearer realm="safeshare", error="${error}"${scope ? `, scope="${scope}"` : ""}`);
}

/**
 * `Authorization: Bearer <token>` on an /api/v1 route (issue 20): the token is resolved to its client
 * (services/authenticate.ts) and the route checked against the client's scopes before anything else
 * runs, so a call out of scope is refused before its body is even read. Pages ignore the header: a
 * partner system has no use for them, and a person's browser never sends one.
 */
export const bearerTokenPlugin = fp(async (app: FastifyInstance, opts: { db: Db }) => {
  app.addHook("onRequest", async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers.authorization;
    if (header === undefined || !request.url.startsWith("/api/")) return;
    const token = /^Bearer +(\S+) *$/i.exec(header)?.[1];
    try {
      if (!token) throw new TokenRejectedError(say.refusal.missing);
      const holder = await authenticateToken(opts.db, token, request.ip);
      request.session = { stage: "full", actor: holder.actor, viaToken: true };
      const route = request.routeOptions.url;
      // An unknown address is left to the router's 404, like anyone else's.
      if (!route) return;
      const resource = resourceOfRoute(route);
      if (!resource) throw new InsufficientScopeError(say.refusal.notForClients);
      const access = accessOfMethod(request.method);
      if (!scopePermits(holder.scopes, resource, access)) {
        const needed = `${resource}:${access}`;
        challenge(reply, "insufficient_scope", needed);
        throw new InsufficientScopeError(
          message(say, "refusal.scope", { access: say.access[access], resource: say.resource[resource], scope: needed }),
        );
      }
    } catch (error) {
      if (error instanceof TokenRejectedError) challenge(reply, "invalid_token");
      throw error;
    }
  });
});
