import { z } from "zod";
import { textInput } from "../../../platform/text";
import { EXEMPTIONS } from "./vocabulary";

const reviewFields = {
  exemption: z.enum(EXEMPTIONS, { error: "Select the exemption relied on" }).optional(),
  reason: textInput("The reason").trim().max(4000, "The reason must be 4,000 characters or fewer").optional(),
  healthOpinion: textInput("The health professional's opinion").trim().max(4000).optional(),
  healthProfessional: textInput("The health professional").trim().max(300).optional(),
};
type Reviewed = { decision: string; exemption?: string; reason?: string; healthOpinion?: string; healthProfessional?: string };

/**
 * What anything held back needs, whether an item or a record of who it was shared with: the
 * exemption and why it applies; the serious-harm health exemption also needs the appropriate health
 * professional's opinion, and whose it is.
 */
function exemptionIssues(r: Reviewed, issue: (path: string, message: string) => void): void {
  if (r.decision === "DISCLOSE") return;
  if (!r.exemption) issue("exemption", "Select the exemption that allows this to be held back");
  if (!r.reason) issue("reason", "Say why the exemption applies");
  if (r.exemption === "EX-SERIOUS-HARM-HEALTH") {
    if (!r.healthOpinion)
      issue("healthOpinion", "Record the appropriate health professional's opinion that disclosure would cause serious harm");
    if (!r.healthProfessional) issue("healthProfessional", "Record who the health professional is");
  }
}
const issuesTo = (ctx: z.RefinementCtx) => (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });

/**
 * An access request's review of one item (docs/domain.md §6): disclosed, redacted or withheld. Anything
 * held back names its exemption and says why. An exemption without a reason cannot be saved.
 */
export const itemReviewInput = z
  .object({
    decision: z.enum(["DISCLOSE", "REDACT", "WITHHOLD"], { error: "Select disclose, redact or withhold" }),
    ...reviewFields,
    redactions: z.array(textInput("A redaction").trim().min(1).max(500)).max(50).default([]),
  })
  .superRefine((r, ctx) => {
    exemptionIssues(r, issuesTo(ctx));
    if (r.decision === "REDACT" && r.redactions.length === 0) issuesTo(ctx)("redactions", "Say what is taken out");
    // Only a redaction takes anything out: a name ticked while disclosing in full would go to the requester.
    if (r.decision !== "REDACT" && r.redactions.length > 0)
      issuesTo(ctx)(
        "redactions",
        "Words and names are taken out only when you disclose it with words taken out: choose that, or clear the words and untick the names",
      );
  });
export type ItemReviewInput = z.infer<typeof itemReviewInput>;

/**
 * An access request's review of one entry of who the information was shared with (the disclosure
 * log, Art 15(1)(c)): listed in the pack, or withheld under an exemption with its reason, exactly as
 * an item is. Telling a parent that their child was referred to social care can be the harm.
 */
export const recipientReviewInput = z
  .object({ decision: z.enum(["DISCLOSE", "WITHHOLD"], { error: "Select list it or withhold it" }), ...reviewFields })
  .superRefine((r, ctx) => exemptionIssues(r, issuesTo(ctx)));
export type RecipientReviewInput = z.infer<typeof recipientReviewInput>;

/** How much of an access pack nobody has reviewed yet: items, and entries of who it was shared with. */
export interface PackUnreviewed {
  items: number;
  recipients: number;
}

/**
 * The draft rule, in one place: a pack is a draft while anything in it is unreviewed. Today's item
 * nobody looked at would otherwise go in full, naming whoever it names.
 */
export function packUnreviewed(items: readonly { reviewed: boolean }[], recipients: readonly { reviewed: boolean }[]): PackUnreviewed {
  return { items: items.filter((i) => !i.reviewed).length, recipients: recipients.filter((r) => !r.reviewed).length };
}

export const isDraft = (unreviewed: PackUnreviewed) => unreviewed.items + unreviewed.recipients > 0;

/** So many items and records of sharing, in words: "2 items and 1 record of who it was shared with". */
export function itemsAndRecords(n: { items: number; recipients: number }): string {
  return [
    n.items ? `${n.items} ${n.items === 1 ? "item" : "items"}` : "",
    n.recipients ? `${n.recipients} ${n.recipients === 1 ? "record" : "records"} of who it was shared with` : "",
  ]
    .filter(Boolean)
    .join(" and ");
}

/** What is left to review, in words: "2 items and 1 record of who it was shared with have not been reviewed"; null if nothing is. */
export function unreviewedSentence(u: PackUnreviewed): string | null {
  if (!isDraft(u)) return null;
  return `${itemsAndRecords(u)} ${u.items + u.recipients === 1 ? "has" : "have"} not been reviewed`;
}

/** Why a draft pack cannot be the response, or null when every part of it has been reviewed. */
export function draftProblem(u: PackUnreviewed): string | null {
  const left = unreviewedSentence(u);
  return left && `The access pack is still a draft: ${left}. Review each one before responding`;
}

/**
 * The one thing the requester is told about exemptions, in every pack whether or not anything was
 * held back: naming the exemption, or even that something was withheld, can tell a parent what it
 * protects (that the child was referred, or disclosed abuse).
 */
export const WITHHELD_STATEMENT =
  "Some information may have been withheld, or words taken out, under exemptions in the Data Protection Act 2018.";

/** What the requester is told about their rights, in every pack and response (UK GDPR Arts 15–21, 77). */
export const RIGHTS_STATEMENT = [
  "You can ask for information that is wrong to be corrected, and for a statement of your view to be added to an opinion you disagree with.",
  "You can ask for information to be erased, or its use restricted while its accuracy is checked; an organisation carrying out its public tasks will often have to keep it, and will tell you why.",
  "You can object to information being used for a public task or a legitimate interest; and where you gave consent, you can withdraw it at any time.",
  "You can complain to the organisation, and then to the Information Commissioner's Office: ico.org.uk/make-a-complaint, 0303 123 1113.",
] as const;
