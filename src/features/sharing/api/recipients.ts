import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { today } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { pageOf, pageQuery, slicedPage, standardErrors } from "../../../platform/http/api-schemas";
import { actorOf } from "../../../platform/http/auth/plugin";
import { addressablePeople, RECEIVING_ROLES } from "../services/choices";

/** GET /share-decisions/recipients: who at another organisation a share decision's `recipient.userId` may name. */
export async function recipientsApi(parent: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  app.get(
    "/share-decisions/recipients",
    {
      schema: {
        operationId: "listAddressablePeople",
        tags: ["share decisions"],
        summary: "The people at another organisation a share can be addressed to: practitioners and safeguarding leads, by name and role",
        description:
          "Only for an organisation your organisation shares an agreement in force with; any other is a 404. Without a named person a share goes to the organisation's safeguarding leads.",
        querystring: pageQuery.extend({ organisationId: z.uuid({ error: "Must be an organisation's id" }) }),
        response: {
          200: pageOf(z.object({ userId: z.uuid(), name: z.string(), roles: z.array(z.enum(RECEIVING_ROLES)) })),
          ...standardErrors,
        },
      },
    },
    async (request) => {
      const { organisationId, ...range } = request.query;
      // One organisation's practitioners and leads, as the share wizard loads them whole: sliced, not paged in SQL.
      return slicedPage(await addressablePeople(db, actorOf(request), organisationId, today()), range);
    },
  );
}
