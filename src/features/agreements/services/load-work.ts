import type { Actor } from "../../../platform/auth/actor";
import type { Db } from "../../../platform/db/client";
import { message } from "../../../platform/messages";
import type { WorkItem } from "../../../platform/work";
import { AGREEMENTS_MESSAGES } from "../domain/messages";
import { loadAgreementDashboard } from "./load-dashboard";

/**
 * What agreements ask of the actor, for the home page's "Your work" (issue 18): versions waiting for
 * their signature, and reviews their organisation owes on agreements it owns, due on the review date
 * (`reviewState` decides which are worth it: within 3 months, overdue, or lapsed). Agreements are
 * partnership documents, not anyone's record: not audited.
 */
export async function loadAgreementsWork(db: Db, actor: Actor, now = new Date()): Promise<WorkItem[]> {
  const { reviews, toSign } = await loadAgreementDashboard(db, actor, now);
  const say = (key: string, params: Record<string, string | number> = {}) =>
    message(AGREEMENTS_MESSAGES.en, `agreementsWork.${key}`, params);
  return [
    ...toSign.map((a) => ({
      kind: "agreement_to_sign",
      title: say("toSign", { version: a.version, reference: a.reference, title: a.title }),
      href: `/agreements/${a.id}/sign`,
      dueOn: null,
    })),
    ...reviews.map((a) => ({
      kind: "agreement_review",
      title: say("toReview", { reference: a.reference, title: a.title }),
      href: `/agreements/${a.id}/review`,
      dueOn: a.nextReviewDate,
      ...(a.state === "LAPSED" ? { note: say("lapsed") } : {}),
    })),
  ];
}
