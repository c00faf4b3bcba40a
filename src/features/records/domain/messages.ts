import type { Catalogue, Locale } from "../../../platform/messages";
import type { ItemCategory, ItemKind, SubjectKind } from "./information";
import type { SubjectLinkKind } from "./links";
import type { AccuracyState, ChronologyCategory, ConcernCategory, ConcernStatus, RecordItemKind, SourceMethod } from "./records";

/** Records: record items, subjects, concerns and the chronology: the words for people, keyed by stable codes (see `messages.ts`). */
const en = {
  itemCategory: {
    education: "Education",
    health: "Health",
    police: "Police",
    social_care: "Social care",
    family_circumstances: "Family circumstances",
    housing: "Housing",
    other: "Other",
  } satisfies Record<ItemCategory, string>,
  itemKind: {
    FACT: "Fact",
    OPINION: "Professional opinion",
    FACT_AND_OPINION: "Fact and professional opinion",
  } satisfies Record<ItemKind, string>,
  subjectKind: {
    CHILD: "Children",
    UNBORN_CHILD: "Unborn children",
    PARENT_CARER: "Parents and carers",
    SIBLING: "Siblings",
    HOUSEHOLD_MEMBER: "Other household members",
    ALLEGED_PERPETRATOR: "Alleged perpetrators of harm",
    OTHER: "Others (described)",
  } satisfies Record<SubjectKind, string>,
  /** One person's kind, in the singular, for a person's record (`subjectKind` is the plural headings agreements use). */
  subjectKindSingular: {
    CHILD: "Child",
    UNBORN_CHILD: "Unborn child",
    PARENT_CARER: "Parent or carer",
    SIBLING: "Sibling",
    HOUSEHOLD_MEMBER: "Household member",
    ALLEGED_PERPETRATOR: "Alleged perpetrator of harm",
    OTHER: "Other",
  } satisfies Record<SubjectKind, string>,
  recordItemKind: {
    FACT: "Fact",
    OPINION: "Opinion",
  } satisfies Record<RecordItemKind, string>,
  sourceMethod: {
    TOLD_DIRECTLY: "Told directly, in person",
    OBSERVED: "Observed by the person recording it",
    PHONE_CALL: "Phone call",
    MEETING: "Meeting or case conference",
    DOCUMENT: "Letter, report or other document",
    FROM_ANOTHER_AGENCY: "From another agency",
    OTHER: "Other",
  } satisfies Record<SourceMethod, string>,
  accuracy: {
    ACCURATE: "Accurate",
    DISPUTED: "Disputed",
    CORRECTED: "Corrected",
  } satisfies Record<AccuracyState, string>,
  concernCategory: {
    PHYSICAL_ABUSE: "Physical abuse",
    EMOTIONAL_ABUSE: "Emotional abuse",
    SEXUAL_ABUSE: "Sexual abuse",
    NEGLECT: "Neglect",
    CHILD_SEXUAL_EXPLOITATION: "Child sexual exploitation",
    CHILD_CRIMINAL_EXPLOITATION: "Child criminal exploitation",
    DOMESTIC_ABUSE: "Domestic abuse",
    ONLINE_HARM: "Online harm",
    RADICALISATION: "Radicalisation",
    OTHER: "Other",
  } satisfies Record<ConcernCategory, string>,
  concernStatus: {
    OPEN: "Awaiting safeguarding lead",
    ACKNOWLEDGED: "Acknowledged",
    CLOSED: "Closed",
  } satisfies Record<ConcernStatus, string>,
  /** How a link reads from its first person: "Sam: parent or carer of Kai". */
  subjectLinkForward: {
    PARENT_OF: "Parent or carer of",
    SIBLING_OF: "Sibling of",
    LIVES_WITH: "Lives with",
    ALLEGED_PERPETRATOR_TOWARDS: "Alleged to have harmed",
  } satisfies Record<SubjectLinkKind, string>,
  /** How it reads from the second: "Kai: child of Sam". */
  subjectLinkReverse: {
    PARENT_OF: "Child of",
    SIBLING_OF: "Sibling of",
    LIVES_WITH: "Lives with",
    ALLEGED_PERPETRATOR_TOWARDS: "Alleged to have been harmed by",
  } satisfies Record<SubjectLinkKind, string>,
  /** The chronology's categories besides the item categories (`itemCategory`), which it filters by too. */
  chronologyCategory: {
    concern: "Concerns",
    decision: "Share decisions",
    disclosure: "Information shared",
    rights: "Rights requests",
    case: "Case closure",
  } satisfies Record<Exclude<ChronologyCategory, ItemCategory>, string>,
  /**
   * What each audited view of a person's record (or of a list showing them) was, for "who has viewed
   * this record"; keyed by the view name a service is told (test/unit/records/view-labels.test.ts checks).
   */
  recordView: {
    "web.subjects.search": "Search results or the list of people",
    "web.subjects.show": "Summary",
    "web.subjects.people": "People",
    "web.subjects.link": "Linking a person",
    "web.subjects.link.search": "Search results, while linking a person",
    "web.subjects.items": "Record items",
    "web.subjects.item": "A record item",
    "web.subjects.item.correct": "Correcting a record item",
    "web.subjects.item.dispute": "Disputing a record item",
    "web.subjects.items.new": "Adding a record item",
    "web.subjects.concerns": "Concerns",
    "web.subjects.concern": "A concern",
    "web.subjects.concerns.new": "Raising a concern",
    "web.subjects.chronology": "Chronology",
    "web.subjects.chronology.print": "Chronology, printed",
    "web.subjects.viewers": "Who has viewed this record",
    "web.home.concerns": "Concerns awaiting acknowledgement, on the home page",
    "api.subjects.list": "Search results or the list of people, through the API",
    "api.subjects.show": "Record, through the API",
    "api.subjects.people": "People, through the API",
    "api.subjects.items": "Record items, through the API",
    "api.subjects.item": "A record item, through the API",
    "api.subjects.concerns": "Concerns, through the API",
    "api.subjects.concern": "A concern, through the API",
    "api.subjects.chronology": "Chronology, through the API",
    "api.concerns.awaiting": "Concerns awaiting acknowledgement, through the API",
    "web.share.gate": "Deciding whether to share: the emergency question",
    "web.share.tasks": "Deciding whether to share: the task list",
    "web.share.step": "Deciding whether to share: a question",
    "web.share.check": "Deciding whether to share: checking the answers",
    "web.share.emergency": "Sharing in an emergency",
    "web.share_decisions.list": "The list of share decisions",
    "web.share_decisions.view": "A share decision",
    "web.share_decisions.revoke": "Withdrawing access to information shared",
    "web.disclosures.sent": "What was sent in a share",
    "web.home.emergency_records": "Emergency records due, on the home page",
    "web.home.approvals": "Decisions awaiting approval, on the home page",
    "web.home.disclosures_to_chase": "Shares to chase, on the home page",
    "web.home.work": "Information requests and information received, on the home page",
    "web.home.recipient_notices": "Notices of changes to information received, on the home page",
    "api.share_decisions.list": "The list of share decisions, through the API",
    "api.share_decisions.view": "A share decision, through the API",
    "api.disclosures.sent": "What was sent in a share, through the API",
    "web.rights.items": "The items of a rights request",
    "web.rights.item": "An item of a rights request",
    "web.rights.recipient": "Who it was shared with, reviewed for an access request",
    "web.rights.warnings": "Warnings before an access pack is sent",
    "api.rights.warnings": "Warnings before an access pack is sent, through the API",
    "rights.access_pack": "An access pack",
    "web.audit.list": "The audit log of this person's record",
    "web.subjects.case_closure": "Closing or reopening the case",
    "web.retention.hold": "The people a legal hold covers",
    "web.retention.hold.people": "Choosing the people a legal hold covers",
    "api.retention.hold": "The people a legal hold covers, through the API",
    "web.retention.review": "The retention review queue",
    "web.breaches.breach": "A personal data breach that names the person",
    "web.retention.keep": "Keeping a file for longer at a retention review",
    "web.retention.keep_copy": "Keeping a copy of shared information for longer at a retention review",
    "web.retention.disposal": "A proposal to dispose of files",
    "api:retention-review-queue": "The retention review queue, through the API",
    "api:disposal": "A proposal to dispose of files, through the API",
    "api.audit.events": "The audit log of this person's record, through the API",
  },
  /** Chronology titles for what happens on a record. */
  chronology: {
    /** An entry written before titles were codes, whose words could not be matched to one: shown as written. */
    legacy: "{text}",
    itemRecorded: "{category:itemCategory}: {kind:recordItemKind:lower} recorded",
    itemCorrected: "{category:itemCategory}: {kind:recordItemKind:lower} corrected (version {version})",
    itemReceived: "{category:itemCategory}: {kind:recordItemKind:lower} received from {sender}",
    concernRaised: "Concern raised: {category:concernCategory}",
    concernAcknowledged: "Concern acknowledged by the safeguarding lead: {category:concernCategory}",
    concernClosed: "Concern closed: {category:concernCategory}",
    caseClosed: "Case closed",
    caseReopened: "Case reopened",
  },
  /** What each of this feature's audit events says in the audit log (audit-events.ts declares them, test/unit/audit-log/sentences.test.ts checks each has one; the log fills in {actor} and {about}). */
  recordsAuditEvent: {
    "subject.created": "{actor} created {about}",
    "subject.linked": "{actor} linked {about} to another person's record",
    "record_item.recorded": "{actor} added an item to {about}",
    "record_item.corrected": "{actor} corrected an item on {about}",
    "record_item.disputed": "{actor} marked an item on {about} as disputed",
    "concern.raised": "{actor} raised a concern on {about}",
    "concern.acknowledged": "{actor} acknowledged a concern on {about}",
    "concern.closed": "{actor} closed a concern on {about}",
    "subject.case_closed": "{actor} recorded that the case on {about} was closed",
    "subject.case_reopened": "{actor} reopened the case on {about}",
  },
  /** The home page's "Your work": what records ask of the signed-in person (services/load-work.ts). */
  recordsWork: {
    concernToAcknowledge: "Acknowledge the concern about {child}: {category:concernCategory:lower}",
  },
} satisfies Catalogue;

/** One catalogue per language; a new one must have every message of `en`. */
export const RECORDS_MESSAGES: Readonly<Record<Locale, typeof en>> = { en };
