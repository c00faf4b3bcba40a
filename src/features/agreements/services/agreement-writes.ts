/** What every change to an agreement does: lock its row, keep its parties in step, check its content, name the sections changed. */
import { and, eq, inArray, isNull, ne } from "drizzle-orm";
import { hasAnyRole, type Role } from "../../../platform/auth/roles";
import type { Tx } from "../../../platform/db/client";
import type { FieldError } from "../../../platform/errors";
import { ValidationError } from "../../../platform/errors";
import { organisations, users } from "../../organisations-and-users/schema";
import { consistencyErrors } from "../domain/consistency";
import type { AgreementContent } from "../domain/content";
import { agreementParties, agreements, agreementVersions } from "../schema";
import type { AgreementRow } from "./queries";

/**
 * Who may commit an organisation to an agreement: its IG lead (DPO) or organisation administrator.
 * Both roles sign in with a second factor, so a practitioner's stolen password cannot sign for a party.
 */
export const SIGNATORY_ROLES: readonly Role[] = ["ig_lead", "org_admin"];

/** Locks the agreement row for the rest of the transaction, so concurrent signatures or edits queue up. */
export async function lockAgreement(tx: Tx, id: string): Promise<AgreementRow> {
  const [row] = await tx.select().from(agreements).where(eq(agreements.id, id)).for("update");
  return row!;
}

/** Who may see the agreement while it is a draft: the parties of every version not discarded. */
export async function syncParties(tx: Tx, agreementId: string): Promise<void> {
  const versions = await tx
    .select({ content: agreementVersions.content })
    .from(agreementVersions)
    .where(and(eq(agreementVersions.agreementId, agreementId), ne(agreementVersions.state, "DISCARDED")));
  const ids = [...new Set(versions.flatMap((v) => v.content.parties.map((p) => p.organisationId)))];
  await tx.delete(agreementParties).where(eq(agreementParties.agreementId, agreementId));
  if (ids.length) await tx.insert(agreementParties).values(ids.map((organisationId) => ({ agreementId, organisationId })));
}

/**
 * Checks what the schema cannot: internal cross-references, that every organisation exists, that each
 * signatory is an active user of the party they sign for, and that a tier 2 parent is a tier 1 agreement.
 */
export async function assertValidContent(
  tx: Tx,
  content: AgreementContent,
  owner: { ownerOrganisationId: string; id?: string },
): Promise<void> {
  const selfId = owner.id;
  const errors: FieldError[] = consistencyErrors(content);
  if (!content.parties.some((p) => p.organisationId === owner.ownerOrganisationId)) {
    errors.push({ path: "/parties", message: "The owning organisation must stay a party to its agreement" });
  }
  const orgIds = [...new Set(content.parties.map((p) => p.organisationId))];
  const known = orgIds.length
    ? new Set((await tx.select({ id: organisations.id }).from(organisations).where(inArray(organisations.id, orgIds))).map((o) => o.id))
    : new Set<string>();
  const signatoryIds = content.parties.flatMap((p) => (p.signatoryUserId ? [p.signatoryUserId] : []));
  const signatories = signatoryIds.length
    ? await tx
        .select({ id: users.id, organisationId: users.organisationId, roles: users.roles })
        .from(users)
        .where(and(inArray(users.id, signatoryIds), isNull(users.deactivatedAt)))
    : [];
  content.parties.forEach((party, i) => {
    if (!known.has(party.organisationId)) errors.push({ path: `/parties/${i}/organisationId`, message: "Select a member organisation" });
    if (
      party.signatoryUserId &&
      !signatories.some(
        (u) => u.id === party.signatoryUserId && u.organisationId === party.organisationId && hasAnyRole(u.roles, SIGNATORY_ROLES),
      )
    ) {
      errors.push({
        path: `/parties/${i}/signatoryUserId`,
        message: "The signatory must be an active IG lead or organisation administrator of this party's organisation",
      });
    }
  });
  const { tier, parentAgreementId } = content.documentControl;
  if (tier === "OPERATIONAL" && selfId) {
    const [child] = await tx.select({ id: agreements.id }).from(agreements).where(eq(agreements.parentAgreementId, selfId)).limit(1);
    if (child) {
      errors.push({
        path: "/documentControl/tier",
        message: "Tier 2 agreements sit under this one, so it must stay a tier 1 strategic agreement",
      });
    }
  }
  if (tier === "STRATEGIC" && parentAgreementId) {
    errors.push({ path: "/documentControl/parentAgreementId", message: "A tier 1 strategic agreement has no parent agreement" });
  }
  if (tier === "OPERATIONAL" && parentAgreementId) {
    const [parent] = await tx.select({ tier: agreements.tier }).from(agreements).where(eq(agreements.id, parentAgreementId));
    if (parent?.tier !== "STRATEGIC" || parentAgreementId === selfId) {
      errors.push({ path: "/documentControl/parentAgreementId", message: "Choose a tier 1 strategic agreement as the parent" });
    }
  }
  if (errors.length) throw new ValidationError(errors);
}

/** Which sections differ between two versions of the terms, for the audit trail and the version list. */
export function changedSections(before: AgreementContent, after: AgreementContent): (keyof AgreementContent)[] {
  return (Object.keys(after) as (keyof AgreementContent)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}
