import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { snapshotOf } from "../../../platform/audit/events";
import { inTransaction } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import type { Db, Tx } from "../../../platform/db/client";
import { ConflictError } from "../../../platform/errors";
import { notify } from "../../notifications";
import type {} from "../audit-events";
import { readinessErrors } from "../domain/consistency";
import { agreementContentSchema, CONTROLLER_RELATIONSHIPS } from "../domain/content";
import { ARTICLE_6, ARTICLE_9_10, GATEWAYS } from "../domain/lawful-basis";
import { isOperating } from "../domain/lifecycle";
import { agreementSignatures, agreements, agreementVersions } from "../schema";
import { assertValidContent, lockAgreement, syncParties } from "./agreement-writes";
import { assertCanManage, assertOpen } from "./edit-agreement";
import { loadAgreement, loadVersion, type VersionRow } from "./queries";

/**
 * Sends the draft version (a new agreement or a variation) to every party's signatory. It must be
 * complete enough to sign; a variation must say what changed.
 */
export async function sendForSignature(db: Db, actor: Actor, id: string, input: { changeSummary?: string } = {}): Promise<VersionRow> {
  assertCanManage(actor, await loadAgreement(db, actor, id));
  return inTransaction(db, async (tx, audit) => {
    const agreement = await lockAgreement(tx, id);
    assertOpen(agreement);
    const latest = (await loadVersion(tx, id, agreement.latestVersion))!;
    if (latest.state !== "DRAFT")
      throw new ConflictError(`There is no draft to send: version ${latest.version} is ${latest.state.toLowerCase().replaceAll("_", " ")}`);
    const problems = readinessErrors(latest.content, agreement.ownerOrganisationId);
    if (problems.length) throw new ConflictError("The agreement is not ready to sign yet", problems);
    const changeSummary = input.changeSummary?.trim() || latest.changeSummary;
    if (latest.kind === "VARIATION" && !changeSummary) {
      throw new ConflictError("Say what this variation changes", [
        { path: "/changeSummary", message: "Describe what the variation changes and why" },
      ]);
    }
    const signatories = latest.content.parties.map((p) => p.organisationId);
    const [sent] = await tx
      .update(agreementVersions)
      .set({ state: "AWAITING_SIGNATURES", requiredSignatories: signatories, changeSummary, updatedAt: new Date() })
      .where(and(eq(agreementVersions.agreementId, id), eq(agreementVersions.version, latest.version)))
      .returning();
    const entity = { type: "agreement", id } as const;
    await tellSignatories(tx, id, latest.content.parties);
    audit.record(snapshotOf(actor), {
      type: "agreement.version_sent_for_signature",
      entity,
      details: { version: latest.version, signatories },
    });
    if (agreement.status === "DRAFT") {
      await tx
        .update(agreements)
        .set({ status: "AWAITING_SIGNATURES", statusReason: null, updatedAt: new Date() })
        .where(eq(agreements.id, id));
      audit.record(snapshotOf(actor), {
        type: "agreement.status_changed",
        entity,
        details: { from: "DRAFT", to: "AWAITING_SIGNATURES", action: "send_for_signature" },
      });
    }
    return sent!;
  });
}

/** Takes a version back from the signatories to change it; signatures already given on it lapse. */
export async function returnToDraft(db: Db, actor: Actor, id: string, reason: string): Promise<VersionRow> {
  assertCanManage(actor, await loadAgreement(db, actor, id));
  return inTransaction(db, async (tx, audit) => {
    const agreement = await lockAgreement(tx, id);
    const latest = (await loadVersion(tx, id, agreement.latestVersion))!;
    if (latest.state !== "AWAITING_SIGNATURES") throw new ConflictError("Only a version awaiting signatures can be returned to draft");
    if (latest.kind === "ACCESSION") {
      throw new ConflictError(
        "An accession adds a party to terms already agreed, so it cannot be redrafted: discard it, or let the joining party sign",
      );
    }
    await tx
      .delete(agreementSignatures)
      .where(and(eq(agreementSignatures.agreementId, id), eq(agreementSignatures.version, latest.version)));
    const [draft] = await tx
      .update(agreementVersions)
      .set({ state: "DRAFT", updatedAt: new Date() })
      .where(and(eq(agreementVersions.agreementId, id), eq(agreementVersions.version, latest.version)))
      .returning();
    if (agreement.status === "AWAITING_SIGNATURES") {
      await tx.update(agreements).set({ status: "DRAFT", statusReason: reason, updatedAt: new Date() }).where(eq(agreements.id, id));
      audit.record(snapshotOf(actor), {
        type: "agreement.status_changed",
        entity: { type: "agreement", id },
        details: { from: "AWAITING_SIGNATURES", to: "DRAFT", action: "return_to_draft" },
      });
    }
    return draft!;
  });
}

