import { lte, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { rateLimitBuckets } from "../db/schema";

/**
 * Counts one hit against a rate limit bucket and says how many hits it holds and how many
 * milliseconds are left of its window. One atomic statement: two app nodes (or two requests on
 * one) counting the same key at once both land in the same row, and an expired window starts again.
 */
export async function hitRateLimit(db: Db, key: string, windowMs: number): Promise<{ hits: number; ttlMs: number }> {
  const expired = sql`${rateLimitBuckets.resetsAt} <= now()`;
  const [row] = await db
    .insert(rateLimitBuckets)
    .values({ key, hits: 1, resetsAt: sql`now() + ${windowMs}::int * interval '1 millisecond'` })
    .onConflictDoUpdate({
      target: rateLimitBuckets.key,
      set: {
        hits: sql`case when ${expired} then 1 else ${rateLimitBuckets.hits} + 1 end`,
        resetsAt: sql`case when ${expired} then excluded.resets_at else ${rateLimitBuckets.resetsAt} end`,
      },
    })
    .returning({
      hits: rateLimitBuckets.hits,
      ttlMs: sql<number>`greatest(0, ceil(extract(epoch from ${rateLimitBuckets.resetsAt} - now()) * 1000))::int`,
    });
  return { hits: row!.hits, ttlMs: Number(row!.ttlMs) };
}

/** Housekeeping: buckets whose window has ended count for nothing. */
export async function purgeExpiredRateLimits(db: Db): Promise<void> {
  await db.delete(rateLimitBuckets).where(lte(rateLimitBuckets.resetsAt, sql`now()`));
}
