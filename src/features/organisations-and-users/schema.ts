import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { ROLES } from "../../platform/auth/roles";
import { bytea, createdAt, updatedAt } from "../../platform/db/columns";
import { ORGANISATION_TYPES } from "./domain/organisation";

/**
 * Organisations, their users and the invitations with which a new user sets a first password.
 */

export const organisationType = pgEnum("organisation_type", ORGANISATION_TYPES);
export const role = pgEnum("role", ROLES);
/** Where an invitation's email is: queued with the invitation, sent by its job, or given up after its retries. */
export const INVITATION_EMAIL_STATES = ["queued", "sent", "failed"] as const;
export const invitationEmailState = pgEnum("invitation_email_state", INVITATION_EMAIL_STATES);

export const organisations = pgTable(
  "organisation",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    name: text("name").notNull(),
    type: organisationType("type").notNull(),
    icoRegistration: text("ico_registration"),
    isPublicAuthority: boolean("is_public_authority").notNull(),
    dpoName: text("dpo_name"),
    dpoEmail: text("dpo_email"),
    dpoPhone: text("dpo_phone"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("organisation_name_key").on(sql`lower(${t.name})`)],
);

export const users = pgTable(
  "app_user",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    email: text("email").notNull(),
    name: text("name").notNull(),
    roles: role("roles").array().notNull(),
    /** Null until the invited user chooses a password. */
    passwordHash: text("password_hash"),
    totpSecret: text("totp_secret"),
    mfaEnabledAt: timestamp("mfa_enabled_at", { withTimezone: true }),
    /** The last TOTP time step accepted, so a code cannot be replayed within its window (ASVS 2.8.4). */
    totpLastStep: bigint("totp_last_step", { mode: "number" }),
    failedSignIns: integer("failed_sign_ins").notNull().default(0),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    /** Wrong second factors have their own count, reset only by a right one, so a known password cannot reset it. */
    failedSecondFactors: integer("failed_second_factors").notNull().default(0),
    secondFactorLockedUntil: timestamp("second_factor_locked_until", { withTimezone: true }),
    lastSignInAt: timestamp("last_sign_in_at", { withTimezone: true }),
    deactivatedAt: timestamp("deactivated_at", { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("app_user_email_key").on(sql`lower(${t.email})`), index("app_user_organisation_idx").on(t.organisationId)],
);

/** One-time links with which invited users set their first password. */
export const invitations = pgTable(
  "invitation",
  {
    tokenHash: bytea("token_hash").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    /** Null when the link was shown to the administrator to pass on (no mail server, or a password reset). */
    emailState: invitationEmailState("email_state"),
    emailedAt: timestamp("emailed_at", { withTimezone: true }),
    createdAt: createdAt(),
  },
  // The user page reads a person's newest link.
  (t) => [index("invitation_user_idx").on(t.userId, t.createdAt)],
);
