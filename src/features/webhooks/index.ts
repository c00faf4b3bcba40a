/** The webhooks feature's public face: telling organisations' own systems of events that concern them (issue 20). */
export { deliverWebhookJob } from "./services/deliver";
export { emitWebhook } from "./services/emit";
export { webhookPages } from "./web/pages";
