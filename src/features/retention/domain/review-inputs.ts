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

const chosen = (what: string) =>
  z
    .array(z.uuid(`Select ${what} from the review queue`), { error: `Select ${what} from the review queue` })
    .max(20000, `Propose 20,000 ${what} or fewer in one batch`)
    .default([]);

/**
 * Proposing files for disposal under one rule: people's files by their subject ids, or, under the rule
 * for copies of shared information, the copies by their disclosure ids.
 */
export const proposeInput = z.object({
  category: z.enum(RETENTION_CATEGORIES, { error: "Select the rule the files are due under" }),
  action: z.enum(DISPOSAL_ACTIONS, { error: "Select whether to destroy or anonymise the files" }),
  reason: reason("why these files are no longer needed"),
  subjectIds: chosen("files"),
  disclosureIds: chosen("copies"),
});
export type ProposeInput = z.infer<typeof proposeInput>;
