import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../../db/client";
import { passwordChangeInput } from "../../../domain/inputs";
import { changeOwnPassword } from "../../../services/passwords";
import { requireActor, sessionOf } from "../../auth/plugin";
import { setSessionCookie } from "../../auth/session-cookie";
import { standardErrors } from "../shared";

/** The caller's own account, whatever their role. */
export async function meApi(parent: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  app.addHook("onRequest", requireActor());

  app.post(
    "/me/password",
    {
      schema: {
        tags: ["me"],
        summary:
          "Change your own password. A wrong current password counts towards lockout; your other sessions end and this one gets a new session cookie",
        body: passwordChangeInput,
        response: { 204: z.null(), ...standardErrors },
      },
    },
    async (request, reply) => {
      setSessionCookie(reply, await changeOwnPassword(db, sessionOf(request), request.body));
      return reply.status(204).send(null);
    },
  );
}
