import { and, eq, getTableColumns, inArray, lte, or } from "drizzle-orm";
import type { Actor } from "../../../platform/auth/actor";
import type { Db } from "../../../platform/db/client";
import { organisations, users } from "../../organisations-and-users/schema";
import { type AgreementDocument, agreementReference, type OrganisationSummary } from "../domain/document";
import { effectiveContent } from "../domain/inheritance";
import { agreementSignatures, agreements, agreementVersions } from "../schema";
import { currentVersion, type ListedAgreement, loadAgreement, loadVersion, loadVisibleVersion, type VersionRow } from "./queries";

/**
 * Resolves one version of an agreement into a printable document: effective terms (a tier 2
 * agreement's blank baseline sections from its tier 1 parent's version in force), organisation and
 * signatory names, and the signatures that stand for this version.
 */
export async function loadAgreementDocument(
  db: Db,
  actor: Actor,
  id: string,
  versionNumber?: number,
  now = new Date(),
): Promise<AgreementDocument> {
  const agreement = await loadAgreement(db, actor, id);
  const version =
    versionNumber === undefined
      ? await currentVersion(db, actor, agreement)
      : await loadVisibleVersion(db, actor, agreement, versionNumber);
  return buildDocument(db, agreement, version, now);
}

export async function buildDocument(db: Db, agreement: ListedAgreement, version: VersionRow, now = new Date()): Promise<AgreementDocument> {
  const parent = await loadParent(db, version.content.documentControl.parentAgreementId);
  const { content, inherited } = effectiveContent(version.content, parent?.content ?? null);
  const orgIds = [...new Set([agreement.ownerOrganisationId, ...content.parties.map((p) => p.organisationId)])];
  const orgRows = await db.select().from(organisations).where(inArray(organisations.id, orgIds));
  const orgs: Record<string, OrganisationSummary> = Object.fromEntries(
    orgRows.map((o) => [o.id, { id: o.id, name: o.name, icoRegistration: o.icoRegistration, dpoName: o.dpoName, dpoEmail: o.dpoEmail }]),
  );
  const userIds = content.parties.flatMap((p) => (p.signatoryUserId ? [p.signatoryUserId] : []));
  const userRows = userIds.length ? await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, userIds)) : [];
  return {
    agreementId: agreement.id,
    reference: agreementReference(agreement.number),
    title: content.documentControl.title,
    tier: content.documentControl.tier,
    status: agreement.status,
    version: version.version,
    versionState: version.state,
    versionKind: version.kind,
    changeSummary: version.changeSummary,
    inForceVersion: agreement.inForceVersion,
    inForceSince: agreement.inForceSince,
    lastReviewedOn: agreement.lastReviewedOn,
    nextReviewDate: agreement.nextReviewDate,
    owner: orgs[agreement.ownerOrganisationId]!,
    parent: parent && { id: parent.id, reference: parent.reference, title: parent.title, version: parent.version },
    parentInForce: agreement.parent,
    content,
    inherited,
    organisations: orgs,
    users: Object.fromEntries(userRows.map((u) => [u.id, { name: u.name }])),
    signatures: await standingSignatures(db, agreement.id, version),
    generatedAt: now.toISOString(),
  };
}

/** A tier 2 agreement's tier 1 parent: its in-force facts and the terms of its version in force. */
export async function loadParent(db: Db, parentId: string | null) {
  if (!parentId) return null;
  const [parent] = await db.select().from(agreements).where(eq(agreements.id, parentId));
  if (!parent) return null;
  const inForce = parent.inForceVersion === null ? undefined : await loadVersion(db, parentId, parent.inForceVersion);
  return {
    id: parent.id,
    reference: agreementReference(parent.number),
    title: parent.title,
    version: parent.inForceVersion,
    status: parent.status,
    inForceVersion: parent.inForceVersion,
    nextReviewDate: parent.nextReviewDate,
    content: inForce?.content ?? null,
  };
}

/**
 * Each party's signature that stands for this version: its own signature on it, or (for the
 * parties an accession carried forward) their latest signature on an earlier version.
 */
async function standingSignatures(db: Db, agreementId: string, version: VersionRow) {
  // Signatures on this version, or on earlier versions that came into force (never on discarded drafts).
  const rows = await db
    .select(getTableColumns(agreementSignatures))
    .from(agreementSignatures)
    .innerJoin(
      agreementVersions,
      and(eq(agreementVersions.agreementId, agreementSignatures.agreementId), eq(agreementVersions.version, agreementSignatures.version)),
    )
    .where(
      and(
        eq(agreementSignatures.agreementId, agreementId),
        lte(agreementSignatures.version, version.version),
        or(eq(agreementSignatures.version, version.version), eq(agreementVersions.state, "SIGNED")),
      ),
    );
  const parties = new Set(version.content.parties.map((p) => p.organisationId));
  const byParty = new Map<string, (typeof rows)[number]>();
  for (const row of rows.sort((a, b) => a.version - b.version)) {
    if (!parties.has(row.organisationId)) continue;
    // A variation needs everyone's signature on it: an earlier signature does not stand for new terms.
    if (version.kind !== "ACCESSION" && row.version !== version.version) continue;
    byParty.set(row.organisationId, row);
  }
  return [...byParty.values()].map((s) => ({
    organisationId: s.organisationId,
    version: s.version,
    kind: s.kind,
    signatoryName: s.signatoryName,
    signatoryJobTitle: s.signatoryJobTitle,
    signedAt: s.signedAt.toISOString(),
  }));
}
