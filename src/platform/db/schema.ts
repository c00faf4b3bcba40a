import { sql } from "drizzle-orm";
import { bigint, index, integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { bytea, createdAt } from "./columns";

/**
 * Infrastructure tables every feature leans on: the audit log and its chain head, rate-limit buckets,
 * generated app secrets and server-side form drafts.
 */

/**
 * Rate limiter state (@fastify/rate-limit's store, src/platform/http/rate-limit.ts), shared by every app
 * node. A key names the limit and whom it counts: a client address, or an account as an HMAC of
 * its email, never the email itself. Expired buckets are deleted by housekeeping.
 */
export const rateLimitBuckets = pgTable("rate_limit_bucket", {
  key: text("key").primaryKey(),
  hits: integer("hits").notNull(),
  resetsAt: timestamp("resets_at", { withTimezone: true }).notNull(),
});

/** Keys generated on first start (cookie signing); kept in the database so every app node agrees. */
export const appSecrets = pgTable("app_secret", {
  name: text("name").primaryKey(),
  value: bytea("value").notNull(),
  createdAt: createdAt(),
});

/**
 * The audit log. `body` holds the event's canonical JSON bytes exactly as hashed; the other
 * columns are generated from it, so they can be indexed but never disagree with what was hashed.
 * UPDATE, DELETE and TRUNCATE are rejected by triggers (migration 0001).
 */
export const auditEvents = pgTable(
  "audit_event",
  {
    seq: bigint("seq", { mode: "number" }).primaryKey(),
    prevHash: bytea("prev_hash").notNull(),
    hash: bytea("hash").notNull(),
    body: text("body").notNull(),
    type: text("type").generatedAlwaysAs(sql`(body::jsonb ->> 'type')`),
    at: text("at").generatedAlwaysAs(sql`(body::jsonb ->> 'at')`),
    actorUserId: text("actor_user_id").generatedAlwaysAs(sql`(body::jsonb -> 'actor' ->> 'userId')`),
    organisationId: text("organisation_id").generatedAlwaysAs(sql`(body::jsonb ->> 'organisationId')`),
    entityType: text("entity_type").generatedAlwaysAs(sql`(body::jsonb -> 'entity' ->> 'type')`),
    entityId: text("entity_id").generatedAlwaysAs(sql`(body::jsonb -> 'entity' ->> 'id')`),
  },
  (t) => [
    index("audit_event_organisation_idx").on(t.organisationId, t.seq),
    index("audit_event_entity_idx").on(t.entityType, t.entityId),
    index("audit_event_type_idx").on(t.type, t.seq),
    // The audit log page's "who did it" filter: that person's newest events without scanning the log.
    index("audit_event_actor_idx").on(t.actorUserId, t.seq),
    // Its date filter: a week long ago is read from the index, not by walking back through every newer event.
    index("audit_event_at_idx").on(t.at),
  ],
);

/** The chain head: one row, locked only for the instant a transaction appends its events. */
export const auditHead = pgTable("audit_head", {
  id: integer("id").primaryKey(),
  seq: bigint("seq", { mode: "number" }).notNull(),
  hash: bytea("hash").notNull(),
});
