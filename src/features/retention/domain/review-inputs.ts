import { z } from "zod";
import { DISPOSAL_ACTIONS, RETENTION_CATEGORIES } from "./schedule";

const reason = (what: string) =>
  z
    .string({ error: `Enter ${what}` })
    .trim()
    .min(1, `Enter ${what}`)
    .max(2000, `${what[0]?.toUpperCase()}${what.slice(1)} must be 2000 characters or fewer`);

/** Keeping a file at review: for how many more months, and why (the reason is what a later reviewer reads). */
export const keepInput = z.object({
  months: z.coerce
    .number({ error: "Enter how many months to keep it for" })
    .int("Enter a whole number of months")
    .min(1, "Keep it for at least 1 month")
    .max(600, "Keep it for 600 months (50 years) or fewer; review it again then"),
  reason: reason("why the file is kept for longer"),
});
export type KeepInput = z.infer<typeof keepInput>;

/** Proposing files for disposal under one rule. */
export const proposeInput = z.object({
  category: z.enum(RETENTION_CATEGORIES, { error: "Select the rule the files are due under" }),
  action: z.enum(DISPOSAL_ACTIONS, { error: "Select whether to destroy or anonymise the files" }),
  reason: reason("why these files are no longer needed"),
  subjectIds: z
    .array(z.uuid("Select files from the review queue"), { error: "Select at least one file" })
    .min(1, "Select at least one file")
    .max(20000, "Propose 20,000 files or fewer in one batch"),
});
export type ProposeInput = z.infer<typeof proposeInput>;
