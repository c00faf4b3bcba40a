import { sql } from "drizzle-orm";
import { index, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "../../platform/db/columns";
import { organisations, users } from "../organisations-and-users/schema";
import { DELIVERY_CHOICES, EMAIL_STATES, NOTIFICATION_KINDS, type NotificationCounts } from "./domain/kinds";

export const notificationKind = pgEnum("notification_kind", NOTIFICATION_KINDS);
export const emailState = pgEnum("notification_email_state", EMAIL_STATES);
export const deliveryChoice = pgEnum("notification_delivery", DELIVERY_CHOICES);

/**
 * The outbox: every notification, emailed or not, shown in the person's own list. It holds no
 * personal data: a kind, a link inside Safeshare, and what happened to its email.
 */
export const notifications = pgTable(
  "notification",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    kind: notificationKind("kind").notNull(),
    /** Where it is acted on, inside Safeshare (a path such as /disclosures/…). */
    href: text("href").notNull(),
    /** Numbers its words need (how many things are due tomorrow, how many overdue): counts, never names. */
    counts: jsonb("counts").$type<NotificationCounts>(),
    createdAt: createdAt(),
    emailState: emailState("email_state").notNull(),
    emailedAt: timestamp("emailed_at", { withTimezone: true }),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [
    index("notification_user_idx").on(t.userId, t.createdAt),
    index("notification_digest_idx").on(t.userId).where(sql`${t.emailState} = 'digest'`),
  ],
);

/** How each person takes notifications that are not urgent; none means at once. */
export const notificationPreferences = pgTable("notification_preference", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  delivery: deliveryChoice("delivery").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
