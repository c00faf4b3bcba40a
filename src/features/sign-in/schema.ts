import { index, pgTable, timestamp, uuid } from "drizzle-orm/pg-core";
import { bytea, createdAt } from "../../platform/db/columns";
import { users } from "../organisations-and-users/schema";

/**
 * Sign-in state: server-side sessions and single-use recovery codes (the counters and lockouts live on `app_user`).
 */

/** Server-side sessions. Only a SHA-256 of the cookie token is stored, so a database read cannot hijack a session. */
export const sessions = pgTable(
  "session",
  {
    tokenHash: bytea("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: createdAt(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true }).notNull().defaultNow(),
    /** When a second factor was checked in this session; null for a password-only session, whatever the user's roles. */
    mfaVerifiedAt: timestamp("mfa_verified_at", { withTimezone: true }),
  },
  (t) => [index("session_user_idx").on(t.userId)],
);

export const recoveryCodes = pgTable(
  "recovery_code",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: bytea("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
  },
  (t) => [index("recovery_code_user_idx").on(t.userId)],
);
