import { and, eq } from "drizzle-orm";
import { snapshotOf } from "../../../platform/audit/events";
import { inTransaction } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import { today } from "../../../platform/dates/calendar";
import type { Db, Queryable } from "../../../platform/db/client";
import { ConflictError, NotFoundError, NotPermittedError } from "../../../platform/errors";
import { users } from "../../organisations-and-users/schema";
import { confirmPassword } from "../../sign-in";
import type {} from "../audit-events";
import { defaultReviewDate } from "../domain/lifecycle";
import { agreementSignatures, agreements, agreementVersions } from "../schema";
import { lockAgreement } from "./agreement-writes";
import { loadAgreement, loadVersion, type SignatureRow } from "./queries";

/** Whether the actor may sign this version now; the reason if not. Run before and inside the transaction. */
async function assertCanSign(tx: Queryable, actor: Actor, id: string, versionNumber: number) {
  const version = await loadVersion(tx, id, versionNumber);
  if (!version || version.state === "DISCARDED") throw new NotFoundError(`Version ${versionNumber} of the agreement`);
  if (version.state !== "AWAITING_SIGNATURES") {
    throw new ConflictError(
      version.state === "DRAFT"
        ? `Version ${version.version} is still a draft: it must be sent for signature before anyone signs it`
        : `Version ${version.version} has already been signed by every party`,
    );
  }
  const party = version.content.parties.find((p) => p.organisationId === actor.organisationId);
  if (!party || !version.requiredSignatories.includes(actor.organisationId)) {
    throw new NotPermittedError(`Your organisation is not asked to sign version ${version.version}`);
  }
  if (party.signatoryUserId !== actor.userId) {
    const [named] = party.signatoryUserId
      ? await tx.select({ name: users.name }).from(users).where(eq(users.id, party.signatoryUserId))
      : [];
    throw new NotPermittedError(`Only the named signatory for ${actor.organisationName}${named ? `, ${named.name},` : ""} can sign`);
  }
  const signed = await tx
    .select({ organisationId: agreementSignatures.organisationId })
    .from(agreementSignatures)
    .where(and(eq(agreementSignatures.agreementId, id), eq(agreementSignatures.version, version.version)));
  if (signed.some((s) => s.organisationId === actor.organisationId)) {
    throw new ConflictError(`${actor.organisationName} has already signed version ${version.version}`);
  }
  return { version, party, signed };
}

/**
 * A party's named signatory signs a version after re-entering their password (checked only once they
 * are known to be the right person, and never while holding the agreement's lock). When the last
 * required signature arrives the version comes into force: for a new agreement that makes it ACTIVE
 * and starts the review clock.
 */
export async function signAgreement(db: Db, actor: Actor, id: string, input: { version: number; password: string }): Promise<SignatureRow> {
  await loadAgreement(db, actor, id);
  await assertCanSign(db, actor, id, input.version);
  await confirmPassword(db, actor, input.password);
  return inTransaction(db, async (tx, audit) => {
    const agreement = await lockAgreement(tx, id);
    const { version, party, signed } = await assertCanSign(tx, actor, id, input.version);
    const kind = version.kind === "ACCESSION" ? "ACCESSION" : "SIGNATURE";
    const [row] = await tx
      .insert(agreementSignatures)
      .values({
        agreementId: id,
        version: version.version,
        organisationId: actor.organisationId,
        userId: actor.userId,
        kind,
        signatoryName: actor.name,
        signatoryJobTitle: party.signatoryJobTitle,
      })
      .returning();
    const entity = { type: "agreement", id } as const;
    audit.record(snapshotOf(actor), {
      type: "agreement.signed",
      entity,
      details: { version: version.version, organisationId: actor.organisationId, kind, reauthenticated: "password" },
    });

    const outstanding = version.requiredSignatories.filter(
      (org) => org !== actor.organisationId && !signed.some((s) => s.organisationId === org),
    );
    if (outstanding.length === 0) {
      const now = new Date();
      await tx
        .update(agreementVersions)
        .set({ state: "SIGNED", cameIntoForceAt: now, updatedAt: now })
        .where(and(eq(agreementVersions.agreementId, id), eq(agreementVersions.version, version.version)));
      const { title, tier, parentAgreementId } = version.content.documentControl;
      const day = today(now);
      await tx
        .update(agreements)
        .set({
          inForceVersion: version.version,
          status: agreement.status === "AWAITING_SIGNATURES" ? "ACTIVE" : agreement.status,
          inForceSince: agreement.inForceSince ?? day,
          nextReviewDate: agreement.nextReviewDate ?? defaultReviewDate(day, version.content.review.intervalMonths),
          title,
          tier,
          parentAgreementId,
          updatedAt: now,
        })
        .where(eq(agreements.id, id));
      audit.record(snapshotOf(actor), {
        type: "agreement.version_in_force",
        entity,
        details: { version: version.version, previous: agreement.inForceVersion },
      });
      if (agreement.status === "AWAITING_SIGNATURES") {
        audit.record(snapshotOf(actor), {
          type: "agreement.status_changed",
          entity,
          details: { from: "AWAITING_SIGNATURES", to: "ACTIVE", action: "all_parties_signed" },
        });
      }
    }
    return row!;
  });
}
