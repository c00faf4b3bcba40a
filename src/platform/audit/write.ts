import { type SQL, sql } from "drizzle-orm";
import type { Db, Queryable, Tx } from "../db/client";
import { canonicalJsonAround } from "./chain";
import { type ActorSnapshot, AUDIT_SCHEMA_VERSION, type AuditEvent } from "./events";

/** Collects a transaction's audit events; they are appended in one go just before it commits. */
export class AuditTrail {
  readonly #prefixes: string[] = [];
  readonly #suffixes: string[] = [];

  /** `organisationId` defaults to the actor's; give it for anonymous events about a known account. */
  record(actor: ActorSnapshot, event: AuditEvent, organisationId = actor.kind === "user" ? actor.organisationId : undefined): void {
    // Everything but the sequence number, which the chain head assigns (migration 0005).
    const body = { ...event, v: AUDIT_SCHEMA_VERSION, at: new Date().toISOString(), actor, ...(organisationId ? { organisationId } : {}) };
    const { prefix, suffix } = canonicalJsonAround(body, "seq");
    this.#prefixes.push(prefix);
    this.#suffixes.push(suffix);
  }

  /**
   * Appends the collected events to the chain in one statement (`audit_append`, migration 0005):
   * it locks the head row, hashes and inserts each event and moves the head. Run as a
   * transaction's last statement, the head is locked only from here to commit, so concurrent
   * writers queue for a moment, not for their whole unit of work (ARCHITECTURE.md "Audit log").
   */
  async appendTo(q: Queryable): Promise<void> {
    const append = this.appendSql();
    if (!append) return;
    await q.execute(sql`SELECT ${append}`);
  }

  /**
   * The `audit_append(…)` call for the collected events, to end a statement that also makes the
   * change (services/sharing/write-decision.ts), or undefined when there are none. Hands the events
   * over: they are appended once.
   */
  appendSql(): SQL | undefined {
    if (this.#prefixes.length === 0) return undefined;
    const call = sql`audit_append(${sql.param([...this.#prefixes])}::text[], ${sql.param([...this.#suffixes])}::text[])`;
    this.#prefixes.length = 0;
    this.#suffixes.length = 0;
    return call;
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

/**
 * For events that are the whole story, such as a failed sign-in or a page view: one statement,
 * atomic on its own, so no transaction is opened around it.
 */
export async function recordEvent(db: Db, actor: ActorSnapshot, event: AuditEvent, organisationId?: string): Promise<void> {
  const audit = new AuditTrail();
  audit.record(actor, event, organisationId);
  await audit.appendTo(db);
}
