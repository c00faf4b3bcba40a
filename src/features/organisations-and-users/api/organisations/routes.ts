import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Db } from "../../../../platform/db/client";
import { idParams, pageBody, pageOf, pageQuery, problemResponse, standardErrors } from "../../../../platform/http/api-schemas";
import { actorOf, requireActor } from "../../../../platform/http/auth/plugin";
import { created, createdResponse } from "../../../../platform/http/created";
import { organisationInput } from "../../domain/inputs";
import { createOrganisation, loadOrganisation, loadOrganisationPage, updateOrganisation } from "../../services/organisations";
import { organisationSchema, presentOrganisation } from "./schema";

export async function organisationsApi(parent: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  // onRequest: who you are is checked before your input is even parsed.
  app.addHook("onRequest", requireActor());
  const tags = ["organisations"];

  app.get(
    "/organisations",
    {
      schema: {
        operationId: "listOrganisations",
        tags,
        summary: "The partnership's member organisations",
        querystring: pageQuery,
        response: { 200: pageOf(organisationSchema), ...standardErrors },
      },
    },
    async (request) => {
      const { rows, total } = await loadOrganisationPage(db, request.query);
      return pageBody(rows.map(presentOrganisation), total, request.query);
    },
  );
  app.get(
    "/organisations/:id",
    {
      schema: {
        operationId: "getOrganisation",
        tags,
        summary: "One member organisation",
        params: idParams,
        response: { 200: organisationSchema, ...standardErrors },
      },
    },
    async (request) => presentOrganisation(await loadOrganisation(db, request.params.id)),
  );
  app.post(
    "/organisations",
    {
      schema: {
        operationId: "createOrganisation",
        tags,
        summary: "Add a member organisation (partnership administrators)",
        body: organisationInput,
        response: { 201: createdResponse(organisationSchema, "the organisation"), 409: problemResponse(), ...standardErrors },
      },
    },
    async (request, reply) => {
      const organisation = await createOrganisation(db, actorOf(request), request.body);
      return created(reply, `/api/v1/organisations/${organisation.id}`, presentOrganisation(organisation));
    },
  );
  app.put(
    "/organisations/:id",
    {
      schema: {
        operationId: "updateOrganisation",
        tags,
        summary: "Change an organisation's details (partnership administrators, or the organisation's own administrators)",
        params: idParams,
        body: organisationInput,
        response: { 200: organisationSchema, 409: problemResponse(), ...standardErrors },
      },
    },
    async (request) => presentOrganisation(await updateOrganisation(db, actorOf(request), request.params.id, request.body)),
  );
}
