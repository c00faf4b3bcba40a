import type { FastifyInstance } from "fastify";
import { ADMINISTRATOR_ROLES } from "../../../platform/auth/roles";
import type { Db } from "../../../platform/db/client";
import { idParams } from "../../../platform/http/api-schemas";
import { actorOf, requireActor } from "../../../platform/http/auth/plugin";
import { type FormBody, handleForm, list, parseForm, str } from "../../../platform/web-kit/forms";
import { WEBHOOK_EVENTS } from "../domain/events";
import { newEndpointInput } from "../domain/inputs";
import { WEBHOOKS_MESSAGES } from "../domain/messages";
import { addEndpoint, loadEndpoints, removeEndpoint } from "../services/endpoints";

const words = WEBHOOKS_MESSAGES.en;

/**
 * An organisation administrator's webhook addresses (issue 20): where Safeshare tells the
 * organisation's own systems that something concerning it happened. The signing secret is shown
 * once, on the page after an address is added.
 */
export async function webhookPages(app: FastifyInstance, { db, allowLocal }: { db: Db; allowLocal: boolean }): Promise<void> {
  app.addHook("preHandler", requireActor(ADMINISTRATOR_ROLES));

  const context = async (request: Parameters<typeof actorOf>[0]) => ({
    endpoints: (await loadEndpoints(db, actorOf(request))).map((e) => ({ ...e, eventWords: e.events.map((k) => words.event[k]) })),
    eventOptions: WEBHOOK_EVENTS.map((value) => ({ value, text: words.event[value] })),
  });

  app.get("/webhooks", async (request, reply) =>
    reply.view("webhooks/list", {
      ...(await context(request)),
      values: { url: "", events: [...WEBHOOK_EVENTS] },
      removed: (request.query as Record<string, string>).removed === "1",
    }),
  );

  app.post("/webhooks", async (request, reply) => {
    const body = request.body as FormBody;
    const values = { url: str(body, "url"), events: list(body, "events") };
    return handleForm(reply, { view: "webhooks/list", context: await context(request), values }, async () => {
      const { secret } = await addEndpoint(db, actorOf(request), parseForm(newEndpointInput, values), { allowLocal });
      return reply.view("webhooks/added", { url: values.url, secret });
    });
  });

  app.post("/webhooks/:id/remove", async (request, reply) => {
    const { id } = parseForm(idParams, request.params);
    await removeEndpoint(db, actorOf(request), id);
    return reply.redirect("/webhooks?removed=1");
  });
}
