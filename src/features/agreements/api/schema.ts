import { z } from "zod";
import { agreementContentSchema, TIERS } from "../domain/content";
import { agreementReference } from "../domain/document";
import {
  AGREEMENT_ACTIONS,
  AGREEMENT_STATUSES,
  availableActions,
  notInForceReason,
  reviewState,
  VERSION_KINDS,
  VERSION_STATES,
} from "../domain/lifecycle";
import type { ListedAgreement, SignatureRow, VersionRow } from "../services/queries";

const isoDate = z.string().nullable();

export const agreementSummarySchema = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    title: z.string(),
    tier: z.enum(TIERS),
    status: z.enum(AGREEMENT_STATUSES),
    statusReason: z.string().nullable(),
    ownerOrganisationId: z.uuid(),
    parentAgreementId: z.uuid().nullable(),
    inForceVersion: z.number().int().nullable(),
    latestVersion: z.number().int(),
    inForceSince: isoDate,
    lastReviewedOn: isoDate,
    nextReviewDate: isoDate,
    reviewState: z.enum(["NOT_DUE", "DUE_SOON", "OVERDUE", "LAPSED", "NOT_SET"]),
    /** What a sharing check reads: false once suspended, ended, or more than 3 months past review, or when a tier 2 agreement's tier 1 parent is not in force. */
    inForce: z.boolean(),
    notInForceReason: z.string().nullable(),
    availableActions: z.array(z.enum(AGREEMENT_ACTIONS)),
  })
  .meta({ id: "AgreementSummary" });

export function presentAgreement(a: ListedAgreement, today: string): z.infer<typeof agreementSummarySchema> {
  const reason = notInForceReason(a, a.parent, today);
  return {
    id: a.id,
    reference: agreementReference(a.number),
    title: a.title,
    tier: a.tier,
    status: a.status,
    statusReason: a.statusReason,
    ownerOrganisationId: a.ownerOrganisationId,
    parentAgreementId: a.parentAgreementId,
    inForceVersion: a.inForceVersion,
    latestVersion: a.latestVersion,
    inForceSince: a.inForceSince,
    lastReviewedOn: a.lastReviewedOn,
    nextReviewDate: a.nextReviewDate,
    reviewState: reviewState(a.nextReviewDate, today),
    inForce: reason === null,
    notInForceReason: reason,
    availableActions: availableActions(a.status),
  };
}

export const versionSchema = z
  .object({
    version: z.number().int(),
    state: z.enum(VERSION_STATES),
    kind: z.enum(VERSION_KINDS),
    changeSummary: z.string().nullable(),
    requiredSignatories: z.array(z.uuid()),
    createdAt: z.string(),
    cameIntoForceAt: z.string().nullable(),
    content: agreementContentSchema,
  })
  .meta({ id: "AgreementVersion" });

export function presentVersion(v: VersionRow): z.infer<typeof versionSchema> {
  return {
    version: v.version,
    state: v.state,
    kind: v.kind,
    changeSummary: v.changeSummary,
    requiredSignatories: v.requiredSignatories,
    createdAt: v.createdAt.toISOString(),
    cameIntoForceAt: v.cameIntoForceAt?.toISOString() ?? null,
    content: v.content,
  };
}

export const signatureSchema = z
  .object({
    id: z.uuid(),
    version: z.number().int(),
    organisationId: z.uuid(),
    userId: z.uuid(),
    kind: z.enum(["SIGNATURE", "ACCESSION"]),
    signatoryName: z.string(),
    signatoryJobTitle: z.string(),
    signedAt: z.string(),
  })
  .meta({ id: "AgreementSignature" });

export function presentSignature(s: SignatureRow): z.infer<typeof signatureSchema> {
  return {
    id: s.id,
    version: s.version,
    organisationId: s.organisationId,
    userId: s.userId,
    kind: s.kind,
    signatoryName: s.signatoryName,
    signatoryJobTitle: s.signatoryJobTitle,
    signedAt: s.signedAt.toISOString(),
  };
}
