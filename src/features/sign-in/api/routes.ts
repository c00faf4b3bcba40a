import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Db } from "../../../platform/db/client";
import { standardErrors } from "../../../platform/http/api-schemas";
import { requireActor } from "../../../platform/http/auth/plugin";
import { setSessionCookie } from "../../../platform/http/auth/session-cookie";
import { noContentAfter, noContentOr } from "../../../platform/http/no-content";
import { passwordChangeInput } from "../../organisations-and-users/domain";
import { changeOwnPassword } from "../services/passwords";
import { sessionOf } from "../web/session-plugin";

/** The caller's own account, whatever their role. */
export async function meApi(parent: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  app.addHook("onRequest", requireActor());

  app.post(
    "/me/password",
    {
      schema: {
        operationId: "changeOwnPassword",
        tags: ["me"],
        summary:
          "Change your own password. A wrong current password counts towards lockout; your other sessions end and this one gets a new session cookie",
        body: passwordChangeInput,
        response: noContentOr(standardErrors),
      },
    },
    (request, reply) =>
      noContentAfter(
        reply,
        changeOwnPassword(db, sessionOf(request), request.body).then((session) => setSessionCookie(reply, session)),
      ),
  );
}
