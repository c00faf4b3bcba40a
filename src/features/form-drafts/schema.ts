import { jsonb, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, updatedAt } from "../../platform/db/columns";
import { organisations, users } from "../organisations-and-users/schema";

/**
 * A long form's answers saved server-side as the user goes (brief: "Long forms save drafts
 * server-side"), so an expired session loses nothing. One draft per user, form and key.
 */
export const formDrafts = pgTable(
  "form_draft",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    form: text("form").notNull(),
    /** What the draft is for within the form, e.g. the subject an item is being added to. */
    key: text("key").notNull(),
    data: jsonb("data").$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("form_draft_once").on(t.userId, t.form, t.key)],
);
