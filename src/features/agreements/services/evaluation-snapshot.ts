import { inArray } from "drizzle-orm";
import type { Actor } from "../../../platform/auth/actor";
import type { Db } from "../../../platform/db/client";
import { NotFoundError } from "../../../platform/errors";
import { organisations } from "../../organisations-and-users/schema";
import { agreementReference } from "../domain/document";
import type { AgreementVersionSnapshot } from "../domain/evaluate";
import { effectiveContent } from "../domain/inheritance";
import { loadParent } from "./load-document";
import { loadAgreement, loadVersion } from "./queries";

/**
 * What a sharing check reads about one agreement version: its effective terms and the in-force facts
 * of it and its tier 1 parent, for `compileAgreement`/`evaluateShare`. The share-decision workflow
 * cites the agreement id and this version.
 */
export async function loadEvaluationSnapshot(db: Db, actor: Actor, id: string, version: number): Promise<AgreementVersionSnapshot> {
  const agreement = await loadAgreement(db, actor, id);
  const row = await loadVersion(db, id, version);
  if (row?.state !== "SIGNED") throw new NotFoundError(`Signed version ${version} of the agreement`);
  const parent = await loadParent(db, row.content.documentControl.parentAgreementId);
  const { content } = effectiveContent(row.content, parent?.content ?? null);
  const partyIds = content.parties.map((p) => p.organisationId);
  const names = partyIds.length
    ? await db.select({ id: organisations.id, name: organisations.name }).from(organisations).where(inArray(organisations.id, partyIds))
    : [];
  return {
    agreementId: agreement.id,
    reference: agreementReference(agreement.number),
    version,
    status: agreement.status,
    inForceVersion: agreement.inForceVersion,
    nextReviewDate: agreement.nextReviewDate,
    parent: parent && {
      reference: parent.reference,
      status: parent.status,
      inForceVersion: parent.inForceVersion,
      nextReviewDate: parent.nextReviewDate,
    },
    content,
    organisationNames: Object.fromEntries(names.map((o) => [o.id, o.name])),
  };
}
