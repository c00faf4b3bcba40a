import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { ADMINISTRATOR_ROLES } from "../../../../platform/auth/roles";
import type { Db } from "../../../../platform/db/client";
import { idParams, pageBody, pageOf, pageQuery, problemResponse, standardErrors } from "../../../../platform/http/api-schemas";
import { actorOf, requireActor } from "../../../../platform/http/auth/plugin";
import { created, createdResponse } from "../../../../platform/http/created";
import { newUserInput, reauthenticationInput, userRolesInput } from "../../domain/inputs";
import { changeRoles, createUser, issuePasswordReset, resendInvitation, resetMfa } from "../../services/users";
import { viewUser, viewUsers } from "../../services/view-users";
import { invitationSchema, presentInvitation, presentUser, userSchema } from "./schema";

/** `sendsEmail`: Safeshare has a mail server, so invitations go by email and their tokens are never returned. */
export async function usersApi(parent: FastifyInstance, { db, sendsEmail }: { db: Db; sendsEmail: boolean }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  // onRequest: who you are is checked before your input is even parsed.
  app.addHook("onRequest", requireActor(ADMINISTRATOR_ROLES));
  const tags = ["users"];

  app.get(
    "/users",
    {
      schema: {
        operationId: "listUsers",
        tags,
        summary: "Users the caller administers (own organisation; whole partnership for partnership admins)",
        querystring: pageQuery.extend({ organisationId: z.uuid().optional() }),
        response: { 200: pageOf(userSchema), ...standardErrors },
      },
    },
    async (request) => {
      const result = await viewUsers(db, actorOf(request), request.query, "api.users.list");
      return pageBody(result.users.map(presentUser), result.total, request.query);
    },
  );
  app.get(
    "/users/:id",
    {
      schema: {
        operationId: "getUser",
        tags,
        summary: "One user you administer (an audited read)",
        params: idParams,
        response: { 200: userSchema, ...standardErrors },
      },
    },
    async (request) => presentUser(await viewUser(db, actorOf(request), request.params.id, "api.users.show")),
  );
  app.post(
    "/users",
    {
      schema: {
        operationId: "createUser",
        tags,
        summary:
          "Add a user and invite them: with a mail server the one-time link is emailed to them and never returned; without one the response carries its token for you to pass on",
        body: newUserInput,
        response: {
          201: createdResponse(z.object({ user: userSchema, ...invitationSchema.shape }), "the user"),
          409: problemResponse(),
          ...standardErrors,
        },
      },
    },
    async (request, reply) => {
      const { user, invitation } = await createUser(db, actorOf(request), request.body, { byEmail: sendsEmail });
      return created(reply, `/api/v1/users/${user.id}`, { user: presentUser(user), ...presentInvitation(invitation!) });
    },
  );
  // A new invitation, or a password reset below, is a one-time link whose token is kept only as a
  // hash: nothing a client could read back at an address, so 200 with the link, not 201 Created.
  app.post(
    "/users/:id/invitation",
    {
      schema: {
        operationId: "sendUserInvitation",
        tags,
        summary:
          "Send a new invitation to a user who has not yet chosen a password: their earlier link stops working; emailed, or its token returned when there is no mail server",
        params: idParams,
        response: { 200: invitationSchema, 409: problemResponse(), ...standardErrors },
      },
    },
    async (request) => presentInvitation(await resendInvitation(db, actorOf(request), request.params.id, { byEmail: sendsEmail })),
  );
  app.put(
    "/users/:id/roles",
    {
      schema: {
        operationId: "setUserRoles",
        tags,
        summary: "Replace a user's roles with roles you may grant (a partnership administrator's only by another)",
        params: idParams,
        body: userRolesInput,
        response: { 200: userSchema, ...standardErrors },
      },
    },
    async (request) => presentUser(await changeRoles(db, actorOf(request), request.params.id, request.body.roles)),
  );
  app.post(
    "/users/:id/password-reset",
    {
      schema: {
        operationId: "resetUserPassword",
        tags,
        summary:
          "Reset a user's password, re-entering your own (a wrong one counts towards your lockout): ends their sessions and returns a one-time link token (valid 24 hours) for them to choose a new one at /invitations/{token}",
        params: idParams,
        body: reauthenticationInput,
        response: { 200: z.object({ resetToken: z.string(), expiresAt: z.iso.datetime() }), ...standardErrors },
      },
    },
    async (request) => {
      const issued = await issuePasswordReset(db, actorOf(request), request.params.id, request.body);
      return { resetToken: issued.resetToken, expiresAt: issued.expiresAt.toISOString() };
    },
  );
  app.post(
    "/users/:id/mfa-reset",
    {
      schema: {
        operationId: "resetUserMfa",
        tags,
        summary:
          "Reset a user's authenticator app and recovery codes and end their sessions, re-entering your own password (a wrong one counts towards your lockout); not your own",
        params: idParams,
        body: reauthenticationInput,
        response: { 200: userSchema, ...standardErrors },
      },
    },
    async (request) => presentUser(await resetMfa(db, actorOf(request), request.params.id, request.body)),
  );
}
