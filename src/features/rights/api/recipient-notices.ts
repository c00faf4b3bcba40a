import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../../platform/db/client";
import { idParams, pageBody, pageOf, pageQuery, standardErrors } from "../../../platform/http/api-schemas";
import { actorOf, requireActor } from "../../../platform/http/auth/plugin";
import { noContentAfter, noContentOr } from "../../../platform/http/no-content";
import { ITEM_CATEGORIES } from "../../records/domain";
import { noticeKind } from "../schema";
import { acknowledgeNotice, viewNoticePage } from "../services/recipient-notices";

const tags = ["disclosures"];

const noticeSchema = z
  .object({
    id: z.uuid(),
    disclosureId: z.uuid(),
    sender: z.object({ organisationId: z.uuid(), name: z.string() }),
    about: z.string().describe("The person, as named in the disclosure"),
    kind: z.enum(noticeKind.enumValues),
    item: z
      .object({
        number: z.number().int().min(1).describe("Its place among the items of the disclosure, from 1"),
        category: z.enum(ITEM_CATEGORIES),
        eventDate: z.iso.date(),
      })
      .describe("The item the notice is about, as the disclosure carried it"),
    text: z.string().describe("What the sender did and what to do with your copy"),
    sentAt: z.iso.datetime(),
    acknowledgedAt: z.iso.datetime().nullable(),
    acknowledgedByName: z.string().nullable(),
  })
  .meta({ id: "RecipientNotice" });

/**
 * Notices from organisations that disclosed to yours: a correction, restriction or erasure to act on
 * (UK GDPR Art 19). For whoever reads what was disclosed, not only IG leads; filed with the
 * disclosures in the API's tags, because that is where a recipient looks.
 */
export async function recipientNoticesApi(parent: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  app.addHook("onRequest", requireActor());
  app.get(
    "/recipient-notices",
    {
      schema: {
        operationId: "listRecipientNotices",
        tags,
        summary: "Notices about information disclosed to your organisation, unacknowledged first",
        querystring: pageQuery,
        response: { 200: pageOf(noticeSchema), ...standardErrors },
      },
    },
    async (request) => {
      const { rows, total } = await viewNoticePage(db, actorOf(request), request.query, "api.recipient_notices");
      const items = rows.map((n) => ({
        id: n.id,
        disclosureId: n.disclosureId,
        sender: { organisationId: n.senderOrganisationId, name: n.senderName },
        about: n.personName,
        kind: n.kind,
        item: n.item,
        text: n.text,
        sentAt: n.sentAt.toISOString(),
        acknowledgedAt: n.acknowledgedAt?.toISOString() ?? null,
        acknowledgedByName: n.acknowledgedByName,
      }));
      return pageBody(items, total, request.query);
    },
  );
  app.post(
    "/recipient-notices/:id/acknowledge",
    {
      schema: {
        operationId: "acknowledgeRecipientNotice",
        tags,
        summary: "Acknowledge a notice once your copy has been dealt with; acknowledging it again changes nothing (204)",
        params: idParams,
        response: noContentOr(standardErrors),
      },
    },
    (request, reply) => noContentAfter(reply, acknowledgeNotice(db, actorOf(request), request.params.id)),
  );
}
