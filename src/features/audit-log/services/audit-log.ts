import type { KeyObject } from "node:crypto";
import { desc } from "drizzle-orm";
import { type Checkpoint, type CheckpointVerdict, checkAgainstCheckpoints } from "../../../platform/audit/checkpoints";
import { snapshotOf } from "../../../platform/audit/events";
import { type VerifyResult, verifyAuditChain } from "../../../platform/audit/verify";
import { recordEvent } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import type { Database, Db } from "../../../platform/db/client";
import { auditEvents } from "../../../platform/db/schema";
import { visibleTo } from "../../../platform/db/scope";
import type {} from "../audit-events";

export interface AuditEntry {
  seq: number;
  hash: string;
  event: Record<string, unknown>;
}

/**
 * Newest first, limited to what the actor's scope allows (own organisation's actors, or all).
 * The log names people, so reading it is itself an audited read of personal data.
 */
export async function viewAuditEvents(
  db: Db,
  actor: Actor,
  { page = 1, pageSize = 50, view }: { page?: number; pageSize?: number; view: string },
): Promise<AuditEntry[]> {
  const rows = await db
    .select({ seq: auditEvents.seq, hash: auditEvents.hash, body: auditEvents.body })
    .from(auditEvents)
    .where(visibleTo(actor, auditEvents))
    .orderBy(desc(auditEvents.seq))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  await recordEvent(db, snapshotOf(actor), {
    type: "personal_data.viewed",
    entity: { type: "audit_log", id: "main" },
    details: { view, count: rows.length },
  });
  return rows.map((r) => ({ seq: r.seq, hash: r.hash.toString("hex"), event: JSON.parse(r.body) }));
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
