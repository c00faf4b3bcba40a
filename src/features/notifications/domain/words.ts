import { message } from "../../../platform/messages";
import type { NotificationCounts, NotificationKind } from "./kinds";
import { NOTIFICATIONS_MESSAGES } from "./messages";

const catalogue = NOTIFICATIONS_MESSAGES.en;

/**
 * A notification's title and paragraph, the same in its email, the daily summary and the person's own
 * list. Only a reminder carries numbers (how many things are due tomorrow, how many overdue); none
 * carries a name or anything from a record.
 */
export function notificationWords(n: { kind: NotificationKind; counts: NotificationCounts | null }): { subject: string; body: string } {
  const subject = catalogue.notificationSubject[n.kind];
  if (n.kind !== "work_due") return { subject, body: catalogue.notificationBody[n.kind] };
  const counts = n.counts ?? { dueTomorrow: 0, overdue: 0 };
  const what = (["dueTomorrow", "overdue"] as const)
    .filter((k) => counts[k] > 0)
    .map((k) => message(catalogue, `workDue.${k}`, { count: counts[k] }))
    .join(catalogue.workDue.and);
  return { subject, body: message(catalogue, "notificationBody.work_due", { what }) };
}
