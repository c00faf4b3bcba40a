/**
 * What Safeshare tells people about (issue 19). Urgent kinds go at once and cannot be switched to a
 * digest: a child may be at immediate risk. The others go at once or in the person's daily digest.
 */
export const NOTIFICATION_KINDS = [
  "emergency_share_received",
  "emergency_share_unopened",
  "share_received",
  "request_received",
  "approval_waiting",
  "notice_to_acknowledge",
  "agreement_to_sign",
  "agreement_review_due",
  "work_due",
  "breach_report_due",
  "breach_report_overdue",
  "breach_involves_your_data",
  "breach_delete_copy",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The numbers a notification may carry for its words: how many, never who or what. */
export interface NotificationCounts {
  dueTomorrow: number;
  overdue: number;
}

/**
 * Urgent: a child may be at immediate risk, or the 72 hours to report a breach to the ICO are nearly
 * or wholly gone, or another organisation holds a copy it should not and must delete.
 */
const URGENT: ReadonlySet<NotificationKind> = new Set([
  "emergency_share_received",
  "emergency_share_unopened",
  "breach_report_due",
  "breach_report_overdue",
  "breach_delete_copy",
]);

const isUrgent = (kind: NotificationKind) => URGENT.has(kind);

/** How a person takes the kinds that are not urgent. */
export const DELIVERY_CHOICES = ["immediate", "daily_digest"] as const;
export type DeliveryChoice = (typeof DELIVERY_CHOICES)[number];

/**
 * What happens to a notification's email: `pending` goes now, `digest` with the next daily summary;
 * then `sent`, `kept` (no email set up: it waits in the app's own list) or `suppressed` (account closed).
 */
export const EMAIL_STATES = ["pending", "digest", "sent", "kept", "suppressed"] as const;
export type EmailState = (typeof EMAIL_STATES)[number];

/** Urgent kinds go now whatever the person chose. */
export const firstEmailState = (kind: NotificationKind, choice: DeliveryChoice): EmailState =>
  isUrgent(kind) || choice === "immediate" ? "pending" : "digest";
