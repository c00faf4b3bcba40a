import { addMonths, format } from "date-fns";
import { z } from "zod";
import { dateInput, today } from "../../../platform/dates/calendar";
import { API_SCOPES, CLIENT_ROLES, MAX_CLIENT_MONTHS } from "./scopes";

/** The furthest expiry a client may be given from a day: 12 months on (issue 20). */
export const latestExpiry = (day: string) => format(addMonths(new Date(`${day}T12:00:00Z`), MAX_CLIENT_MONTHS), "yyyy-MM-dd");

/**
 * A new API client, as the administrator's form and the API both send it. The expiry is a day, and
 * the client stops at the start of it; checked against today when parsed.
 */
export const newApiClientInput = z.object({
  name: z
    .string({ error: "Enter the name of the partner system" })
    .trim()
    .min(1, "Enter the name of the partner system")
    .max(100, "The name must be 100 characters or fewer"),
  responsibleUserId: z.uuid({ error: "Select the person responsible for this system" }),
  roles: z
    .array(z.enum(CLIENT_ROLES, { error: "Select roles from the list" }), { error: "Select at least one role" })
    .min(1, "Select at least one role"),
  scopes: z
    .array(z.enum(API_SCOPES as [string, ...string[]], { error: "Select what the system may read or change from the list" }), {
      error: "Select at least one thing the system may read or change",
    })
    .min(1, "Select at least one thing the system may read or change"),
  expiresOn: dateInput("expiry date", "1 6 2027")
    .refine((d) => d > today(), "The expiry date must be in the future")
    .refine((d) => d <= latestExpiry(today()), `The expiry date must be within ${MAX_CLIENT_MONTHS} months of today`),
  agreementId: z
    .union([z.uuid({ error: "Select an agreement from the list" }), z.literal("")])
    .optional()
    .transform((v) => v || null),
});
export type NewApiClientInput = z.infer<typeof newApiClientInput>;
