import type { Actor } from "../../../platform/auth/actor";
import { ukDay } from "../../../platform/dates/calendar";
import type { UkNation } from "../../../platform/dates/working-days";
import type { Db } from "../../../platform/db/client";
import { message } from "../../../platform/messages";
import type { WorkDeadline, WorkItem } from "../../../platform/work";
import { sharingSettings } from "../../settings";
import { RECORDS_MESSAGES } from "../domain/messages";
import { concernAcknowledgeBy } from "../domain/records";
import { loadConcernsAwaitingRaisedAt, viewConcernsAwaitingAcknowledgement } from "./concerns";

/**
 * What records ask of the actor, for the home page's "Your work" (issue 18): the organisation's new
 * concerns, for its safeguarding leads to acknowledge (the one role that may), each due 1 working day
 * after it was raised. The list names children, so it is the audited read it reuses, under `view`.
 */
export async function viewRecordsWork(db: Db, actor: Actor, view: string): Promise<WorkItem[]> {
  if (!listsConcerns(actor)) return [];
  const [waiting, { nation }] = await Promise.all([viewConcernsAwaitingAcknowledgement(db, actor, view), sharingSettings(db)]);
  return waiting.map((c) => ({
    kind: "concern",
    title: message(RECORDS_MESSAGES.en, "recordsWork.concernToAcknowledge", {
      child: `${c.givenNames} ${c.familyName}`,
      category: c.category,
    }),
    href: `/subjects/${c.subjectId}/concerns/${c.id}/acknowledge`,
    dueOn: concernDueOn(c.raisedAt, nation),
  }));
}

/** The same list's deadlines, reading no child's name and recording no read: for the daily reminder's count. */
export async function loadRecordsWorkDeadlines(db: Db, actor: Actor): Promise<WorkDeadline[]> {
  if (!listsConcerns(actor)) return [];
  const [raised, { nation }] = await Promise.all([loadConcernsAwaitingRaisedAt(db, actor), sharingSettings(db)]);
  return raised.map((raisedAt) => ({ dueOn: concernDueOn(raisedAt, nation) }));
}

/** Safeguarding leads acknowledge concerns: the one role that may. */
const listsConcerns = (actor: Actor) => actor.roles.includes("safeguarding_lead");

const concernDueOn = (raisedAt: Date, nation: UkNation) => concernAcknowledgeBy(ukDay(raisedAt), nation);
