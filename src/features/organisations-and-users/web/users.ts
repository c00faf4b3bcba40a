import type { FastifyInstance } from "fastify";
import { ADMINISTRATOR_ROLES, grantableRoles, hasAnyRole } from "../../../platform/auth/roles";
import { ukDateTime } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { ValidationError } from "../../../platform/errors";
import { idParams, pageQuery } from "../../../platform/http/api-schemas";
import { actorOf, requireActor } from "../../../platform/http/auth/plugin";
import { handleForm, parseForm } from "../../../platform/web-kit/forms";
import { newUserInput, reauthenticationInput, userRolesInput } from "../domain/inputs";
import { ORGANISATIONS_MESSAGES } from "../domain/messages";
import { type InvitationStatus, type IssuedInvitation, loadInvitationStatus } from "../services/invitations";
import { loadOrganisations } from "../services/organisations";
import {
  changeRoles,
  createUser,
  deactivateUser,
  issuePasswordReset,
  loadUser,
  PASSWORD_RESET_HOURS,
  type Reauthentication,
  resendInvitation,
  resetMfa,
  type UserView,
} from "../services/users";
import { viewUser, viewUsers } from "../services/view-users";

/**
 * The administrator's own password from one of the user page's reset forms. The page has two such
 * forms, so each has its own field, and an error is shown beside the one that was used.
 */
function reenteredPassword(body: unknown, field: "passwordForReset" | "passwordForMfaReset"): Reauthentication {
  const path = `/${field}`;
  const parsed = reauthenticationInput.safeParse({ password: (body as Record<string, unknown> | undefined)?.[field] });
  if (!parsed.success) throw new ValidationError([{ path, message: parsed.error.issues[0]!.message }]);
  return { password: parsed.data.password, path };
}

const STATUS_WORDS = ORGANISATIONS_MESSAGES.en.invitationStatus;

/** An invitation's state and expiry in words, for the user page. */
function invitationWords(status: InvitationStatus): { sent: string; expiry: string; emailed: boolean } {
  const sent =
    status.emailState === "sent"
      ? STATUS_WORDS.sent.replace("{emailedAt}", ukDateTime(status.emailedAt!))
      : status.emailState
        ? STATUS_WORDS[status.emailState]
        : STATUS_WORDS.shown;
  const expiry = (status.expired ? STATUS_WORDS.expired : STATUS_WORDS.expires).replace("{expiresAt}", ukDateTime(status.expiresAt));
  return { sent, expiry, emailed: status.emailState === "sent" };
}

/**
 * `sendsEmail`: Safeshare has a mail server, so an invitation goes to the person by email and the
 * administrator never sees the link; without one the link is shown to pass on, and the page says why.
 */
