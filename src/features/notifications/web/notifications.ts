import type { FastifyInstance } from "fastify";
import { ukDateTime } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { actorOf, requireActor } from "../../../platform/http/auth/plugin";
import type { EmailState } from "../domain/kinds";
import { NOTIFICATIONS_MESSAGES } from "../domain/messages";
import { notificationWords } from "../domain/words";
import { loadNotifications, markAllRead } from "../services/list";

const words = NOTIFICATIONS_MESSAGES.en;

const EMAIL_WORDS: Record<EmailState, string> = {
  pending: words.notificationsPage.emailPending,
  digest: words.notificationsPage.emailDigest,
  sent: words.notificationsPage.emailSent,
  kept: words.notificationsPage.emailKept,
  suppressed: words.notificationsPage.emailSuppressed,
};

/** The person's own notifications: what Safeshare told them, each linking to where it is acted on. */
export async function notificationPages(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.get("/notifications", { preHandler: requireActor() }, async (request, reply) => {
    const actor = actorOf(request);
    const rows = await loadNotifications(db, actor);
    await markAllRead(db, actor);
    return reply.view("notifications/list", {
      words: words.notificationsPage,
      notifications: rows.map((n) => ({
        title: notificationWords(n).subject,
        body: notificationWords(n).body,
        href: n.href,
        when: ukDateTime(n.createdAt),
        isNew: !n.readAt,
        email: EMAIL_WORDS[n.emailState],
      })),
    });
  });
}
