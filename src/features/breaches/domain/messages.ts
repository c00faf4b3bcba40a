import type { Catalogue, Locale } from "../../../platform/messages";
import type { NoticeSentHow } from "./notices";
import type {
  BreachDataCategory,
  BreachKind,
  BreachRisk,
  BreachState,
  BreachType,
  NoticeAudience,
  NoticeState,
  ReportPhase,
} from "./vocabulary";

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
  /** Notices telling the people affected (Art 34; services/notices.ts, web/notice-pages.ts). */
  noticeAudience: {
    PARENT: "The letter for a parent, carer or adult",
    YOUNG_PERSON: "The letter for a young person, in simpler words",
  } satisfies Record<NoticeAudience, string>,
  noticeState: { DRAFT: "Draft", SENT: "Sent", WITHHELD: "Withheld" } satisfies Record<NoticeState, string>,
  noticeSentHow: { LETTER: "By letter", EMAIL: "By email", IN_PERSON: "In person", PHONE: "By phone" } satisfies Record<
    NoticeSentHow,
    string
  >,
  notices: {
    perpetrator: "{addressee} is recorded as an alleged perpetrator of harm towards {towards}: Safeshare will not send them a notice",
    livesWithPerpetrator:
      "{addressee} lives with {perpetrator}, who is recorded as an alleged perpetrator of harm towards {towards}: Safeshare will not send them a notice",
    notAffected: "Select a person this breach affected",
    notTheirs: "Select the person affected, or a parent or carer linked to them",
    youngPersonSelfOnly: "The young person's version is only for the person affected themself",
    notWrittenTo: "{person} is under 12, or their age is not recorded: write to a parent or carer instead",
    notDraft: "This notice has already been {state}: it can no longer be changed",
    sentInFuture: "The time the notice was sent must be now or in the past",
    sentBeforeAware: "The notice cannot have been sent before you became aware of the breach",
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
  /** The register's forms (web/forms.ts): their field errors, what a change says once made, and raising from a disclosure. */
  forms: {
    enterDate: "Enter the date {when}",
    realDate: "The date {when} must be a real date, like 27 3 2026",
    enterTime: "Enter the time {when}, like 9:30am or 14:30",
    realTime: "Enter the time {when} as a real time, like 9:30am or 14:30",
    noSuchTime: "The time {when} did not happen in the UK that day: the clocks went forward an hour",
    awareWhen: "you became aware of the breach",
    occurredWhen: "the breach happened",
    reportedWhen: "the report was made",
    physicalRisk: "Say whether anyone is at risk of physical harm",
    physicalRiskDetail: "Describe who is at risk of physical harm and how",
    withdraws: "Recording this breach will withdraw {recipient}'s access to the information at once.",
    alreadyWithdrawn: "{recipient}'s access to the information has already been withdrawn.",
    fromDisclosure: "Information shared with {recipient} on {sentAt} went where it should not have.",
    draftSaved: "Your draft is saved. To carry on, choose Record a breach on the breach register.",
    selectPeople: "Select the people to add",
  },
  /** What the breach's page says once a form's change is made. */
  formsDone: {
    recorded: "Breach recorded.",
    recordedAndWithdrawn: "Breach recorded. The recipient can no longer open the information.",
    facts: "The facts of the breach are changed.",
    risk: "The risk to people is recorded.",
    report: "The report to the ICO is recorded.",
    notReported: "The decision not to report to the ICO is recorded.",
    investigating: "The investigation has started.",
    closed: "Breach closed.",
    peopleAdded: "The people affected are changed: the people you selected are added.",
    personRemoved: "The people affected are changed: the person is removed.",
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
    "breach.notice_drafted": "{actor} drafted a notice telling someone affected by {about}",
    "breach.notice_edited": "{actor} edited a draft notice about {about}",
    "breach.notice_sent": "{actor} recorded that a notice about {about} was sent",
    "breach.notice_withheld": "{actor} withheld a notice about {about} because telling would increase the risk, giving the reason",
    "breach.notice_refused":
      "The safeguarding check stopped {actor} sending a notice about {about} to someone linked to an alleged perpetrator",
    "breach.ico_pack_read": "{actor} read the ICO report pack of {about}",
  },
  /** Your work's countdown to the ICO report (domain/clock-text.ts `countdownText`). */
  countdown: {
    left: "{left} left to report to the ICO",
    over: "Overdue by {over}",
  },
  /** The ICO report pack (domain/ico-pack.ts): the ICO's breach report form's fields in words, as reported or as a draft. */
  icoPack: {
    title: "ICO report pack: breach {reference}, {phase}",
    draftTitle: "Draft ICO report pack: breach {reference}",
    introduction:
      "What {organisation} told the Information Commissioner's Office (ICO) about breach {reference} in this report, made on {reportedAt}, as recorded then. Later changes to the breach do not change it.",
    draftIntroduction:
      "A draft to help you fill in the ICO's personal data breach report form, from the facts of breach {reference} as they stood on {now}. It has not been sent to the ICO. Once you have reported, record the report on the breach.",
    aboutReport: "About the report",
    reportType: "Initial or follow-up report",
    caseReference: "ICO case reference",
    noCaseReference: "Not yet given by the ICO",
    enterCaseReference: "Enter the case reference the ICO gave you for the initial report",
    reportedAt: "When the report was made",
    notYetReported: "Not yet reported",
    dueAt: "Due to be reported by (72 hours after becoming aware)",
    onTime: "Reported within 72 hours",
    lateQuestion: "Reported more than 72 hours after becoming aware",
    yesLate: "Yes",
    noOnTime: "No",
    draftLate: "Yes: the 72 hours have passed, so the form asks for the reasons for the delay",
    draftOnTime: "Not if it is reported by the time above",
    delayReasons: "Reasons for the delay",
    giveDelayReasons: "Give the reasons for the delay on the ICO's form",
    organisationHeading: "Your organisation",
    organisation: "Organisation",
    contact: "Contact for this report",
    whatHappenedHeading: "What happened",
    whatHappened: "What happened",
    occurredAt: "When the breach happened",
    awareAt: "When you became aware of it",
    howDiscovered: "How you discovered it",
    cyber: "A cyber incident",
    types: "Type of breach",
    kinds: "What happened to the data",
    dataHeading: "The data and the people involved",
    dataCategories: "Categories of data and of people",
    noDataCategories: "None of special category, criminal offence, children's or vulnerable adults' data",
    approxPeople: "Number of people affected (approximately)",
    approxRecords: "Number of records affected (approximately)",
    consequencesHeading: "Consequences",
    consequences: "Likely consequences for the people affected",
    physicalRisk: "A risk to someone's physical safety",
    measuresHeading: "What you have done",
    measuresTaken: "Measures taken to deal with the breach and limit its effects",
    measuresProposed: "Measures proposed",
    yes: "Yes",
    no: "No",
    notKnown: "Not known",
    notStated: "Not stated",
    notYetRecorded: "Not yet recorded",
    footer: "Breach {reference}",
  },
} satisfies Catalogue;

/** One catalogue per language; a new one must have every message of `en`. */
export const BREACHES_MESSAGES: Readonly<Record<Locale, typeof en>> = { en };
