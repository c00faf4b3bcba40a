import type { Database } from "../db/client";
import { chainHash, GENESIS_HASH } from "./chain";

export type VerifyResult =
  | { ok: true; count: number; headHash: string }
  | { ok: false; count: number; firstBadSeq: number; reason: string };

const BATCH = 20_000;

/**
 * Recomputes the whole chain from the stored bytes: every event's hash from its predecessor's,
 * no gaps in sequence, and the head row agreeing with the last event. Reads in keyset batches so
 * memory stays flat however long the log grows.
 */
export async function verifyAuditChain(database: Database): Promise<VerifyResult> {
  let prev: Uint8Array = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (;;) {
    const rows = await database.query<{ seq: number; prev_hash: Uint8Array; hash: Uint8Array; body: string }>(
      "SELECT seq, prev_hash, hash, body FROM audit_event WHERE seq >= $1 ORDER BY seq LIMIT $2",
      [expectedSeq, BATCH],
    );
    for (const row of rows) {
      const seq = Number(row.seq);
      if (seq !== expectedSeq) {
        return { ok: false, count, firstBadSeq: expectedSeq, reason: `event ${expectedSeq} is missing` };
      }
      if (!Buffer.from(row.prev_hash).equals(prev)) {
        return { ok: false, count, firstBadSeq: seq, reason: `event ${seq} does not point at the hash of event ${seq - 1}` };
      }
      const recomputed = chainHash(prev, row.body);
      if (!recomputed.equals(row.hash)) {
        return { ok: false, count, firstBadSeq: seq, reason: `event ${seq} has been altered: its hash does not match its content` };
      }
      prev = recomputed;
      expectedSeq = seq + 1;
      count += 1;
    }
    if (rows.length < BATCH) break;
  }
  const [head] = await database.query<{ seq: number; hash: Uint8Array }>("SELECT seq, hash FROM audit_head WHERE id = 1");
  if (!head || Number(head.seq) !== count || !Buffer.from(head.hash).equals(prev)) {
    return {
      ok: false,
      count,
      firstBadSeq: count + 1,
      reason: `the chain head records ${head ? Number(head.seq) : 0} events but ${count} verify: events after ${count} have been removed`,
    };
  }
  return { ok: true, count, headHash: Buffer.from(prev).toString("hex") };
}
