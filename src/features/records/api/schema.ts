import { z } from "zod";
import { ITEM_CATEGORIES, SUBJECT_KINDS } from "../domain/information";
import { SUBJECT_LINK_KINDS } from "../domain/links";
import {
  ACCURACY_STATES,
  CHRONOLOGY_CATEGORIES,
  CONCERN_CATEGORIES,
  CONCERN_STATUSES,
  RECORD_ITEM_KINDS,
  SOURCE_METHODS,
} from "../domain/records";
import type { ChronologyEntry } from "../services/chronology";
import type { Concern } from "../services/concerns";
import type { RecordItem } from "../services/items";
import type { LinkedPerson } from "../services/links";
import type { RecordView } from "../services/viewers";

/**
 * Allowlist presenters for records (issue 4): each response is built field by field from what the
 * service returned, so a column added to a table later never reaches a client until it is named here.
 */

/** A user named on a record, frozen to id and name; null when the row was written by the system. */
const personSchema = z.object({ id: z.uuid(), name: z.string() }).nullable();
const person = (id: string | null, name: string | null): z.infer<typeof personSchema> => (id ? { id, name: name ?? "" } : null);
const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

export const recordItemSchema = z
  .object({
    id: z.uuid(),
    subjectId: z.uuid(),
    /** Every version of one item shares the first version's id. */
    lineageId: z.uuid(),
    version: z.number().int(),
    /** The version this one corrects; null for the first version. */
    supersedesId: z.uuid().nullable(),
    category: z.enum(ITEM_CATEGORIES),
    /** Fact or opinion: shown on every display of the item (P-ACCURATE). */
    kind: z.enum(RECORD_ITEM_KINDS),
    text: z.string(),
    eventDate: z.iso.date(),
    source: z.object({ name: z.string(), method: z.enum(SOURCE_METHODS), obtainedOn: z.iso.date() }),
    historical: z.boolean(),
    specialCategory: z.boolean(),
    criminalOffence: z.boolean(),
    /** CORRECTED once a newer version replaces this one; DISPUTED while its accuracy is checked. */
    accuracy: z.enum(ACCURACY_STATES),
    /** On a version after the first: why the previous version was corrected. Never changes. */
    correctionReason: z.string().nullable(),
    /** What is disputed and by whom, once this version has been marked as disputed; kept after it is corrected. */
    dispute: z.object({ note: z.string(), at: z.iso.datetime(), by: personSchema }).nullable(),
    /** Restricted while a rights request is settled (UK GDPR Art 18): kept, but it cannot be shared (R-RESTRICTED). */
    restricted: z.boolean(),
    recordedBy: personSchema,
    recordedAt: z.iso.datetime(),
  })
  .meta({ id: "RecordItem" });

export function presentItem(i: RecordItem): z.infer<typeof recordItemSchema> {
  return {
    id: i.id,
    subjectId: i.subjectId,
    lineageId: i.lineageId,
    version: i.version,
    supersedesId: i.supersedesId,
    category: i.category,
    kind: i.kind,
    text: i.text,
    eventDate: i.eventDate,
    source: { name: i.sourceName, method: i.sourceMethod, obtainedOn: i.sourceObtainedOn },
    historical: i.historical,
    specialCategory: i.specialCategory,
    criminalOffence: i.criminalOffence,
    accuracy: i.accuracy,
    correctionReason: i.correctionReason,
    dispute: i.disputedAt
      ? { note: i.disputeNote ?? "", at: i.disputedAt.toISOString(), by: person(i.disputedByUserId, i.disputedByName) }
      : null,
    restricted: i.restrictedAt !== null,
    recordedBy: person(i.recordedByUserId, i.recordedByName),
    recordedAt: i.recordedAt.toISOString(),
  };
}

export const concernSchema = z
  .object({
    id: z.uuid(),
    subjectId: z.uuid(),
    category: z.enum(CONCERN_CATEGORIES),
    description: z.string(),
    /** A code from the partnership's scale of need as it was when the concern was raised. */
    levelOfNeed: z.string(),
    noticedOn: z.iso.date(),
    status: z.enum(CONCERN_STATUSES),
    raisedBy: personSchema,
    raisedAt: z.iso.datetime(),
    acknowledgedBy: personSchema,
    acknowledgedAt: z.iso.datetime().nullable(),
    followUpAction: z.string().nullable(),
    closedBy: personSchema,
    closedAt: z.iso.datetime().nullable(),
    outcome: z.string().nullable(),
  })
  .meta({ id: "Concern" });

export function presentConcern(c: Concern): z.infer<typeof concernSchema> {
  return {
    id: c.id,
    subjectId: c.subjectId,
    category: c.category,
    description: c.description,
    levelOfNeed: c.levelOfNeed,
    noticedOn: c.noticedOn,
    status: c.status,
    raisedBy: person(c.raisedByUserId, c.raisedByName),
    raisedAt: c.raisedAt.toISOString(),
    acknowledgedBy: person(c.acknowledgedByUserId, c.acknowledgedByName),
    acknowledgedAt: iso(c.acknowledgedAt),
    followUpAction: c.followUpAction,
    closedBy: person(c.closedByUserId, c.closedByName),
    closedAt: iso(c.closedAt),
    outcome: c.outcome,
  };
}

