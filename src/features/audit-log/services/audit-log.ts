import type { KeyObject } from "node:crypto";
import { and, desc, eq, gte, lt, type SQL } from "drizzle-orm";
import { type Checkpoint, type CheckpointVerdict, checkAgainstCheckpoints } from "../../../platform/audit/checkpoints";
import { snapshotOf } from "../../../platform/audit/events";
import { type VerifyResult, verifyAuditChain } from "../../../platform/audit/verify";
import { recordEvent } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import { addDaysIso, ukDayStart } from "../../../platform/dates/calendar";
import type { Database, Db } from "../../../platform/db/client";
import { auditEvents } from "../../../platform/db/schema";
import { visibleTo } from "../../../platform/db/scope";
import { ValidationError } from "../../../platform/errors";
import type {} from "../audit-events";
import { type AuditFilters, setFilters } from "../domain/filters";
import { describeEvent } from "../domain/sentences";
import { loadNames } from "./names";

export interface AuditEntry {
  seq: number;
  hash: string;
  event: Record<string, unknown>;
  /** The event in a sentence, naming only what the reader may see ("Tomasz Wójcik viewed Kai Brennan's record"). */
  sentence: string;
}

/**
 * One query's conditions for the filters, always inside the actor's scope (their organisation's
 * trail, or all of it for partnership admins). Each filter is on a column generated from the body and
 * indexed with `seq` (organisation, type, actor; a record by its entity index), so a filtered page
 * reads the newest matching events from an index rather than scanning the log.
 */
function filtered(actor: Actor, filters: AuditFilters): SQL {
  const conditions: (SQL | undefined)[] = [visibleTo(actor, auditEvents)];
  if (filters.actorUserId) conditions.push(eq(auditEvents.actorUserId, filters.actorUserId));
  if (filters.subjectId) conditions.push(eq(auditEvents.entityType, "subject"), eq(auditEvents.entityId, filters.subjectId));
  if (filters.organisationId) conditions.push(eq(auditEvents.organisationId, filters.organisationId));
  if (filters.eventType) conditions.push(eq(auditEvents.type, filters.eventType));
  // `at` is the body's ISO timestamp in UTC, so text order is time order; the days are UK days.
  if (filters.from) conditions.push(gte(auditEvents.at, ukDayStart(filters.from).toISOString()));
  if (filters.to) conditions.push(lt(auditEvents.at, ukDayStart(addDaysIso(filters.to, 1)).toISOString()));
  return and(...conditions)!;
}

type Row = { seq: number; hash: Buffer; body: string };

async function entriesOf(db: Db, actor: Actor, rows: Row[]): Promise<AuditEntry[]> {
  const events = rows.map((r) => JSON.parse(r.body) as Record<string, unknown>);
  const names = await loadNames(
    db,
    actor,
    events.flatMap((e) => (e.entity ? [e.entity as { type: string; id: string }] : [])),
  );
  return rows.map((r, i) => ({
    seq: r.seq,
    hash: r.hash.toString("hex"),
    event: events[i]!,
    sentence: describeEvent(events[i] as never, names),
  }));
}

/**
 * Newest first, limited to what the actor's scope allows (own organisation's actors, or all) and to
 * the filters. The log names people, so reading it is itself an audited read of personal data.
 */
export async function viewAuditEvents(
  db: Db,
  actor: Actor,
  { page = 1, pageSize = 50, view, filters = {} }: { page?: number; pageSize?: number; view: string; filters?: AuditFilters },
): Promise<AuditEntry[]> {
  const rows = await db
    .select({ seq: auditEvents.seq, hash: auditEvents.hash, body: auditEvents.body })
    .from(auditEvents)
    .where(filtered(actor, filters))
    .orderBy(desc(auditEvents.seq))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  await recordEvent(db, snapshotOf(actor), {
    type: "personal_data.viewed",
    entity: { type: "audit_log", id: "main" },
    // One person's trail is about them: named, so their record's "who has viewed" shows this read.
    details: { view, count: rows.length, ...(filters.subjectId ? { subjectIds: [filters.subjectId] } : {}) },
  });
  return entriesOf(db, actor, rows);
}

/**
 * How many events `viewAuditEvents` pages through under the same filters, for the API's `total`: a count,
 * not a read, from the same indexes the page reads. Unfiltered, a partnership admin's count covers the
 * whole log: about 90 ms at a million events (ARCHITECTURE.md, "Audit log").
 */
export function countAuditEvents(db: Db, actor: Actor, filters: AuditFilters): Promise<number> {
  return db.$count(auditEvents, filtered(actor, filters));
}

/** How many events an export reads per query: the log can be long, and one batch's names are looked up at once. */
const EXPORT_BATCH = 1000;
/** The most events one download holds: a whole partnership's log is narrowed by dates or person first. */
const EXPORT_LIMIT = 50_000;

/**
 * Every event of the filtered view, newest first, for a CSV download: read in keyset batches so a
 * long log is not one huge query, then recorded as exported (with its filters and count) in the
 * reader's trail, so a download is as visible as a page view.
 */
export async function exportAuditEvents(db: Db, actor: Actor, filters: AuditFilters, limit = EXPORT_LIMIT): Promise<AuditEntry[]> {
  const entries: AuditEntry[] = [];
  let before: number | undefined;
  for (;;) {
    const rows = await db
      .select({ seq: auditEvents.seq, hash: auditEvents.hash, body: auditEvents.body })
      .from(auditEvents)
      .where(and(filtered(actor, filters), before === undefined ? undefined : lt(auditEvents.seq, before)))
      .orderBy(desc(auditEvents.seq))
      .limit(EXPORT_BATCH);
    entries.push(...(await entriesOf(db, actor, rows)));
    if (entries.length > limit) {
      throw new ValidationError([
        {
          path: "/from",
          message: `This view holds more than ${limit.toLocaleString("en-GB")} events: choose dates, a person or a kind of event to download it in parts`,
        },
      ]);
    }
    if (rows.length < EXPORT_BATCH) break;
    before = rows.at(-1)!.seq;
  }
  await recordEvent(db, snapshotOf(actor), {
    type: "audit.exported",
    entity: { type: "audit_log", id: "main" },
    details: { filters: setFilters(filters), count: entries.length },
  });
  return entries;
}

/** Signed checkpoints of the head and the public key they verify under (src/platform/audit/checkpoints.ts). */
export interface Anchors {
  checkpoints: Checkpoint[];
  publicKey: KeyObject;
}

/**
 * Verifies the chain and, given anchors, that it agrees with each signed checkpoint (which a log
 * re-chained by the database's owner does not); records that it was checked, and by whom.
 */
export async function verifyAndRecord(
  database: Database,
  actor: Actor | undefined,
  anchors?: Anchors,
): Promise<VerifyResult & { checkpoints?: CheckpointVerdict }> {
  const result = await verifyAuditChain(database);
  const checkpoints = result.ok && anchors ? await checkAgainstCheckpoints(database, anchors.checkpoints, anchors.publicKey) : undefined;
  await recordEvent(database.db, actor ? snapshotOf(actor) : { kind: "system", name: "safeshare verify-audit" }, {
    type: "audit.verified",
    entity: { type: "audit_log", id: "main" },
    details: {
      ok: result.ok && checkpoints?.ok !== false,
      count: result.count,
      ...(checkpoints ? { checkpoints: anchors!.checkpoints.length } : {}),
    },
  });
  return { ...result, ...(checkpoints ? { checkpoints } : {}) };
}
