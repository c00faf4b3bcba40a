import type { FastifyInstance } from "fastify";
import { grantableRoles, hasAnyRole } from "../../../platform/auth/roles";
import type { Db } from "../../../platform/db/client";
import { ValidationError } from "../../../platform/errors";
import { idParams, pageQuery } from "../../../platform/http/api-schemas";
import { actorOf, requireActor } from "../../../platform/http/auth/plugin";
import { handleForm, parseForm } from "../../../platform/web-kit/forms";
import { newUserInput, reauthenticationInput, userRolesInput } from "../domain/inputs";
import { loadOrganisations } from "../services/organisations";
import {
  changeRoles,
  createUser,
  deactivateUser,
  INVITATION_DAYS,
  issuePasswordReset,
  loadUser,
  PASSWORD_RESET_HOURS,
  type Reauthentication,
  resetMfa,
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

export async function userPages(app: FastifyInstance, { db, publicUrl }: { db: Db; publicUrl: string }): Promise<void> {
  app.addHook("preHandler", requireActor(["org_admin", "partnership_admin"]));

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
      const created = await createUser(db, actor, parseForm(newUserInput, values));
      // The link is shown once, to the administrator, to pass on securely; only its hash is stored. It is
      // at the configured public address: a forged Host header must not send the invitee elsewhere.
      return reply.view("users/invited", {
        user: created.user,
        invitationUrl: `${publicUrl}/invitations/${created.invitationToken}`,
        days: INVITATION_DAYS,
      });
    });
  });

  /** The user page's context; `view` when showing the page is the read (audited), not an action on it. */
  const userPageContext = async (actor: ReturnType<typeof actorOf>, id: string, view?: string) => {
    const user = view ? await viewUser(db, actor, id, view) : await loadUser(db, actor, id);
    return { user, grantable: grantableRoles(actor.roles), isSelf: user.id === actor.userId };
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
