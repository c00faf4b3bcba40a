import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { agreements, agreementVersions } from "../../db/schema";
import type { Actor } from "../../domain/actor";
import { agreementReference } from "../../domain/agreements/document";
import type { AgreementVersionSnapshot } from "../../domain/agreements/evaluate";
import { NotFoundError } from "../../domain/errors";
import { buildDocument } from "./load-document";
import { getAgreement } from "./queries";

/**
 * What a sharing check reads about one agreement version: its effective terms and the in-force facts
 * of it and its tier 1 parent, for `compileAgreement`/`evaluateShare`. The share-decision workflow
 * cites the agreement id and this version.
 */
export async function loadEvaluationSnapshot(db: Db, actor: Actor, id: string, version: number): Promise<AgreementVersionSnapshot> {
  const agreement = await getAgreement(db, actor, id);
  const [row] = await db
    .select()
    .from(agreementVersions)
    .where(and(eq(agreementVersions.agreementId, id), eq(agreementVersions.version, version)));
  if (!row || row.state !== "SIGNED") throw new NotFoundError(`Signed version ${version} of the agreement`);
  const doc = await buildDocument(db, agreement, row);
  const parentId = row.content.documentControl.parentAgreementId;
  const [parent] = parentId ? await db.select().from(agreements).where(eq(agreements.id, parentId)) : [];
  return {
    agreementId: agreement.id,
    reference: doc.reference,
    version,
    status: agreement.status,
    inForceVersion: agreement.inForceVersion,
    nextReviewDate: agreement.nextReviewDate,
    parent: parent
      ? {
          reference: agreementReference(parent.number),
          status: parent.status,
          inForceVersion: parent.inForceVersion,
          nextReviewDate: parent.nextReviewDate,
        }
      : null,
    content: doc.content,
    organisationNames: Object.fromEntries(Object.values(doc.organisations).map((o) => [o.id, o.name])),
  };
}
