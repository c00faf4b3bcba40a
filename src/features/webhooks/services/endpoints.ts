import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { snapshotOf } from "../../../platform/audit/events";
import { inTransaction } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import { ADMINISTRATOR_ROLES, hasAnyRole } from "../../../platform/auth/roles";
import type { Db } from "../../../platform/db/client";
import { visibleTo } from "../../../platform/db/scope";
import { NotFoundError, NotPermittedError, ValidationError } from "../../../platform/errors";
import type {} from "../audit-events";
import { endpointUrlProblem, type WebhookEvent } from "../domain/events";
import type { NewEndpointInput } from "../domain/inputs";
import { webhookDeliveries, webhookEndpoints } from "../schema";
import { signingSecret } from "./secret";

function assertAdministers(actor: Actor): void {
  if (!hasAnyRole(actor.roles, ADMINISTRATOR_ROLES)) throw new NotPermittedError("Only administrators can manage webhooks");
}

export interface EndpointView {
  id: string;
  url: string;
  events: WebhookEvent[];
  createdAt: Date;
  delivered: number;
  waiting: number;
  lastResult: string | null;
}

/** The organisation's endpoints in use, with how their deliveries are going. */
export async function loadEndpoints(db: Db, actor: Actor): Promise<EndpointView[]> {
  assertAdministers(actor);
  const rows = await db
    .select({
      id: webhookEndpoints.id,
      url: webhookEndpoints.url,
      events: webhookEndpoints.events,
      createdAt: webhookEndpoints.createdAt,
      delivered: sql<number>`count(${webhookDeliveries.deliveredAt})::int`,
      waiting: sql<number>`(count(${webhookDeliveries.id}) - count(${webhookDeliveries.deliveredAt}))::int`,
      lastResult: sql<
        string | null
      >`(array_agg(${webhookDeliveries.lastResult} order by ${webhookDeliveries.createdAt} desc) filter (where ${webhookDeliveries.lastResult} is not null))[1]`,
    })
    .from(webhookEndpoints)
    .leftJoin(webhookDeliveries, eq(webhookDeliveries.endpointId, webhookEndpoints.id))
    .where(and(visibleTo(actor, webhookEndpoints), isNull(webhookEndpoints.removedAt)))
    .groupBy(webhookEndpoints.id)
    .orderBy(desc(webhookEndpoints.createdAt));
  return rows.map((r) => ({ ...r, events: r.events as WebhookEvent[] }));
}

/** Adds an endpoint for the administrator's organisation; its signing secret is returned to show once. */
export async function addEndpoint(
  db: Db,
  actor: Actor,
  input: NewEndpointInput,
  { allowLocal }: { allowLocal: boolean },
): Promise<{ id: string; secret: string }> {
  assertAdministers(actor);
  const problem = endpointUrlProblem(input.url, allowLocal);
  if (problem) throw new ValidationError([{ path: "/url", message: problem }]);
  const id = await inTransaction(db, async (tx, audit) => {
    const [row] = await tx
      .insert(webhookEndpoints)
      .values({ organisationId: actor.organisationId, url: input.url, events: input.events, createdByUserId: actor.userId })
      .returning({ id: webhookEndpoints.id });
    audit.record(snapshotOf(actor), {
      type: "webhook.endpoint_added",
      entity: { type: "webhook_endpoint", id: row!.id },
      details: { host: new URL(input.url).host, events: input.events },
    });
    return row!.id;
  });
  return { id, secret: await signingSecret(db, id) };
}

/** Stops sending to an endpoint of the administrator's organisation; what was sent stays on record. */
export async function removeEndpoint(db: Db, actor: Actor, id: string): Promise<void> {
  assertAdministers(actor);
  await inTransaction(db, async (tx, audit) => {
    const [row] = await tx
      .update(webhookEndpoints)
      .set({ removedAt: new Date() })
      .where(and(visibleTo(actor, webhookEndpoints), eq(webhookEndpoints.id, id), isNull(webhookEndpoints.removedAt)))
      .returning({ id: webhookEndpoints.id });
    if (!row) throw new NotFoundError("The webhook address");
    audit.record(snapshotOf(actor), { type: "webhook.endpoint_removed", entity: { type: "webhook_endpoint", id }, details: {} });
  });
}
