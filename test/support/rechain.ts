import { chainHash } from "../../src/platform/audit/chain";
import type { Database } from "../../src/platform/db/client";

/**
 * What an owner of the database can do that the chain alone cannot detect: change an event's body
 * and recompute the hash of it and of every later event, and the head. Needs the right to disable
 * the append-only trigger (a superuser or the table's owner).
 */
export async function editAndRechain(database: Database, seq: number, from: string, to: string): Promise<void> {
  await database.query("ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_delete");
  try {
    await database.query("UPDATE audit_event SET body = replace(body, $1, $2) WHERE seq = $3", [from, to, seq]);
    const rows = await database.query<{ seq: number; prev_hash: Uint8Array; body: string }>(
      "SELECT seq, prev_hash, body FROM audit_event WHERE seq >= $1 ORDER BY seq",
      [seq],
    );
    let prev: Buffer = Buffer.from(rows[0]!.prev_hash);
    for (const row of rows) {
      const hash = chainHash(prev, row.body);
      await database.query("UPDATE audit_event SET prev_hash = $1, hash = $2 WHERE seq = $3", [prev, hash, row.seq]);
      prev = hash;
    }
    await database.query("UPDATE audit_head SET hash = $1 WHERE id = 1", [prev]);
  } finally {
    await database.query("ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_delete");
  }
}
