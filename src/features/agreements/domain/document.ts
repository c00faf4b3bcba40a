import type { AgreementContent, Section, Tier } from "./content";
import type { AgreementStatus, ParentInForceInput, VersionKind, VersionState } from "./lifecycle";

export interface OrganisationSummary {
  id: string;
  name: string;
  icoRegistration: string | null;
  dpoName: string | null;
  dpoEmail: string | null;
}

export interface SignatureSummary {
  organisationId: string;
  version: number;
  kind: "SIGNATURE" | "ACCESSION";
  signatoryName: string;
  signatoryJobTitle: string;
  /** ISO timestamp. */
  signedAt: string;
}

/**
 * Everything needed to print one version of an agreement, resolved from the database: the printable
 * HTML page, the PDF and the ODRL export all read this, never the database directly.
 */
export interface AgreementDocument {
  agreementId: string;
  /** "DSA-0007" */
  reference: string;
  title: string;
  tier: Tier;
  status: AgreementStatus;
  version: number;
  versionState: VersionState;
  versionKind: VersionKind;
  changeSummary: string | null;
  inForceVersion: number | null;
  inForceSince: string | null;
  lastReviewedOn: string | null;
  nextReviewDate: string | null;
  owner: OrganisationSummary;
  /** The tier 1 parent this version's terms inherit from (its version in force). */
  parent: { id: string; reference: string; title: string; version: number | null } | null;
  /**
   * The agreement's tier 1 parent as the in-force rule reads it (`notInForceReason`): the parent on the
   * register, which a pending variation naming another does not change until it is signed.
   */
  parentInForce: ParentInForceInput | null;
  /** The effective terms: a tier 2 agreement's blank baseline sections filled from its parent. */
  content: AgreementContent;
  /** Sections taken from the tier 1 parent. */
  inherited: Section[];
  /** Every organisation the content refers to, by id. */
  organisations: Record<string, OrganisationSummary>;
  /** Signatory users named by parties, by user id. */
  users: Record<string, { name: string }>;
  /** Signatures on this version and, for an accession, the earlier signatures it carries forward. */
  signatures: SignatureSummary[];
  /** ISO timestamp of when this document was produced. */
  generatedAt: string;
}

export function agreementReference(number: number): string {
  return `DSA-${String(number).padStart(4, "0")}`;
}
