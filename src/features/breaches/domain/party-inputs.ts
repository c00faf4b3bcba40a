import { z } from "zod";
import { textInput } from "../../../platform/text";
import { BREACHES_MESSAGES } from "./messages";

/**
 * What a wrong recipient sends to confirm it deleted every copy of information sent to it by mistake
 * (BR-CONTAIN): the confirmation itself, and a note of what it did if it wants to say.
 */
export const deletionInput = z
  .object({
    confirmed: z.literal(true, { error: BREACHES_MESSAGES.en.parties.confirmRequired }),
    note: textInput("The note").trim().max(2000, "The note must be 2,000 characters or fewer").default(""),
  })
  .meta({ id: "BreachDeletionConfirmation" });
