import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../../platform/db/client";
import { idParams, pageBody, pageOf, pageQuery, problemResponse, standardErrors } from "../../../platform/http/api-schemas";
import { actorOf } from "../../../platform/http/auth/plugin";
import { created, createdResponse } from "../../../platform/http/created";
import { subjectLinkInput } from "../domain/links";
import { linkSubjects, viewLinkedPeople } from "../services/links";
import { loadViewPage } from "../services/viewers";
import { linkedPersonSchema, presentLinkedPerson, presentRecordView, recordViewSchema } from "./schema";

const errors = { ...standardErrors, 409: problemResponse() };
const linkSchema = z
  .object({ id: z.uuid(), fromSubjectId: z.uuid(), toSubjectId: z.uuid(), kind: subjectLinkInput.shape.kind })
  .meta({ id: "SubjectLink" });

export async function peopleApi(parent: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const tags = ["records"];

  app.get(
    "/subjects/:id/people",
    {
      schema: {
        operationId: "listLinkedPeople",
        tags,
        summary:
          "The people linked to a person (parents and carers, siblings, household, alleged perpetrators), each link read from this person's side (an audited read)",
        params: idParams,
        querystring: pageQuery,
        response: { 200: pageOf(linkedPersonSchema), ...errors },
      },
    },
    async (request) => {
      const { rows, total } = await viewLinkedPeople(db, actorOf(request), request.params.id, request.query, "api.subjects.people");
      return pageBody(rows.map(presentLinkedPerson), total, request.query);
    },
  );
  app.post(
    "/subject-links",
    {
      schema: {
        operationId: "createSubjectLink",
        tags,
        summary: "Link two people in your organisation's records, e.g. the first is the parent or carer of the second",
        body: subjectLinkInput,
        // A link has no address of its own: it is read among the first person's linked people.
        response: { 201: createdResponse(linkSchema, "the first person's linked people, which list it by its id as `linkId`"), ...errors },
      },
    },
    async (request, reply) => {
      const { id } = await linkSubjects(db, actorOf(request), request.body);
      const { fromSubjectId, toSubjectId, kind } = request.body;
      return created(reply, `/api/v1/subjects/${fromSubjectId}/people`, { id, fromSubjectId, toSubjectId, kind });
    },
  );
  app.get(
    "/subjects/:id/views",
    {
      schema: {
        operationId: "listSubjectViews",
        tags,
        summary: "Who has viewed this person's record, newest first: for safeguarding leads and IG leads only",
        params: idParams,
        querystring: pageQuery,
        response: { 200: pageOf(recordViewSchema), ...errors },
      },
    },
    async (request) => {
      const { rows, total } = await loadViewPage(db, actorOf(request), request.params.id, request.query);
      return pageBody(rows.map(presentRecordView), total, request.query);
    },
  );
}
