import { and, eq, gte, isNull } from "drizzle-orm";
import { notify } from "../features/notifications";
import { notifications } from "../features/notifications/schema";
import { organisations, users } from "../features/organisations-and-users/schema";
import type { Actor } from "../platform/auth/actor";
import type { Role } from "../platform/auth/roles";
import { today, ukDayStart } from "../platform/dates/calendar";
import type { Db } from "../platform/db/client";
import type { JobDefinition } from "../platform/jobs/queue";
import { QUEUES } from "../platform/jobs/queues";
import { countWorkDue } from "./your-work";

/**
 * Each morning, everyone with work due tomorrow or overdue in their "Your work" list is told how much:
 * numbers and a link to the home page, never what or whom it is about. Counting reads no names and
 * records no read (`countWorkDue`). At most one reminder each a day, however often the job runs.
 * Here, in the composition root, because only it knows every feature's work. Returns how many were told.
 */
async function remindWorkDue(db: Db, now = new Date()): Promise<number> {
  const people: Actor[] = (
    await db
      .select({
        userId: users.id,
        name: users.name,
        roles: users.roles,
        organisationId: organisations.id,
        organisationName: organisations.name,
      })
      .from(users)
      .innerJoin(organisations, eq(organisations.id, users.organisationId))
      .where(isNull(users.deactivatedAt))
  ).map((p) => ({ ...p, roles: p.roles as Role[] }));
  const since = ukDayStart(today(now));
  let told = 0;
  for (const actor of people) {
    const counts = await countWorkDue(db, actor, now);
    if (!counts.dueTomorrow && !counts.overdue) continue;
    await db.transaction(async (tx) => {
      // The person's row is the lock: a second run at the same time waits, then finds today's reminder.
      await tx.select({ id: users.id }).from(users).where(eq(users.id, actor.userId)).for("update");
      const already = await tx.$count(
        notifications,
        and(eq(notifications.userId, actor.userId), eq(notifications.kind, "work_due"), gte(notifications.createdAt, since)),
      );
      if (already) return;
      await notify(tx, { userIds: [actor.userId], kind: "work_due", href: "/", counts });
      told++;
    });
  }
  return told;
}

export const workRemindersJob: JobDefinition = {
  name: QUEUES.remindWorkDue,
  run: async (_data, { db }) => {
    await remindWorkDue(db);
  },
  // Before the daily summaries at 7, so those who chose one find it there the same morning.
  cron: "30 6 * * *",
  expireInSeconds: 30 * 60,
};
