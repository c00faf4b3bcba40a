import type { Database } from "../db/client";
import { BinaryChainChecker, type VerifyResult } from "./binary-chain-checker";

export type { VerifyResult };

/**
 * Recomputes the whole chain from the stored bytes: every event's hash from its predecessor's,
 * no gaps in sequence, and the head row agreeing with the last event (which catches removal of
 * the newest events). Reads keyset batches by binary COPY, checked as they stream, so memory
 * stays flat however long the log grows. 250k rows a batch keeps each COPY under Postgres's JIT
 * threshold (measured: one whole-table COPY was slower) and bounds wasted work after a failure.
 */
export async function verifyAuditChain(database: Pick<Database, "query" | "copyOutBinary">, batchSize = 250_000): Promise<VerifyResult> {
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) throw new Error("batchSize must be a positive integer");
  const checker = new BinaryChainChecker();
  for (;;) {
    checker.startBatch();
    // COPY takes no bind parameters; both values are integers checked above.
    const select = `SELECT seq, prev_hash, hash, body FROM audit_event WHERE seq >= ${checker.expectedSeq} ORDER BY seq LIMIT ${batchSize}`;
    await database.copyOutBinary(select, (chunk) => checker.push(chunk));
    if (checker.failure || checker.rowsInBatch < batchSize) break;
  }
  checker.startBatch();
  const [head] = await database.query<{ seq: number; hash: Uint8Array }>("SELECT seq, hash FROM audit_head WHERE id = 1");
  return checker.verdict(head);
}
