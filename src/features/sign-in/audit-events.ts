import type { UserRef } from "../../platform/audit/events";

/** Why a sign-in was refused; recorded as a code, so a wrong password and an unknown email read alike to the person. */
export type SignInFailure =
  | "unknown_email"
  | "wrong_password"
  | "locked"
  | "deactivated"
  | "no_password"
  | "wrong_second_factor"
  | "second_factor_locked";

/** Signing in and out, second factors and passwords: the events of the sign-in feature. */
export type SignInAuditEvent =
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
  | { type: "auth.password_reset"; entity: UserRef; details: Record<string, never> };

declare module "../../platform/audit/events" {
  interface AuditEventCatalogue {
    "sign-in": SignInAuditEvent;
  }
}
