import { sql } from "drizzle-orm";
import type { Db, Tx } from "../db/client";
import { canonicalJson, chainHash } from "./chain";
import { type ActorSnapshot, AUDIT_SCHEMA_VERSION, type AuditBody, type AuditEvent } from "./events";

interface Pending {
  at: string;
  actor: ActorSnapshot;
  event: AuditEvent;
  organisationId: string | undefined;
}

/** Collects a transaction's audit events; they are appended in one go just before it commits. */
export class AuditTrail {
  readonly #pending: Pending[] = [];

  /** `organisationId` defaults to the actor's; give it for anonymous events about a known account. */
  record(actor: ActorSnapshot, event: AuditEvent, organisationId = actor.kind === "user" ? actor.organisationId : undefined): void {
    this.#pending.push({ at: new Date().toISOString(), actor, event, organisationId });
  }

  /**
   * Appends the collected events to the chain. The head row is locked only from here to commit,
   * the last step of the transaction, so concurrent writers queue for milliseconds, not for the
   * length of their whole unit of work (ARCHITECTURE.md "Audit log").
   */
  async appendTo(tx: Tx): Promise<void> {
    if (this.#pending.length === 0) return;
    // Both drivers return `{ rows }`; drizzle's shared PgDatabase type cannot say so.
    const head = (await tx.execute(sql`SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE`)) as unknown as {
      rows: { seq: number | string; hash: Uint8Array }[];
    };
    const headRow = head.rows[0];
    if (!headRow) throw new Error("audit_head row missing: migrations not applied");
    let seq = Number(headRow.seq);
    let prevHash: Uint8Array = headRow.hash;
    const rows = this.#pending.map(({ at, actor, event, organisationId }) => {
      seq += 1;
      const body: AuditBody = { ...event, v: AUDIT_SCHEMA_VERSION, seq, at, actor, ...(organisationId ? { organisationId } : {}) };
      const text = canonicalJson(body);
      const hash = chainHash(prevHash, text);
      const row = sql`(${seq}, ${Buffer.from(prevHash)}, ${hash}, ${text})`;
      prevHash = hash;
      return row;
    });
    await tx.execute(sql`INSERT INTO audit_event (seq, prev_hash, hash, body) VALUES ${sql.join(rows, sql`, `)}`);
    await tx.execute(sql`UPDATE audit_head SET seq = ${seq}, hash = ${Buffer.from(prevHash)} WHERE id = 1`);
    this.#pending.length = 0;
  }
}

/**
 * Runs a unit of work and its audit events in one transaction: the change and the record of it
 * commit together or not at all.
 */
export async function inTransaction<T>(db: Db, work: (tx: Tx, audit: AuditTrail) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const audit = new AuditTrail();
    const result = await work(tx, audit);
    await audit.appendTo(tx);
    return result;
  });
}

/** For events that are the whole story, such as a failed sign-in or a page view. */
export function recordEvent(db: Db, actor: ActorSnapshot, event: AuditEvent, organisationId?: string): Promise<void> {
  return inTransaction(db, async (_tx, audit) => audit.record(actor, event, organisationId));
}
