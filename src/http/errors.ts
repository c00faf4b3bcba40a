import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { NotFoundError } from "../domain/errors";
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
 */
export function registerErrorHandling(app: FastifyInstance): void {
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
