import type { Section, Tier } from "../../features/agreements/domain/content";
import type { AgreementStatus, VersionKind } from "../../features/agreements/domain/lifecycle";
import type { ItemCategory, SubjectKind } from "../../features/records/domain/information";
import type { SubjectLinkKind } from "../../features/records/domain/links";
import type { ConcernCategory, RecordItemKind } from "../../features/records/domain/records";
import type { DecisionStatus } from "../../features/sharing/domain/records";
import type { Outcome } from "../../features/sharing/domain/vocabulary";
import type { Actor } from "../auth/actor";
import type { Role } from "../auth/roles";

/** Bump when the shape of an event body changes; verifiers and readers switch on it. */
export const AUDIT_SCHEMA_VERSION = 1;

/** Who did it, frozen at the moment: later renames or role changes do not rewrite history. */
export type ActorSnapshot = ({ kind: "user" } & Actor) | { kind: "system"; name: string } | { kind: "anonymous" };

export type EntityRef = {
  type:
    | "user"
    | "organisation"
    | "audit_log"
    | "agreement"
    | "subject"
    | "record_item"
    | "concern"
    | "partnership_setting"
    | "share_decision"
    | "disclosure"
    | "information_request"
    | "rights_request";
  id: string;
};

type UserRef = { type: "user"; id: string };
type OrganisationRef = { type: "organisation"; id: string };
type AgreementRef = { type: "agreement"; id: string };
type SubjectRef = { type: "subject"; id: string };
type DisclosureRef = { type: "disclosure"; id: string };
type RequestRef = { type: "information_request"; id: string };
type RightsRef = { type: "rights_request"; id: string };

export type SignInFailure =
  | "unknown_email"
  | "wrong_password"
  | "locked"
  | "deactivated"
  | "no_password"
  | "wrong_second_factor"
  | "second_factor_locked";

/**
 * Every kind of event the log holds. Details name fields and codes, never free text typed about a
 * person, so the log can be kept longer than the records it describes.
 */
