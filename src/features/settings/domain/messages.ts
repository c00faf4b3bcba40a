import type { Catalogue, Locale } from "../../../platform/messages";

/** The partnership's settings: the words for people, keyed by stable codes (see `messages.ts`). */
const en = {
  /** What each of this feature's audit events says in the audit log (audit-events.ts declares them, test/unit/audit-log/sentences.test.ts checks each has one; the log fills in {actor} and {about}). */
  settingsAuditEvent: {
    "partnership_setting.changed": "{actor} changed {about}",
  },
} satisfies Catalogue;

/** One catalogue per language; a new one must have every message of `en`. */
export const SETTINGS_MESSAGES: Readonly<Record<Locale, typeof en>> = { en };
