import { z } from "zod";
import { textInput } from "../../../platform/text";
import { HOLD_SCOPES } from "./holds";
import { RETENTION_CATEGORIES } from "./schedule";

/**
 * A new legal hold, as the form and the API both send it: what it is called, what it requires, and
 * what it covers. Chosen people are named for a SUBJECTS hold, categories for a CATEGORIES hold; the
 * service checks the people are the organisation's own and who may set which scope.
 */
export const newHoldInput = z
  .object({
    name: textInput("The name", "Enter a name for the hold")
      .trim()
      .min(1, "Enter a name for the hold")
      .max(200, "The name must be 200 characters or fewer"),
    instruction: textInput("The instruction", "Enter what the hold requires and why")
      .trim()
      .min(1, "Enter what the hold requires and why")
      .max(2000, "The instruction must be 2,000 characters or fewer"),
    scope: z.enum(HOLD_SCOPES, { error: "Select what the hold covers" }),
    subjectIds: z
      .array(z.uuid({ error: "Select people from the list" }), { error: "Select people from the list" })
      .max(1000, "A hold can name at most 1,000 people: hold their categories or the whole organisation instead")
      .default([]),
    categories: z.array(z.enum(RETENTION_CATEGORIES, { error: "Select categories from the list" })).default([]),
  })
  .superRefine((hold, ctx) => {
    if (hold.scope === "SUBJECTS" && hold.subjectIds.length === 0)
      ctx.addIssue({ code: "custom", path: ["subjectIds"], message: "Select at least one person the hold covers" });
    if (hold.scope === "CATEGORIES" && hold.categories.length === 0)
      ctx.addIssue({ code: "custom", path: ["categories"], message: "Select at least one category of record" });
  })
  // What a scope does not use is not kept: a hold over the whole organisation names no one.
  .transform((hold) => ({
    ...hold,
    subjectIds: hold.scope === "SUBJECTS" ? [...new Set(hold.subjectIds)] : [],
    categories: hold.scope === "CATEGORIES" ? [...new Set(hold.categories)] : [],
  }));
export type NewHoldInput = z.infer<typeof newHoldInput>;

/** Lifting a hold: the reason is required, and kept with the hold. */
export const liftHoldInput = z.object({
  reason: textInput("The reason", "Enter why the hold is being lifted")
    .trim()
    .min(1, "Enter why the hold is being lifted")
    .max(2000, "The reason must be 2,000 characters or fewer"),
});
export type LiftHoldInput = z.infer<typeof liftHoldInput>;
