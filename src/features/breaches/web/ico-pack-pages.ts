import type { FastifyInstance } from "fastify";
import { z } from "zod";
import type { Db } from "../../../platform/db/client";
import { idParams } from "../../../platform/http/api-schemas";
import { actorOf } from "../../../platform/http/auth/plugin";
import { parseForm } from "../../../platform/web-kit/forms";
import { sendIcoPackPdf } from "../api/ico-pack";
import { loadDraftPack, loadReportPack } from "../services/ico-pack";

const reportParams = idParams.extend({ reportId: z.uuid() });

/**
 * The ICO report pack on pages (issue 22): each kept report's, and the draft from the breach's facts
 * now, as a printable page and a tagged PDF, linked from the breach's page. Registered inside
 * `breachPages`, so only IG leads and auditors reach them; another organisation's breach is not found.
 */
export async function icoPackPages(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.get("/breaches/:id/ico-pack", async (request, reply) => {
    const { id } = parseForm(idParams, request.params);
    const pack = await loadDraftPack(db, actorOf(request), id, "page");
    return reply.view("breaches/ico-pack", { pack, pdfHref: `/breaches/${id}/ico-pack.pdf` });
  });
  app.get("/breaches/:id/ico-pack.pdf", async (request, reply) => {
    const { id } = parseForm(idParams, request.params);
    return sendIcoPackPdf(reply, await loadDraftPack(db, actorOf(request), id, "pdf"));
  });
  app.get("/breaches/:id/reports/:reportId/pack", async (request, reply) => {
    const { id, reportId } = parseForm(reportParams, request.params);
    const pack = await loadReportPack(db, actorOf(request), id, reportId, "page");
    return reply.view("breaches/ico-pack", { pack, pdfHref: `/breaches/${id}/reports/${reportId}/pack.pdf` });
  });
  app.get("/breaches/:id/reports/:reportId/pack.pdf", async (request, reply) => {
    const { id, reportId } = parseForm(reportParams, request.params);
    return sendIcoPackPdf(reply, await loadReportPack(db, actorOf(request), id, reportId, "pdf"));
  });
}
