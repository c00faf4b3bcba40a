import { and, ne, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { FastifyRequest } from "fastify";
import { agreements } from "../features/agreements/schema";
import { breaches, breachParties } from "../features/breaches/schema";
import { organisations, users } from "../features/organisations-and-users/schema";
import { concerns, recordItems, subjects } from "../features/records/schema";
import { disposalBatches, legalHolds } from "../features/retention/schema";
import { recipientNotices, rightsRequests } from "../features/rights/schema";
import { disclosureQuestions, disclosures, informationRequests, shareDecisions } from "../features/sharing/schema";
import { snapshotOf } from "../platform/audit/events";
import { recordEvent } from "../platform/audit/write";
import type { Actor } from "../platform/auth/actor";
import type { Db } from "../platform/db/client";
import { ownerColumns } from "../platform/db/scope";
import { AccountLockedError, InsufficientScopeError, NotFoundError, NotPermittedError } from "../platform/errors";
import { loggableError } from "../platform/http/logging";

/** A table a route parameter names a row of, and the columns naming the organisations it belongs to. */
interface Owned {
  table: PgTable & { id: PgColumn };
  owners: PgColumn[];
}

/** The table's owning columns come from its ownership rule (src/platform/db/scope.ts): one list of who owns what. */
const scoped = (table: Owned["table"]): Owned => ({ table, owners: ownerColumns(table) });

const SUBJECT = scoped(subjects);
const DISCLOSURE = scoped(disclosures);
const DISCLOSURE_QUESTION = scoped(disclosureQuestions);
const RIGHTS_REQUEST = scoped(rightsRequests);

/** What `:id` names, by the path segment before it (API and pages alike); a list where it may name a row of either table. */
const ID_OF_RESOURCE: Record<string, Owned | readonly Owned[]> = {
  subjects: SUBJECT,
  agreements: scoped(agreements),
  disclosures: DISCLOSURE,
  "disclosure-questions": DISCLOSURE_QUESTION,
  "information-requests": scoped(informationRequests),
  "rights-requests": RIGHTS_REQUEST,
  rights: RIGHTS_REQUEST,
  "share-decisions": scoped(shareDecisions),
  "recipient-notices": scoped(recipientNotices),
  // Retention: a disposal batch, and the file or copy of shared information kept at review (the API's review-queue, the pages' review).
  disposals: scoped(disposalBatches),
  "review-queue": [SUBJECT, DISCLOSURE],
  review: [SUBJECT, DISCLOSURE],
  users: scoped(users),
  holds: scoped(legalHolds),
  breaches: scoped(breaches),
  // Another organisation's part in a breach: a wrong recipient's request to delete, an originator's notice.
  "breach-requests": scoped(breachParties),
  "breaches-involving-us": scoped(breachParties),
  // An organisation is its own owner: it has no ownership rule, as it is not a row an organisation holds.
  organisations: { table: organisations, owners: [organisations.id] },
};

/** Parameters whose name alone says what they name. */
const NAMED_PARAMS: Record<string, Owned> = {
  itemId: scoped(recordItems),
  concernId: scoped(concerns),
  disclosureId: DISCLOSURE,
  questionId: DISCLOSURE_QUESTION,
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The ids a route pattern's parameters name, with their tables: `/api/v1/subjects/:id/items/:itemId`
 * gives the subject and the record item. Only well-formed ids are kept, so nothing a client typed
 * (a search, a token) reaches the audit log.
 */
export function idsAskedFor(route: string, params: Record<string, unknown>): { param: string; id: string; owned: Owned }[] {
  const segments = route.split("/");
  return segments.flatMap((segment, i) => {
    if (!segment.startsWith(":")) return [];
    const param = segment.slice(1);
    const named = param === "id" ? ID_OF_RESOURCE[segments[i - 1] ?? ""] : NAMED_PARAMS[param];
    const id = params[param];
    if (!named || typeof id !== "string" || !UUID.test(id)) return [];
    // One entry for each table the id may name: the refusal is recorded if it exists in any, elsewhere.
    return (Array.isArray(named) ? named : [named]).map((owned: Owned) => ({ param, id, owned }));
  });
}

/** Whether the row exists and belongs to none of the actor's organisation: one query, deliberately unscoped. */
async function existsElsewhere(db: Db, actor: Actor, { id, owned }: { id: string; owned: Owned }): Promise<boolean> {
  const rows = await db
    .select({ one: sql`1` })
    .from(owned.table)
    .where(and(sql`${owned.table.id} = ${id}`, ...owned.owners.map((owner) => ne(owner, actor.organisationId))))
    .limit(1);
  return rows.length > 0;
}

/** Why the refusal is worth recording, or undefined when it is not an attempt on something the actor may not reach. */
async function denialReason(db: Db, actor: Actor, error: unknown, asked: ReturnType<typeof idsAskedFor>) {
  if (error instanceof AccountLockedError) return undefined;
  if (error instanceof NotPermittedError) return "role" as const;
  if (error instanceof InsufficientScopeError) return "token_scope" as const;
  if (!(error instanceof NotFoundError)) return undefined;
  // A 404 for an id that exists nowhere (a typo, a deleted link) is not an attempt on anyone's data.
  for (const one of asked) if (await existsElsewhere(db, actor, one)) return "out_of_scope" as const;
  return undefined;
}

/**
 * Audits a signed-in user's or partner system's refusal (ASVS 7.2.2): a 404 for an id that exists in
 * another organisation, or a 403 by role or by a token's scopes, as `access.denied` with the route pattern and the ids asked for.
 * The response is untouched, and a failure here is logged, never turned into a 500.
 */
export async function auditAccessDenied(db: Db, request: FastifyRequest, error: unknown): Promise<void> {
  const actor = request.session?.stage === "full" ? request.session.actor : undefined;
  const route = request.routeOptions.url;
  if (!actor || !route) return;
  try {
    const asked = idsAskedFor(route, (request.params ?? {}) as Record<string, unknown>);
    const reason = await denialReason(db, actor, error, asked);
    if (!reason) return;
    await recordEvent(db, snapshotOf(actor), {
      type: "access.denied",
      details: { reason, method: request.method, route, ids: Object.fromEntries(asked.map((a) => [a.param, a.id])) },
    });
  } catch (failure) {
    request.log.error({ error: loggableError(failure) }, "could not audit a refused request");
  }
}
