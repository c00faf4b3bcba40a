import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../../platform/db/client";
import { idParams, problemResponse, standardErrors } from "../../../platform/http/api-schemas";
import { actorOf, requireActor } from "../../../platform/http/auth/plugin";
import { noContentAfter, noContentOr } from "../../../platform/http/no-content";
import { caseClosureInput } from "../domain/case-closure";
import { type CaseClosure, closeCase, reopenCase } from "../services/case-closure";

const caseClosureSchema = z
  .object({
    subjectId: z.uuid(),
    closedOn: z.string().describe("The day the organisation closed its case, YYYY-MM-DD: closure-triggered retention runs from it"),
    closedBy: z.object({ id: z.uuid(), name: z.string() }).nullable().describe("Who recorded the closure"),
  })
  .meta({ id: "CaseClosure" });

const presentCaseClosure = (c: CaseClosure): z.infer<typeof caseClosureSchema> => ({
  subjectId: c.subjectId,
  closedOn: c.closedOn,
  closedBy: c.closedBy ? { id: c.closedBy.id, name: c.closedBy.name } : null,
});

const conflict = problemResponse("The case is already closed (or already open), or the record has been disposed of");

/** Closing and reopening a person's case (issue 21): safeguarding leads and IG leads. */
export async function caseClosureApi(parent: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  app.addHook("onRequest", requireActor());
  const tags = ["subjects"];

  app.post(
    "/subjects/:id/case-closure",
    {
      schema: {
        operationId: "closeCase",
        tags,
        summary: "Record that your organisation closed its case on the person (safeguarding leads and IG leads)",
        description:
          "The date may not be in the future or before the person's date of birth. Retention rules that run from case closure run from this date. Closing a closed case is a 409.",
        params: idParams,
        body: caseClosureInput,
        response: { 200: caseClosureSchema, ...standardErrors, 409: conflict },
      },
    },
    async (request) => presentCaseClosure(await closeCase(db, actorOf(request), request.params.id, request.body)),
  );
  app.delete(
    "/subjects/:id/case-closure",
    {
      schema: {
        operationId: "reopenCase",
        tags,
        summary: "Reopen the person's closed case (safeguarding leads and IG leads); reopening an open case is a 409",
        params: idParams,
        response: noContentOr({ ...standardErrors, 409: conflict }),
      },
    },
    async (request, reply) => noContentAfter(reply, reopenCase(db, actorOf(request), request.params.id)),
  );
}
