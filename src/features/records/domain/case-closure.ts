import { z } from "zod";
import { pastDateInput } from "../../../platform/dates/calendar";

const MISSING = "Enter the date the case closed";

/**
 * Closing the organisation's case on a person (issue 21): the day it closed, which closure-triggered
 * retention rules run from. Not in the future; the service checks it is not before their date of birth.
 */
export const caseClosureInput = z.object({
  closedOn: z
    .string({ error: MISSING })
    .min(1, MISSING)
    .pipe(pastDateInput("date the case closed", "2026-03-27", "The date the case closed must be today or in the past")),
});
export type CaseClosureInput = z.infer<typeof caseClosureInput>;
