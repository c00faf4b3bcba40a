import { addHours } from "date-fns";
import { and, asc, count, eq, sql } from "drizzle-orm";
import { snapshotOf } from "../../../platform/audit/events";
import { inTransaction } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import { ADMINISTRATOR_ROLES, grantableRoles, hasAnyRole, type Role } from "../../../platform/auth/roles";
import type { Db } from "../../../platform/db/client";
import { visibleTo } from "../../../platform/db/scope";
import { ConflictError, NotFoundError, NotPermittedError, ValidationError } from "../../../platform/errors";
import { confirmPassword, endAllSessionsOf } from "../../sign-in";
import { recoveryCodes } from "../../sign-in/schema";
import type {} from "../audit-events";
import type { NewUserInput } from "../domain/inputs";
import { organisations, users } from "../schema";
import { type IssuedInvitation, issueInvitation, issueOneTimeLink } from "./invitations";
/** A reset link is for someone who is waiting for it, so it lives for a day rather than a week. */
export const PASSWORD_RESET_HOURS = 24;

/** What a user page or API response may show about a member of staff: never hashes or secrets. */
export interface UserView {
  id: string;
  name: string;
  email: string;
  roles: Role[];
  organisationId: string;
  organisationName: string;
  mfaEnabled: boolean;
  status: "active" | "invited" | "deactivated";
  lastSignInAt: Date | null;
}

const userViewColumns = {
  id: users.id,
  name: users.name,
  email: users.email,
  roles: users.roles,
  organisationId: users.organisationId,
  organisationName: organisations.name,
  mfaEnabledAt: users.mfaEnabledAt,
  passwordHash: users.passwordHash,
  deactivatedAt: users.deactivatedAt,
  lastSignInAt: users.lastSignInAt,
};

type UserRow = { [K in keyof typeof userViewColumns]: (typeof userViewColumns)[K]["_"]["data"] | null };

function present(row: UserRow): UserView {
  return {
    id: row.id!,
    name: row.name!,
    email: row.email!,
    roles: row.roles as Role[],
    organisationId: row.organisationId!,
    organisationName: row.organisationName!,
    mfaEnabled: !!row.mfaEnabledAt,
    status: row.deactivatedAt ? "deactivated" : row.passwordHash ? "active" : "invited",
    lastSignInAt: row.lastSignInAt ?? null,
  };
}

function canManageUsers(actor: Actor): boolean {
  return hasAnyRole(actor.roles, ADMINISTRATOR_ROLES);
}

export async function loadUsers(
  db: Db,
  actor: Actor,
  { organisationId, page = 1, pageSize = 50 }: { organisationId?: string; page?: number; pageSize?: number } = {},
): Promise<{ users: UserView[]; total: number }> {
  const where = and(visibleTo(actor, users), organisationId ? eq(users.organisationId, organisationId) : undefined);
  const [rows, [totals]] = await Promise.all([
    db
      .select(userViewColumns)
      .from(users)
      .innerJoin(organisations, eq(organisations.id, users.organisationId))
      .where(where)
      .orderBy(asc(organisations.name), asc(users.name))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ total: count() }).from(users).where(where),
  ]);
  return { users: rows.map(present), total: totals?.total ?? 0 };
}

/** Scoped to the actor; a system actor (CLI, seeding, `undefined`) acts outside any organisation. */
export async function loadUser(db: Db, actor: Actor | undefined, id: string): Promise<UserView> {
  const [row] = await db
    .select(userViewColumns)
    .from(users)
    .innerJoin(organisations, eq(organisations.id, users.organisationId))
    .where(and(actor ? visibleTo(actor, users) : undefined, eq(users.id, id)));
  if (!row) throw new NotFoundError("The user");
  return present(row);
}

function assertGrantable(actor: Actor, roles: Role[]): void {
  const allowed = grantableRoles(actor.roles);
  const refused = roles.filter((r) => !allowed.includes(r));
  if (refused.length) {
    throw new ValidationError([{ path: "/roles", message: `You cannot give the role ${refused.join(", ")}` }]);
  }
}

export interface CreatedUser {
  user: UserView;
  /** The invitation, when no password was set: its token only when it is for the administrator to pass on. */
  invitation?: IssuedInvitation;
}

