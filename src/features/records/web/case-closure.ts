import type { FastifyInstance } from "fastify";
import { datePartsFrom, emptyDateParts, isoFromParts, ukDate } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { actorOf, requireActor } from "../../../platform/http/auth/plugin";
import { bodyOf, withFormErrors } from "../../../platform/web-kit/forms";
import { viewSubjectRow } from "../services/access";
import { CASE_CLOSURE_ROLES, closeCase, reopenCase } from "../services/case-closure";
import { RECORD_FORM, subjectHeader, subjectIdOf } from "./record-pages";

/**
 * Closing the organisation's case on a person, and reopening it (issue 21): one small page, for
 * safeguarding leads and IG leads. Closure-triggered retention rules run from the date it closed.
 */
export async function caseClosurePages(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const roles = { preHandler: requireActor(CASE_CLOSURE_ROLES) };

  app.get("/subjects/:id/case-closure", roles, async (request, reply) => {
    const actor = actorOf(request);
    const subject = await viewSubjectRow(db, actor, subjectIdOf(request), "web.subjects.case_closure");
    return reply.view("records/case-closure", {
      ...subjectHeader(subject, actor),
      closedOn: subject.caseClosedOn ? ukDate(subject.caseClosedOn) : null,
      values: { closedOn: emptyDateParts() },
    });
  });

  app.post("/subjects/:id/case-closure", roles, async (request, reply) => {
    const actor = actorOf(request);
    const id = subjectIdOf(request);
    const subject = await viewSubjectRow(db, actor, id, "web.subjects.case_closure");
    const values = { closedOn: datePartsFrom(bodyOf(request), "closedOn") };
    return withFormErrors(
      reply,
      (summary) => reply.view("records/case-closure", { ...subjectHeader(subject, actor), closedOn: null, values, ...summary }),
      async () => {
        await closeCase(db, actor, id, { closedOn: isoFromParts(values.closedOn) });
        return reply.redirect(`/subjects/${id}?outcome=case-closed`, 303);
      },
      { ...RECORD_FORM, dateFields: ["closedOn"], orAt: { path: "/closedOn", message: "The case could not be closed" } },
    );
  });

  app.post("/subjects/:id/case-closure/reopen", roles, async (request, reply) => {
    const id = subjectIdOf(request);
    await reopenCase(db, actorOf(request), id);
    return reply.redirect(`/subjects/${id}?outcome=case-reopened`, 303);
  });
}
