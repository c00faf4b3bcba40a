import type { FastifyReply } from "fastify";
import { ZodError, type ZodType } from "zod";
import { ConflictError, type FieldError, ValidationError } from "../errors";
import { zodIssuesToFieldErrors } from "../http/problem";

/** The GOV.UK error summary and per-field messages for a form, from field errors. */
export function govukErrors(fieldErrors: FieldError[]) {
  const byField: Record<string, { text: string }> = {};
  const errorList: { text: string; href: string }[] = [];
  for (const { path, message } of fieldErrors) {
    const field = path.replace(/^\//, "").split("/")[0] || "form";
    if (byField[field]) continue; // one message per field, the first
    byField[field] = { text: message };
    errorList.push({ text: message, href: `#${field}` });
  }
  return { errors: byField, errorList };
}

/** Parses a form body with the same zod schema the API uses, or throws a ValidationError. */
export function parseForm<T>(schema: ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body ?? {});
  if (!result.success) throw new ValidationError(zodIssuesToFieldErrors(result.error));
  return result.data;
}

/**
 * Runs a form action; if the input is rejected, re-renders the form with the error summary and
 * everything the user typed (status 400). Anything else propagates to the error handler.
 */
export async function handleForm(
  reply: FastifyReply,
  render: { view: string; context: Record<string, unknown>; values: unknown },
  action: () => Promise<unknown>,
): Promise<unknown> {
  try {
    return await action();
  } catch (error) {
    const fieldErrors =
      error instanceof ValidationError
        ? error.fieldErrors
        : error instanceof ConflictError && error.fieldErrors.length
          ? error.fieldErrors
          : error instanceof ZodError
            ? zodIssuesToFieldErrors(error)
            : undefined;
    if (!fieldErrors) throw error;
    return reply.status(400).view(render.view, { ...render.context, values: render.values, ...govukErrors(fieldErrors) });
  }
}
