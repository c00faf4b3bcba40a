import { z } from "zod";

export const problemSchema = z
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

/** Error responses every authenticated route can give. */
export const standardErrors = { 400: problemSchema, 401: problemSchema, 403: problemSchema, 404: problemSchema };
