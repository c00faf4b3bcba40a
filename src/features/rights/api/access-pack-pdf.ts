import type { FastifyReply } from "fastify";
import type { Actor } from "../../../platform/auth/actor";
import type { Db } from "../../../platform/db/client";
import { compileAccessPack } from "../services/compile-access-pack";
import { renderAccessPackPdf } from "../services/render-pack-pdf";

/**
 * Sends a request's access pack as a PDF, for the request page's link and the API alike. A draft's
 * file is named as one, so a saved copy cannot be mistaken for the response.
 */
export async function sendAccessPackPdf(reply: FastifyReply, db: Db, actor: Actor, requestId: string): Promise<FastifyReply> {
  const pack = await compileAccessPack(db, actor, requestId);
  const pdf = await renderAccessPackPdf(pack);
  return reply
    .type("application/pdf")
    .header("content-disposition", `attachment; filename="${pack.reference}${pack.draft ? "-DRAFT" : ""}.pdf"`)
    .send(pdf);
}
