import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Db } from "../../../platform/db/client";
import { idParams, pageBody, pageOf, pageQuery, problemResponse, standardErrors } from "../../../platform/http/api-schemas";
import { actorOf, requireActor } from "../../../platform/http/auth/plugin";
import { created, createdResponse } from "../../../platform/http/created";
import { breachFactsUpdate, closeInput, moveInput, newBreachInput, notReportedInput, reportInput, riskInput } from "../domain/inputs";
import { assessBreachRisk, closeBreach, decideNotToReport, moveBreach, recordIcoReport, updateBreachFacts } from "../services/changes";
import { loadBreaches, recordBreach, viewBreach } from "../services/register";
import { icoPackApi } from "./ico-pack";
import { breachNoticesApi } from "./notice-routes";
import { breachListSchema, breachSchema, presentBreach, presentSummary } from "./schema";

const VIEW = "api.breaches.breach";

/**
 * The breach register (issue 22): its organisation's IG leads record and change breaches; its
 * auditors read them. For people only: no partner system's token reaches these routes
 * (`resourceOfRoute` gives them no resource).
 */
export async function breachesApi(parent: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  app.addHook("onRequest", requireActor());
  const tags = ["breaches"];
  const conflict = (what: string) => ({ 409: problemResponse(what) });
  const detail = async (request: { params: { id: string } } & Parameters<typeof actorOf>[0]) =>
    presentBreach(await viewBreach(db, actorOf(request), request.params.id, VIEW));

  app.get(
    "/breaches",
    {
      schema: {
        operationId: "listBreaches",
        tags,
        summary: "Your organisation's breach register, those whose ICO report is still to make first, soonest due (IG leads and auditors)",
        querystring: pageQuery,
        response: { 200: pageOf(breachListSchema), ...standardErrors },
      },
    },
    async (request) => {
      const { page, pageSize } = request.query;
      const { rows, total } = await loadBreaches(db, actorOf(request), { page, pageSize });
      return pageBody(rows.map(presentSummary), total, { page, pageSize });
    },
  );
  app.post(
    "/breaches",
    {
      schema: {
        operationId: "recordBreach",
        tags,
        summary:
          "Record a breach (IG leads); naming a disclosure your organisation sent withdraws the recipient's access at once and links it and its person",
        body: newBreachInput,
        response: { 201: createdResponse(breachSchema, "the breach"), ...standardErrors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const id = await recordBreach(db, actor, request.body);
      return created(reply, `/api/v1/breaches/${id}`, presentBreach(await viewBreach(db, actor, id, VIEW)));
    },
  );
  app.get(
    "/breaches/:id",
    {
      schema: {
        operationId: "getBreach",
        tags,
        summary: "One breach: its facts, assessment, clock, reports and the people affected (an audited read; IG leads and auditors)",
        params: idParams,
        response: { 200: breachSchema, ...standardErrors },
      },
    },
    detail,
  );
  app.patch(
    "/breaches/:id",
    {
      schema: {
        operationId: "updateBreachFacts",
        tags,
        summary: "Change a breach's facts, only the fields sent (IG leads); a closed breach is a 409",
        params: idParams,
        body: breachFactsUpdate,
        response: { 200: breachSchema, ...standardErrors, ...conflict("The breach is closed") },
      },
    },
    async (request) => {
      await updateBreachFacts(db, actorOf(request), request.params.id, request.body);
      return detail(request);
    },
  );
  app.post(
    "/breaches/:id/risk-assessment",
    {
      schema: {
        operationId: "assessBreachRisk",
        tags,
        summary:
          "Assess the risk to people, with the reasoning: no risk stops the ICO clock; a high risk asks that people be told (IG leads)",
        params: idParams,
        body: riskInput,
        response: { 200: breachSchema, ...standardErrors, ...conflict("The breach is closed") },
      },
    },
    async (request) => {
      await assessBreachRisk(db, actorOf(request), request.params.id, request.body);
      return detail(request);
    },
  );
  app.post(
    "/breaches/:id/reports",
    {
      schema: {
        operationId: "recordBreachReport",
        tags,
        summary:
          "Record a report made to the ICO: the initial report (late after 72 hours, with the reasons) or a follow-up with the ICO's case reference (IG leads)",
        params: idParams,
        body: reportInput,
        response: {
          201: createdResponse(breachSchema, "the breach, which lists its reports"),
          ...standardErrors,
          ...conflict("An initial report is already recorded, a follow-up has no initial report, or the breach is closed"),
        },
      },
    },
    async (request, reply) => {
      await recordIcoReport(db, actorOf(request), request.params.id, request.body);
      return created(reply, `/api/v1/breaches/${request.params.id}`, await detail(request));
    },
  );
  app.post(
    "/breaches/:id/not-reported",
    {
      schema: {
        operationId: "decideNotToReportBreach",
        tags,
        summary: "Record the decision not to report to the ICO, with the reasons: only for a breach assessed as no risk (IG leads)",
        params: idParams,
        body: notReportedInput,
        response: {
          200: breachSchema,
          ...standardErrors,
          ...conflict("The breach is a risk to people, is not yet assessed, or cannot move"),
        },
      },
    },
    async (request) => {
      await decideNotToReport(db, actorOf(request), request.params.id, request.body);
      return detail(request);
    },
  );
  app.post(
    "/breaches/:id/state",
    {
      schema: {
        operationId: "moveBreach",
        tags,
        summary: "Start the investigation, or record that the people affected were told (IG leads)",
        params: idParams,
        body: moveInput,
        response: { 200: breachSchema, ...standardErrors, ...conflict("The breach cannot move there from where it stands") },
      },
    },
    async (request) => {
      await moveBreach(db, actorOf(request), request.params.id, request.body);
      return detail(request);
    },
  );
  app.post(
    "/breaches/:id/close",
    {
      schema: {
        operationId: "closeBreach",
        tags,
        summary: "Close a breach with the lessons learned, once reported or decided not to report; it stays on the register (IG leads)",
        params: idParams,
        body: closeInput,
        response: { 200: breachSchema, ...standardErrors, ...conflict("The breach cannot be closed from where it stands") },
      },
    },
    async (request) => {
      await closeBreach(db, actorOf(request), request.params.id, request.body);
      return detail(request);
    },
  );
  // The ICO report pack, each kept report's and the draft's (api/ico-pack.ts).
  await app.register(icoPackApi, { db });
  await breachNoticesApi(app, { db });
}
