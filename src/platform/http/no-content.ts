import type { FastifyReply } from "fastify";
import { z } from "zod";
import type { ProblemResponse } from "./api-schemas";

/**
 * A command whose effect is the whole answer (verify, move on, approve, return): 204 No Content and
 * no body once it has been done, or one of the route's problems. Written once here for every API
 * route that answers so, both its response schema and the reply.
 */

/** The route's responses: 204 with no body, or one of `errors`. */
export const noContentOr = <Errors extends Record<number, ProblemResponse>>(errors: Errors) => ({ 204: z.null(), ...errors });

/**
 * Waits for the command, then answers 204 with no body (the handler's result, `null`, is what the
 * 204 schema allows); a refusal it throws goes to the error handler as any other.
 */
export async function noContentAfter(reply: FastifyReply, done: Promise<unknown>): Promise<null> {
  await done;
  reply.status(204);
  return null;
}
