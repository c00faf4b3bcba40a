import type { FastifyReply } from "fastify";
import type { AgreementDocument } from "../domain/document";
import { renderAgreementPdf } from "../services/render-pdf";

/**
 * Sends an agreement's PDF, named by reference and version, for the web page link and the API alike.
 * It links to the agreement's register entry at the public base URL, never at the request's Host.
 */
export async function sendAgreementPdf(reply: FastifyReply, doc: AgreementDocument, publicUrl: string): Promise<FastifyReply> {
  const pdf = await renderAgreementPdf(doc, `${publicUrl}/agreements/${doc.agreementId}`);
  return reply.type("application/pdf").header("content-disposition", `inline; filename="${doc.reference}-v${doc.version}.pdf"`).send(pdf);
}
