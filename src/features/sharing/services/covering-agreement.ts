import { and, eq, inArray } from "drizzle-orm";
import type { Queryable } from "../../../platform/db/client";
import { ValidationError } from "../../../platform/errors";
import type { AgreementStatus } from "../../agreements/domain";
import { agreementReference, type CompiledAgreement, compileAgreement, effectiveContent } from "../../agreements/domain";
import { agreementVersions } from "../../agreements/schema";
import { organisations } from "../../organisations-and-users/schema";

/**
 * The agreement a share cites, compiled for evaluation. A signed version's terms never change, so
 * its compiled form is kept for the life of the process; what can change (status, the version in
 * force, the review date, and the same of its tier 1 parent) is read afresh for every share and is
 * part of the cache key, so a suspension or a new parent version takes effect at once.
 */
export interface CoveringAgreement {
  compiled: CompiledAgreement;
  agreementId: string;
  version: number;
  parentVersion: number | null;
  retentionMonths: number | null;
}

const cache = new Map<string, CoveringAgreement>();
const CACHE_LIMIT = 500;

const invalid = (message: string) => new ValidationError([{ path: "/recipient/agreementId", message }]);

/** What can change about an agreement and its parent: read with the rest of a decision's facts, every time. */
export interface AgreementFacts {
  number: number;
  status: AgreementStatus;
  inForceVersion: number | null;
  nextReviewDate: string | null;
  parentId: string | null;
  parentNumber: number | null;
  parentStatus: AgreementStatus | null;
  parentInForceVersion: number | null;
  parentNextReviewDate: string | null;
}

/**
 * The cited version compiled, given the agreement's current facts (already checked to be visible to
 * the actor). `version` null means the version in force now. Unsigned or no version in force: a field error.
 */
export async function compiledCovering(
  q: Queryable,
  agreementId: string,
  version: number | null,
  row: AgreementFacts,
): Promise<CoveringAgreement> {
  const cited = version ?? row.inForceVersion;
  if (cited === null) throw invalid("The agreement has no version in force yet: it has not been signed by every party");
  const key = [
    agreementId,
    cited,
    row.status,
    row.inForceVersion,
    row.nextReviewDate,
    row.parentId,
    row.parentStatus,
    row.parentInForceVersion,
    row.parentNextReviewDate,
  ].join("|");
  const cached = cache.get(key);
  if (cached) return cached;

  const [own] = await q
    .select({ content: agreementVersions.content, state: agreementVersions.state })
    .from(agreementVersions)
    .where(and(eq(agreementVersions.agreementId, agreementId), eq(agreementVersions.version, cited)));
  if (own?.state !== "SIGNED") throw invalid(`Version ${cited} of the agreement has not been signed: cite a signed version`);
  const parentContent =
    row.parentId && row.parentInForceVersion !== null
      ? (
          await q
            .select({ content: agreementVersions.content })
            .from(agreementVersions)
            .where(and(eq(agreementVersions.agreementId, row.parentId), eq(agreementVersions.version, row.parentInForceVersion)))
        )[0]?.content
      : undefined;
  const { content } = effectiveContent(own.content, parentContent ?? null);
  const partyIds = content.parties.map((p) => p.organisationId);
  const names = partyIds.length
    ? await q.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, partyIds))
    : [];
  const compiled = compileAgreement({
    agreementId,
    reference: agreementReference(row.number),
    version: cited,
    status: row.status,
    inForceVersion: row.inForceVersion,
    nextReviewDate: row.nextReviewDate,
    parent:
      row.parentId && row.parentStatus && row.parentNumber !== null
        ? {
            reference: agreementReference(row.parentNumber),
            status: row.parentStatus,
            inForceVersion: row.parentInForceVersion,
            nextReviewDate: row.parentNextReviewDate,
          }
        : null,
    content,
    organisationNames: Object.fromEntries(names.map((o) => [o.id, o.name])),
  });
  const covering = {
    compiled,
    agreementId,
    version: cited,
    parentVersion: row.parentId ? row.parentInForceVersion : null,
    retentionMonths: content.retention.defaultMonths,
  };
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, covering);
  return covering;
}