export type AuditEvent =
  | { type: "auth.signed_in"; entity: UserRef; details: { secondFactor: "none" | "totp" | "recovery_code" } }
  | { type: "auth.sign_in_failed"; entity?: UserRef; details: { reason: SignInFailure } }
  | { type: "auth.locked_out"; entity: UserRef; details: { failures: number; until: string } }
  /** Too many wrong second factors: neither codes nor sign-in (even with the right password) work until `until`. */
  | { type: "auth.second_factor_locked_out"; entity: UserRef; details: { failures: number; until: string } }
  | { type: "auth.signed_out"; entity: UserRef; details: { reason: "user" | "idle" | "absolute" } }
  | { type: "auth.mfa_enrolled"; entity: UserRef; details: { recoveryCodes: number } }
  | { type: "auth.password_set"; entity: UserRef; details: { via: "invitation" | "cli" } }
  /** The person changed their own password; every other session of theirs was ended. */
  | { type: "auth.password_changed"; entity: UserRef; details: Record<string, never> }
  /** A new password chosen through a reset link an administrator issued. */
  | { type: "auth.password_reset"; entity: UserRef; details: Record<string, never> }
  | { type: "organisation.created"; entity: OrganisationRef; details: { fields: string[] } }
  | { type: "organisation.updated"; entity: OrganisationRef; details: { fields: string[] } }
  | {
      type: "user.created";
      entity: UserRef;
      details: { organisationId: string; roles: Role[]; invited: boolean };
    }
  | { type: "user.updated"; entity: UserRef; details: { fields: string[]; roles?: Role[] } }
  | { type: "user.deactivated"; entity: UserRef; details: Record<string, never> }
  | { type: "user.invitation_issued"; entity: UserRef; details: { expiresAt: string } }
  | { type: "user.password_reset_issued"; entity: UserRef; details: { expiresAt: string } }
  /** The user's authenticator app and recovery codes were cleared by an administrator. */
  | { type: "user.mfa_reset"; entity: UserRef; details: Record<string, never> }
  /** A read of a person's record: the subject page, an item, the chronology, or a list of results (entity organisation). */
  | {
      type: "personal_data.viewed";
      entity: EntityRef;
      /** `subjectIds`: on a list (search results, the dashboard), the people it showed, at most one page. */
      details: { view: string; count?: number; itemId?: string; subjectIds?: string[] };
    }
  /**
   * A signed-in user was refused: `out_of_scope`, a 404 for an id that exists in another
   * organisation's records; `role`, a 403. The response said no more than it always does; ids only.
   */
  | {
      type: "access.denied";
      details: { reason: "out_of_scope" | "role"; method: string; route: string; ids: Record<string, string> };
    }
  | {
      type: "audit.verified";
      entity: { type: "audit_log"; id: "main" };
      /** `checkpoints`: how many signed checkpoints the chain was checked against, when it was. */
      details: { ok: boolean; count: number; checkpoints?: number };
    }
  /** Secrets at rest sealed at start-up (stored before sealing existed, or under a previous key); key ids, never keys. */
  | { type: "secrets.sealed"; details: { values: number; keyId: string } }
  | { type: "secrets.key_rotated"; details: { values: number; fromKeyId: string; toKeyId: string } }
  /** `events`: the audit events the backup holds (its head seq), recorded after it so the file and its summary agree. */
  | { type: "database.backed_up"; entity: { type: "audit_log"; id: "main" }; details: { engine: "postgres" | "pglite"; events: number } }
  | { type: "database.restored"; entity: { type: "audit_log"; id: "main" }; details: { engine: "postgres" | "pglite"; events: number } }
  | { type: "partnership.demo_seeded"; details: { organisations: number; users: number } }
  | { type: "partnership.synthetic_seeded"; details: { subjects: number; items: number } }
  | {
      type: "subject.created";
      entity: { type: "subject"; id: string };
      details: {
        kind: SubjectKind;
        aliases: number;
        addresses: number;
        protectedAddresses: number;
        identityProtected?: boolean;
        protectedAliases?: number;
      };
    }
  | { type: "subject.linked"; entity: SubjectRef; details: { linkId: string; kind: SubjectLinkKind; toSubjectId: string } }
  | {
      type: "record_item.recorded";
      entity: SubjectRef;
      details: { itemId: string; category: ItemCategory; kind: RecordItemKind; specialCategory: boolean; criminalOffence: boolean };
    }
  | {
      type: "record_item.corrected";
      entity: SubjectRef;
      details: { itemId: string; lineageId: string; version: number; previousId: string };
    }
  | { type: "record_item.disputed"; entity: SubjectRef; details: { itemId: string } }
  | { type: "concern.raised"; entity: SubjectRef; details: { concernId: string; category: ConcernCategory; levelOfNeed: string } }
  | { type: "concern.acknowledged"; entity: SubjectRef; details: { concernId: string } }
  | { type: "concern.closed"; entity: SubjectRef; details: { concernId: string } }
  | { type: "partnership_setting.changed"; entity: { type: "partnership_setting"; id: string }; details: { key: string } }
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
  | { type: "agreement.reviewed"; entity: AgreementRef; details: { reviewedOn: string; nextReviewDate: string; outcome: string } }
  /** A share decision recorded, whichever way it went; `warnings` the codes acknowledged (or, in an emergency, left to complete). */
  | {
      type: "share_decision.recorded";
      entity: SubjectRef;
      details: {
        decisionId: string;
        outcome: Outcome;
        status: DecisionStatus;
        emergency: boolean;
        recipientOrganisationId: string | null;
        agreementId: string | null;
        agreementVersion: number | null;
        items: number;
        warnings: string[];
      };
    }
  | { type: "share_decision.approved" | "share_decision.returned"; entity: SubjectRef; details: { decisionId: string } }
  | { type: "share_decision.addendum_added"; entity: SubjectRef; details: { decisionId: string; kind: string } }
  | {
      type: "disclosure.sent";
      entity: SubjectRef;
      details: { disclosureId: string; decisionId: string; recipientOrganisationId: string; items: number; redactedItems: number };
    }
  /** The recipient opened it: a read of personal data, in the recipient organisation's trail. */
  | { type: "disclosure.opened"; entity: DisclosureRef; details: { senderOrganisationId: string; first: boolean } }
  | { type: "disclosure.acknowledged"; entity: DisclosureRef; details: { senderOrganisationId: string } }
  | { type: "disclosure.revoked"; entity: DisclosureRef; details: { recipientOrganisationId: string } }
  | { type: "disclosure.filed"; entity: DisclosureRef; details: { subjectId: string; items: number; newSubject: boolean } }
  | {
      type: "information_request.made";
      entity: RequestRef;
      details: { requestedOrganisationId: string; urgency: string; dueOn: string; purposeCode: string };
    }
  | { type: "information_request.withdrawn"; entity: RequestRef; details: Record<string, never> }
  | { type: "information_request.answer_acknowledged"; entity: RequestRef; details: Record<string, never> }
  | { type: "rights_request.logged"; entity: RightsRef; details: { requestType: string; receivedVia: string; dueOn: string } }
  | { type: "rights_request.identity_verified"; entity: RightsRef; details: Record<string, never> }
  | { type: "rights_request.transitioned"; entity: RightsRef; details: { from: string; to: string; dueOn: string; outcome: string | null } }
  | { type: "rights_request.subject_attached"; entity: RightsRef; details: { subjectId: string; harmRisk: boolean } }
  | { type: "rights_request.item_reviewed"; entity: RightsRef; details: { itemId: string; decision: string; exemption: string | null } }
  /** An access request's review of one entry of who the information was shared with: listed or withheld. */
  | {
      type: "rights_request.recipient_reviewed";
      entity: RightsRef;
      details: { disclosureId: string; decision: string; exemption: string | null };
    }
  /** A correction, statement, restriction or erasure decision; only ids, so an erased item's text is not kept here. */
  | { type: "rights_request.item_action"; entity: RightsRef; details: { itemId: string; kind: string; recipientsNotified: number } }
  | { type: "rights_request.complaint_acknowledged"; entity: RightsRef; details: Record<string, never> }
  | { type: "rights_request.processing_decided"; entity: RightsRef; details: { article6: string; decision: string; subjects: number } }
  | { type: "recipient_notice.acknowledged"; entity: RightsRef; details: { noticeId: string } };

/**
 * The exact object serialised into an audit row's body. `organisationId` is the organisation
 * whose trail the event belongs to: the actor's, or for an anonymous attempt on an account
 * (a failed sign-in), the account's. Auditors see their organisation's trail.
 */
export type AuditBody = AuditEvent & { v: number; seq: number; at: string; actor: ActorSnapshot; organisationId?: string };

export function snapshotOf(actor: Actor | undefined): ActorSnapshot {
  return actor ? { kind: "user", ...actor, roles: [...actor.roles] } : { kind: "anonymous" };
}
