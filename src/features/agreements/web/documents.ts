import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Db } from "../../../platform/db/client";
import { NotFoundError } from "../../../platform/errors";
import { actorOf } from "../../../platform/http/auth/plugin";
import { queryOf } from "../../../platform/web-kit/forms";
import { sendAgreementPdf } from "../api/agreement-pdf";
import { outlineAgreement } from "../domain/outline";
import { loadAgreementDocument } from "../services/load-document";
import { agreementId } from "./agreement-pages";

/** The printable agreement and its PDF: the version in force (or the latest the actor may see), or `?version=n`. */
export async function documentPages(app: FastifyInstance, { db, publicUrl }: { db: Db; publicUrl: string }): Promise<void> {
  const load = (request: FastifyRequest) => {
    const raw = queryOf(request).version;
    let version: number | undefined;
    if (raw !== undefined && raw !== "") {
      version = Number(raw);
      if (!Number.isInteger(version) || version < 1) throw new NotFoundError(`Version ${raw} of the agreement`);
    }
    return loadAgreementDocument(db, actorOf(request), agreementId(request), version);
  };
  app.get("/agreements/:id/document", async (request, reply) => {
    const doc = await load(request);
    return reply.view("agreements/document.njk", { outline: outlineAgreement(doc), doc });
  });
  app.get("/agreements/:id/document.pdf", async (request, reply) => sendAgreementPdf(reply, await load(request), publicUrl));
}
