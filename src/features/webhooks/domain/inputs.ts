import { z } from "zod";
import { WEBHOOK_EVENTS } from "./events";

/** A new webhook endpoint as the administrator's form sends it; the address is checked by `endpointUrlProblem`. */
export const newEndpointInput = z.object({
  url: z
    .string({ error: "Enter the address Safeshare should send events to" })
    .trim()
    .min(1, "Enter the address Safeshare should send events to")
    .max(2000, "The address must be 2,000 characters or fewer"),
  events: z
    .array(z.enum(WEBHOOK_EVENTS, { error: "Select events from the list" }), { error: "Select at least one event" })
    .min(1, "Select at least one event"),
});
export type NewEndpointInput = z.infer<typeof newEndpointInput>;
