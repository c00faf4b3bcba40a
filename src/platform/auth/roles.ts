import { AUTH_MESSAGES } from "./messages";
/** Roles a user may hold (issue 2; docs/domain.md §1 glossary). A user may hold several. */
export const ROLES = ["practitioner", "safeguarding_lead", "ig_lead", "org_admin", "partnership_admin", "auditor"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = AUTH_MESSAGES.en.role;

/** Roles that administer an organisation (its users, API clients and webhooks): a partnership admin administers every one. */
export const ADMINISTRATOR_ROLES: readonly Role[] = ["org_admin", "partnership_admin"];

/** Roles whose holders can change who sees what, so a stolen password alone must not be enough (ASVS 2.2). */
const MFA_REQUIRED_ROLES: readonly Role[] = ["ig_lead", "org_admin", "partnership_admin"];

export function requiresMfa(roles: readonly Role[]): boolean {
  return roles.some((role) => MFA_REQUIRED_ROLES.includes(role));
}

/** What a signed-in person still owes before they are fully in. */
export type SecondFactorOwed = "none" | "verify" | "enrol";

/**
 * The one rule for a second factor, at sign-in and on every request: nothing once one was checked in
 * this session; a code from anyone who has enrolled an app, whatever their role; enrolment for a
 * role that needs one (ASVS 2.2); otherwise nothing.
 */
export function secondFactorOwed(who: { passed: boolean; enrolled: boolean; roles: readonly Role[] }): SecondFactorOwed {
  if (who.passed) return "none";
  if (who.enrolled) return "verify";
  return requiresMfa(who.roles) ? "enrol" : "none";
}

export function hasAnyRole(roles: readonly Role[], wanted: readonly Role[]): boolean {
  return roles.some((role) => wanted.includes(role));
}

/** Which roles an administrator may hand out: only partnership admins create partnership admins. */
export function grantableRoles(actorRoles: readonly Role[]): Role[] {
  if (actorRoles.includes("partnership_admin")) return [...ROLES];
  if (actorRoles.includes("org_admin")) return ROLES.filter((role) => role !== "partnership_admin");
  return [];
}
