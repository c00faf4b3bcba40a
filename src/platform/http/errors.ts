import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { NotFoundError } from "../errors";
import { errorSignature, loggableError, RepeatedErrorThrottle } from "./logging";
import { RETRY_AFTER_SECONDS, sendProblem, toProblem } from "./problem";

const PAGE_TITLES: Record<number, string> = {
  400: "There is a problem with your request",
  401: "Sign in to continue",
  403: "You do not have permission to see this page",
  404: "Page not found",
  429: "Too many attempts",
  503: "Sorry, the service is unavailable",
};

/**
 * One place decides what a failure looks like: problem+json for the API, a GOV.UK error page for
 * people. Unexpected errors are logged with the request id and shown as a plain 500, never a stack.
 * `onRefused` hears of every 403 and 404 before it is answered (the composition root audits them).
 */
export function registerErrorHandling(app: FastifyInstance, onRefused: (request: FastifyRequest, error: unknown) => Promise<void>): void {
  const throttle = new RepeatedErrorThrottle();
  app.setErrorHandler(async (error, request, reply) => {
    const problem = toProblem(error);
    if (problem.status >= 500) {
      // Never `{ err: error }`: a failed query's error carries every parameter it was given. Not under
      // `err` at all, where pino's serialiser would take the summary for an error and rework it.
      const logged = loggableError(error);
      const { log, repeatsSuppressed } = throttle.admit(errorSignature(logged));
      if (log) request.log.error({ error: logged, ...(repeatsSuppressed ? { repeatsSuppressed } : {}) }, "unhandled error");
    }
    if (problem.status === 403 || problem.status === 404) await onRefused(request, error);
    return respond(request, reply, problem);
  });
  app.setNotFoundHandler(async (request, reply) => respond(request, reply, toProblem(new NotFoundError())));
}

function respond(request: FastifyRequest, reply: FastifyReply, problem: ReturnType<typeof toProblem>) {
  if (problem.status === 503) reply.header("retry-after", String(RETRY_AFTER_SECONDS));
  if (request.url.startsWith("/api/") || !("view" in reply)) return sendProblem(reply, problem);
  const title = PAGE_TITLES[problem.status] ?? (problem.status >= 500 ? "Sorry, there is a problem with the service" : problem.title);
  const detail =
    problem.code === "CSRF_REJECTED"
      ? "The form may have been open too long. Go back, reload the page and try again."
      : problem.status < 500
        ? problem.detail
        : undefined;
  return reply.status(problem.status).view("error", {
    title,
    detail,
    status: problem.status,
    csrfToken: reply.generateCsrf?.(),
    actor: request.session?.stage === "full" ? request.session.actor : undefined,
  });
}

/** The router's error on a request, carried from `frameworkErrors` to the request's second dispatch. */
const routerError = Symbol("routerError");
type RawRequest = FastifyRequest["raw"] & { [routerError]?: FastifyError };

/**
 * fastify answers an address its router cannot take (a parameter longer than `maxParamLength`, a bad
 * percent-encoding) in its own JSON, and through a bare reply that runs no hook and cannot render a
 * page: no security headers, no problem+json, no error page. So `frameworkErrors` sends the request
 * round the router again under an address that always routes (an unknown one is the not-found route,
 * which runs the same hooks), carrying the error; `raiseRouterError` throws it once the security
 * headers are set, and the one error handler answers it like any other error.
 */
export function rerouteFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const raw = request.raw as RawRequest;
  raw[routerError] = error;
  raw.url = raw.url?.startsWith("/api/") ? "/api/v1/" : "/";
  request.server.routing(raw, reply.raw);
}

/** An onRequest hook, registered after the security headers' and before anything that reads the session. */
export async function raiseRouterError(request: FastifyRequest): Promise<void> {
  const error = (request.raw as RawRequest)[routerError];
  if (error) throw error;
}
