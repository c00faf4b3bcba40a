/**
 * What a partner system can be told by webhook (issue 20): events that concern its organisation.
 * Each carries ids and the event's type only; the system fetches what it needs with its API token.
 */
export const WEBHOOK_EVENTS = [
  "disclosure.received",
  "disclosure.acknowledged",
  "disclosure.revoked",
  "information_request.received",
  "recipient_notice.received",
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** The body sent, in the Standard Webhooks shape: the type, when it happened, and the ids it is about. */
export interface WebhookPayload {
  type: WebhookEvent;
  timestamp: string;
  data: { organisationId: string; id?: string };
}

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * An endpoint must be an HTTPS address with no credentials in it. `allowLocal` (SAFESHARE_WEBHOOKS_ALLOW_LOCAL)
 * also lets plain HTTP to this machine through, to try webhooks with a receiver on one's own computer.
 * Returns why not, or null.
 */
export function endpointUrlProblem(raw: string, allowLocal: boolean): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "Enter a full web address, like https://mis.example.org/safeshare/webhooks";
  }
  if (url.username || url.password) return "Leave the user name and password out of the address: Safeshare signs every call instead";
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && allowLocal && LOOPBACK_HOSTS.has(url.hostname)) return null;
  return "The address must start with https://";
}
