import type { Catalogue, Locale } from "../../../platform/messages";
import type { WebhookEvent } from "./events";

/** Webhooks: the words for people, keyed by stable codes (see `platform/messages.ts`). */
const en = {
  event: {
    "disclosure.received": "Information is shared with your organisation",
    "disclosure.acknowledged": "An organisation acknowledges what your organisation shared",
    "disclosure.revoked": "An organisation withdraws what it shared with yours",
    "information_request.received": "An organisation asks yours for information",
    "recipient_notice.received": "An organisation tells yours of a correction, restriction or erasure",
  } satisfies Record<WebhookEvent, string>,
  /** What each of this feature's audit events says in the audit log. */
  webhooksAuditEvent: {
    "webhook.endpoint_added": "{actor} added a webhook address for {about}",
    "webhook.endpoint_removed": "{actor} removed a webhook address for {about}",
  },
} satisfies Catalogue;

/** One catalogue per language; a new one must have every message of `en`. */
export const WEBHOOKS_MESSAGES: Readonly<Record<Locale, typeof en>> = { en };