/** How an invitation reaches the person: by email when Safeshare has a mail server, otherwise by the administrator. */
export interface InvitationDelivery {
  byEmail: boolean;
}

/**
 * Adds a member of staff. Org admins add to their own organisation only; partnership admins to
 * any. Without a password the person gets a one-time invitation link to choose their own: emailed
 * to them when `byEmail`, otherwise returned for the administrator to pass on.
 */
export async function createUser(
  db: Db,
  actor: Actor | undefined,
  input: NewUserInput & { passwordHash?: string },
  { byEmail }: InvitationDelivery = { byEmail: false },
): Promise<CreatedUser> {
  const organisationId = actor && !hasAnyRole(actor.roles, ["partnership_admin"]) ? actor.organisationId : input.organisationId;
  if (actor) {
    if (!canManageUsers(actor)) throw new NotPermittedError("Only administrators can add users");
    assertGrantable(actor, input.roles);
  }
  if (!organisationId) throw new ValidationError([{ path: "/organisationId", message: "Select an organisation" }]);
  const [organisation] = await db.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, organisationId));
  if (!organisation) throw new ValidationError([{ path: "/organisationId", message: "Select an organisation" }]);
  const [clash] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(sql`lower(${users.email})`, input.email.toLowerCase()));
  if (clash) {
    throw new ConflictError("A user with this email address already exists", [
      { path: "/email", message: "A user with this email address already exists" },
    ]);
  }
  const created = await inTransaction(db, async (tx, audit) => {
    const [row] = await tx
      .insert(users)
      .values({
        organisationId,
        name: input.name,
        email: input.email,
        roles: input.roles,
        passwordHash: input.passwordHash ?? null,
      })
      .returning({ id: users.id });
    const actorSnapshot = actor ? snapshotOf(actor) : ({ kind: "system", name: "safeshare cli" } as const);
    audit.record(actorSnapshot, {
      type: "user.created",
      entity: { type: "user", id: row!.id },
      details: { organisationId, roles: input.roles, invited: !input.passwordHash },
    });
    if (input.passwordHash) return { id: row!.id };
    return { id: row!.id, invitation: await issueInvitation(db, tx, audit, actorSnapshot, row!.id, { byEmail }) };
  });
  return { user: await loadUser(db, actor, created.id), invitation: created.invitation };
}

export async function changeRoles(db: Db, actor: Actor, id: string, roles: Role[]): Promise<UserView> {
  const before = await loadUser(db, actor, id);
  if (!canManageUsers(actor)) throw new NotPermittedError("Only administrators can change roles");
  assertGrantable(actor, roles);
  if (before.roles.includes("partnership_admin") && !grantableRoles(actor.roles).includes("partnership_admin")) {
    throw new NotPermittedError("Only a partnership administrator can change a partnership administrator's roles");
  }
  await inTransaction(db, async (tx, audit) => {
    await tx.update(users).set({ roles, updatedAt: new Date() }).where(eq(users.id, id));
    audit.record(snapshotOf(actor), { type: "user.updated", entity: { type: "user", id }, details: { fields: ["roles"], roles } });
  });
  return loadUser(db, actor, id);
}

/**
 * Who may act on another user's account (deactivate it, reset its password or authenticator
 * app): an administrator who can see them (`loadUser` is scoped), never on their own account, and
 * only a partnership administrator on a partnership administrator's.
 */
function assertMayAdminister(actor: Actor, user: UserView, act: { verb: string; own: string }): void {
  if (!canManageUsers(actor)) throw new NotPermittedError(`Only administrators can ${act.verb} a user's ${act.own}`);
  if (user.id === actor.userId) throw new NotPermittedError(`You cannot ${act.verb} your own ${act.own}`);
  if (user.roles.includes("partnership_admin") && !hasAnyRole(actor.roles, ["partnership_admin"])) {
    throw new NotPermittedError(`Only a partnership administrator can ${act.verb} a partnership administrator's ${act.own}`);
  }
}

/**
 * A new invitation for someone who has not yet chosen a password (theirs was lost, expired or could not
 * be emailed): the link they have stops working, and the new one is emailed or shown as at creation.
 * No password is re-entered: an invited account has nothing yet to take over.
 */
