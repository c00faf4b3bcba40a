import { and, eq } from "drizzle-orm";
import type { Actor } from "../../../platform/auth/actor";
import type { Db } from "../../../platform/db/client";
import { visibleTo } from "../../../platform/db/scope";
import { parentAgreement } from "../../agreements";
import { type ShareTerms, termsForShare } from "../../agreements/domain";
import { agreements } from "../../agreements/schema";
import { isId } from "../domain/decision-input";
import { compiledCovering } from "./covering-agreement";

/** The agreement a draft cites, as the wizard shows it: its name, the version in force, and its terms for this share. */
export interface AgreementForShare {
  id: string;
  title: string;
  reference: string;
  version: number;
  /** The recipient organisation's name, as the agreement's parties name it. */
  recipientName: string;
  terms: ShareTerms;
}

/**
 * The terms of the agreement's version in force for a share from the actor's organisation to the
 * recipient (the same compiled version the evaluation checks against); null when the agreement is not
 * the actor's to see or has no version in force, so the wizard asks the questions itself.
 */
export async function loadAgreementForShare(
  db: Db,
  actor: Actor,
  agreementId: string,
  recipientOrganisationId: string,
): Promise<AgreementForShare | null> {
  // A draft's answers are kept as typed: an agreement id that is not one cites no agreement.
  if (!isId(agreementId)) return null;
  const [row] = await db
    .select({
      number: agreements.number,
      title: agreements.title,
      status: agreements.status,
      inForceVersion: agreements.inForceVersion,
      nextReviewDate: agreements.nextReviewDate,
      parentId: parentAgreement.id,
      parentNumber: parentAgreement.number,
      parentStatus: parentAgreement.status,
      parentInForceVersion: parentAgreement.inForceVersion,
      parentNextReviewDate: parentAgreement.nextReviewDate,
    })
    .from(agreements)
    .leftJoin(parentAgreement, eq(parentAgreement.id, agreements.parentAgreementId))
    .where(and(eq(agreements.id, agreementId), visibleTo(actor, agreements)));
  if (!row || row.inForceVersion === null) return null;
  const covering = await compiledCovering(db, agreementId, null, row);
  const { snapshot } = covering.compiled;
  return {
    id: agreementId,
    title: row.title,
    reference: snapshot.reference,
    version: covering.version,
    recipientName: snapshot.organisationNames?.[recipientOrganisationId] ?? "the recipient",
    terms: termsForShare(snapshot.content, actor.organisationId, recipientOrganisationId),
  };
}
