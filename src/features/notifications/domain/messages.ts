import type { Catalogue, Locale } from "../../../platform/messages";

/**
 * Notifications: the words for people, keyed by stable codes (see `messages.ts`). What goes by email
 * names no person, no organisation's case and nothing from a record: only what kind of thing is
 * waiting, and where to find it once signed in.
 */
const en = {
  /** Each kind's subject line and its one paragraph; the same words title it in the app's own list. */
  notificationSubject: {
    emergency_share_received: "Urgent: information has been shared with you in an emergency",
    emergency_share_unopened: "Urgent: an emergency share to your organisation has not been opened",
    share_received: "Information has been shared with you",
    request_received: "Your organisation has been asked for information",
    approval_waiting: "A decision to share is waiting for your approval",
    notice_to_acknowledge: "Information your organisation was sent has changed",
    agreement_to_sign: "An information sharing agreement is ready for you to sign",
    agreement_review_due: "An information sharing agreement is due for review",
    work_due: "Things in your work list are due",
    breach_report_due: "Urgent: a breach must be reported to the ICO soon",
    breach_report_overdue: "Urgent: a breach's 72 hours to report to the ICO have passed",
    breach_involves_your_data: "A breach at another organisation involves information yours shared",
    breach_delete_copy: "Urgent: delete information your organisation was sent by mistake",
  },
  notificationBody: {
    emergency_share_received:
      "Another organisation has shared information with you through Safeshare because a child may be at immediate risk. Sign in and open it as soon as you can.",
    emergency_share_unopened:
      "Information shared with your organisation in an emergency has not been opened yet. As a safeguarding lead, make sure someone opens it now.",
    share_received: "Another organisation has shared information with you through Safeshare. Sign in to read and acknowledge it.",
    request_received: "Another organisation has asked yours for information through Safeshare. Sign in to see when the answer is due.",
    approval_waiting: "Someone in your organisation has decided to share information and needs a safeguarding lead to approve it.",
    notice_to_acknowledge:
      "An organisation that shared information with yours has corrected, restricted or erased some of it, or recorded a dispute about it. Sign in to read the notice and acknowledge it.",
    agreement_to_sign: "You are named as your organisation's signatory on an information sharing agreement. Sign in to read and sign it.",
    agreement_review_due:
      "An information sharing agreement your organisation owns is due for review within 3 months, or its review is overdue. Sign in to see when, and to record the review.",
    work_due: "In your work list in Safeshare, {what}. Sign in to see them.",
    breach_report_due:
      "A personal data breach on your organisation's register has used most of its 72 hours to be reported to the ICO. Sign in to report it, or record why it need not be reported.",
    breach_report_overdue:
      "The 72 hours to report a personal data breach on your organisation's register to the ICO have passed. Report it now, with the reasons for the delay.",
    breach_involves_your_data:
      "Another organisation has recorded a personal data breach that involves information your organisation shared with it. Sign in to see what happened and where it stands.",
    breach_delete_copy:
      "Information was shared with your organisation by mistake and its sender has withdrawn your access. Sign in to confirm you have deleted any copy you made.",
  },
  /** The reminder's counts, joined into `notificationBody.work_due`'s {what}. */
  workDue: {
    dueTomorrow: { one: "1 thing is due tomorrow", other: "{count} things are due tomorrow" },
    overdue: { one: "1 thing is overdue", other: "{count} things are overdue" },
    and: " and ",
  },
  mail: {
    link: "Open Safeshare",
    footer: "You get this email because you use Safeshare. It does not say who it is about: sign in to see.",
    digestSubject: "Your Safeshare summary: {count} things waiting",
    digestIntro: "Since your last summary:",
    digestLine: "{subject} ({count})",
  },
  notificationsPage: {
    title: "Your notifications",
    empty: "You have no notifications.",
    unread: "New",
    emailSent: "Emailed",
    emailKept: "Not emailed: Safeshare has no email set up",
    emailDigest: "In your next daily summary",
    emailPending: "Being emailed",
    emailSuppressed: "Not emailed",
    choose: "Choose how you hear about things",
  },
  /** The person's own choice of how they hear about what is not urgent (/account/notifications). */
  preferencesPage: {
    title: "How you hear about things",
    legend: "How do you want to hear about things that are not urgent?",
    hint: "Such as information shared with you, requests to your organisation, approvals, notices and agreements.",
    urgent:
      "Emergency shares always reach you by email at once, whatever you choose here: a child may be at immediate risk, so they cannot be switched off.",
    save: "Save",
    saved: "Your choice has been saved.",
    required: "Select how you want to hear about things that are not urgent",
  },
  /** How a person takes what is not urgent: the radios' labels and hints. */
  deliveryChoice: {
    immediate: "At once",
    daily_digest: "In a daily summary",
  },
  deliveryChoiceHint: {
    immediate: "An email for each thing as it happens.",
    daily_digest: "One email each morning counting what is waiting for you.",
  },
  /** What each of this feature's audit events says in the audit log (audit-events.ts declares them; the log fills in {actor} and {about}). */
  notificationsAuditEvent: {
    "notification.sent": "{actor} emailed {about}",
    "notification.kept": "{actor} kept {about} in Safeshare without emailing it",
    "notification.suppressed": "{actor} did not email {about}",
    "notification_preference.changed": "{actor} chose how they hear about things that are not urgent",
  },
} satisfies Catalogue;

/** One catalogue per language; a new one must have every message of `en`. */
export const NOTIFICATIONS_MESSAGES: Readonly<Record<Locale, typeof en>> = { en };
