import type { FastifyReply } from "fastify";
import type { Actor } from "../../../platform/auth/actor";
import type { Db } from "../../../platform/db/client";
import { loadCertificate } from "../services/certificate";
import { renderCertificatePdf } from "../services/render-certificate-pdf";

/** Sends a carried-out disposal's certificate as a tagged PDF, for its page's link and the API alike. */
export async function sendCertificatePdf(reply: FastifyReply, db: Db, actor: Actor, id: string): Promise<FastifyReply> {
  const { outline, organisation } = await loadCertificate(db, actor, id);
  const pdf = await renderCertificatePdf(outline, organisation);
  const reference = outline.title.replace(/^Disposal certificate /, "");
  return reply
    .type("application/pdf")
    .header("content-disposition", `attachment; filename="disposal-certificate-${reference}.pdf"`)
    .send(pdf);
}
