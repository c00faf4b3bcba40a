import type { DeliveryChoice, NotificationKind } from "./domain/kinds";

/**
 * A notification emailed, kept in the app's own list (no email set up) or not emailed (the person's
 * account is closed): by id and kind, never by content (issue 19).
 */
export type NotificationsAuditEvent =
  | { type: "notification.sent"; entity: { type: "notification"; id: string }; details: { kind: NotificationKind; digest: boolean } }
  | { type: "notification.kept"; entity: { type: "notification"; id: string }; details: { kind: NotificationKind } }
  | {
      type: "notification.suppressed";
      entity: { type: "notification"; id: string };
      details: { kind: NotificationKind; reason: "account_closed" };
    }
  /** A person chose how they hear about what is not urgent: at once, or in a daily summary. */
  | { type: "notification_preference.changed"; entity: { type: "user"; id: string }; details: { delivery: DeliveryChoice } };

declare module "../../platform/audit/events" {
  interface AuditEventCatalogue {
    notifications: NotificationsAuditEvent;
  }
  interface AuditEntityCatalogue {
    notifications: "notification";
  }
}
