import { and, asc, eq, ne, or } from "drizzle-orm";
import { anyOf } from "../../../platform/db/any-of";
import type { Queryable } from "../../../platform/db/client";
import { ownedBy } from "../../../platform/db/scope";
import { recordItems } from "../../records/schema";
import { disclosureItems, disclosures, recordItemOrigins, shareDecisions } from "../schema";

/**
 * What a personal data breach (issue 22) needs to know of sharing, read for the breaches feature, which
 * stands above it. Each reads only what the caller has already established its organisation may reach.
 */

/** The sender's item versions a disclosure carried: the items a breach raised from it involves. The caller has just revoked it as its sender. */
export async function disclosedItemIds(q: Queryable, disclosureId: string): Promise<string[]> {
  const rows = await q
    .select({ id: disclosureItems.sourceItemId })
    .from(disclosureItems)
    .where(eq(disclosureItems.disclosureId, disclosureId))
    .orderBy(asc(disclosureItems.position));
  return [...new Set(rows.map((r) => r.id))];
}

/** An item filed from a disclosure another organisation sent, and the agreement that disclosure was shared under. */
export interface ItemOrigin {
  fromOrganisationId: string;
  disclosureId: string;
  agreementId: string | null;
  agreementVersion: number | null;
  parentAgreementVersion: number | null;
}

/**
 * The other organisations whose information is in the organisation's items: each item (any version of
 * it, the origin being on the first) of the people `subjectIds` or among `itemIds` that was filed from
 * a disclosure another organisation sent (`record_item_origin`), with the agreement its share decision
 * cited. The items are the organisation's own (`ownedBy`); the sender's decision is read only for its
 * agreement, which the receiving organisation was told of when it arrived.
 */
export async function originsOfItems(
  q: Queryable,
  organisationId: string,
  { subjectIds, itemIds }: { subjectIds: readonly string[]; itemIds: readonly string[] },
): Promise<ItemOrigin[]> {
  if (!subjectIds.length && !itemIds.length) return [];
  const which = or(
    ...(subjectIds.length ? [anyOf(recordItems.subjectId, subjectIds)] : []),
    ...(itemIds.length ? [anyOf(recordItems.id, itemIds)] : []),
  );
  const rows = await q
    .selectDistinct({
      fromOrganisationId: recordItemOrigins.fromOrganisationId,
      disclosureId: recordItemOrigins.disclosureId,
      agreementId: shareDecisions.agreementId,
      agreementVersion: shareDecisions.agreementVersion,
      parentAgreementVersion: shareDecisions.parentAgreementVersion,
    })
    .from(recordItems)
    .innerJoin(recordItemOrigins, eq(recordItemOrigins.itemId, recordItems.lineageId))
    .innerJoin(disclosures, eq(disclosures.id, recordItemOrigins.disclosureId))
    .innerJoin(shareDecisions, eq(shareDecisions.id, disclosures.decisionId))
    .where(
      and(
        ownedBy(organisationId, recordItems),
        which,
        eq(disclosures.recipientOrganisationId, organisationId),
        ne(recordItemOrigins.fromOrganisationId, organisationId),
      ),
    );
  return rows;
}
