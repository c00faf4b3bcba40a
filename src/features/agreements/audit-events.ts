import type { Section, Tier } from "./domain/content";
import type { AgreementStatus, VersionKind } from "./domain/lifecycle";

type AgreementRef = { type: "agreement"; id: string };

/** An agreement's life: drafting, versions, signatures, status and reviews. */
export type AgreementAuditEvent =
  | { type: "agreement.created"; entity: AgreementRef; details: { tier: Tier; fromTemplate: boolean; parties: string[] } }
  | { type: "agreement.version_edited"; entity: AgreementRef; details: { version: number; sections: Section[] } }
  | {
      type: "agreement.version_created";
      entity: AgreementRef;
      details: { version: number; kind: VersionKind; joiningOrganisationId?: string };
    }
  | { type: "agreement.version_discarded"; entity: AgreementRef; details: { version: number } }
  | { type: "agreement.version_sent_for_signature"; entity: AgreementRef; details: { version: number; signatories: string[] } }
  | {
      type: "agreement.signed";
      entity: AgreementRef;
      details: { version: number; organisationId: string; kind: "SIGNATURE" | "ACCESSION"; reauthenticated: "password" };
    }
  | { type: "agreement.version_in_force"; entity: AgreementRef; details: { version: number; previous: number | null } }
  | { type: "agreement.status_changed"; entity: AgreementRef; details: { from: AgreementStatus; to: AgreementStatus; action: string } }
  | { type: "agreement.reviewed"; entity: AgreementRef; details: { reviewedOn: string; nextReviewDate: string; outcome: string } };

declare module "../../platform/audit/events" {
  interface AuditEventCatalogue {
    agreements: AgreementAuditEvent;
  }
  interface AuditEntityCatalogue {
    agreements: "agreement";
  }
}