/** A line on the safeguarding lead's dashboard: enough to open the child's record, nothing of the concern's text. */
export const awaitingConcernSchema = z
  .object({
    id: z.uuid(),
    subjectId: z.uuid(),
    subject: z.object({ givenNames: z.string(), familyName: z.string() }),
    category: z.enum(CONCERN_CATEGORIES),
    levelOfNeed: z.string(),
    raisedAt: z.iso.datetime(),
  })
  .meta({ id: "ConcernAwaitingAcknowledgement" });

export function presentAwaitingConcern(c: {
  id: string;
  subjectId: string;
  givenNames: string;
  familyName: string;
  category: Concern["category"];
  levelOfNeed: string;
  raisedAt: Date;
}): z.infer<typeof awaitingConcernSchema> {
  return {
    id: c.id,
    subjectId: c.subjectId,
    subject: { givenNames: c.givenNames, familyName: c.familyName },
    category: c.category,
    levelOfNeed: c.levelOfNeed,
    raisedAt: c.raisedAt.toISOString(),
  };
}

export const chronologyEntrySchema = z
  .object({
    id: z.uuid(),
    occurredOn: z.iso.date(),
    category: z.enum(CHRONOLOGY_CATEGORIES),
    /** What happened, as a code: ITEM_RECORDED, ITEM_CORRECTED, CONCERN_RAISED, CONCERN_ACKNOWLEDGED, CONCERN_CLOSED, ... */
    kind: z.string(),
    /** The entry in English words, for people. */
    title: z.string(),
    summary: z.string(),
    code: z.string().meta({
      description:
        "The title as a stable message code (`group.code`, e.g. `chronology.itemRecorded`), for a client that puts it into words itself (in Welsh, say); `title` is its English",
    }),
    params: z.record(z.string(), z.union([z.string(), z.number()])).meta({
      description:
        "What fills the title's message (and the summary's): codes of labels (`category: \"health\"`), names, references and counts, never a sentence",
    }),
    summaryCode: z.string().nullable().meta({
      description:
        "When set, the summary is this message, filled from `params` and `summaryText` as `{text}`; when null, the summary is `summaryText`",
    }),
    summaryText: z.string().meta({ description: "What a person wrote, as stored (may be empty)" }),
    /** The record the entry came from, e.g. `{type: "record_item", id}` or `{type: "concern", id}`. */
    ref: z.object({ type: z.string(), id: z.uuid() }),
    /**
     * For an entry about a record item: that version's accuracy now (CORRECTED once a later version
     * replaced it, DISPUTED while checked) and whether it is historical. Null for other entries.
     */
    item: z.object({ accuracy: z.enum(ACCURACY_STATES), historical: z.boolean() }).nullable(),
    recordedBy: personSchema,
    recordedAt: z.iso.datetime(),
  })
  .meta({ id: "ChronologyEntry" });

/** Kept to plain field copies: a chronology of 1,000 entries is presented on every page load. */
export function presentChronologyEntry(e: ChronologyEntry): z.infer<typeof chronologyEntrySchema> {
  return {
    id: e.id,
    occurredOn: e.occurredOn,
    category: e.category as z.infer<typeof chronologyEntrySchema>["category"],
    kind: e.kind,
    title: e.title,
    summary: e.summary,
    code: e.code,
    params: e.params,
    summaryCode: e.summaryCode,
    summaryText: e.summaryText,
    ref: { type: e.refType, id: e.refId },
    item: e.item ? { accuracy: e.item.accuracy, historical: e.item.historical } : null,
    recordedBy: person(e.recordedByUserId, e.recordedByName),
    recordedAt: e.recordedAt.toISOString(),
  };
}

export const linkedPersonSchema = z
  .object({
    linkId: z.uuid(),
    kind: z.enum(SUBJECT_LINK_KINDS),
    /** True when the subject asked about is the link's first person (the parent in PARENT_OF, the alleged perpetrator in ALLEGED_PERPETRATOR_TOWARDS). */
    forward: z.boolean(),
    /**
     * The link read from the subject asked about, as "<subject> <relationship> <person>": on a child's
     * record their mother appears as "Child of", on the mother's record the child as "Parent or carer of".
     */
    relationship: z.string(),
    person: z.object({
      id: z.uuid(),
      kind: z.enum(SUBJECT_KINDS),
      givenNames: z.string(),
      familyName: z.string(),
      dateOfBirth: z.iso.date().nullable(),
    }),
  })
  .meta({ id: "LinkedPerson" });

export function presentLinkedPerson(p: LinkedPerson): z.infer<typeof linkedPersonSchema> {
  return {
    linkId: p.linkId,
    kind: p.kind,
    forward: p.forward,
    relationship: p.relationship,
    person: { id: p.subjectId, kind: p.subjectKind, givenNames: p.givenNames, familyName: p.familyName, dateOfBirth: p.dateOfBirth },
  };
}

export const recordViewSchema = z
  .object({
    at: z.iso.datetime(),
    user: z.object({ id: z.uuid(), name: z.string() }),
    roles: z.array(z.string()),
    view: z.string(),
  })
  .meta({ id: "RecordView" });

export function presentRecordView(v: RecordView): z.infer<typeof recordViewSchema> {
  return { at: v.at, user: { id: v.userId, name: v.name }, roles: v.roles, view: v.view };
}
