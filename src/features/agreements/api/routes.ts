import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { today } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { idParams, pageBody, pageOf, pageQuery, problemResponse, slicedPage, standardErrors } from "../../../platform/http/api-schemas";
import { actorOf, requireActor } from "../../../platform/http/auth/plugin";
import { created, createdResponse } from "../../../platform/http/created";
import { noContentAfter, noContentOr } from "../../../platform/http/no-content";
import { agreementContentSchema, agreementPatchSchema, TIERS } from "../domain/content";
import { compileAgreement, evaluateShare } from "../domain/evaluate";
import { AGREEMENT_ACTIONS, AGREEMENT_STATUSES } from "../domain/lifecycle";
import { toOdrl } from "../domain/odrl";
import { changeAgreementStatus } from "../services/change-status";
import { createFromTemplate, importAgreement, newFromTemplateInput } from "../services/create-agreement";
import { editAgreement } from "../services/edit-agreement";
import { loadEvaluationSnapshot } from "../services/evaluation-snapshot";
import { loadAgreementDocument } from "../services/load-document";
import { agreementQuality } from "../services/quality";
import {
  currentVersion,
  loadAgreement,
  loadAgreementPage,
  loadSignatures,
  loadVisibleVersion,
  loadVisibleVersions,
} from "../services/queries";
import { recordReview, reviewInput } from "../services/review-agreement";
import { signAgreement } from "../services/sign-agreement";
import { accessionInput, discardPendingVersion, proposeAccession } from "../services/versions";
import { sendAgreementPdf } from "./agreement-pdf";
import { agreementFlowsApi } from "./flows";
import { evaluationSchema, proposedShareSchema, qualitySchema } from "./quality-schema";
import { agreementSummarySchema, presentAgreement, presentSignature, presentVersion, signatureSchema, versionSchema } from "./schema";

const errors = { ...standardErrors, 409: problemResponse() };
const detailSchema = z.object({ agreement: agreementSummarySchema, version: versionSchema }).meta({ id: "Agreement" });
const createdAgreement = createdResponse(detailSchema, "the agreement");
/** Version numbers are Postgres integers: anything larger is not a version, never a 500. */
const versionNumber = z.coerce.number().int().min(1, "Must be a version number").max(2_147_483_647, "Must be a version number");
const versionParams = idParams.extend({ version: versionNumber });
const versionQuery = z.object({ version: versionNumber.optional() });
const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (typeof v === "string" ? v.split(",").filter(Boolean) : v), z.array(z.enum(values))).optional();

