import type { Catalogue, Locale } from "../../../platform/messages";
import type { BreachDataCategory, BreachKind, BreachRisk, BreachState, BreachType, ReportPhase } from "./vocabulary";

/** Breaches: the words for people, keyed by stable codes (see `platform/messages.ts`). */
const en = {
  state: {
    DISCOVERED: "Discovered",
    INVESTIGATING: "Investigating",
    REPORTED_TO_ICO: "Reported to the ICO",
    NOT_REPORTED: "Not reported: decided no report is needed",
    INDIVIDUALS_TOLD: "People affected told",
    CLOSED: "Closed",
  } satisfies Record<BreachState, string>,
  risk: {
    NO_RISK: "No risk to people",
    RISK: "A risk to people",
    HIGH_RISK: "A high risk to people",
  } satisfies Record<BreachRisk, string>,
  type: {
    CONFIDENTIALITY: "Confidentiality: seen by someone who should not have seen it",
    INTEGRITY: "Integrity: changed without authority",
    AVAILABILITY: "Availability: lost or could not be reached",
  } satisfies Record<BreachType, string>,
  kind: {
    DESTRUCTION: "Destroyed",
    LOSS: "Lost",
    ALTERATION: "Altered",
    UNAUTHORISED_DISCLOSURE: "Disclosed without authority",
    UNAUTHORISED_ACCESS: "Accessed without authority",
  } satisfies Record<BreachKind, string>,
  dataCategory: {
    SPECIAL_CATEGORY: "Special category data (such as health)",
    CRIMINAL_OFFENCE: "Criminal offence data",
    CHILDREN: "Children's data",
    VULNERABLE_ADULTS: "Vulnerable adults' data",
  } satisfies Record<BreachDataCategory, string>,
  phase: {
    INITIAL: "Initial report",
    FOLLOW_UP: "Follow-up report",
  } satisfies Record<ReportPhase, string>,
  /** The ICO report's clock in words (domain/clock-text.ts). */
  clock: {
    notNeeded: "No report to the ICO needed",
    due: "Report to the ICO due in {left}",
    dueReminder: "Report to the ICO due in {left}: most of the 72 hours has gone",
    overdue: "Report to the ICO overdue by {over}",
    reportedOnTime: "Reported to the ICO on time",
    reportedLate: "Reported to the ICO late",
  },
  duration: {
    lessThanAMinute: "less than a minute",
    minutes: { one: "{count} minute", other: "{count} minutes" },
    hours: { one: "{count} hour", other: "{count} hours" },
    days: { one: "{count} day", other: "{count} days" },
  },
  /** Refusals and field errors that need the breach or the time (domain/lifecycle.ts, the services). */
  problems: {
    awareInFuture: "The time you became aware of the breach must be now or in the past",
    occurredInFuture: "The time the breach happened must be now or in the past",
    occurredAfterAware: "The breach cannot have happened after you became aware of it",
    reportBeforeAware: "The report cannot have been made before you became aware of the breach",
    reportInFuture: "The time of the report must be now or in the past",
    lateNeedsReasons: "The report was made more than 72 hours after you became aware of the breach: enter the reasons for the delay",
    notYourPerson: "Select people from your organisation's records",
    notYourDisclosure: "Select information your organisation shared",
    noInitialReport: "Record the initial report to the ICO before a follow-up",
    initialAlreadyRecorded: "The initial report to the ICO has already been recorded: record a follow-up instead",
    reportWhileClosed: "This breach is closed: reopen it before recording a report",
    assessFirst: "Assess the risk to people before deciding not to report the breach",
    mustReport: "This breach has been assessed as a risk to people, so it must be reported to the ICO",
    notAllowed: "A breach that is {from} cannot be moved to {to}",
    closed: "This breach is closed and can no longer be changed",
    igLeadsOnly: "Only IG leads can record or change breaches",
    readersOnly: "Only IG leads and auditors can see the breach register",
    containReason: "Access withdrawn to contain breach {reference}",
  },
  /** Warnings shown on a breach until what they ask is done. */
  warnings: {
    tellIndividuals: "This breach is a high risk to the people affected: tell them without undue delay, and record that you have",
    overdue: "The report to the ICO is overdue: report now and give the reasons for the delay",
  },
  /** The other organisations a breach involves (BR-CONTAIN, BR-TELL-CONTROLLER): services/parties.ts, party-view.ts and their pages. */
  parties: {
    readersOnly: "Only IG leads, safeguarding leads and auditors can see a request to delete information sent by mistake",
    confirmersOnly: "Only IG leads and safeguarding leads can confirm that information sent by mistake was deleted",
    involvingReadersOnly: "Only IG leads and auditors can see breaches at other organisations that involve your information",
    confirmRequired: "Confirm that your organisation has deleted every copy",
    alreadyConfirmed: "Your organisation has already confirmed it deleted every copy",
    work: "Confirm you deleted information {sender} sent by mistake",
    /** No agreement set a term: the default, said in words wherever it applies. */
    defaultTerm: "No agreement sets a term, so Safeshare allows {hours} hours",
    term: "Within {hours} hours, as the agreement says",
  },
  /** What the register asks of an IG lead on the home page (services/load-work.ts). */
  breachesWork: {
    report: "Report breach {reference} to the ICO",
  },
  /** What each of this feature's audit events says in the audit log. */
  breachesAuditEvent: {
    "breach.recorded": "{actor} recorded {about} on the breach register",
    "breach.facts_changed": "{actor} changed the facts of {about}",
    "breach.risk_assessed": "{actor} assessed the risk to people of {about}",
    "breach.ico_reported": "{actor} recorded a report to the ICO about {about}",
    "breach.not_reported": "{actor} decided not to report {about} to the ICO, giving reasons",
    "breach.state_changed": "{actor} moved {about} to a new stage",
    "breach.closed": "{actor} closed {about} with the lessons learned",
    "breach.party_added": "{actor} linked another organisation to {about}, to be told of it",
    "breach.party_told": "{actor} told another organisation about {about}",
    "breach.deletion_confirmed": "{actor} confirmed their organisation deleted every copy sent by mistake, for {about}",
    "breach.party_viewed": "{actor} read their organisation's part in {about}",
  },
} satisfies Catalogue;

/** One catalogue per language; a new one must have every message of `en`. */
export const BREACHES_MESSAGES: Readonly<Record<Locale, typeof en>> = { en };
