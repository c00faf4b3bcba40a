import { jsonb, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { updatedAt } from "../../platform/db/columns";
import { users } from "../organisations-and-users/schema";

/**
 * Partnership-wide settings an administrator may change.
 */

/** Partnership-wide settings an administrator may change (e.g. the scale of need), as JSON per key. */
export const partnershipSettings = pgTable("partnership_setting", {
  key: text("key").primaryKey(),
  value: jsonb("value").notNull(),
  updatedByUserId: uuid("updated_by_user_id").references(() => users.id),
  updatedAt: updatedAt(),
});
