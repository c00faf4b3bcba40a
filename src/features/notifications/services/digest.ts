import { eq } from "drizzle-orm";
import type { JobContext, JobDefinition } from "../../../platform/jobs/queue";
import { QUEUES } from "../../../platform/jobs/queues";
import { renderMail } from "../../../platform/mail/render";
import { message } from "../../../platform/messages";
import { users } from "../../organisations-and-users/schema";
import { NOTIFICATIONS_MESSAGES } from "../domain/messages";
import { notificationWords } from "../domain/words";
import { notifications } from "../schema";
import { settle } from "./deliver";

const say = (key: string, params: Record<string, string | number>) => message(NOTIFICATIONS_MESSAGES.en, key, params);
const words = NOTIFICATIONS_MESSAGES.en;

/** Map.groupBy, which Node 20 does not have yet. */
function groupBy<T, K>(items: readonly T[], key: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

/**
 * Each person's daily summary of what is waiting that they chose not to be emailed about at once: how
 * many of each kind, and a link. One email each; each notification in it is then marked sent.
 */
async function sendDigests({ db, mailer, publicUrl }: JobContext): Promise<void> {
  const waiting = await db
    .select({
      id: notifications.id,
      userId: notifications.userId,
      kind: notifications.kind,
      counts: notifications.counts,
      organisationId: notifications.organisationId,
      email: users.email,
    })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .where(eq(notifications.emailState, "digest"));
  const byUser = groupBy(waiting, (n) => n.userId);
  const host = new URL(publicUrl).hostname;
  for (const [userId, mine] of byUser) {
    if (mailer) {
      const counts = groupBy(mine, (n) => n.kind);
      const mail = renderMail({
        subject: say("mail.digestSubject", { count: mine.length }),
        paragraphs: [
          words.mail.digestIntro,
          ...[...counts].map(([kind, ns]) =>
            // A reminder's numbers are the point: the latest one's own words, not how many reminders there were.
            kind === "work_due"
              ? notificationWords(ns.at(-1)!).body
              : say("mail.digestLine", { subject: words.notificationSubject[kind], count: ns.length }),
          ),
          words.mail.footer,
        ],
        link: { text: words.mail.link, href: new URL("/notifications", publicUrl).toString() },
      });
      await mailer.send({ to: mine[0]!.email, ...mail, messageId: `<digest-${userId}-${mine.at(-1)!.id}@${host}>` });
    }
    for (const n of mine) await settle(db, n, "digest", mailer ? "sent" : "kept", true);
  }
}

export const sendDigestsJob: JobDefinition = {
  name: QUEUES.sendDigests,
  run: (_data, context) => sendDigests(context),
  // Every morning at 7, UK time, once across nodes.
  cron: "0 7 * * *",
  expireInSeconds: 30 * 60,
};