export async function resendInvitation(db: Db, actor: Actor, id: string, delivery: InvitationDelivery): Promise<IssuedInvitation> {
  const user = await loadUser(db, actor, id);
  assertMayAdminister(actor, user, { verb: "invite", own: "account" });
  if (user.status !== "invited") throw new ConflictError("This user has already chosen a password or is deactivated");
  return inTransaction(db, (tx, audit) => issueInvitation(db, tx, audit, snapshotOf(actor), id, { ...delivery, resent: true }));
}

export async function deactivateUser(db: Db, actor: Actor, id: string): Promise<UserView> {
  const before = await loadUser(db, actor, id);
  assertMayAdminister(actor, before, { verb: "deactivate", own: "account" });
  await inTransaction(db, async (tx, audit) => {
    await tx.update(users).set({ deactivatedAt: new Date(), updatedAt: new Date() }).where(eq(users.id, id));
    audit.record(snapshotOf(actor), { type: "user.deactivated", entity: { type: "user", id }, details: {} });
  });
  await endAllSessionsOf(db, id);
  return loadUser(db, actor, id);
}

/**
 * The administrator's own password, re-entered for a reset (ASVS 3.7.1): whoever holds a stolen
 * administrator session must not be able to take over a colleague's account with it. `path` names
 * the field a wrong password is reported against.
 */
export interface Reauthentication {
  password: string;
  path?: string;
}

export interface IssuedPasswordReset {
  user: UserView;
  /** The one-time link's token: shown once to the administrator, stored only as its hash. */
  resetToken: string;
  expiresAt: Date;
}

/**
 * An administrator's reset of a user's password (someone who has forgotten it, or whose account
 * may be in someone else's hands): a one-time link like an invitation, and every session of theirs
 * ends now. Their old password keeps working until the link is used, so a reset cannot be used to
 * lock someone out. The administrator re-enters their own password first.
 */
export async function issuePasswordReset(
  db: Db,
  actor: Actor,
  id: string,
  reauthentication: Reauthentication,
  now = new Date(),
): Promise<IssuedPasswordReset> {
  const user = await loadUser(db, actor, id);
  assertMayAdminister(actor, user, { verb: "reset", own: "password" });
  if (user.status === "deactivated") throw new NotPermittedError("This user is deactivated and cannot sign in");
  await confirmPassword(db, actor, reauthentication.password, now, reauthentication.path);
  const expiresAt = addHours(now, PASSWORD_RESET_HOURS);
  const resetToken = await inTransaction(db, async (tx, audit) => {
    const token = await issueOneTimeLink(tx, id, expiresAt);
    await endAllSessionsOf(tx, id);
    audit.record(snapshotOf(actor), {
      type: "user.password_reset_issued",
      entity: { type: "user", id },
      details: { expiresAt: expiresAt.toISOString() },
    });
    return token;
  });
  return { user, resetToken, expiresAt };
}

/**
 * An administrator's reset of a user's authenticator app (lost or replaced phone): the TOTP secret,
 * its last time step and the recovery codes are cleared and their sessions end, so a role that
 * needs a second factor must enrol again at the next sign-in. Not one's own: that would let whoever
 * holds an administrator's password remove the administrator's second factor. The administrator
 * re-enters their own password first.
 */
export async function resetMfa(db: Db, actor: Actor, id: string, reauthentication: Reauthentication): Promise<UserView> {
  const user = await loadUser(db, actor, id);
  assertMayAdminister(actor, user, { verb: "reset", own: "authenticator app" });
  await confirmPassword(db, actor, reauthentication.password, new Date(), reauthentication.path);
  await inTransaction(db, async (tx, audit) => {
    await tx
      .update(users)
      .set({
        totpSecret: null,
        totpLastStep: null,
        mfaEnabledAt: null,
        failedSecondFactors: 0,
        secondFactorLockedUntil: null,
        updatedAt: new Date(),
      })
      .where(eq(users.id, id));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, id));
    await endAllSessionsOf(tx, id);
    audit.record(snapshotOf(actor), { type: "user.mfa_reset", entity: { type: "user", id }, details: {} });
  });
  return loadUser(db, actor, id);
}
