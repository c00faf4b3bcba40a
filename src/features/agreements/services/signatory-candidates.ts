import { and, arrayOverlaps, asc, inArray, isNull } from "drizzle-orm";
import type { Queryable } from "../../../platform/db/client";
import { users } from "../../organisations-and-users/schema";
import { SIGNATORY_ROLES } from "./agreement-writes";

export interface SignatoryCandidate {
  id: string;
  name: string;
  organisationId: string;
}

/**
 * Who may be named to sign for each party: the active IG leads and organisation administrators of
 * that party's organisation (the rule `assertValidContent` enforces on save). Only names are returned: the agreement names its
 * signatories anyway, and an author drafting an agreement must be able to choose them.
 */
export async function signatoryCandidates(db: Queryable, organisationIds: string[]): Promise<Record<string, SignatoryCandidate[]>> {
  const ids = [...new Set(organisationIds)];
  const byOrganisation: Record<string, SignatoryCandidate[]> = Object.fromEntries(ids.map((id) => [id, []]));
  if (!ids.length) return byOrganisation;
  const rows = await db
    .select({ id: users.id, name: users.name, organisationId: users.organisationId })
    .from(users)
    .where(and(inArray(users.organisationId, ids), isNull(users.deactivatedAt), arrayOverlaps(users.roles, [...SIGNATORY_ROLES])))
    .orderBy(asc(users.name));
  for (const row of rows) byOrganisation[row.organisationId]?.push(row);
  return byOrganisation;
}
