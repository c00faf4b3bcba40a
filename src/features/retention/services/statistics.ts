import { asc, sql } from "drizzle-orm";
import type { Actor } from "../../../platform/auth/actor";
import { hasAnyRole } from "../../../platform/auth/roles";
import type { Db } from "../../../platform/db/client";
import { visibleTo } from "../../../platform/db/scope";
import { NotPermittedError } from "../../../platform/errors";
import { organisations } from "../../organisations-and-users/schema";
import type { RetentionCategory } from "../domain/schedule";
import { anonymisedRecords } from "../schema";

export interface AnonymisedCount {
  organisation: string;
  category: RetentionCategory;
  /** The year the files were disposed of, and the span of years their entries covered. */
  disposedYear: number;
  firstYear: number | null;
  lastYear: number | null;
  files: number;
  items: number;
  /** Concerns raised and share decisions recorded in those files, by category and by outcome. */
  concerns: Record<string, number>;
  decisions: Record<string, number>;
}

/**
 * What anonymised disposals left for statistics (issue 21), counted by organisation, category and year:
 * partnership reporting still counts a file after its personal data is gone. Its own organisation's for
 * an IG lead; every member's for a partnership administrator. No personal data, so not audited as a read.
 */
export async function loadAnonymisedCounts(db: Db, actor: Actor): Promise<AnonymisedCount[]> {
  if (!hasAnyRole(actor.roles, ["ig_lead", "partnership_admin"])) {
    throw new NotPermittedError("Only IG leads and partnership administrators see the statistics anonymised records leave");
  }
  const rows = await db
    .select({
      organisation: organisations.name,
      category: anonymisedRecords.category,
      disposedYear: anonymisedRecords.disposedYear,
      firstYear: sql<number | null>`min(${anonymisedRecords.firstYear})`,
      lastYear: sql<number | null>`max(${anonymisedRecords.lastYear})`,
      files: sql<number>`count(*)::int`,
      items: sql<number>`sum(${anonymisedRecords.items})::int`,
      concerns: sql<Record<string, number>[]>`jsonb_agg(${anonymisedRecords.concerns})`,
      decisions: sql<Record<string, number>[]>`jsonb_agg(${anonymisedRecords.decisions})`,
    })
    .from(anonymisedRecords)
    .innerJoin(organisations, sql`${organisations.id} = ${anonymisedRecords.organisationId}`)
    .where(visibleTo(actor, anonymisedRecords))
    .groupBy(organisations.name, anonymisedRecords.category, anonymisedRecords.disposedYear)
    .orderBy(asc(organisations.name), asc(anonymisedRecords.category), asc(anonymisedRecords.disposedYear));
  return rows.map((r) => ({ ...r, concerns: summed(r.concerns), decisions: summed(r.decisions) }));
}

/** Adds up per-file counts by key. */
function summed(counts: readonly Record<string, number>[]): Record<string, number> {
  const total: Record<string, number> = {};
  for (const c of counts) for (const [k, n] of Object.entries(c)) total[k] = (total[k] ?? 0) + n;
  return total;
}
