import { and, asc } from "drizzle-orm";
import type { Actor } from "../../../platform/auth/actor";
import { ukDay } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { visibleTo } from "../../../platform/db/scope";
import { message } from "../../../platform/messages";
import type { WorkItem } from "../../../platform/work";
import { clockState, icoDueAt } from "../domain/clock";
import { countdownText } from "../domain/clock-text";
import { BREACHES_MESSAGES } from "../domain/messages";
import { breachReference } from "../domain/vocabulary";
import { breaches } from "../schema";
import { reportAwaited } from "./register";

/**
 * What the register asks of an IG lead, for the home page's "Your work" and the daily reminder
 * (issue 22): each breach whose report to the ICO is still to make, due at T0 + 72 hours and late from
 * that instant (`BR-72H`). References only: no one's name is read, so nothing is recorded.
 */
export async function loadBreachesWork(db: Db, actor: Actor, now = new Date()): Promise<WorkItem[]> {
  if (!actor.roles.includes("ig_lead")) return [];
  const rows = await db
    .select({ id: breaches.id, reference: breaches.reference, awareAt: breaches.awareAt, risk: breaches.risk })
    .from(breaches)
    .where(and(visibleTo(actor, breaches), reportAwaited))
    .orderBy(asc(breaches.awareAt), asc(breaches.id));
  return rows.map((b) => {
    // The clock the register and the breach's page show: running here (no initial report), so due or overdue.
    const clock = clockState({ awareAt: b.awareAt, risk: b.risk, initialReportAt: null }, now);
    const note = countdownText(clock);
    return {
      kind: "breach_ico_report",
      title: message(BREACHES_MESSAGES.en, "breachesWork.report", { reference: breachReference(b.reference) }),
      href: `/breaches/${b.id}`,
      dueOn: ukDay(icoDueAt(b.awareAt)),
      overdue: clock.state === "OVERDUE",
      ...(note ? { note } : {}),
    };
  });
}
