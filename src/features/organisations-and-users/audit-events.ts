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
  /** `delivery`: emailed by a job, or shown to the administrator to pass on; `resent`: it replaced an earlier link. Absent before issue 19. */
  | { type: "user.invitation_issued"; entity: UserRef; details: { expiresAt: string; delivery?: "email" | "shown"; resent?: boolean } }
  /** The invitation's job sent it to the user's email address, or gave up after its retries. */
  | { type: "user.invitation_emailed"; entity: UserRef; details: Record<string, never> }
  | { type: "user.invitation_not_emailed"; entity: UserRef; details: Record<string, never> }
  | { type: "user.password_reset_issued"; entity: UserRef; details: { expiresAt: string } }
  /** The user's authenticator app and recovery codes were cleared by an administrator. */
  | { type: "user.mfa_reset"; entity: UserRef; details: Record<string, never> };

declare module "../../platform/audit/events" {
  interface AuditEventCatalogue {
    "organisations-and-users": OrganisationsAndUsersAuditEvent;
  }
}
