import { z } from "zod";
import { today } from "../../../platform/dates/calendar";
import { textInput } from "../../../platform/text";
import { GATEWAYS, PURPOSE_CODES } from "../../agreements/domain";
import { dateOfBirthProblem, nhsNumberProblem, normaliseNhsNumber } from "../../records/domain";
import { REQUEST_URGENCIES } from "./records";

/**
 * An information request (docs/domain.md §4): one organisation asks another for what it holds about a
 * person, saying who (as precisely as it can, so the other can find them), why, under which power,
 * and how urgently. The answer is a share decision, whichever way it goes.
 */

const name = (label: string) =>
  textInput(label, `Enter the ${label.toLowerCase()}`)
    .trim()
    .min(1, `Enter the ${label.toLowerCase()}`)
    .max(200, `${label} must be 200 characters or fewer`);

export const informationRequestInput = z.object({
  requestedOrganisationId: z.uuid({ error: "Select the organisation you are asking" }),
  /** The requester's own record of the person, if it has one: the request appears on its chronology. */
  requestingSubjectId: z.uuid().nullable().optional(),
  subject: z.object({
    givenNames: name("Given names"),
    familyName: name("Family name"),
    dateOfBirth: z
      .string()
      .trim()
      .optional()
      .superRefine((v, ctx) => {
        const problem = v ? dateOfBirthProblem(v, today()) : null;
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      }),
    nhsNumber: z
      .string()
      .trim()
      .optional()
      .superRefine((v, ctx) => {
        const problem = v ? nhsNumberProblem(v) : null;
        if (problem) ctx.addIssue({ code: "custom", message: problem });
      })
      .transform((v) => (v ? normaliseNhsNumber(v) : undefined)),
    address: textInput("The address").trim().max(500, "The address must be 500 characters or fewer").optional(),
  }),
  purposeCode: z.enum(PURPOSE_CODES, { error: "Select the purpose" }),
  purpose: textInput("The purpose", "Describe what you need the information for")
    .trim()
    .min(1, "Describe what you need the information for")
    .max(4000),
  gateway: z.enum(GATEWAYS, { error: "Select a power or duty from the list" }).nullable().optional(),
  urgency: z.enum(REQUEST_URGENCIES, { error: "Select how urgent it is" }),
});
