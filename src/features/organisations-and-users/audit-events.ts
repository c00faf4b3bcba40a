import type { OrganisationRef, UserRef } from "../../platform/audit/events";
import type { Role } from "../../platform/auth/roles";

/** Administering organisations and their users. */
export type OrganisationsAndUsersAuditEvent =
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
  | { type: "user.mfa_reset"; entity: UserRef; details: Record<string, never> };

declare module "../../platform/audit/events" {
  interface AuditEventCatalogue {
    "organisations-and-users": OrganisationsAndUsersAuditEvent;
  }
}
