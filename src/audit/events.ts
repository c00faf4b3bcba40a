import type { Actor } from "../domain/actor";
import type { Role } from "../domain/roles";

/** Bump when the shape of an event body changes; verifiers and readers switch on it. */
export const AUDIT_SCHEMA_VERSION = 1;

/** Who did it, frozen at the moment: later renames or role changes do not rewrite history. */
export type ActorSnapshot = ({ kind: "user" } & Actor) | { kind: "system"; name: string } | { kind: "anonymous" };

export type EntityRef = { type: "user" | "organisation" | "audit_log"; id: string };

type UserRef = { type: "user"; id: string };
type OrganisationRef = { type: "organisation"; id: string };

export type SignInFailure = "unknown_email" | "wrong_password" | "locked" | "deactivated" | "no_password" | "wrong_second_factor";

/**
 * Every kind of event the log holds. Details name fields and codes, never free text typed about a
 * person, so the log can be kept longer than the records it describes.
 */
export type AuditEvent =
  | { type: "auth.signed_in"; entity: UserRef; details: { secondFactor: "none" | "totp" | "recovery_code" } }
  | { type: "auth.sign_in_failed"; entity?: UserRef; details: { reason: SignInFailure } }
  | { type: "auth.locked_out"; entity: UserRef; details: { failures: number; until: string } }
  | { type: "auth.signed_out"; entity: UserRef; details: { reason: "user" | "idle" | "absolute" } }
  | { type: "auth.mfa_enrolled"; entity: UserRef; details: { recoveryCodes: number } }
  | { type: "auth.password_set"; entity: UserRef; details: { via: "invitation" | "cli" } }
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
  | { type: "personal_data.viewed"; entity: EntityRef; details: { view: string; count?: number } }
  | { type: "audit.verified"; entity: { type: "audit_log"; id: "main" }; details: { ok: boolean; count: number } }
  | { type: "partnership.demo_seeded"; details: { organisations: number; users: number } };

export type AuditEventType = AuditEvent["type"];

/**
 * The exact object serialised into an audit row's body. `organisationId` is the organisation
 * whose trail the event belongs to: the actor's, or for an anonymous attempt on an account
 * (a failed sign-in), the account's. Auditors see their organisation's trail.
 */
export type AuditBody = AuditEvent & { v: number; seq: number; at: string; actor: ActorSnapshot; organisationId?: string };

export function snapshotOf(actor: Actor | undefined): ActorSnapshot {
  return actor ? { kind: "user", ...actor, roles: [...actor.roles] } : { kind: "anonymous" };
}
