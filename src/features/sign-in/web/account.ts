import type { FastifyInstance } from "fastify";
import type { Db } from "../../../platform/db/client";
import { requireActor } from "../../../platform/http/auth/plugin";
import { rotateCsrfSecret, setSessionCookie } from "../../../platform/http/auth/session-cookie";
import { handleForm, parseForm } from "../../../platform/web-kit/forms";
import { passwordChangeInput } from "../../organisations-and-users/domain";
import { changeOwnPassword } from "../services/passwords";
import { loadedSession, sessionOf } from "./session-plugin";

/** The signed-in person's own account: for now, changing their password. */
export async function accountPages(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.addHook("preHandler", requireActor());

  // The email in a hidden username field lets a password manager save the new password against the right account.
  app.get("/account/password", async (request, reply) =>
    reply.view("account/password", { email: loadedSession(request)?.email, values: {} }),
  );

  app.post("/account/password", async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    // Nothing typed is shown again: every field on this form is a password.
    return handleForm(reply, { view: "account/password", context: { email: loadedSession(request)?.email }, values: {} }, async () => {
      const input = parseForm(passwordChangeInput, body);
      const confirmPassword = typeof body.confirmPassword === "string" ? body.confirmPassword : "";
      setSessionCookie(reply, await changeOwnPassword(db, sessionOf(request), { ...input, confirmPassword }));
      rotateCsrfSecret(request, reply);
      return reply.redirect("/account/password/changed");
    });
  });

  app.get("/account/password/changed", async (_request, reply) => reply.view("account/password-changed", {}));
}
