import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { createdAt } from "../../platform/db/columns";
import { organisations, users } from "../organisations-and-users/schema";
import type { WebhookPayload } from "./domain/events";

/**
 * Where an organisation's partner systems are told of events that concern it (issue 20). The signing
 * secret is not stored: it is derived from the app's webhook key and the endpoint's id (services/secret.ts).
 */
export const webhookEndpoints = pgTable(
  "webhook_endpoint",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    url: text("url").notNull(),
    /** The events it is sent (domain/events.ts). */
    events: text("events").array().notNull(),
    createdByUserId: uuid("created_by_user_id")
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
    /** Removed endpoints are kept, so their deliveries still say where they went. */
    removedAt: timestamp("removed_at", { withTimezone: true }),
  },
  (t) => [index("webhook_endpoint_organisation_idx").on(t.organisationId).where(sql`removed_at is null`)],
);

/** One event for one endpoint: its id is the message id the receiver de-duplicates by (`webhook-id`). */
export const webhookDeliveries = pgTable(
  "webhook_delivery",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id),
    payload: jsonb("payload").$type<WebhookPayload>().notNull(),
    createdAt: createdAt(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true }),
    attempts: integer("attempts").notNull().default(0),
    /** The last attempt's HTTP status, or why it could not be made; never the receiver's response body. */
    lastResult: text("last_result"),
  },
  (t) => [index("webhook_delivery_endpoint_idx").on(t.endpointId, t.createdAt)],
);
