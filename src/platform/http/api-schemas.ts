import { z } from "zod";

const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    rules: z
      .array(z.object({ code: z.string(), severity: z.enum(["block", "warning"]), message: z.string(), path: z.string() }))
      .optional()
      .describe("For code RULES_BLOCKED: each sharing rule that stops the decision (blocks, and warnings not yet acknowledged)"),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details" });

export const idParams = z.object({ id: z.uuid({ error: "Must be a UUID" }) });

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

/**
 * An error response as the document declares it: a problem, in the media type the error handler sends
 * every API error in (`sendProblem`). Fastify serialises by the same entry, chosen by that content type.
 */
export const problemResponse = (description?: string) => ({
  ...(description ? { description } : {}),
  content: { "application/problem+json": { schema: problemSchema } },
});

export type ProblemResponse = ReturnType<typeof problemResponse>;

const problem = problemResponse();

/** Error responses every authenticated route can give. */
export const standardErrors = { 400: problem, 401: problem, 403: problem, 404: problem };
