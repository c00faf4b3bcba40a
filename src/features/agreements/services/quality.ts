import { inArray } from "drizzle-orm";
import type { Actor } from "../../../platform/auth/actor";
import { today } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { organisations } from "../../organisations-and-users/schema";
import { checkQuality, type QualityReport } from "../domain/quality";
import { loadAgreementDocument } from "./load-document";

/**
 * The quality check of one version (the one in force, or the latest the actor may see) against the
 * model, on its effective terms: a tier 2 agreement is not marked down for baseline sections it
 * rightly inherits from its tier 1 parent.
 */
export async function agreementQuality(db: Db, actor: Actor, id: string, version?: number): Promise<QualityReport & { version: number }> {
  const doc = await loadAgreementDocument(db, actor, id, version);
  const partyIds = doc.content.parties.map((p) => p.organisationId);
  const rows = partyIds.length
    ? await db
        .select({ id: organisations.id, isPublicAuthority: organisations.isPublicAuthority })
        .from(organisations)
        .where(inArray(organisations.id, partyIds))
    : [];
  const report = checkQuality({
    content: doc.content,
    nextReviewDate: doc.nextReviewDate,
    today: today(),
    publicAuthorityIds: new Set(rows.filter((r) => r.isPublicAuthority).map((r) => r.id)),
    organisationNames: Object.fromEntries(Object.values(doc.organisations).map((o) => [o.id, o.name])),
  });
  return { ...report, version: doc.version };
}
