import { and, asc, inArray, isNull } from "drizzle-orm";
import type { Queryable } from "../../db/client";
import { users } from "../../db/schema";

export interface SignatoryCandidate {
  id: string;
  name: string;
  organisationId: string;
}

/**
 * Who may be named to sign for each party: the active users of that party's organisation (the same
 * rule `assertValidContent` enforces on save). Only names are returned: the agreement names its
 * signatories anyway, and an author drafting an agreement must be able to choose them.
 */
export async function signatoryCandidates(db: Queryable, organisationIds: string[]): Promise<Record<string, SignatoryCandidate[]>> {
  const ids = [...new Set(organisationIds)];
  const byOrganisation: Record<string, SignatoryCandidate[]> = Object.fromEntries(ids.map((id) => [id, []]));
  if (!ids.length) return byOrganisation;
  const rows = await db
    .select({ id: users.id, name: users.name, organisationId: users.organisationId })
    .from(users)
    .where(and(inArray(users.organisationId, ids), isNull(users.deactivatedAt)))
    .orderBy(asc(users.name));
  for (const row of rows) byOrganisation[row.organisationId]?.push(row);
  return byOrganisation;
}
