import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Db } from "../../../platform/db/client";
import { idParams, pageBody, pageOf, standardErrors } from "../../../platform/http/api-schemas";
import { actorOf, requireActor } from "../../../platform/http/auth/plugin";
import { created, createdResponse } from "../../../platform/http/created";
import { subjectInput } from "../domain/links";
import { searchSubjects } from "../services/search";
import { createSubject, viewSubject } from "../services/subjects";
import { presentSubject, presentSubjectSummary, subjectSchema, subjectSearchQuery, subjectSummarySchema } from "./subjects-schema";

export async function subjectsApi(parent: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  app.addHook("onRequest", requireActor());
  const tags = ["subjects"];

  app.get(
    "/subjects",
    {
      schema: {
        operationId: "searchSubjects",
        tags,
        summary: "Find your organisation's subjects by name, date of birth, NHS number or UPN, a page at a time (an audited read)",
        description:
          "Every criterion given must match; with none, all your organisation's subjects in alphabetical order. The name matches given names, family name, aliases and previous names, ignoring case and accents and tolerating small misspellings; results come best match first. An invalid NHS number, UPN or date of birth is a 400 naming the field.",
        querystring: subjectSearchQuery,
        response: { 200: pageOf(subjectSummarySchema), ...standardErrors },
      },
    },
    async (request) => {
      const { page, pageSize, ...criteria } = request.query;
      const { rows, total } = await searchSubjects(db, actorOf(request), criteria, { page, pageSize }, "api.subjects.list");
      return pageBody(rows.map(presentSubjectSummary), total, { page, pageSize });
    },
  );
  app.post(
    "/subjects",
    {
      schema: {
        operationId: "createSubject",
        tags,
        summary: "Add a person to your organisation's records",
        body: subjectInput,
        response: { 201: createdResponse(subjectSchema, "the person's record"), ...standardErrors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const record = await createSubject(db, actor, request.body);
      return created(reply, `/api/v1/subjects/${record.subject.id}`, presentSubject(record, actor));
    },
  );
  app.get(
    "/subjects/:id",
    {
      schema: {
        operationId: "getSubject",
        tags,
        summary: "One person's record (an audited read)",
        params: idParams,
        response: { 200: subjectSchema, ...standardErrors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      return presentSubject(await viewSubject(db, actor, request.params.id, "api.subjects.show"), actor);
    },
  );
}
