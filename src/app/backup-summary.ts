import fs from "node:fs";
import { getTableName } from "drizzle-orm";
import { organisations, users } from "../features/organisations-and-users/schema";
import { recordItems, subjects } from "../features/records/schema";
import { rightsRequests } from "../features/rights/schema";
import { disclosures, shareDecisions } from "../features/sharing/schema";
import type { RestoreAnchoring } from "../platform/audit/checkpoints";
import { verifyAuditChain } from "../platform/audit/verify";
import { recordEvent } from "../platform/audit/write";
import type { Database } from "../platform/db/client";
import { auditEvents } from "../platform/db/schema";

/**
 * What a backup and a restore both say about the database they read: whether its audit chain
 * verifies and to which head, and how many rows of each kind it holds, so the two summaries can be
 * compared; and the event each leaves on the record.
 */

/** The tables whose rows a backup and a restore count, so that the two summaries can be compared. */
const COUNTED = { organisations, users, subjects, items: recordItems, shareDecisions, disclosures, rightsRequests, auditEvents };
export type RowCounts = Record<keyof typeof COUNTED, number>;

export type AuditState =
  | { verified: true; headSeq: number; headHash: string }
  | { verified: false; eventsVerified: number; firstBadSeq: number; reason: string };

export interface BackupSummary {
  engine: "postgres" | "pglite";
  file: string;
  /** 0 when a backup was refused because the audit log does not verify (nothing is written then). */
  bytes: number;
  seconds: number;
  audit: AuditState;
  rows: RowCounts;
  /** Restore only: what became of the installation's signed checkpoints (anchorRestoredLog). */
  checkpoints?: RestoreAnchoring;
}

/** What verification and counting need: a pooled database, or one connection inside a snapshot. */
export type Source = Pick<Database, "query" | "copyOutBinary">;

export async function auditState(source: Source): Promise<AuditState> {
  const result = await verifyAuditChain(source);
  return result.ok
    ? { verified: true, headSeq: result.count, headHash: result.headHash }
    : { verified: false, eventsVerified: result.count, firstBadSeq: result.firstBadSeq, reason: result.reason };
}

/** Exact counts; a table a backup from an older version does not have yet counts 0. */
export async function rowCounts(source: Source): Promise<RowCounts> {
  const names = Object.values(COUNTED).map((table) => getTableName(table));
  const present = new Set(
    (
      await source.query<{ name: string }>(
        "SELECT relname AS name FROM pg_class WHERE relkind IN ('r', 'p') AND relnamespace = 'public'::regnamespace AND relname = ANY($1)",
        [names],
      )
    ).map((row) => row.name),
  );
  const columns = Object.entries(COUNTED).map(([key, table]) => {
    const name = getTableName(table);
    return present.has(name) ? `(SELECT count(*) FROM "${name}")::int AS "${key}"` : `0 AS "${key}"`;
  });
  const [row] = await source.query<RowCounts>(`SELECT ${columns.join(", ")}`);
  return row!;
}

/**
 * Taking a copy of every record, and bringing one back, are on the record. The event comes after
 * the snapshot the summary describes, so the head hash printed at backup is the one restored.
 */
export async function recordBackupEvent(
  database: Database,
  type: "database.backed_up" | "database.restored",
  headSeq: number,
): Promise<void> {
  await recordEvent(
    database.db,
    { kind: "system", name: `safeshare ${type === "database.backed_up" ? "backup" : "restore"}` },
    {
      type,
      entity: { type: "audit_log", id: "main" },
      details: { engine: database.kind, events: headSeq },
    },
  );
}

export const secondsSince = (started: number) => Number(((performance.now() - started) / 1000).toFixed(2));

/** The PostgreSQL major version, to choose the pg_dump or pg_restore that matches it. */
export async function serverMajor(query: Source["query"]): Promise<number> {
  const [row] = await query<{ version: number }>("SELECT current_setting('server_version_num')::int AS version");
  return Math.floor(row!.version / 10_000);
}

/** Whether a folder holds anything: an embedded database is backed up from one, and restored only into one that does not. */
export const hasFiles = (dir: string) => fs.existsSync(dir) && fs.readdirSync(dir).length > 0;
