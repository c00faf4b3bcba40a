import { lookup } from "node:dns/promises";
import { eq, sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import type { Db } from "../../../platform/db/client";
import type { JobContext, JobDefinition } from "../../../platform/jobs/queue";
import { QUEUES } from "../../../platform/jobs/queues";
import { webhookDeliveries, webhookEndpoints } from "../schema";
import { isInternalAddress } from "./destination";
import { signingSecret } from "./secret";

/** A receiver gets this long to answer; a slow one is tried again later, not waited on. */
const TIMEOUT_MS = 10_000;

async function record(db: Db, id: string, result: string, delivered: boolean) {
  await db
    .update(webhookDeliveries)
    .set({ attempts: sql`${webhookDeliveries.attempts} + 1`, lastResult: result, ...(delivered ? { deliveredAt: new Date() } : {}) })
    .where(eq(webhookDeliveries.id, id));
}

/**
 * Posts one event to its endpoint, signed per Standard Webhooks (`webhook-id`, `webhook-timestamp`,
 * `webhook-signature`). A 2xx is delivered; anything else throws, and pg-boss tries again with backoff.
 * The id stays the same on every try, so a receiver that got it but answered too late drops the repeat.
 */
async function deliverWebhook({ db, allowLocalWebhooks }: JobContext, deliveryId: string): Promise<void> {
  const [d] = await db
    .select({
      payload: webhookDeliveries.payload,
      deliveredAt: webhookDeliveries.deliveredAt,
      url: webhookEndpoints.url,
      endpointId: webhookEndpoints.id,
      removedAt: webhookEndpoints.removedAt,
    })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(eq(webhookDeliveries.id, deliveryId));
  if (!d || d.deliveredAt || d.removedAt) return;
  const url = new URL(d.url);
  if (!allowLocalWebhooks) {
    const { address } = await lookup(url.hostname.replace(/^\[|\]$/g, ""));
    // Not tried again: it would be refused every time.
    if (isInternalAddress(address)) return record(db, deliveryId, "refused: the address is inside this network", false);
  }
  const body = JSON.stringify(d.payload);
  const now = new Date();
  const signature = new Webhook(await signingSecret(db, d.endpointId)).sign(deliveryId, now, body);
  let status: number;
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "webhook-id": deliveryId,
        "webhook-timestamp": String(Math.floor(now.getTime() / 1000)),
        "webhook-signature": signature,
      },
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    status = response.status;
    await response.body?.cancel();
  } catch (error) {
    await record(db, deliveryId, `no answer: ${(error as Error).name}`, false);
    throw new Error("webhook endpoint did not answer");
  }
  await record(db, deliveryId, `HTTP ${status}`, status >= 200 && status < 300);
  if (status < 200 || status >= 300) throw new Error(`webhook endpoint answered ${status}`);
}

export const deliverWebhookJob: JobDefinition<{ deliveryId: string }> = {
  name: QUEUES.deliverWebhook,
  run: (data, context) => deliverWebhook(context, data.deliveryId),
  // A receiver that is down is tried again: 30 s, then doubling, for about half an hour.
  retryLimit: 6,
  retryDelaySeconds: 30,
  expireInSeconds: 60,
};
