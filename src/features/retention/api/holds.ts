import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../../platform/db/client";
import { idParams, pageBody, pageOf, pageQuery, problemResponse, standardErrors } from "../../../platform/http/api-schemas";
import { actorOf } from "../../../platform/http/auth/plugin";
import { created, createdResponse } from "../../../platform/http/created";
import { liftHoldInput, newHoldInput } from "../domain/hold-inputs";
import { HOLD_SCOPES } from "../domain/holds";
import { RETENTION_CATEGORIES } from "../domain/schedule";
import { type HoldDetail, type HoldView, liftHold, loadHolds, setHold, viewHold } from "../services/holds";

const holdSchema = z
  .object({
    id: z.uuid(),
    scope: z.enum(HOLD_SCOPES),
    name: z.string(),
    instruction: z.string(),
    organisation: z.object({ id: z.uuid(), name: z.string() }).describe("The organisation that set it"),
    setBy: z.string(),
    setAt: z.iso.datetime(),
    subjects: z.number().int().describe("How many people's files a SUBJECTS hold covers"),
    categories: z.array(z.enum(RETENTION_CATEGORIES)),
    lifted: z.object({ at: z.iso.datetime(), by: z.string().nullable(), reason: z.string() }).nullable(),
    mayLift: z.boolean().describe("Whether you may lift it"),
  })
  .meta({ id: "LegalHold" });

const holdDetailSchema = holdSchema
  .extend({
    people: z
      .array(z.object({ id: z.uuid(), name: z.string() }))
      .nullable()
      .describe("For the IG lead of the organisation that set a SUBJECTS hold, the people it covers (an audited read); otherwise null"),
  })
  .meta({ id: "LegalHoldDetail" });

const presentHold = (h: HoldView): z.infer<typeof holdSchema> => ({
  id: h.id,
  scope: h.scope,
  name: h.name,
  instruction: h.instruction,
  organisation: { id: h.organisation.id, name: h.organisation.name },
  setBy: h.setBy,
  setAt: h.setAt.toISOString(),
  subjects: h.subjects,
  categories: h.categories,
  lifted: h.lifted ? { at: h.lifted.at.toISOString(), by: h.lifted.by, reason: h.lifted.reason } : null,
  mayLift: h.mayLift,
});

const presentHoldDetail = (h: HoldDetail): z.infer<typeof holdDetailSchema> => ({
  ...presentHold(h),
  people: h.people ? h.people.map((p) => ({ id: p.id, name: p.name })) : null,
});

const holdsQuery = pageQuery.extend({
  lifted: z
    .enum(["true", "false"], { error: "Must be true or false" })
    .optional()
    .transform((v) => (v === undefined ? undefined : v === "true"))
    .describe("true: only lifted holds; false: only holds in force; absent: both"),
});

/** Legal holds (issue 21): set by IG leads over their organisation's records, or by a partnership administrator over every member's. */
export async function holdsApi(parent: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const tags = ["retention"];

  app.get(
    "/retention/holds",
    {
      schema: {
        operationId: "listLegalHolds",
        tags,
        summary: "Legal holds you may see: your organisation's and every partnership-wide one, those in force first",
        querystring: holdsQuery,
        response: { 200: pageOf(holdSchema), ...standardErrors },
      },
    },
    async (request) => {
      const { page, pageSize, lifted } = request.query;
      const { rows, total } = await loadHolds(db, actorOf(request), { page, pageSize, lifted });
      return pageBody(rows.map(presentHold), total, { page, pageSize });
    },
  );
  app.post(
    "/retention/holds",
    {
      schema: {
        operationId: "setLegalHold",
        tags,
        summary:
          "Set a legal hold: nothing it covers may be disposed of, anonymised or erased until it is lifted (IG leads; a partnership-wide hold, partnership administrators)",
        body: newHoldInput,
        response: { 201: createdResponse(holdDetailSchema, "the legal hold"), ...standardErrors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await setHold(db, actor, request.body);
      return created(reply, `/api/v1/retention/holds/${id}`, presentHoldDetail(await viewHold(db, actor, id, "api.retention.hold")));
    },
  );
  app.get(
    "/retention/holds/:id",
    {
      schema: {
        operationId: "getLegalHold",
        tags,
        summary: "One legal hold; for its own organisation's IG lead, the people a hold over chosen people covers (an audited read)",
        params: idParams,
        response: { 200: holdDetailSchema, ...standardErrors },
      },
    },
    async (request) => presentHoldDetail(await viewHold(db, actorOf(request), request.params.id, "api.retention.hold")),
  );
  app.post(
    "/retention/holds/:id/lift",
    {
      schema: {
        operationId: "liftLegalHold",
        tags,
        summary:
          "Lift a legal hold, giving the reason (its own organisation's IG lead; a partnership-wide hold, a partnership administrator); lifting it again is a 409",
        params: idParams,
        body: liftHoldInput,
        response: { 200: holdSchema, ...standardErrors, 409: problemResponse("The hold has already been lifted") },
      },
    },
    async (request) => presentHold(await liftHold(db, actorOf(request), request.params.id, request.body)),
  );
}
