import { and, eq } from "drizzle-orm";
import { inTransaction } from "../../../platform/audit/write";
import type { Db } from "../../../platform/db/client";
import type { JobContext, JobDefinition } from "../../../platform/jobs/queue";
import { QUEUES } from "../../../platform/jobs/queues";
import { renderMail } from "../../../platform/mail/render";
import { users } from "../../organisations-and-users/schema";
import type {} from "../audit-events";
import type { EmailState, NotificationCounts, NotificationKind } from "../domain/kinds";
import { NOTIFICATIONS_MESSAGES } from "../domain/messages";
import { notificationWords } from "../domain/words";
import { notifications } from "../schema";

const words = NOTIFICATIONS_MESSAGES.en;
const SYSTEM = { kind: "system", name: "Safeshare notifications" } as const;

/** The email for one notification: its kind's words and a link, nothing about anyone. */
function notificationMail(n: { kind: NotificationKind; counts: NotificationCounts | null }, href: string, publicUrl: string) {
  const { subject, body } = notificationWords(n);
  return renderMail({
    subject,
    paragraphs: [body, words.mail.footer],
    link: { text: words.mail.link, href: new URL(href, publicUrl).toString() },
  });
}

/** Marks what happened to a notification's email, if it is still `from`, and records it by id and kind. */
export async function settle(
  db: Db,
  n: { id: string; kind: NotificationKind; organisationId: string },
  from: EmailState,
  to: EmailState,
  digest = false,
) {
  // The state and its audit event in one transaction: no one reads "sent" before it is on the record.
  await inTransaction(db, async (tx, audit) => {
    const [moved] = await tx
      .update(notifications)
      .set({ emailState: to, ...(to === "sent" ? { emailedAt: new Date() } : {}) })
      .where(and(eq(notifications.id, n.id), eq(notifications.emailState, from)))
      .returning({ id: notifications.id });
    if (!moved) return;
    const entity = { type: "notification", id: n.id } as const;
    if (to === "sent") audit.record(SYSTEM, { type: "notification.sent", entity, details: { kind: n.kind, digest } }, n.organisationId);
    else if (to === "kept") audit.record(SYSTEM, { type: "notification.kept", entity, details: { kind: n.kind } }, n.organisationId);
    else if (to === "suppressed") {
      audit.record(
        SYSTEM,
        { type: "notification.suppressed", entity, details: { kind: n.kind, reason: "account_closed" } },
        n.organisationId,
      );
    }
  });
}

/**
 * Emails one notification. pg-boss gives the job to one node at a time; the state is checked first
 * and moved after, so a retry after the mail went (the node died before marking it) sends it at most
 * once more, with the same Message-ID. Without a mail server it is kept in the person's list.
 */
async function deliverNotification({ db, mailer, publicUrl }: JobContext, notificationId: string): Promise<void> {
  const [n] = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      href: notifications.href,
      counts: notifications.counts,
      organisationId: notifications.organisationId,
      emailState: notifications.emailState,
      email: users.email,
      closed: users.deactivatedAt,
    })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(eq(notifications.id, notificationId));
  if (n?.emailState !== "pending") return;
  if (n.closed) return settle(db, n, "pending", "suppressed");
  if (!mailer) return settle(db, n, "pending", "kept");
  const host = new URL(publicUrl).hostname;
  await mailer.send({ to: n.email, ...notificationMail(n, n.href, publicUrl), messageId: `<notification-${n.id}@${host}>` });
  await settle(db, n, "pending", "sent");
}

export const deliverNotificationJob: JobDefinition<{ notificationId: string }> = {
  name: QUEUES.deliverNotification,
  run: (data, context) => deliverNotification(context, data.notificationId),
  // A mail server that is down is tried again: 30 s, then doubling, for about half an hour.
  retryLimit: 6,
  retryDelaySeconds: 30,
  // Sending one email takes seconds; one still running after a minute went with its node.
  expireInSeconds: 60,
};
