import type { Catalogue, Locale } from "../../../platform/messages";
import type { HoldScope } from "./holds";
import type { DisposalAction, DisposalStatus, RetentionAction, RetentionCategory, RetentionTrigger } from "./schedule";

/** Retention: the words for people, keyed by stable codes (see `platform/messages.ts`). */
const en = {
  category: {
    SCHOOL_CHILD_PROTECTION_FILE: "Child protection file (school)",
    COUNCIL_CHILD_PROTECTION_RECORD: "Child protection record (children's social care)",
    EARLY_HELP_RECORD: "Early help record",
    CHILD_RECORD: "Child's safeguarding record",
    ADULT_RECORD: "Record about an adult",
    DISCLOSED_COPY: "Copy of information another organisation shared",
  } satisfies Record<RetentionCategory, string>,
  trigger: {
    DATE_OF_BIRTH: "the child's date of birth",
    CASE_CLOSURE: "the date the case closed",
    LAST_ENTRY: "the date of the last entry",
    DISCLOSURE_RECEIPT: "the date it was received",
  } satisfies Record<RetentionTrigger, string>,
  action: {
    REVIEW: "Review",
    DESTROY: "Destroy",
    ANONYMISE: "Anonymise",
  } satisfies Record<RetentionAction, string>,
  disposalAction: {
    DESTROY: "Destroyed",
    ANONYMISE: "Anonymised",
  } satisfies Record<DisposalAction, string>,
  /** "then …" after a rule's period, on the review queue and the certificate. */
  actionAfter: {
    REVIEW: "then reviewed",
    DESTROY: "then destroyed",
    ANONYMISE: "then anonymised",
  } satisfies Record<RetentionAction, string>,
  /** The choice between the two disposals, on the page that proposes one. */
  disposalChoice: {
    DESTROY: "Destroy",
    ANONYMISE: "Anonymise",
  } satisfies Record<DisposalAction, string>,
  disposalChoiceHint: {
    DESTROY:
      "Removes the personal data from every item and its versions, the chronology and concerns, and the copies of others' information filed with it. Only a tombstone with the file's reference is left.",
    ANONYMISE:
      "Removes the personal data in the same way, and also leaves a row for statistics (the kind of record, its years and counts) so partnership reporting still counts it.",
  } satisfies Record<DisposalAction, string>,
  disposalStatus: {
    PROPOSED: "Waiting for approval",
    EXECUTED: "Disposed of",
    CANCELLED: "Cancelled",
  } satisfies Record<DisposalStatus, string>,
  holdScope: {
    SUBJECTS: "Chosen people's files",
    CATEGORIES: "Categories of record",
    ORGANISATION: "Everything your organisation holds",
    PARTNERSHIP: "Everything every member organisation holds",
  } satisfies Record<HoldScope, string>,
  /** The schedule's words for people (services/schedule.ts, the schedule's pages). */
  schedule: {
    /** RET-MINIMUM, as a person reads it after saving a shorter period. */
    belowMinimum:
      "This period is shorter than the recommended minimum of {minimum} for this category. Records could be destroyed before the person, a court or an inquiry needs them. Check you have a reason to keep them for less time.",
    notHeld: "Your organisation does not hold this category of record",
  },
  /** Legal holds' words for people (services/holds.ts, the holds' pages). */
  holds: {
    notYours: "Select people from your organisation's records",
    partnershipOnly: "Only a partnership administrator can set a hold over every member organisation",
    setOnlyByIgLead: "Only an IG lead can set a legal hold over your organisation's records",
    liftOnlyBySetter: "Only an IG lead of the organisation that set this hold can lift it",
    liftPartnershipOnly: "Only a partnership administrator can lift a hold over every member organisation",
    alreadyLifted: "This legal hold has already been lifted",
    readOnly: "Only IG leads, auditors and partnership administrators can see legal holds",
  },
  /** What retention asks of an IG lead on the home page (services/load-work.ts). */
  retentionWork: {
    review: {
      one: "{count} record is due for retention review this month",
      other: "{count} records are due for retention review this month",
    },
    approve: "Disposal batch {reference} is waiting for a second IG lead to approve it",
  },
  /** What each of this feature's audit events says in the audit log. */
  retentionAuditEvent: {
    "retention.rule_changed": "{actor} changed a retention rule of {about}",
    "retention.rule_reset": "{actor} put a retention rule of {about} back to its default",
    "retention.hold_set": "{actor} set {about}",
    "retention.hold_lifted": "{actor} lifted {about}",
    "retention.file_kept": "{actor} decided at review to keep {about} for a further period",
    "retention.disposal_proposed": "{actor} proposed {about} for a second IG lead to approve",
    "retention.disposal_cancelled": "{actor} cancelled {about}",
    "retention.disposal_executed": "{actor} approved and carried out {about}",
    "retention.disposal_blocked": "{actor} tried to approve {about}, which a legal hold stopped",
  },
} satisfies Catalogue;

/** One catalogue per language; a new one must have every message of `en`. */
export const RETENTION_MESSAGES: Readonly<Record<Locale, typeof en>> = { en };
