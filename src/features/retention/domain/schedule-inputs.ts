import { z } from "zod";
import { textInput } from "../../../platform/text";
import { RETENTION_ACTIONS, RETENTION_TRIGGERS } from "./schedule";

/** The longest period a rule may give: a hundred years. */
const MAX_PERIOD_MONTHS = 1200;

/**
 * A change to one of the organisation's retention rules, as the IG lead's form and the API both send
 * it. A period shorter than the category's minimum is allowed, with a warning (`RET-MINIMUM`).
 */
export const ruleChangeInput = z.object({
  trigger: z.enum(RETENTION_TRIGGERS, { error: "Select the date the period runs from" }),
  periodMonths: z
    .number({ error: "Enter the period as a whole number of months" })
    .int("Enter the period as a whole number of months")
    .min(1, "The period must be at least 1 month")
    .max(MAX_PERIOD_MONTHS, "The period must be 100 years or less"),
  action: z.enum(RETENTION_ACTIONS, { error: "Select what happens at the end of the period" }),
  disposalMethod: textInput("The disposal method", "Enter how records are disposed of")
    .trim()
    .min(1, "Enter how records are disposed of")
    .max(1000, "The disposal method must be 1,000 characters or fewer"),
  source: textInput("The source", "Enter where the period comes from")
    .trim()
    .min(1, "Enter where the period comes from")
    .max(500, "The source must be 500 characters or fewer"),
});
export type RuleChangeInput = z.infer<typeof ruleChangeInput>;
