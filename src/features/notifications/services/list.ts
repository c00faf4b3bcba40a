import { and, desc, eq, isNull } from "drizzle-orm";
import type { Actor } from "../../../platform/auth/actor";
import type { Db } from "../../../platform/db/client";
import { visibleTo } from "../../../platform/db/scope";
import { notifications } from "../schema";

/**
 * The signed-in person's own notifications, newest first: everything Safeshare told them, emailed or
 * not. Not a read of anyone's record: a notification names no one.
 */
export async function loadNotifications(db: Db, actor: Actor, limit = 50) {
  return db
    .select()
    .from(notifications)
    .where(and(eq(notifications.userId, actor.userId), visibleTo(actor, notifications)))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit);
}

/** How many of the person's notifications they have not seen in their list yet. */
export async function unreadCount(db: Db, actor: Actor): Promise<number> {
  return db.$count(notifications, and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)));
}

/** The person has seen their list: what was new is new no longer. */
export async function markAllRead(db: Db, actor: Actor, now = new Date()): Promise<void> {
  await db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, actor.userId), isNull(notifications.readAt)));
}
