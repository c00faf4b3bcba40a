import type { Catalogue, Locale } from "../../../platform/messages";
import type { ItemCategory, ItemKind, SubjectKind } from "./information";
import type { SubjectLinkKind } from "./links";
import type { AccuracyState, ConcernCategory, ConcernStatus, RecordItemKind, SourceMethod } from "./records";

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
  },
} satisfies Catalogue;

/** One catalogue per language; a new one must have every message of `en`. */
export const RECORDS_MESSAGES: Readonly<Record<Locale, typeof en>> = { en };
