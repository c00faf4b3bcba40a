import { hash } from "node:crypto";

/** The chain starts from 32 zero bytes (see migration 0001). */
export const GENESIS_HASH = Buffer.alloc(32);

/**
 * Canonical JSON: keys sorted at every depth, no whitespace. The same event always gives the same
 * bytes, so anyone can re-derive a hash from the stored body with any JSON library.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, v[k]]),
        )
      : v,
  );
}

/** hash_n = SHA-256(hash_{n-1} ‖ UTF-8 body_n): each event seals every event before it. */
export function chainHash(prevHash: Uint8Array, body: string): Buffer {
  const bodyBytes = Buffer.from(body, "utf8");
  const input = Buffer.allocUnsafe(prevHash.length + bodyBytes.length);
  input.set(prevHash, 0);
  input.set(bodyBytes, prevHash.length);
  return hash("sha256", input, "buffer") as Buffer;
}

/**
 * The canonical JSON of `body` with `key` added, as the text before and after that key's value:
 * `prefix + JSON.stringify(n) + suffix === canonicalJson({ ...body, [key]: n })` for any number n.
 * The database fills in the sequence number, which only the chain head knows (migration 0005).
 */
export function canonicalJsonAround(body: Record<string, unknown>, key: string): { prefix: string; suffix: string } {
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  // The same order canonicalJson sorts keys in (Array#sort's default: UTF-16 code units).
  for (const [k, v] of Object.entries(body)) if (k !== key) (k < key ? before : after)[k] = v;
  const head = canonicalJson(before);
  const tail = canonicalJson(after);
  return {
    prefix: `${head === "{}" ? "{" : `${head.slice(0, -1)},`}${JSON.stringify(key)}:`,
    suffix: tail === "{}" ? "}" : `,${tail.slice(1)}`,
  };
}
