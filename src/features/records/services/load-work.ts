import type { Actor } from "../../../platform/auth/actor";
import { ukDay } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { message } from "../../../platform/messages";
import type { WorkItem } from "../../../platform/work";
import { sharingSettings } from "../../settings";
import { RECORDS_MESSAGES } from "../domain/messages";
import { concernAcknowledgeBy } from "../domain/records";
import { viewConcernsAwaitingAcknowledgement } from "./concerns";

/**
 * What records ask of the actor, for the home page's "Your work" (issue 18): the organisation's new
 * concerns, for its safeguarding leads to acknowledge (the one role that may), each due 1 working day
 * after it was raised. The list names children, so it is the audited read it reuses, under `view`.
 */
export async function viewRecordsWork(db: Db, actor: Actor, view: string): Promise<WorkItem[]> {
  if (!actor.roles.includes("safeguarding_lead")) return [];
  const [waiting, { nation }] = await Promise.all([viewConcernsAwaitingAcknowledgement(db, actor, view), sharingSettings(db)]);
  return waiting.map((c) => ({
    kind: "concern",
    title: message(RECORDS_MESSAGES.en, "recordsWork.concernToAcknowledge", {
      child: `${c.givenNames} ${c.familyName}`,
      category: c.category,
    }),
    href: `/subjects/${c.subjectId}/concerns/${c.id}/acknowledge`,
    dueOn: concernAcknowledgeBy(ukDay(c.raisedAt), nation),
  }));
}
