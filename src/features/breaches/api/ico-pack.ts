import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../../platform/db/client";
import { idParams, standardErrors } from "../../../platform/http/api-schemas";
import { actorOf } from "../../../platform/http/auth/plugin";
import type { IcoPack } from "../services/ico-pack";
import { loadDraftPack, loadReportPack } from "../services/ico-pack";
import { renderIcoPackPdf } from "../services/render-ico-pack-pdf";
import { icoFormSchema } from "./schema";

const icoPackSchema = z
  .object({
    breachId: z.uuid(),
    reference: z.string().describe('The breach\'s reference, such as "BR-12"'),
    draft: z.boolean().describe("A draft from the breach's facts now, to prepare a report; not what the ICO was told"),
    reportId: z.uuid().nullable().describe("The kept report it is the pack of; null for the draft"),
    form: icoFormSchema,
    title: z.string(),
    introduction: z.string(),
    sections: z
      .array(z.object({ heading: z.string(), rows: z.array(z.object({ label: z.string(), value: z.string() })) }))
      .describe("The form's fields in words, in the form's order, as the PDF prints them"),
  })
  .meta({ id: "BreachIcoPack" });

const present = (p: IcoPack): z.infer<typeof icoPackSchema> => ({
  breachId: p.breachId,
  reference: p.reference,
  draft: p.draft,
  reportId: p.reportId,
  form: p.form,
  title: p.outline.title,
  introduction: p.outline.introduction,
  sections: p.outline.sections,
});

/** Sends a pack as a tagged PDF, for the pages' links and the API alike. */
export async function sendIcoPackPdf(reply: FastifyReply, pack: IcoPack): Promise<FastifyReply> {
  const pdf = await renderIcoPackPdf(pack.outline, pack.form.organisation);
  const name = pack.draft
    ? `${pack.reference}-ico-report-draft`
    : `${pack.reference}-ico-report-${pack.form.phase === "INITIAL" ? "initial" : "follow-up"}`;
  return reply.type("application/pdf").header("content-disposition", `attachment; filename="${name}.pdf"`).send(pdf);
}

const reportParams = idParams.extend({ reportId: z.uuid({ error: "Must be a UUID" }) });
const pdfResponse = { 200: z.any().meta({ description: "A PDF document" }), ...standardErrors };

/**
 * The ICO report pack (issue 22): the ICO's breach report form's fields for each kept report (from its
 * snapshot) and as a draft from the breach's facts now, as JSON and as a tagged PDF. Each read is
 * recorded; IG leads and auditors of the breach's organisation, any other finds nothing.
 */
export async function icoPackApi(parent: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const tags = ["breaches"];
  app.get(
    "/breaches/:id/ico-pack",
    {
      schema: {
        operationId: "getBreachIcoDraftPack",
        tags,
        summary:
          "A draft of the ICO's breach report form from the breach's facts now, to prepare the report (IG leads and auditors; recorded)",
        params: idParams,
        response: { 200: icoPackSchema, ...standardErrors },
      },
    },
    async (request) => present(await loadDraftPack(db, actorOf(request), request.params.id, "json")),
  );
  app.get(
    "/breaches/:id/ico-pack.pdf",
    {
      schema: {
        operationId: "getBreachIcoDraftPackPdf",
        tags,
        summary: "The draft ICO report pack as a tagged PDF (IG leads and auditors; recorded)",
        params: idParams,
        produces: ["application/pdf"],
        response: pdfResponse,
      },
    },
    async (request, reply) => sendIcoPackPdf(reply, await loadDraftPack(db, actorOf(request), request.params.id, "pdf")),
  );
  app.get(
    "/breaches/:id/reports/:reportId/pack",
    {
      schema: {
        operationId: "getBreachReportPack",
        tags,
        summary: "A kept report's ICO report pack: the form's fields as reported, never recomputed (IG leads and auditors; recorded)",
        params: reportParams,
        response: { 200: icoPackSchema, ...standardErrors },
      },
    },
    async (request) => present(await loadReportPack(db, actorOf(request), request.params.id, request.params.reportId, "json")),
  );
  app.get(
    "/breaches/:id/reports/:reportId/pack.pdf",
    {
      schema: {
        operationId: "getBreachReportPackPdf",
        tags,
        summary: "A kept report's ICO report pack as a tagged PDF (IG leads and auditors; recorded)",
        params: reportParams,
        produces: ["application/pdf"],
        response: pdfResponse,
      },
    },
    async (request, reply) =>
      sendIcoPackPdf(reply, await loadReportPack(db, actorOf(request), request.params.id, request.params.reportId, "pdf")),
  );
}
