import { and, eq } from "drizzle-orm";
import { snapshotOf } from "../../../platform/audit/events";
import type { AuditTrail } from "../../../platform/audit/write";
import { inTransaction } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import type { Db, Tx } from "../../../platform/db/client";
import { ConflictError, NotPermittedError } from "../../../platform/errors";
import type {} from "../audit-events";
import { type AgreementPatch, agreementContentSchema } from "../domain/content";
import { AGREEMENT_STATUS_LABELS, CLOSED_STATUSES, canManageAgreement } from "../domain/lifecycle";
import { agreements, agreementVersions } from "../schema";
import { assertValidContent, changedSections, lockAgreement, syncParties } from "./agreement-writes";
import { type AgreementRow, loadAgreement, loadVersion, type VersionRow } from "./queries";

export function assertCanManage(actor: Actor, agreement: AgreementRow): void {
  if (!canManageAgreement(actor, agreement.ownerOrganisationId)) {
    throw new NotPermittedError("Only an IG lead of the owning organisation or a partnership administrator can change this agreement");
  }
}

export function assertOpen(agreement: AgreementRow): void {
  if (CLOSED_STATUSES.includes(agreement.status)) {
    throw new ConflictError(`This agreement is ${AGREEMENT_STATUS_LABELS[agreement.status].toLowerCase()}: its terms can no longer change`);
  }
}

/**
 * The version an edit applies to. A draft is edited in place; an agreement already in force is never
 * changed in place: the first edit opens a new version (a variation) that the parties sign again,
 * while the signed version stays in force.
 */
async function editableVersion(tx: Tx, audit: AuditTrail, actor: Actor, agreement: AgreementRow): Promise<VersionRow> {
  const latest = (await loadVersion(tx, agreement.id, agreement.latestVersion))!;
  if (latest.state === "DRAFT") return latest;
  if (latest.state === "AWAITING_SIGNATURES") {
    throw new ConflictError(`Version ${latest.version} has been sent for signature, so it cannot be edited. Return it to draft first`);
  }
  // A variation starts from the terms in force, never from a discarded attempt.
  const base = latest.version === agreement.inForceVersion ? latest : (await loadVersion(tx, agreement.id, agreement.inForceVersion!))!;
  const version = agreement.latestVersion + 1;
  const [created] = await tx
    .insert(agreementVersions)
    .values({ agreementId: agreement.id, version, kind: "VARIATION", content: base.content, createdByUserId: actor.userId })
    .returning();
  await tx.update(agreements).set({ latestVersion: version, updatedAt: new Date() }).where(eq(agreements.id, agreement.id));
  audit.record(snapshotOf(actor), {
    type: "agreement.version_created",
    entity: { type: "agreement", id: agreement.id },
    details: { version, kind: "VARIATION" },
  });
  return created!;
}

/**
 * Changes some sections of the agreement's terms. `patch` holds whole sections; the result is
 * validated as a whole, so a draft is never left inconsistent. Returns the version edited.
 */
export async function editAgreement(db: Db, actor: Actor, id: string, patch: AgreementPatch): Promise<VersionRow> {
  const visible = await loadAgreement(db, actor, id);
  assertCanManage(actor, visible);
  return inTransaction(db, async (tx, audit) => {
    const agreement = await lockAgreement(tx, id);
    assertOpen(agreement);
    const target = await editableVersion(tx, audit, actor, agreement);
    // Only the sections sent are replaced; undefined keys would otherwise blank them.
    const sent = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
    const content = agreementContentSchema.parse({ ...target.content, ...sent });
    await assertValidContent(tx, content, agreement);
    const sections = changedSections(target.content, content);
    const [saved] = await tx
      .update(agreementVersions)
      .set({ content, updatedAt: new Date() })
      .where(and(eq(agreementVersions.agreementId, id), eq(agreementVersions.version, target.version)))
      .returning();
    if (agreement.status === "DRAFT") {
      const { title, tier, parentAgreementId } = content.documentControl;
      await tx.update(agreements).set({ title, tier, parentAgreementId, updatedAt: new Date() }).where(eq(agreements.id, id));
    }
    if (sections.includes("parties")) await syncParties(tx, id);
    audit.record(snapshotOf(actor), {
      type: "agreement.version_edited",
      entity: { type: "agreement", id },
      details: { version: target.version, sections },
    });
    return saved!;
  });
}
