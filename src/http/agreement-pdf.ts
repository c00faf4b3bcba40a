import type { FastifyReply } from "fastify";
import type { AgreementDocument } from "../domain/agreements/document";
import { renderAgreementPdf } from "../services/agreements/render-pdf";

/** Sends an agreement's PDF, named by reference and version, for the web page link and the API alike. */
export async function sendAgreementPdf(reply: FastifyReply, doc: AgreementDocument): Promise<FastifyReply> {
  const pdf = await renderAgreementPdf(doc);
  return reply
    .type("application/pdf")
    .header("content-disposition", `inline; filename="${doc.reference}-v${doc.version}.pdf"`)
    .header("cache-control", "no-store")
    .send(pdf);
}
