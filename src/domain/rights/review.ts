import { z } from "zod";
import { textInput } from "../text";
import { EXEMPTIONS } from "./vocabulary";

/**
 * An access request's review of one item (domain.md §6): disclosed, redacted or withheld. Anything
 * held back names its exemption and says why; the serious-harm health exemption needs the
 * appropriate health professional's opinion, and whose it is. An exemption without a reason cannot
 * be saved.
 */
export const itemReviewInput = z
  .object({
    decision: z.enum(["DISCLOSE", "REDACT", "WITHHOLD"], { error: "Select disclose, redact or withhold" }),
    exemption: z.enum(EXEMPTIONS, { error: "Select the exemption relied on" }).optional(),
    reason: textInput("The reason").trim().max(4000, "The reason must be 4,000 characters or fewer").optional(),
    redactions: z.array(textInput("A redaction").trim().min(1).max(500)).max(50).default([]),
    healthOpinion: textInput("The health professional's opinion").trim().max(4000).optional(),
    healthProfessional: textInput("The health professional").trim().max(300).optional(),
  })
  .superRefine((r, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
    if (r.decision === "DISCLOSE") return;
    if (!r.exemption) issue("exemption", "Select the exemption that allows this to be held back");
    if (!r.reason) issue("reason", "Say why the exemption applies to this item");
    if (r.decision === "REDACT" && r.redactions.length === 0) issue("redactions", "Say what is taken out");
    if (r.exemption === "EX-SERIOUS-HARM-HEALTH") {
      if (!r.healthOpinion)
        issue("healthOpinion", "Record the appropriate health professional's opinion that disclosure would cause serious harm");
      if (!r.healthProfessional) issue("healthProfessional", "Record who the health professional is");
    }
  });
export type ItemReviewInput = z.infer<typeof itemReviewInput>;

/** What the requester is told about their rights, in every pack and response (UK GDPR Arts 15–21, 77). */
export const RIGHTS_STATEMENT = [
  "You can ask for information that is wrong to be corrected, and for a statement of your view to be added to an opinion you disagree with.",
  "You can ask for information to be erased, or its use restricted while its accuracy is checked; an organisation carrying out its public tasks will often have to keep it, and will tell you why.",
  "You can object to information being used for a public task or a legitimate interest; and where you gave consent, you can withdraw it at any time.",
  "You can complain to the organisation, and then to the Information Commissioner's Office: ico.org.uk/make-a-complaint, 0303 123 1113.",
] as const;
