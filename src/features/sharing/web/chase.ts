import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Db } from "../../../platform/db/client";
import { actorOf } from "../../../platform/http/auth/plugin";
import { type ErrorSummary, idParam, withFormErrors } from "../../../platform/web-kit/forms";

import { chaseDisclosure } from "../services/chase";

/** The home page, rendered again with an error summary: handed in by the composition root, which owns it. */
export type HomeWithErrors = (request: FastifyRequest, reply: FastifyReply, summary: ErrorSummary) => Promise<unknown>;

/**
 * "Chase" on the home page's "Your work" (issue 18): the sender records that it chased a recipient
 * who has not acknowledged what it was sent. Post, then back to the home page with a banner saying so
 * (post/redirect/get); a chase that can no longer be made (acknowledged meanwhile, withdrawn) shows
 * the home page again with the reason in its error summary.
 */
export async function chasePages(app: FastifyInstance, { db, home }: { db: Db; home: HomeWithErrors }): Promise<void> {
  app.post("/disclosures/:id/chase", async (request, reply) => {
    const id = idParam(request, "id", "The information sent");
    return withFormErrors(
      reply,
      (summary) => home(request, reply, summary),
      async () => {
        await chaseDisclosure(db, actorOf(request), id);
        return reply.redirect("/?outcome=chased", 303);
      },
      { orAt: { path: "/your-work", message: "This could not be chased" } },
    );
  });
}
