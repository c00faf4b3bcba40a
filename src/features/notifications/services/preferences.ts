import { eq } from "drizzle-orm";
import { z } from "zod";
import { snapshotOf } from "../../../platform/audit/events";
import { inTransaction } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import type { Db } from "../../../platform/db/client";
import type {} from "../audit-events";
import { DELIVERY_CHOICES, type DeliveryChoice } from "../domain/kinds";
import { NOTIFICATIONS_MESSAGES } from "../domain/messages";
import { notificationPreferences } from "../schema";

/** What a person may choose: how they hear about what is not urgent. Urgent kinds are not theirs to choose. */
const deliveryChoiceInput = z.object({
  delivery: z.enum(DELIVERY_CHOICES, { error: NOTIFICATIONS_MESSAGES.en.preferencesPage.required }),
});

/** The person's own choice; none made yet means at once, as `notify` takes it. */
export async function loadDeliveryChoice(db: Db, actor: Actor): Promise<DeliveryChoice> {
  const [row] = await db
    .select({ delivery: notificationPreferences.delivery })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.userId, actor.userId));
  return row?.delivery ?? "immediate";
}

/**
 * The person chooses for themselves, and only for themselves: saved and recorded together. Choosing
 * again what they already had changes nothing and records nothing. Notifications already waiting for a
 * summary (or already emailed) stay as they are: the choice is for what comes next.
 */
export async function chooseDelivery(db: Db, actor: Actor, raw: unknown): Promise<DeliveryChoice> {
  const { delivery } = deliveryChoiceInput.parse(raw);
  await inTransaction(db, async (tx, audit) => {
    const [before] = await tx
      .select({ delivery: notificationPreferences.delivery })
      .from(notificationPreferences)
      .where(eq(notificationPreferences.userId, actor.userId))
      .for("update");
    if (before?.delivery === delivery) return;
    await tx
      .insert(notificationPreferences)
      .values({ userId: actor.userId, delivery })
      .onConflictDoUpdate({ target: notificationPreferences.userId, set: { delivery, updatedAt: new Date() } });
    audit.record(snapshotOf(actor), {
      type: "notification_preference.changed",
      entity: { type: "user", id: actor.userId },
      details: { delivery },
    });
  });
  return delivery;
}
