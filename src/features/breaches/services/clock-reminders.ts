import { and, eq, isNull, lte, or } from "drizzle-orm";
import type { Role } from "../../../platform/auth/roles";
import type { Db } from "../../../platform/db/client";
import type { JobDefinition } from "../../../platform/jobs/queue";
import { QUEUES } from "../../../platform/jobs/queues";
import { holdersOf, notify } from "../../notifications";
import { clockState, icoReminderAt } from "../domain/clock";
import { breaches } from "../schema";
import { reportAwaited } from "./register";

/** Reminded at 80 % of the 72 hours: the organisation's IG leads, who report to the ICO. */
const REMINDED: readonly Role[] = ["ig_lead"];
/** Told once the 72 hours have passed: its IG leads and its organisation administrators, who can make sure someone acts. */
const ESCALATED: readonly Role[] = ["ig_lead", "org_admin"];
/** How long after T0 the reminder comes (80 % of 72 hours), from the clock itself. */
const REMINDER_AFTER_MS = icoReminderAt(new Date(0)).getTime();

type Mark = "reminderSentAt" | "escalatedAt";

/**
 * Sets the breach's mark and tells its people in one transaction, if the mark is still unset and the
 * clock still running once the row is locked: the lock waits for a change in flight (a report being
 * recorded locks the breach too), and the update's fresh snapshot then sees it. A second run, or a
 * second node, finds the mark set and tells no one again. Returns whether it told anyone.
 */
async function markAndTell(db: Db, breach: { id: string; organisationId: string }, mark: Mark, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.select({ id: breaches.id }).from(breaches).where(eq(breaches.id, breach.id)).for("update");
    const [marked] = await tx
      .update(breaches)
      .set({ [mark]: now })
      .where(and(eq(breaches.id, breach.id), isNull(breaches[mark]), reportAwaited))
      .returning({ id: breaches.id });
    if (!marked) return false;
    const escalation = mark === "escalatedAt";
    await notify(tx, {
      userIds: await holdersOf(tx, breach.organisationId, escalation ? ESCALATED : REMINDED),
      kind: escalation ? "breach_report_overdue" : "breach_report_due",
      href: `/breaches/${breach.id}`,
    });
    return true;
  });
}

/**
 * The breach clock's reminder and escalation (`BR-72H`), every minute: for each breach whose ICO clock
 * is running (no initial report, not assessed as no risk, not closed), its IG leads are reminded once
 * when 80 % of the 72 hours has gone, and once the 72 hours have passed its IG leads and organisation
 * administrators are told it is overdue. Where each stands is the pure clock's (domain/clock.ts), the
 * one the register, the breach's page and Your work show.
 *
 * Each is sent at most once per breach (`reminder_sent_at`, `escalated_at`), whatever happens to T0
 * afterwards: an edit that moves T0 later does not clear a mark already set, so no one is told a
 * second time about the same breach (the page and Your work always show the clock from T0 as it now
 * stands). A breach first recorded after its 72 hours had passed is escalated, not reminded. Returns
 * how many were reminded and escalated.
 */
export async function remindBreachClocks(db: Db, now = new Date()): Promise<{ reminded: number; escalated: number }> {
  const candidates = await db
    .select({
      id: breaches.id,
      organisationId: breaches.organisationId,
      awareAt: breaches.awareAt,
      risk: breaches.risk,
      reminderSentAt: breaches.reminderSentAt,
      escalatedAt: breaches.escalatedAt,
    })
    .from(breaches)
    .where(
      and(
        reportAwaited,
        or(isNull(breaches.reminderSentAt), isNull(breaches.escalatedAt)),
        lte(breaches.awareAt, new Date(now.getTime() - REMINDER_AFTER_MS)),
      ),
    );
  let reminded = 0;
  let escalated = 0;
  for (const b of candidates) {
    const clock = clockState({ awareAt: b.awareAt, risk: b.risk, initialReportAt: null }, now);
    if (clock.state === "OVERDUE" && !b.escalatedAt) {
      if (await markAndTell(db, b, "escalatedAt", now)) escalated++;
    } else if (clock.state === "DUE" && clock.reminder && !b.reminderSentAt) {
      if (await markAndTell(db, b, "reminderSentAt", now)) reminded++;
    }
  }
  return { reminded, escalated };
}

export const breachClockJob: JobDefinition = {
  name: QUEUES.breachClock,
  run: async (_data, { db }) => {
    await remindBreachClocks(db);
  },
  cron: "* * * * *",
  expireInSeconds: 60,
};