export async function userPages(
  app: FastifyInstance,
  { db, publicUrl, sendsEmail }: { db: Db; publicUrl: string; sendsEmail: boolean },
): Promise<void> {
  app.addHook("preHandler", requireActor(ADMINISTRATOR_ROLES));

  /**
   * The page after an invitation is issued. A link shown is at the configured public address: a forged
   * Host header must not send the invitee elsewhere. It is shown once; only its hash is stored.
   */
  const invitedPage = (user: UserView, invitation: IssuedInvitation, resent: boolean) => ({
    user,
    resent,
    expiresAt: invitation.expiresAt,
    invitationUrl: invitation.token ? `${publicUrl}/invitations/${invitation.token}` : undefined,
  });

  app.get("/users", async (request, reply) => {
    const actor = actorOf(request);
    const { page, pageSize } = parseForm(pageQuery, request.query);
    const result = await viewUsers(db, actor, { page, pageSize }, "web.users.list");
    return reply.view("users/list", { ...result, page, pages: Math.max(1, Math.ceil(result.total / pageSize)) });
  });

  const newUserContext = async (actor: ReturnType<typeof actorOf>) => ({
    grantable: grantableRoles(actor.roles),
    organisations: hasAnyRole(actor.roles, ["partnership_admin"]) ? await loadOrganisations(db) : undefined,
  });

  app.get("/users/new", async (request, reply) => {
    const actor = actorOf(request);
    return reply.view("users/new", {
      ...(await newUserContext(actor)),
      values: { organisationId: actor.organisationId, roles: ["practitioner"] },
    });
  });

  app.post("/users/new", async (request, reply) => {
    const actor = actorOf(request);
    const values = request.body as Record<string, unknown>;
    const shown = { ...values, roles: ([] as unknown[]).concat(values.roles ?? []) };
    return handleForm(reply, { view: "users/new", context: await newUserContext(actor), values: shown }, async () => {
      const created = await createUser(db, actor, parseForm(newUserInput, values), { byEmail: sendsEmail });
      return reply.view("users/invited", invitedPage(created.user, created.invitation!, false));
    });
  });

  /** The user page's context; `view` when showing the page is the read (audited), not an action on it. */
  const userPageContext = async (actor: ReturnType<typeof actorOf>, id: string, view?: string) => {
    const user = view ? await viewUser(db, actor, id, view) : await loadUser(db, actor, id);
    const status = user.status === "invited" ? await loadInvitationStatus(db, user.id) : undefined;
    const invitation = status && invitationWords(status);
    return { user, invitation, sendsEmail, grantable: grantableRoles(actor.roles), isSelf: user.id === actor.userId };
  };

  app.get("/users/:id", async (request, reply) => {
    const actor = actorOf(request);
    const { id } = parseForm(idParams, request.params);
    const context = await userPageContext(actor, id, "web.users.show");
    return reply.view("users/show", {
      ...context,
      values: { roles: context.user.roles },
      updated: !!(request.query as Record<string, string>).updated,
      mfaReset: !!(request.query as Record<string, string>).mfaReset,
      invited: !!(request.query as Record<string, string>).invited,
    });
  });

  // A new invitation: emailed, back to their page with a banner; or, with no mail server, its link shown once.
  app.post("/users/:id/invitation", async (request, reply) => {
    const actor = actorOf(request);
    const { id } = parseForm(idParams, request.params);
    const context = await userPageContext(actor, id);
    return handleForm(reply, { view: "users/show", context, values: { roles: context.user.roles } }, async () => {
      const invitation = await resendInvitation(db, actor, id, { byEmail: sendsEmail });
      if (!invitation.token) return reply.redirect(`/users/${id}?invited=1`);
      return reply.view("users/invited", invitedPage(context.user, invitation, true));
    });
  });

  app.post("/users/:id/roles", async (request, reply) => {
    const actor = actorOf(request);
    const { id } = parseForm(idParams, request.params);
    const context = await userPageContext(actor, id);
    const values = { roles: ([] as unknown[]).concat((request.body as Record<string, unknown>).roles ?? []) };
    return handleForm(reply, { view: "users/show", context, values }, async () => {
      await changeRoles(db, actor, id, parseForm(userRolesInput, values).roles);
      return reply.redirect(`/users/${id}?updated=1`);
    });
  });

  app.post("/users/:id/deactivate", async (request, reply) => {
    const { id } = parseForm(idParams, request.params);
    await deactivateUser(db, actorOf(request), id);
    return reply.redirect(`/users/${id}?updated=1`);
  });

  // A refused reset shows the user's page again with the error beside the password; nothing typed is shown again.
  app.post("/users/:id/password-reset", async (request, reply) => {
    const actor = actorOf(request);
    const { id } = parseForm(idParams, request.params);
    const context = await userPageContext(actor, id);
    return handleForm(reply, { view: "users/show", context, values: { roles: context.user.roles } }, async () => {
      const issued = await issuePasswordReset(db, actor, id, reenteredPassword(request.body, "passwordForReset"));
      // As with an invitation, the link is shown once and only its hash is kept.
      return reply.view("users/password-reset", {
        user: issued.user,
        resetUrl: `${publicUrl}/invitations/${issued.resetToken}`,
        hours: PASSWORD_RESET_HOURS,
      });
    });
  });

  app.post("/users/:id/mfa-reset", async (request, reply) => {
    const actor = actorOf(request);
    const { id } = parseForm(idParams, request.params);
    const context = await userPageContext(actor, id);
    return handleForm(reply, { view: "users/show", context, values: { roles: context.user.roles } }, async () => {
      await resetMfa(db, actor, id, reenteredPassword(request.body, "passwordForMfaReset"));
      return reply.redirect(`/users/${id}?mfaReset=1`);
    });
  });
}
