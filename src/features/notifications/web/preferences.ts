import type { FastifyInstance } from "fastify";
import type { Db } from "../../../platform/db/client";
import { actorOf, requireActor } from "../../../platform/http/auth/plugin";
import { bodyOf, formHelpers, handleForm, queryOf, str } from "../../../platform/web-kit/forms";
import { DELIVERY_CHOICES } from "../domain/kinds";
import { NOTIFICATIONS_MESSAGES } from "../domain/messages";
import { chooseDelivery, loadDeliveryChoice } from "../services/preferences";

const words = NOTIFICATIONS_MESSAGES.en;

/** The radios: each choice's label and hint, from the catalogue. */
const choices = DELIVERY_CHOICES.map((value) => ({ value, text: words.deliveryChoice[value], hint: words.deliveryChoiceHint[value] }));

/** The signed-in person's choice of how they hear about what is not urgent: at once, or in a daily summary. */
export async function notificationPreferencePages(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const context = { ...formHelpers, words: words.preferencesPage, choices };

  app.get("/account/notifications", { preHandler: requireActor() }, async (request, reply) =>
    reply.view("notifications/preferences", {
      ...context,
      saved: queryOf(request).saved === "1",
      values: { delivery: await loadDeliveryChoice(db, actorOf(request)) },
    }),
  );

  app.post("/account/notifications", { preHandler: requireActor() }, async (request, reply) => {
    const body = bodyOf(request);
    return handleForm(reply, { view: "notifications/preferences", context, values: { delivery: str(body, "delivery") } }, async () => {
      await chooseDelivery(db, actorOf(request), { delivery: str(body, "delivery") || undefined });
      return reply.redirect("/account/notifications?saved=1");
    });
  });
}
