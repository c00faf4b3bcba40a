import type { Role } from "../../../platform/auth/roles";

/**
 * What an API client may reach (issue 20): read or write, per resource. A route outside every
 * resource (users, organisations, settings, the audit log, background jobs, the client's own
 * administration) is for people, never for a partner system's token.
 */
export const API_RESOURCES = [
  "subjects",
  "items",
  "concerns",
  "share-decisions",
  "disclosures",
  "information-requests",
  "rights-requests",
  "agreements",
] as const;
export type ApiResource = (typeof API_RESOURCES)[number];

export const API_ACCESS = ["read", "write"] as const;
export type ApiAccess = (typeof API_ACCESS)[number];

/** A scope as tokens and the API name it: `subjects:read`, `share-decisions:write`. */
export type ApiScope = `${ApiResource}:${ApiAccess}`;

export const API_SCOPES: readonly ApiScope[] = API_RESOURCES.flatMap((resource) =>
  API_ACCESS.map((access) => `${resource}:${access}` as const),
);

/**
 * Roles a client may act with. Administration roles are left out: creating users, clients or
 * organisations needs a person with a second factor, and no resource above is an administrator's.
 */
export const CLIENT_ROLES = ["practitioner", "safeguarding_lead", "ig_lead", "auditor"] as const satisfies readonly Role[];
export type ClientRole = (typeof CLIENT_ROLES)[number];

/** A client's expiry is at most this many months away: no token lives without an end (issue 20). */
export const MAX_CLIENT_MONTHS = 12;

/**
 * The resource each API path belongs to, by its first segments under /api/v1: the most specific
 * pattern first. Items and concerns sit under a subject's path but are their own resources.
 */
const RESOURCE_OF_PATH: readonly [RegExp, ApiResource][] = [
  [/^\/subjects\/[^/]+\/items(\/|$)/, "items"],
  [/^\/subjects\/[^/]+\/concerns(\/|$)/, "concerns"],
  [/^\/concerns(\/|$)/, "concerns"],
  [/^\/(subjects|subject-links)(\/|$)/, "subjects"],
  [/^\/(share-decisions|share-approval-rules)(\/|$)/, "share-decisions"],
  [/^\/(disclosures|disclosure-questions|recipient-notices)(\/|$)/, "disclosures"],
  [/^\/information-requests(\/|$)/, "information-requests"],
  [/^\/rights-requests(\/|$)/, "rights-requests"],
  [/^\/agreements(\/|$)/, "agreements"],
];

const API_PREFIX = "/api/v1";

/** The resource an API route (its pattern, e.g. `/api/v1/subjects/:id/items`) belongs to; null when no client may call it. */
export function resourceOfRoute(routeUrl: string): ApiResource | null {
  if (!routeUrl.startsWith(`${API_PREFIX}/`)) return null;
  const rest = routeUrl.slice(API_PREFIX.length);
  return RESOURCE_OF_PATH.find(([pattern]) => pattern.test(rest))?.[1] ?? null;
}

/** Reading needs read or write on the resource; anything else needs write. */
export const accessOfMethod = (method: string): ApiAccess => (["GET", "HEAD", "OPTIONS"].includes(method) ? "read" : "write");

export function scopePermits(scopes: readonly string[], resource: ApiResource, access: ApiAccess): boolean {
  return scopes.includes(`${resource}:write`) || (access === "read" && scopes.includes(`${resource}:read`));
}

/**
 * What an agreement cannot grant a client that serves it: rights requests are the organisation's own
 * duty to the people it holds data about, not a flow between parties, and the agreement itself is
 * changed by its parties' people, never by a system it governs.
 */
const BEYOND_ANY_AGREEMENT: readonly ApiScope[] = ["rights-requests:read", "rights-requests:write", "agreements:write"];

export const scopesBeyondAgreement = (scopes: readonly string[]) =>
  scopes.filter((s) => (BEYOND_ANY_AGREEMENT as readonly string[]).includes(s));
