import { sql } from "drizzle-orm";
import { index, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { bytea, createdAt } from "../../platform/db/columns";
import { agreements } from "../agreements/schema";
import { organisations, role, users } from "../organisations-and-users/schema";
import { REVOCATION_REASONS } from "./domain/revocation";

export const apiClientRevocation = pgEnum("api_client_revocation", REVOCATION_REASONS);

/**
 * A partner system an organisation lets call the API (issue 20): who answers for it, what it may
 * reach, until when, and optionally the one agreement it serves.
 */
export const apiClients = pgTable(
  "api_client",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    name: text("name").notNull(),
    /** The member of staff who answers for what the system does; it acts with no role they do not hold. */
    responsibleUserId: uuid("responsible_user_id")
      .notNull()
      .references(() => users.id),
    createdByUserId: uuid("created_by_user_id")
      .notNull()
      .references(() => users.id),
    roles: role("roles").array().notNull(),
    /** `resource:read` or `resource:write` (domain/scopes.ts). */
    scopes: text("scopes").array().notNull(),
    /** The agreement it serves: its shares go under this agreement only, and it stops when the agreement leaves force. */
    agreementId: uuid("agreement_id").references(() => agreements.id),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    revocation: apiClientRevocation("revocation"),
    createdAt: createdAt(),
  },
  (t) => [index("api_client_organisation_idx").on(t.organisationId, t.createdAt)],
);

/** A client's tokens: the live one and those rotated out. Only a SHA-256 of each is kept; it is shown once. */
export const apiTokens = pgTable(
  "api_token",
  {
    tokenHash: bytea("token_hash").primaryKey(),
    clientId: uuid("client_id")
      .notNull()
      .references(() => apiClients.id),
    /** The token's first characters, to tell it apart in a leak report; never enough to use it. */
    hint: text("hint").notNull(),
    createdAt: createdAt(),
    revokedAt: timestamp("revoked_at", { withTimezone: true }),
    /** Written at most every few minutes (LAST_USED_INTERVAL), so each call is not also a write. */
    lastUsedAt: timestamp("last_used_at", { withTimezone: true }),
    lastUsedAddress: text("last_used_address"),
  },
  (t) => [index("api_token_client_idx").on(t.clientId).where(sql`revoked_at is null`)],
);
