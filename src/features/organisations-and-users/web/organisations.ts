import type { FastifyInstance } from "fastify";
import type { Db } from "../../../platform/db/client";
import { idParams } from "../../../platform/http/api-schemas";
import { actorOf, requireActor } from "../../../platform/http/auth/plugin";
import { handleForm, parseForm } from "../../../platform/web-kit/forms";
import { organisationInput } from "../domain/inputs";
import { ORGANISATION_TYPES } from "../domain/organisation";
import {
  canEditOrganisation,
  createOrganisation,
  loadOrganisation,
  loadOrganisations,
  updateOrganisation,
} from "../services/organisations";

const formContext = { organisationTypes: ORGANISATION_TYPES };

function formValues(o: Awaited<ReturnType<typeof loadOrganisation>>) {
  return { ...o, isPublicAuthority: o.isPublicAuthority ? "yes" : "no" };
}

export async function organisationPages(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.addHook("preHandler", requireActor());

  app.get("/organisations", async (request, reply) => {
    const actor = actorOf(request);
    return reply.view("organisations/list", {
      organisations: await loadOrganisations(db),
      canAdd: actor.roles.includes("partnership_admin"),
      created: (request.query as Record<string, string>).created,
    });
  });

  app.get("/organisations/new", { preHandler: requireActor(["partnership_admin"]) }, async (_request, reply) =>
    reply.view("organisations/form", { ...formContext, values: { isPublicAuthority: "yes" }, action: "/organisations/new" }),
  );

  app.post("/organisations/new", { preHandler: requireActor(["partnership_admin"]) }, async (request, reply) => {
    const values = request.body as Record<string, unknown>;
    return handleForm(
      reply,
      { view: "organisations/form", context: { ...formContext, action: "/organisations/new" }, values },
      async () => {
        const created = await createOrganisation(db, actorOf(request), parseForm(organisationInput, values));
        return reply.redirect(`/organisations/${created.id}?created=1`);
      },
    );
  });

  app.get("/organisations/:id", async (request, reply) => {
    const { id } = parseForm(idParams, request.params);
    const organisation = await loadOrganisation(db, id);
    return reply.view("organisations/show", {
      organisation,
      canEdit: canEditOrganisation(actorOf(request), id),
      created: !!(request.query as Record<string, string>).created,
      updated: !!(request.query as Record<string, string>).updated,
    });
  });

  app.get("/organisations/:id/edit", async (request, reply) => {
    const { id } = parseForm(idParams, request.params);
    const organisation = await loadOrganisation(db, id);
    if (!canEditOrganisation(actorOf(request), id)) return reply.redirect(`/organisations/${id}`);
    return reply.view("organisations/form", {
      ...formContext,
      values: formValues(organisation),
      action: `/organisations/${id}/edit`,
      editing: true,
    });
  });

  app.post("/organisations/:id/edit", async (request, reply) => {
    const { id } = parseForm(idParams, request.params);
    const values = request.body as Record<string, unknown>;
    const context = { ...formContext, action: `/organisations/${id}/edit`, editing: true };
    return handleForm(reply, { view: "organisations/form", context, values }, async () => {
      await updateOrganisation(db, actorOf(request), id, parseForm(organisationInput, values));
      return reply.redirect(`/organisations/${id}?updated=1`);
    });
  });
}
