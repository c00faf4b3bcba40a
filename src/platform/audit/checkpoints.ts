import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign, verify } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Config } from "../config";
import { readOrCreateKeyFile } from "../crypto/key-file";
import { ukDateTime } from "../dates/calendar";
import type { Database } from "../db/client";
import { GENESIS_HASH } from "./chain";

/**
 * Signed checkpoints of the audit chain's head, published outside the database. The chain alone
 * cannot catch someone who owns the database: they can edit an event and recompute every later
 * hash. A checkpoint, signed with an Ed25519 key the database never sees and kept as an
 * append-only JSON-lines file (copy it elsewhere too), pins the hash at a sequence number, so a
 * re-chained log disagrees with every checkpoint taken after the edit.
 */

export interface Checkpoint {
  seq: number;
  /** The chain's hash after event `seq`, hex. */
  hash: string;
  at: string;
  keyId: string;
  /** Ed25519 over signedBytes(), base64url. */
  signature: string;
}

export interface CheckpointSigner {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export type CheckpointVerdict = { ok: true; checked: number } | { ok: false; checkpoint: Checkpoint; message: string };

const FILE = "checkpoints.jsonl";

/** The checkpoint file itself is damaged: verification cannot vouch for the log. */
export class CheckpointFileError extends Error {}

/** A short, stable name for a public key: the first 16 hex digits of SHA-256 of its SPKI encoding. */
export function checkpointKeyId(publicKey: KeyObject): string {
  return createHash("sha256")
    .update(publicKey.export({ type: "spki", format: "der" }))
    .digest("hex")
    .slice(0, 16);
}

export function newCheckpointSigner(): CheckpointSigner {
  return generateKeyPairSync("ed25519");
}

function newSigningKeyPem(): string {
  return newCheckpointSigner().privateKey.export({ type: "pkcs8", format: "pem" }).toString();
}

function signerFromPem(pem: string): CheckpointSigner {
  const privateKey = createPrivateKey(pem);
  if (privateKey.asymmetricKeyType !== "ed25519") throw new Error("the audit signing key must be an Ed25519 private key");
  return { privateKey, publicKey: createPublicKey(privateKey) };
}

/**
 * The configured signing key: SAFESHARE_AUDIT_SIGNING_KEY as a PEM or a path to one, or else
 * `audit-signing-key.pem` in the data folder, created (0600) on first use. Either way outside the
 * database, so whoever owns the database cannot sign a checkpoint.
 */
export function configuredCheckpointSigner(config: Config): CheckpointSigner {
  const given = config.auditSigningKey;
  if (given) return signerFromPem(given.trimStart().startsWith("-----BEGIN") ? given : fs.readFileSync(given, "utf8"));
  return signerFromPem(readOrCreateKeyFile(path.join(config.dataDir, "audit-signing-key.pem"), newSigningKeyPem));
}

export function publicKeyPem(publicKey: KeyObject): string {
  return publicKey.export({ type: "spki", format: "pem" }).toString();
}

/** What is signed: the sequence number, the hash and the time, in a fixed text form anyone can rebuild. */
function signedBytes(c: Pick<Checkpoint, "seq" | "hash" | "at">): Buffer {
  return Buffer.from(`safeshare audit checkpoint v1\n${c.seq}\n${c.hash}\n${c.at}\n`, "utf8");
}

export function signCheckpoint(signer: CheckpointSigner, head: { seq: number; hash: Uint8Array }, at: Date): Checkpoint {
  const unsigned = { seq: head.seq, hash: Buffer.from(head.hash).toString("hex"), at: at.toISOString() };
  return {
    ...unsigned,
    keyId: checkpointKeyId(signer.publicKey),
    signature: sign(null, signedBytes(unsigned), signer.privateKey).toString("base64url"),
  };
}

export function readCheckpoints(dir: string): Checkpoint[] {
  let text: string;
  try {
    text = fs.readFileSync(path.join(dir, FILE), "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  return text
    .split("\n")
    .filter((line) => line.trim())
    .map((line, index) => {
      try {
        return JSON.parse(line) as Checkpoint;
      } catch {
        throw new CheckpointFileError(`line ${index + 1} of ${path.join(dir, FILE)} is not a checkpoint`);
      }
    });
}

/**
 * Signs the current head and appends it to the checkpoint file. With `onlyIfMoved` (the server's
 * timer) nothing is written while the head is where the last checkpoint left it.
 */
export async function publishCheckpoint(
  database: Database,
  signer: CheckpointSigner,
  dir: string,
  { onlyIfMoved = false, now = new Date() } = {},
): Promise<Checkpoint | undefined> {
  const [head] = await database.query<{ seq: number; hash: Uint8Array }>("SELECT seq, hash FROM audit_head WHERE id = 1");
  if (!head) throw new Error("audit_head row missing: migrations not applied");
  const last = readCheckpoints(dir).at(-1);
  if (onlyIfMoved && last?.seq === Number(head.seq)) return undefined;
  const checkpoint = signCheckpoint(signer, { seq: Number(head.seq), hash: head.hash }, now);
  fs.mkdirSync(dir, { recursive: true });
  fs.appendFileSync(path.join(dir, FILE), `${JSON.stringify(checkpoint)}\n`, { mode: 0o644 });
  return checkpoint;
}

/**
 * Checks the stored chain against each checkpoint in turn: its signature verifies under this
 * installation's public key, and the log's hash at its sequence number is the one signed. Run after
 * verifyAuditChain has found the chain itself intact, so the stored hashes are the recomputed ones.
 */
export async function checkAgainstCheckpoints(
  database: Database,
  checkpoints: Checkpoint[],
  publicKey: KeyObject,
): Promise<CheckpointVerdict> {
  const keyId = checkpointKeyId(publicKey);
  const seqs = checkpoints.map((c) => c.seq).filter((seq) => Number.isSafeInteger(seq) && seq > 0);
  const rows = await database.query<{ seq: number; hash: Uint8Array }>("SELECT seq, hash FROM audit_event WHERE seq = ANY($1::bigint[])", [
    seqs,
  ]);
  const hashAt = new Map(rows.map((r) => [Number(r.seq), Buffer.from(r.hash).toString("hex")]));
  hashAt.set(0, GENESIS_HASH.toString("hex"));
  const [{ count }] = (await database.query<{ count: number }>("SELECT seq AS count FROM audit_head WHERE id = 1")) as [{ count: number }];
  for (const [index, checkpoint] of checkpoints.entries()) {
    const fail = (reason: string): CheckpointVerdict => ({
      ok: false,
      checkpoint,
      message: `checkpoint ${index + 1} (event ${checkpoint.seq}, signed ${ukDateTime(checkpoint.at)}): ${reason}`,
    });
    if (checkpoint.keyId !== keyId) return fail(`signed with key ${checkpoint.keyId}, not this installation's key ${keyId}`);
    let signed = false;
    try {
      signed = verify(null, signedBytes(checkpoint), publicKey, Buffer.from(checkpoint.signature, "base64url"));
    } catch {
      // a malformed signature is simply not a valid one
    }
    if (!signed) return fail("its signature does not verify, so the checkpoint itself was altered");
    const actual = hashAt.get(checkpoint.seq);
    if (actual === undefined) return fail(`the log has ${Number(count)} events, fewer than the ${checkpoint.seq} signed`);
    if (actual !== checkpoint.hash)
      return fail(`the log's hash at event ${checkpoint.seq} is not the one signed: an event up to it was changed and the log re-chained`);
  }
  return { ok: true, checked: checkpoints.length };
}

/** What a restore did with the installation's checkpoints (anchorRestoredLog). */
export type RestoreAnchoring = { ok: true; checked: number; movedAside?: string; checkpoint: Checkpoint } | { ok: false; message: string };

/**
 * After a restore the log is back at the backup's head, and checkpoints signed since then describe
 * events it will never have: verify-audit would fail on them for ever ("fewer than … signed", then,
 * once the log grows past them, "re-chained"). So the checkpoints up to the restored head are
 * checked (they must still agree: if not, the backup or the checkpoints were altered, and nothing
 * is touched), those beyond it are set aside with the file, renamed
 * `checkpoints-before-restore-<time>.jsonl` and kept for the auditor, and the restored head is
 * signed afresh. Run before anything is appended to the restored log.
 */
export async function anchorRestoredLog(
  database: Database,
  signer: CheckpointSigner,
  dir: string,
  now = new Date(),
): Promise<RestoreAnchoring> {
  const [head] = await database.query<{ seq: number }>("SELECT seq FROM audit_head WHERE id = 1");
  let checkpoints: Checkpoint[];
  try {
    checkpoints = readCheckpoints(dir);
  } catch (error) {
    if (error instanceof CheckpointFileError) return { ok: false, message: error.message };
    throw error;
  }
  const upToHead = checkpoints.filter((c) => c.seq <= Number(head!.seq));
  const verdict = await checkAgainstCheckpoints(database, upToHead, signer.publicKey);
  if (!verdict.ok) return { ok: false, message: verdict.message };
  let movedAside: string | undefined;
  if (upToHead.length < checkpoints.length) {
    movedAside = path.join(dir, `checkpoints-before-restore-${now.toISOString().replace(/[:.]/g, "-")}.jsonl`);
    fs.renameSync(path.join(dir, FILE), movedAside);
  }
  const checkpoint = (await publishCheckpoint(database, signer, dir, { now }))!;
  return { ok: true, checked: upToHead.length, ...(movedAside ? { movedAside } : {}), checkpoint };
}
