import { hash } from "node:crypto";
import { GENESIS_HASH } from "./chain";

export type VerifyResult =
  | { ok: true; count: number; headHash: string }
  | { ok: false; count: number; firstBadSeq: number; reason: string };

const SIGNATURE = Buffer.from("PGCOPY\n\xff\r\n\0", "latin1");
/** Per row: 2 (field count) + 4+8 (seq) + 4+32 (prev_hash) + 4+32 (hash) + 4 (body length). */
const FIXED = 90;

const failure = (count: number, firstBadSeq: number, reason: string): VerifyResult => ({ ok: false, count, firstBadSeq, reason });

/**
 * Checks a PostgreSQL binary COPY stream of (seq int8, prev_hash bytea, hash bytea, body text)
 * rows against the chain, carrying its state from one batch (one COPY) to the next. Rows are
 * checked as raw bytes as they arrive — the body is exactly the UTF-8 that was hashed — so no JS
 * strings or row objects are made: this is what lets verification keep pace with `sha256sum`.
 * A row split across chunks is carried over. After the first failure the rest is skipped.
 */
export class BinaryChainChecker {
  /** Hash of the last verified event. */
  readonly prev = Buffer.from(GENESIS_HASH);
  expectedSeq = 1;
  count = 0;
  failure: VerifyResult | undefined;
  rowsInBatch = 0;
  #input = Buffer.allocUnsafe(64 * 1024);
  #pending: Buffer | undefined;
  #headerSeen = false;

  /** Call before each COPY, and once after the last. */
  startBatch(): void {
    if (this.#pending) throw new Error("binary COPY stream ended inside a row");
    this.rowsInBatch = 0;
    this.#headerSeen = false;
  }

  push(chunk: Buffer): void {
    let buf = chunk;
    if (this.#pending) {
      buf = Buffer.concat([this.#pending, chunk]);
      this.#pending = undefined;
    }
    let p = 0;
    while (p < buf.length) {
      const after = this.#next(buf, p);
      if (after < 0) {
        this.#pending = Buffer.from(buf.subarray(p)); // copied: drivers reuse their read buffers
        return;
      }
      p = after;
    }
  }

  /** The verdict once every batch is read, given the head row. */
  verdict(head: { seq: number | string; hash: Uint8Array } | undefined): VerifyResult {
    if (this.failure) return this.failure;
    if (!head || Number(head.seq) !== this.count || !this.prev.equals(head.hash)) {
      const recorded = head ? Number(head.seq) : 0;
      return failure(
        this.count,
        this.count + 1,
        `the chain head records ${recorded} events but ${this.count} verify: events after ${this.count} have been removed`,
      );
    }
    return { ok: true, count: this.count, headHash: this.prev.toString("hex") };
  }

  /** Consumes the header, one row or the trailer at `p`; returns the offset after it, or -1 if incomplete. */
  #next(buf: Buffer, p: number): number {
    const end = buf.length;
    if (!this.#headerSeen) {
      if (end - p < 19) return -1;
      if (buf.compare(SIGNATURE, 0, 11, p, p + 11) !== 0) throw new Error("not a binary COPY stream");
      this.#headerSeen = true;
      return p + 19 + buf.readInt32BE(p + 15);
    }
    if (end - p < 2) return -1;
    const fields = buf.readInt16BE(p);
    if (fields === -1) return p + 2; // trailer
    if (end - p < FIXED) return -1;
    const bodyLength = buf.readInt32BE(p + 86);
    const rowEnd = p + FIXED + bodyLength;
    if (end < rowEnd) return -1;
    this.rowsInBatch += 1;
    if (this.failure) return rowEnd;
    if (fields !== 4 || buf.readInt32BE(p + 2) !== 8 || buf.readInt32BE(p + 14) !== 32 || buf.readInt32BE(p + 50) !== 32) {
      throw new Error("unexpected row layout: expected (seq int8, prev_hash 32 bytes, hash 32 bytes, body)");
    }
    const seq = buf.readInt32BE(p + 6) * 0x1_0000_0000 + buf.readUInt32BE(p + 10);
    if (seq !== this.expectedSeq) {
      this.failure = failure(this.count, this.expectedSeq, `event ${this.expectedSeq} is missing`);
    } else if (this.prev.compare(buf, p + 18, p + 50) !== 0) {
      this.failure = failure(this.count, seq, `event ${seq} does not point at the hash of event ${seq - 1}`);
    } else {
      // hash_n = SHA-256(hash_{n-1} ‖ body_n), as chainHash computes it, into one reused buffer.
      if (32 + bodyLength > this.#input.length) this.#input = Buffer.allocUnsafe(2 * (32 + bodyLength));
      this.prev.copy(this.#input, 0);
      buf.copy(this.#input, 32, p + FIXED, rowEnd);
      // A hex digest is ~2.5x cheaper per call than a Buffer one: no ArrayBuffer per event.
      const computed = hash("sha256", this.#input.subarray(0, 32 + bodyLength), "hex");
      if (buf.toString("hex", p + 54, p + 86) !== computed) {
        this.failure = failure(this.count, seq, `event ${seq} has been altered: its hash does not match its content`);
      } else {
        buf.copy(this.prev, 0, p + 54, p + 86);
        this.expectedSeq = seq + 1;
        this.count += 1;
      }
    }
    return rowEnd;
  }
}