/** Abandons a pending variation or accession of an agreement in force; the signed version stays in force. */
export async function discardPendingVersion(db: Db, actor: Actor, id: string): Promise<void> {
  assertCanManage(actor, await loadAgreement(db, actor, id));
  await inTransaction(db, async (tx, audit) => {
    const agreement = await lockAgreement(tx, id);
    const latest = (await loadVersion(tx, id, agreement.latestVersion))!;
    if (agreement.inForceVersion === null || latest.state === "SIGNED" || latest.state === "DISCARDED") {
      throw new ConflictError("There is no pending variation or accession to discard");
    }
    await tx
      .update(agreementVersions)
      .set({ state: "DISCARDED", updatedAt: new Date() })
      .where(and(eq(agreementVersions.agreementId, id), eq(agreementVersions.version, latest.version)));
    await syncParties(tx, id);
    audit.record(snapshotOf(actor), {
      type: "agreement.version_discarded",
      entity: { type: "agreement", id },
      details: { version: latest.version },
    });
  });
}

export const accessionInput = z.object({
  organisationId: z.uuid({ error: "Select the organisation that is joining" }),
  controllerRelationship: z.enum(CONTROLLER_RELATIONSHIPS, { error: "Select the controller relationship" }).default("SEPARATE"),
  signatoryUserId: z.uuid({ error: "Select who signs for the joining organisation" }),
  signatoryJobTitle: z.string().trim().max(200).default(""),
  gateways: z.array(z.enum(GATEWAYS)).default([]),
  article6: z.array(z.enum(ARTICLE_6)).min(1, "Select at least one Article 6 basis"),
  article9: z.array(z.enum(ARTICLE_9_10)).default([]),
});
export type AccessionInput = z.input<typeof accessionInput>;

/**
 * A new party joins an agreement in force by signing an accession: a new version that adds them to
 * the terms already agreed. Only the joining party signs it; the others' signatures carry forward.
 */
export async function proposeAccession(db: Db, actor: Actor, id: string, input: AccessionInput): Promise<VersionRow> {
  const joining = accessionInput.parse(input);
  assertCanManage(actor, await loadAgreement(db, actor, id));
  return inTransaction(db, async (tx, audit) => {
    const agreement = await lockAgreement(tx, id);
    if (!isOperating(agreement)) {
      throw new ConflictError("An organisation can only join an agreement that is in force");
    }
    if (agreement.latestVersion !== agreement.inForceVersion) {
      const latest = (await loadVersion(tx, id, agreement.latestVersion))!;
      if (latest.state !== "DISCARDED")
        throw new ConflictError(`Version ${latest.version} is still pending: send it, or discard it, first`);
    }
    const inForce = (await loadVersion(tx, id, agreement.inForceVersion))!;
    if (inForce.content.parties.some((p) => p.organisationId === joining.organisationId)) {
      throw new ConflictError("This organisation is already a party", [
        { path: "/organisationId", message: "This organisation is already a party" },
      ]);
    }
    const content = agreementContentSchema.parse({
      ...inForce.content,
      parties: [
        ...inForce.content.parties,
        {
          organisationId: joining.organisationId,
          controllerRelationship: joining.controllerRelationship,
          signatoryUserId: joining.signatoryUserId,
          signatoryJobTitle: joining.signatoryJobTitle,
        },
      ],
      legalBasis: [
        ...inForce.content.legalBasis,
        { organisationId: joining.organisationId, gateways: joining.gateways, article6: joining.article6, article9: joining.article9 },
      ],
    });
    await assertValidContent(tx, content, agreement);
    const version = agreement.latestVersion + 1;
    const [created] = await tx
      .insert(agreementVersions)
      .values({
        agreementId: id,
        version,
        kind: "ACCESSION",
        state: "AWAITING_SIGNATURES",
        content,
        requiredSignatories: [joining.organisationId],
        changeSummary: "Accession of a new party",
        createdByUserId: actor.userId,
      })
      .returning();
    await tx.update(agreements).set({ latestVersion: version, updatedAt: new Date() }).where(eq(agreements.id, id));
    await syncParties(tx, id);
    await tellSignatories(
      tx,
      id,
      content.parties.filter((p) => p.organisationId === joining.organisationId),
    );
    audit.record(snapshotOf(actor), {
      type: "agreement.version_created",
      entity: { type: "agreement", id },
      details: { version, kind: "ACCESSION", joiningOrganisationId: joining.organisationId },
    });
    return created!;
  });
}

/** A version is ready to sign: each party's named signatory who is asked to sign it is told (sending for signature requires one each). */
async function tellSignatories(tx: Tx, id: string, parties: readonly { signatoryUserId: string | null }[]) {
  const userIds = parties.flatMap((p) => (p.signatoryUserId ? [p.signatoryUserId] : []));
  await notify(tx, { userIds, kind: "agreement_to_sign", href: `/agreements/${id}/sign` });
}
