export type WebhookEndpointRef = { type: "webhook_endpoint"; id: string };

/** Webhook endpoints added and removed by an organisation's administrators (issue 20). The address's host only. */
export type WebhooksAuditEvent =
  | { type: "webhook.endpoint_added"; entity: WebhookEndpointRef; details: { host: string; events: string[] } }
  | { type: "webhook.endpoint_removed"; entity: WebhookEndpointRef; details: Record<string, never> };

declare module "../../platform/audit/events" {
  interface AuditEventCatalogue {
    webhooks: WebhooksAuditEvent;
  }
  interface AuditEntityCatalogue {
    webhooks: "webhook_endpoint";
  }
}
