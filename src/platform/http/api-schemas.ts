import { z } from "zod";
import { offsetOf, type PageRange } from "../db/page";

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
  page: z.coerce.number().int().min(1).max(100_000).default(1).describe("Which page, from 1"),
  pageSize: z.coerce.number().int().min(1).max(200).default(50).describe("How many items a page holds, at most 200"),
});

/**
 * Every list's 200 body (issue 20: one envelope everywhere): a page of `items`, how many the whole list
 * holds, and which page of what size this is. A client reads on while page × pageSize < total.
 */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z
    .object({
      items: z.array(item),
      total: z.number().int().min(0).describe("How many items the whole list holds, on every page"),
      page: z.number().int().min(1).describe("This page's number, from 1"),
      pageSize: z.number().int().min(1).describe("How many items a page holds, as asked; the last page may hold fewer"),
    })
    .meta({ description: "One page of a list: its items, the list's total, and the page asked for" });

/** The envelope's body, for a page the service read in SQL with its count. */
export const pageBody = <T>(items: T[], total: number, { page, pageSize }: PageRange) => ({ items, total, page, pageSize });

/**
 * The envelope's body for a list loaded whole and sliced here: only for lists bounded by nature (an
 * agreement's versions, the people linked to one person), never for one that grows with use.
 */
export const slicedPage = <T>(all: T[], range: PageRange) =>
  pageBody(all.slice(offsetOf(range), offsetOf(range) + range.pageSize), all.length, range);

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

/**
 * Error responses every authenticated route can give: the client's (400, 401, 403, 404) and the
 * service's own, which any route can meet: 500, an unexpected failure that says nothing of its cause,
 * and 503, the database unavailable or too slow, with a Retry-After header.
 */
export const standardErrors = {
  400: problem,
  401: problem,
  403: problem,
  404: problem,
  500: problemResponse("An unexpected failure; the response says nothing of its cause"),
  503: problemResponse("The database is unavailable or too slow: a Retry-After header says when to try again"),
};
