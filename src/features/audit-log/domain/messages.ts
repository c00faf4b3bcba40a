import type { Catalogue, Locale } from "../../../platform/messages";

/**
 * The audit log's words: its own events, and those of the platform and the demo seed, which have no
 * feature catalogue of their own (every other feature's events read from that feature's catalogue).
 * {actor} is who did it, {about} what it was about (`about` below).
 */
const en = {
  platformAuditEvent: {
    "audit.verified": "{actor} checked the audit log has not been changed",
    "audit.exported": "{actor} downloaded part of the audit log",
  },
  platformEvent: {
    "personal_data.viewed": "{actor} viewed {about}",
    "access.denied": "{actor} was refused a page they may not see",
    "secrets.sealed": "{actor} sealed stored secrets with the current key",
    "secrets.key_rotated": "{actor} sealed stored secrets with a new key",
    "database.backed_up": "{actor} backed up the database",
    "database.restored": "{actor} restored the database from a backup",
  },
  /** A read of a list rather than of one person's record reads better said so (`personal_data.viewed` of an organisation). */
  viewedList: {
    organisation: "{actor} viewed a list of people's information at {about}",
    audit_log: "{actor} viewed the audit log",
  },
  demoEvent: {
    "partnership.demo_seeded": "{actor} set up the demonstration partnership",
    "partnership.synthetic_seeded": "{actor} added made-up people for testing",
  },
  /** What an event was about, when the thing's name is known. */
  about: {
    subject: "{name}'s record",
    user: "{name}'s account",
    organisation: "{name}",
    agreement: "the agreement {name}",
    audit_log: "the audit log",
    record_item: "an item on a record",
    concern: "a concern",
    share_decision: "a decision about sharing",
    disclosure: "information shared between organisations",
    information_request: "a request for information",
    rights_request: "a rights request",
    partnership_setting: "a partnership setting",
    notification: "a notification",
    api_client: "a partner system's API client",
    webhook_endpoint: "a partner system",
    legal_hold: "the legal hold “{name}”",
    disposal_batch: "disposal batch {name}",
    breach: "breach {name}",
  },
  /** The same, when the name is not known to the reader (out of their scope, or a protected identity). */
  aboutUnnamed: {
    subject: "a person's record",
    user: "a user's account",
    organisation: "an organisation",
    agreement: "an agreement",
    legal_hold: "a legal hold",
    disposal_batch: "a disposal batch",
    breach: "a breach",
  },
  actor: {
    anonymous: "Someone not signed in",
    system: "Safeshare",
    /** A partner system calling with its token, and the person who answers for it. */
    apiClient: "{client} (a partner system, for {person})",
    /** An event about no one thing: only refused sign-ins to an email no account has. */
    unknownAccount: "an account that does not exist",
    /** The event type filter's options say each sentence with no one in particular in it. */
    someone: "Someone",
    something: "…",
    /** What an event is about when the log has no words for that kind of thing (an older kind). */
    unknownThing: "something",
  },
} satisfies Catalogue;

/** One catalogue per language; a new one must have every message of `en`. */
export const AUDIT_LOG_MESSAGES: Readonly<Record<Locale, typeof en>> = { en };
