import { z } from "zod";
import { textInput } from "../../../platform/text";
import { ARTICLE_6, ARTICLE_6_LABELS, type Article6 } from "../../agreements/domain";

/**
 * What an objection and a withdrawal of consent reach (docs/domain.md §6). An objection is only against
 * processing under public task or legitimate interests (UK GDPR Art 21(1)); the organisation stops
 * unless it records compelling legitimate grounds. Withdrawing consent (Art 7(3)) stops only what
 * rests on consent: sharing under a legal duty or public task, such as to protect a child, goes on.
 */

export type ProcessingRight = "OBJECTION" | "WITHDRAW_CONSENT";

/**
 * Art 21(1) names points (e) and (f); the recognised legitimate interest of point (ea) (DUAA 2025)
 * is a legitimate interest too, so an objection to it is considered the same way.
 */
const OBJECTABLE: readonly Article6[] = ["A6_1E_PUBLIC_TASK", "A6_1F_LEGITIMATE_INTERESTS", "A6_1EA_RECOGNISED_LI_SAFEGUARDING"];

/** Whether the right reaches sharing under this basis, and why, in words for the screen. */
export function rightReaches(right: ProcessingRight, basis: Article6): { applies: boolean; why: string } {
  const label = ARTICLE_6_LABELS[basis];
  if (right === "WITHDRAW_CONSENT") {
    return basis === "A6_1A_CONSENT"
      ? { applies: true, why: "This sharing rests on their consent, so it stops now they have withdrawn it." }
      : {
          applies: false,
          why: `This sharing does not rest on consent (${label}), so withdrawing consent does not stop it. They may object instead if it is public task or legitimate interests.`,
        };
  }
  if (OBJECTABLE.includes(basis)) {
    return {
      applies: true,
      why: `They can object to sharing under ${label}. It stops unless you record compelling legitimate grounds that override their interests, rights and freedoms, such as protecting a child from harm.`,
    };
  }
  return basis === "A6_1A_CONSENT"
    ? { applies: false, why: "This sharing rests on their consent: the right to object does not apply, but they can withdraw consent." }
    : { applies: false, why: `The right to object does not apply to sharing under ${label}.` };
}

export const processingDecisionInput = z.object({
  article6: z.enum(ARTICLE_6, { error: "Select the lawful basis this decision is about" }),
  decision: z.enum(["STOP", "CONTINUE"], { error: "Say whether this sharing stops or continues" }),
  grounds: textInput("The reasons", "Give the reasons")
    .trim()
    .min(1, "Give the reasons")
    .max(4000, "The reasons must be 4000 characters or fewer"),
});
export type ProcessingDecisionInput = z.infer<typeof processingDecisionInput>;

/**
 * Why this decision cannot be recorded for this right, given the decision now in force for the
 * basis, or null: the field it is about and the reason. After a withdrawal, consent-based sharing
 * resumes only when the person gives consent again, which is recorded as a later decision to continue.
 */
export function processingDecisionProblem(
  right: ProcessingRight,
  input: ProcessingDecisionInput,
  inForce: "STOP" | "CONTINUE" | null,
): { path: string; message: string } | null {
  const reach = rightReaches(right, input.article6);
  if (!reach.applies) return { path: "/article6", message: reach.why };
  if (right === "WITHDRAW_CONSENT" && input.decision === "CONTINUE" && inForce !== "STOP")
    return {
      path: "/decision",
      message:
        "Sharing on the basis of consent cannot continue once consent is withdrawn: record that it stops. If the person later gives consent again, record that then",
    };
  return null;
}
