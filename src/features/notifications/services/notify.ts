import { and, arrayContains, eq, inArray, isNull, or } from "drizzle-orm";
import type { Role } from "../../../platform/auth/roles";
import type { Queryable } from "../../../platform/db/client";
import { enqueue } from "../../../platform/jobs/queue";
import { QUEUES } from "../../../platform/jobs/queues";
import { users } from "../../organisations-and-users/schema";
import { firstEmailState, type NotificationCounts, type NotificationKind } from "../domain/kinds";
import { notificationPreferences, notifications } from "../schema";

/**
 * Tells people something is waiting for them: one notification each in their own list, and its email
 * queued (now, or for their daily summary) on the caller's transaction, so it exists if and only if
 * what it is about does. A closed account is told nothing. Returns the notifications' ids.
 */
export async function notify(
  q: Queryable,
  to: { userIds: readonly string[]; kind: NotificationKind; href: string; counts?: NotificationCounts },
): Promise<string[]> {
  if (!to.userIds.length) return [];
  const people = await q
    .select({ id: users.id, organisationId: users.organisationId, delivery: notificationPreferences.delivery })
    .from(users)
    .leftJoin(notificationPreferences, eq(notificationPreferences.userId, users.id))
    .where(and(inArray(users.id, [...new Set(to.userIds)]), isNull(users.deactivatedAt)));
  if (!people.length) return [];
  const rows = await q
    .insert(notifications)
    .values(
      people.map((p) => ({
        userId: p.id,
        organisationId: p.organisationId,
        kind: to.kind,
        href: to.href,
        counts: to.counts ?? null,
        emailState: firstEmailState(to.kind, p.delivery ?? "immediate"),
      })),
    )
    .returning({ id: notifications.id, emailState: notifications.emailState });
  for (const row of rows) {
    // The job's id is the notification's: queued twice, it is queued once.
    if (row.emailState === "pending") await enqueue(q, { name: QUEUES.deliverNotification }, { notificationId: row.id }, { id: row.id });
  }
  return rows.map((r) => r.id);
}

/** The organisation's safeguarding leads with open accounts: who is told when no one in particular is named. */
export const safeguardingLeadsOf = (q: Queryable, organisationId: string) => holdersOf(q, organisationId, ["safeguarding_lead"]);

/** The organisation's people with open accounts who hold any of `roles`. */
export async function holdersOf(q: Queryable, organisationId: string, roles: readonly Role[]): Promise<string[]> {
  const rows = await q
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        eq(users.organisationId, organisationId),
        or(...roles.map((role) => arrayContains(users.roles, [role]))),
        isNull(users.deactivatedAt),
      ),
    );
  return rows.map((r) => r.id);
}
