import type { Catalogue, Locale } from "../../../platform/messages";

/** Signing in: the words for people, keyed by stable codes (see `messages.ts`). */
const en = {
  /** What each of this feature's audit events says in the audit log (audit-events.ts declares them, test/unit/audit-log/sentences.test.ts checks each has one; the log fills in {actor} and {about}). */
  signInAuditEvent: {
    "auth.signed_in": "{actor} signed in",
    "auth.sign_in_failed": "A sign-in to {about} was refused",
    "auth.locked_out": "{about} was locked after too many wrong passwords",
    "auth.second_factor_locked_out": "{about} was locked after too many wrong authenticator codes",
    "auth.signed_out": "{actor} signed out",
    "auth.mfa_enrolled": "{actor} set up an authenticator app",
    "auth.password_set": "{actor} set a password for {about}",
    "auth.password_changed": "{actor} changed their password",
    "auth.password_reset": "{actor} chose a new password with a reset link",
  },
} satisfies Catalogue;

/** One catalogue per language; a new one must have every message of `en`. */
export const SIGN_IN_MESSAGES: Readonly<Record<Locale, typeof en>> = { en };
