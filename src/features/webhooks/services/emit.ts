import { and, arrayContains, eq, isNull } from "drizzle-orm";
import type { Queryable } from "../../../platform/db/client";
import { enqueue } from "../../../platform/jobs/queue";
import { QUEUES } from "../../../platform/jobs/queues";
import type { WebhookEvent } from "../domain/events";
import { webhookDeliveries, webhookEndpoints } from "../schema";

/**
 * Tells an organisation's webhook endpoints that something concerning it happened: one delivery per
 * endpoint that takes the event, queued on the caller's transaction, so it exists if and only if the
 * event does. Ids only: the receiver fetches the rest with its token.
 */
export async function emitWebhook(q: Queryable, event: { organisationId: string; type: WebhookEvent; id?: string }): Promise<void> {
  const endpoints = await q
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.organisationId, event.organisationId),
        isNull(webhookEndpoints.removedAt),
        arrayContains(webhookEndpoints.events, [event.type]),
      ),
    );
  if (!endpoints.length) return;
  const payload = {
    type: event.type,
    timestamp: new Date().toISOString(),
    data: { organisationId: event.organisationId, ...(event.id ? { id: event.id } : {}) },
  };
  const rows = await q
    .insert(webhookDeliveries)
    .values(endpoints.map((e) => ({ endpointId: e.id, payload })))
    .returning({ id: webhookDeliveries.id });
  // The job's id is the delivery's: queued twice, it is queued once.
  for (const row of rows) await enqueue(q, { name: QUEUES.deliverWebhook }, { deliveryId: row.id }, { id: row.id });
}
