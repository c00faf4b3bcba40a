import type { Actor } from "../auth/actor";

/** Bump when the shape of an event body changes; verifiers and readers switch on it. */
export const AUDIT_SCHEMA_VERSION = 1;

/** Who did it, frozen at the moment: later renames or role changes do not rewrite history. */
export type ActorSnapshot = ({ kind: "user" } & Actor) | { kind: "system"; name: string } | { kind: "anonymous" };

/*
 * The platform owns the envelope and its own events. Each feature declares its events, and the
 * kinds of thing they are about, beside its code in `features/<feature>/audit-events.ts`, and adds
 * them to the catalogues below by module augmentation:
 *
 *   declare module "../../platform/audit/events" {
 *     interface AuditEventCatalogue { agreements: AgreementAuditEvent }
 *     interface AuditEntityCatalogue { agreements: "agreement" }
 *   }
 *
 * so the platform names no feature, yet `AuditEvent` is still one closed union that every recorded
 * body is checked against. A service that records its feature's events imports that file (type
 * only), so the augmentation is in every compilation that needs it by an import, not by accident.
 */

/** The kinds of thing an event may be about, one entry per owner. */
export interface AuditEntityCatalogue {
  /** Users and organisations are the platform's: every actor is a user in an organisation. */
  platform: "user" | "organisation" | "audit_log";
}

export type EntityRef = { type: AuditEntityCatalogue[keyof AuditEntityCatalogue]; id: string };

export type UserRef = { type: "user"; id: string };
export type OrganisationRef = { type: "organisation"; id: string };

/**
 * Events that belong to no one feature: reads of personal data (every feature shows some),
 * refusals, and the log's and the database's own housekeeping. Details name fields and codes,
 * never free text typed about a person, so the log can be kept longer than the records it describes.
 */
export type PlatformAuditEvent =
  /** A read of a person's record: the subject page, an item, the chronology, or a list of results (entity organisation). */
  | {
      type: "personal_data.viewed";
      entity: EntityRef;
      /** `subjectIds`: on a list (search results, the dashboard, "Your work", one person's audit trail), the people it showed, at most one page. */
      details: { view: string; count?: number; itemId?: string; subjectIds?: string[] };
    }
  /**
   * A signed-in user was refused: `out_of_scope`, a 404 for an id that exists in another
   * organisation's records; `role`, a 403; `token_scope`, a partner system's call outside its client's
   * scopes. The response said no more than it always does; ids only.
   */
  | {
      type: "access.denied";
      details: { reason: "out_of_scope" | "role" | "token_scope"; method: string; route: string; ids: Record<string, string> };
    }
  /** Secrets at rest sealed at start-up (stored before sealing existed, or under a previous key); key ids, never keys. */
  | { type: "secrets.sealed"; details: { values: number; keyId: string } }
  | { type: "secrets.key_rotated"; details: { values: number; fromKeyId: string; toKeyId: string } }
  /** `events`: the audit events the backup holds (its head seq), recorded after it so the file and its summary agree. */
  | { type: "database.backed_up"; entity: { type: "audit_log"; id: "main" }; details: { engine: "postgres" | "pglite"; events: number } }
  | { type: "database.restored"; entity: { type: "audit_log"; id: "main" }; details: { engine: "postgres" | "pglite"; events: number } };

/** Every kind of event the log holds: the platform's and each feature's, one entry per owner. */
export interface AuditEventCatalogue {
  platform: PlatformAuditEvent;
}

export type AuditEvent = AuditEventCatalogue[keyof AuditEventCatalogue];

/**
 * The exact object serialised into an audit row's body. `organisationId` is the organisation
 * whose trail the event belongs to: the actor's, or for an anonymous attempt on an account
 * (a failed sign-in), the account's. Auditors see their organisation's trail.
 */
export type AuditBody = AuditEvent & { v: number; seq: number; at: string; actor: ActorSnapshot; organisationId?: string };

export function snapshotOf(actor: Actor | undefined): ActorSnapshot {
  return actor ? { kind: "user", ...actor, roles: [...actor.roles] } : { kind: "anonymous" };
}
