import { and, eq, isNull, or } from "drizzle-orm";
import { anyOf } from "../../../platform/db/any-of";
import type { Queryable } from "../../../platform/db/client";
import { ConflictError } from "../../../platform/errors";
import { organisations } from "../../organisations-and-users/schema";
import { subjects } from "../../records/schema";
import { type ActiveHold, type HeldFile, holdCovers } from "../domain/holds";
import { RETENTION_RULES } from "../domain/rules";
import { categoryOf } from "../domain/schedule";
import { legalHolds } from "../schema";

/**
 * The holds in force over an organisation's records: its own and the partnership's. Read inside the
 * transaction that disposes or erases, so a hold set a moment earlier still stops it (RET-HOLD).
 */
export async function activeHoldsOver(q: Queryable, organisationId: string): Promise<ActiveHold[]> {
  return q
    .select({
      id: legalHolds.id,
      name: legalHolds.name,
      scope: legalHolds.scope,
      organisationId: legalHolds.organisationId,
      subjectIds: legalHolds.subjectIds,
      categories: legalHolds.categories,
    })
    .from(legalHolds)
    .where(and(isNull(legalHolds.liftedAt), or(eq(legalHolds.organisationId, organisationId), eq(legalHolds.scope, "PARTNERSHIP"))))
    .orderBy(legalHolds.setAt);
}

/** The holds covering each file, by the file's id (files no hold covers are absent). */
export function holdsByFile(holds: readonly ActiveHold[], files: readonly HeldFile[]): Map<string, ActiveHold[]> {
  const covered = new Map<string, ActiveHold[]>();
  for (const file of files) {
    const over = holds.filter((h) => holdCovers(h, file));
    if (over.length) covered.set(file.id, over);
  }
  return covered;
}

/**
 * Refuses (409, RET-HOLD) when any hold covers any of the files, naming the holds: the reason a
 * person reads, with the rule for the API's `rules` and the IG lead's details.
 */
function assertNoneHeld(covered: ReadonlyMap<string, readonly ActiveHold[]>, what: string): void {
  if (!covered.size) return;
  const names = [...new Set([...covered.values()].flat().map((h) => `“${h.name}”`))];
  const holds = names.length === 1 ? `the legal hold ${names[0]}` : `the legal holds ${names.join(", ")}`;
  const records = covered.size === 1 ? "a record" : `${covered.size} of the records`;
  const message = `${what}: ${holds} ${names.length === 1 ? "covers" : "cover"} ${records}. Nothing under a legal hold may be disposed of, anonymised or erased until the hold is lifted.`;
  throw new ConflictError(message, [], [{ code: "RET-HOLD", severity: "block", message: RETENTION_RULES["RET-HOLD"], path: "" }]);
}

/**
 * Refuses (RET-HOLD) to dispose of, anonymise or erase anything in these people's files while a hold
 * covers it. Each file's category follows from its organisation's type and the person's kind.
 */
export async function assertFilesNotHeld(q: Queryable, subjectIds: readonly string[], what: string): Promise<void> {
  if (!subjectIds.length) return;
  const files = await q
    .select({ subjectId: subjects.id, organisationId: subjects.organisationId, kind: subjects.kind, type: organisations.type })
    .from(subjects)
    .innerJoin(organisations, eq(organisations.id, subjects.organisationId))
    .where(anyOf(subjects.id, subjectIds));
  const byOrganisation = new Map<string, HeldFile[]>();
  for (const f of files) {
    const held = { id: f.subjectId, organisationId: f.organisationId, subjectId: f.subjectId, category: categoryOf(f.type, f.kind) };
    byOrganisation.set(f.organisationId, [...(byOrganisation.get(f.organisationId) ?? []), held]);
  }
  const covered = new Map<string, ActiveHold[]>();
  for (const [organisationId, held] of byOrganisation) {
    for (const [id, holds] of holdsByFile(await activeHoldsOver(q, organisationId), held)) covered.set(id, holds);
  }
  assertNoneHeld(covered, what);
}

/** Refuses (RET-HOLD) to dispose of copies of shared information while a hold over the holder's copies covers them. */
export async function assertCopiesNotHeld(
  q: Queryable,
  organisationId: string,
  disclosureIds: readonly string[],
  what: string,
): Promise<void> {
  const copies = disclosureIds.map((id) => ({ id, organisationId, subjectId: null, category: "DISCLOSED_COPY" as const }));
  assertNoneHeld(holdsByFile(await activeHoldsOver(q, organisationId), copies), what);
}
