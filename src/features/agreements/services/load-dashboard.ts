import { and, asc, eq, inArray, isNotNull, sql } from "drizzle-orm";
import type { Actor } from "../../../platform/auth/actor";
import { hasAnyRole } from "../../../platform/auth/roles";
import { today } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { agreementReference } from "../domain/document";
import { type ReviewState, reviewState } from "../domain/lifecycle";
import { agreementSignatures, agreements, agreementVersions } from "../schema";

/**
 * What the home page warns about agreements: reviews the actor's organisation owes on agreements it
 * owns (warned 3 months ahead, overdue, or lapsed and no longer in force), and versions waiting for
 * the actor's own signature. Not audited: agreements are partnership documents, not anyone's record.
 */
export interface AgreementDashboardData {
  reviews: { id: string; reference: string; title: string; state: ReviewState; nextReviewDate: string }[];
  toSign: { id: string; reference: string; title: string; version: number }[];
}

/** The review states worth a warning. */
export const WARN: readonly ReviewState[] = ["DUE_SOON", "OVERDUE", "LAPSED"];
/** Reviews are the owner's to record: its IG leads, or a partnership admin. */
export const REVIEWER_ROLES = ["ig_lead", "partnership_admin"] as const;
/** The statuses in which an agreement's review is owed. */
export const REVIEWED_STATUSES = ["ACTIVE", "UNDER_REVIEW", "SUSPENDED"] as const;

export async function loadAgreementDashboard(db: Db, actor: Actor, now = new Date()): Promise<AgreementDashboardData> {
  const day = today(now);
  let reviews: AgreementDashboardData["reviews"] = [];
  if (hasAnyRole(actor.roles, REVIEWER_ROLES)) {
    const owned = await db
      .select()
      .from(agreements)
      .where(
        and(
          eq(agreements.ownerOrganisationId, actor.organisationId),
          isNotNull(agreements.nextReviewDate),
          inArray(agreements.status, REVIEWED_STATUSES),
        ),
      )
      .orderBy(asc(agreements.nextReviewDate));
    reviews = owned.flatMap((a) => {
      const state = reviewState(a.nextReviewDate, day);
      if (!WARN.includes(state)) return [];
      return [{ id: a.id, reference: agreementReference(a.number), title: a.title, state, nextReviewDate: a.nextReviewDate! }];
    });
  }

  // Versions out for signature that name this person as their organisation's signatory, not yet signed by it.
  const named = JSON.stringify({ parties: [{ organisationId: actor.organisationId, signatoryUserId: actor.userId }] });
  const toSign = await db
    .select({ id: agreements.id, number: agreements.number, title: agreements.title, version: agreementVersions.version })
    .from(agreementVersions)
    .innerJoin(agreements, eq(agreements.id, agreementVersions.agreementId))
    .where(
      and(
        eq(agreementVersions.state, "AWAITING_SIGNATURES"),
        sql`${actor.organisationId}::uuid = any(${agreementVersions.requiredSignatories})`,
        sql`${agreementVersions.content} @> ${named}::jsonb`,
        sql`not exists (select 1 from ${agreementSignatures} where ${agreementSignatures.agreementId} = ${agreementVersions.agreementId} and ${agreementSignatures.version} = ${agreementVersions.version} and ${agreementSignatures.organisationId} = ${actor.organisationId})`,
      ),
    )
    .orderBy(asc(agreements.number));

  return {
    reviews,
    toSign: toSign.map((v) => ({ id: v.id, reference: agreementReference(v.number), title: v.title, version: v.version })),
  };
}
