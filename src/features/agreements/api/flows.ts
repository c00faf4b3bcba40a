import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { today } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { ConflictError } from "../../../platform/errors";
import { idParams, problemResponse, standardErrors } from "../../../platform/http/api-schemas";
import { actorOf } from "../../../platform/http/auth/plugin";
import { ITEM_CATEGORIES } from "../../records/domain";
import { ONWARD_DISCLOSURE } from "../domain/content";
import { flowsOf } from "../domain/flows";
import { ARTICLE_6, ARTICLE_9_10 } from "../domain/lawful-basis";
import { notInForceReason } from "../domain/lifecycle";
import { PURPOSE_CODES } from "../domain/purposes";
import { loadAgreementDocument } from "../services/load-document";
import { loadAgreement } from "../services/queries";

const organisationRef = z.object({ organisationId: z.uuid(), name: z.string() });

const flowsSchema = z
  .object({
    agreementId: z.uuid(),
    reference: z.string(),
    version: z.number().int().describe("The version in force, which a share decision cites"),
    inForce: z.boolean(),
    notInForceReason: z.string().nullable().describe("Why no share may be made under it today, in words; null when it is in force"),
    purposes: z.array(z.object({ code: z.enum(PURPOSE_CODES), description: z.string() })),
    flows: z.array(
      z.object({
        key: z.string(),
        description: z.string(),
        from: z.array(organisationRef),
        to: z.array(organisationRef),
        dataItems: z.array(
          z.object({
            key: z.string(),
            name: z.string(),
            category: z.enum(ITEM_CATEGORIES),
            specialCategory: z.boolean(),
            criminalOffence: z.boolean(),
          }),
        ),
        onwardDisclosure: z.enum(ONWARD_DISCLOSURE),
        retentionMonths: z.number().int().nullable(),
      }),
    ),
    lawfulBases: z.array(
      z.object({ organisationId: z.uuid(), article6: z.array(z.enum(ARTICLE_6)), article9: z.array(z.enum(ARTICLE_9_10)) }),
    ),
  })
  .meta({ id: "AgreementFlows" });

/** GET /agreements/{id}/flows: what a partner system must send to share under the agreement's version in force. */
export async function agreementFlowsApi(parent: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/agreements/:id/flows",
    {
      schema: {
        operationId: "getAgreementFlows",
        tags: ["agreements"],
        summary: "The agreement's flows in force: who may share with whom, which data items, for which purposes and on which lawful bases",
        params: idParams,
        response: { 200: flowsSchema, ...standardErrors, 409: problemResponse() },
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const agreement = await loadAgreement(db, actor, request.params.id);
      if (agreement.inForceVersion === null)
        throw new ConflictError("The agreement has no version in force yet: not every party has signed it");
      const doc = await loadAgreementDocument(db, actor, agreement.id, agreement.inForceVersion);
      const reason = notInForceReason(doc, doc.parentInForce, today());
      return {
        agreementId: doc.agreementId,
        reference: doc.reference,
        version: doc.version,
        inForce: reason === null,
        notInForceReason: reason,
        ...flowsOf(doc),
      };
    },
  );
}