export async function agreementsApi(parent: FastifyInstance, { db, publicUrl }: { db: Db; publicUrl: string }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  app.addHook("onRequest", requireActor());
  const tags = ["agreements"];
  await app.register(agreementFlowsApi, { db });
  const detail = async (actor: ReturnType<typeof actorOf>, id: string) => {
    const agreement = await loadAgreement(db, actor, id);
    return { agreement: presentAgreement(agreement, today()), version: presentVersion(await currentVersion(db, actor, agreement)) };
  };

  app.get(
    "/agreements",
    {
      schema: {
        operationId: "listAgreements",
        tags,
        summary: "The agreement register: agreements in force, and drafts the caller's organisation is a party to",
        querystring: pageQuery.extend({
          status: csv(AGREEMENT_STATUSES),
          tier: z.enum(TIERS).optional(),
          partyOrganisationId: z.uuid().optional(),
          q: z.string().trim().max(200).optional(),
        }),
        response: { 200: pageOf(agreementSummarySchema), ...errors },
      },
    },
    async (request) => {
      const { q, page, pageSize, ...filters } = request.query;
      const { rows, total } = await loadAgreementPage(db, actorOf(request), { ...filters, search: q }, { page, pageSize });
      const day = today();
      return pageBody(
        rows.map((a) => presentAgreement(a, day)),
        total,
        { page, pageSize },
      );
    },
  );
  app.post(
    "/agreements",
    {
      schema: {
        operationId: "createAgreement",
        tags,
        summary: "Add an agreement from structured fields (e.g. transcribed from an existing document); it starts as a draft",
        body: z.object({ content: agreementContentSchema, ownerOrganisationId: z.uuid().optional() }),
        response: { 201: createdAgreement, ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id } = await importAgreement(db, actor, request.body);
      return created(reply, `/api/v1/agreements/${id}`, await detail(actor, id));
    },
  );
  app.post(
    "/agreements/from-template",
    {
      schema: {
        operationId: "createAgreementFromTemplate",
        tags,
        summary: "Start a draft agreement from the model template, pre-filled with safeguarding defaults",
        body: newFromTemplateInput,
        response: { 201: createdAgreement, ...errors },
      },
    },
    async (request, reply) => {
      const actor = actorOf(request);
      const { id } = await createFromTemplate(db, actor, request.body);
      return created(reply, `/api/v1/agreements/${id}`, await detail(actor, id));
    },
  );
  app.get(
    "/agreements/:id",
    {
      schema: {
        operationId: "getAgreement",
        tags,
        summary: "One agreement and its version in force (or, before it is in force, its newest version you may read)",
        params: idParams,
        response: { 200: detailSchema, ...errors },
      },
    },
    async (request) => detail(actorOf(request), request.params.id),
  );
  app.patch(
    "/agreements/:id/content",
    {
      schema: {
        operationId: "updateAgreementContent",
        tags,
        summary:
          "Change whole sections of the terms. A draft is edited in place; an agreement in force gets a new draft version (a variation)",
        params: idParams,
        body: agreementPatchSchema,
        response: { 200: versionSchema, ...errors },
      },
    },
    async (request) => presentVersion(await editAgreement(db, actorOf(request), request.params.id, request.body)),
  );
  app.get(
    "/agreements/:id/versions",
    {
      schema: {
        operationId: "listAgreementVersions",
        tags,
        summary:
          "The agreement's versions, newest first: only signed ones unless your organisation is a party or you are a partnership administrator",
        params: idParams,
        querystring: pageQuery,
        response: { 200: pageOf(versionSchema), ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const agreement = await loadAgreement(db, actor, request.params.id);
      // An agreement has a handful of versions (one per variation or accession): loaded whole and sliced.
      return slicedPage((await loadVisibleVersions(db, actor, agreement)).map(presentVersion), request.query);
    },
  );
  app.get(
    "/agreements/:id/versions/:version",
    {
      schema: {
        operationId: "getAgreementVersion",
        tags,
        summary: "One version of the agreement: a signed one unless your organisation is a party or you are a partnership administrator",
        params: versionParams,
        response: { 200: versionSchema, ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const agreement = await loadAgreement(db, actor, request.params.id);
      return presentVersion(await loadVisibleVersion(db, actor, agreement, request.params.version));
    },
  );
  app.post(
    "/agreements/:id/transitions",
    {
      schema: {
        operationId: "transitionAgreement",
        tags,
        summary: "Move the agreement through its lifecycle (IG lead of the owner, or a partnership admin)",
        params: idParams,
        body: z.object({
          action: z.enum(AGREEMENT_ACTIONS, { error: `Action must be one of ${AGREEMENT_ACTIONS.join(", ")}` }),
          reason: z.string().trim().max(2000).optional(),
          changeSummary: z.string().trim().max(2000).optional(),
        }),
        response: { 200: agreementSummarySchema, ...errors },
      },
    },
    async (request) => {
      const { action, ...rest } = request.body;
      return presentAgreement(await changeAgreementStatus(db, actorOf(request), request.params.id, action, rest), today());
    },
  );
  app.get(
    "/agreements/:id/signatures",
    {
      schema: {
        operationId: "listAgreementSignatures",
        tags,
        summary: "The signatures on the agreement's versions that you may read",
        params: idParams,
        querystring: pageQuery,
        response: { 200: pageOf(signatureSchema), ...errors },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const agreement = await loadAgreement(db, actor, request.params.id);
      // Only signatures on versions the caller may read: a non-party must not learn of a pending variation.
      const readable = new Set((await loadVisibleVersions(db, actor, agreement)).map((v) => v.version));
      // A signatory per party per version, a handful of versions: loaded whole, filtered, then sliced.
      const signatures = (await loadSignatures(db, agreement.id)).filter((s) => readable.has(s.version));
      return slicedPage(signatures.map(presentSignature), request.query);
    },
  );
  app.post(
    "/agreements/:id/signatures",
    {
      schema: {
        operationId: "signAgreement",
        tags,
        summary: "Sign a version for your organisation, as its named signatory, re-entering your password",
        params: idParams,
        body: z.object({ version: versionNumber, password: z.string().min(1, "Enter your password").max(1024) }),
        // A signature has no address of its own: it is read in the agreement's signatures.
        response: { 201: createdResponse(signatureSchema, "the agreement's signatures, which list it by its id"), ...errors },
      },
    },
    async (request, reply) => {
      const signature = await signAgreement(db, actorOf(request), request.params.id, request.body);
      return created(reply, `/api/v1/agreements/${request.params.id}/signatures`, presentSignature(signature));
    },
  );
  app.post(
    "/agreements/:id/reviews",
    {
      schema: {
        operationId: "recordAgreementReview",
        tags,
        summary: "Record a review and set the next review date (at most a year ahead)",
        params: idParams,
        body: reviewInput,
        response: { 200: agreementSummarySchema, ...errors },
      },
    },
    async (request) => presentAgreement(await recordReview(db, actorOf(request), request.params.id, request.body), today()),
  );
  app.post(
    "/agreements/:id/accessions",
    {
      schema: {
        operationId: "proposeAgreementAccession",
        tags,
        summary: "Invite an organisation to join an agreement in force; its signatory then signs the accession version",
        params: idParams,
        body: accessionInput,
        response: { 201: createdResponse(versionSchema, "the accession version"), ...errors },
      },
    },
    async (request, reply) => {
      const version = await proposeAccession(db, actorOf(request), request.params.id, request.body);
      return created(reply, `/api/v1/agreements/${request.params.id}/versions/${version.version}`, presentVersion(version));
    },
  );
  app.get(
    "/agreements/:id/document.pdf",
    {
      schema: {
        operationId: "getAgreementPdf",
        tags,
        summary: "The agreement as a PDF: every section, the parties and the signature block (the version in force unless ?version=n)",
        params: idParams,
        querystring: versionQuery,
        produces: ["application/pdf"],
        response: { 200: z.any().meta({ description: "A PDF document" }), ...errors },
      },
    },
    async (request, reply) =>
      sendAgreementPdf(reply, await loadAgreementDocument(db, actorOf(request), request.params.id, request.query.version), publicUrl),
  );
  app.get(
    "/agreements/:id/quality",
    {
      schema: {
        operationId: "checkAgreementQuality",
        tags,
        summary: "Quality check of a version against the model: missing and weak sections, each finding with a code and a reason",
        params: idParams,
        querystring: versionQuery,
        response: { 200: qualitySchema, ...errors },
      },
    },
    async (request) => agreementQuality(db, actorOf(request), request.params.id, request.query.version),
  );
  app.get(
    "/agreements/:id/odrl",
    {
      schema: {
        operationId: "getAgreementOdrl",
        tags,
        summary: "The agreement as a JSON-LD ODRL Agreement using W3C DPV terms (mapping: docs/odrl-mapping.md)",
        params: idParams,
        querystring: versionQuery,
        produces: ["application/ld+json"],
        response: { 200: z.record(z.string(), z.unknown()), ...errors },
      },
    },
    async (request, reply) => {
      const doc = await loadAgreementDocument(db, actorOf(request), request.params.id, request.query.version);
      return reply.type("application/ld+json").send(toOdrl(doc, publicUrl) as Record<string, unknown>);
    },
  );
  app.post(
    "/agreements/:id/versions/:version/evaluate",
    {
      schema: {
        operationId: "evaluateShareUnderAgreement",
        tags,
        summary: "Dry run: would this proposed share be allowed under this signed agreement version? (DSA-* codes with reasons)",
        params: versionParams,
        body: proposedShareSchema,
        response: { 200: evaluationSchema, ...errors },
      },
    },
    async (request) => {
      const snapshot = await loadEvaluationSnapshot(db, actorOf(request), request.params.id, request.params.version);
      return evaluateShare(compileAgreement(snapshot), { ...request.body, date: request.body.date ?? today() });
    },
  );
  app.delete(
    "/agreements/:id/pending-version",
    {
      schema: {
        operationId: "discardPendingAgreementVersion",
        tags,
        summary: "Discard a pending variation or accession",
        params: idParams,
        response: noContentOr(errors),
      },
    },
    (request, reply) => noContentAfter(reply, discardPendingVersion(db, actorOf(request), request.params.id)),
  );
}
