/** What every page of a person's record shares: the subject from the route, its header and tabs, items as shown, and the labels and tags. */
import type { FastifyRequest } from "fastify";
import type { Actor } from "../../../platform/auth/actor";
import { hasAnyRole } from "../../../platform/auth/roles";
import { type FormOptions, idParam } from "../../../platform/web-kit/forms";
import { ITEM_CATEGORIES, ITEM_CATEGORY_LABELS, type ItemCategory, type SubjectKind } from "../domain/information";
import { RECORDS_MESSAGES } from "../domain/messages";
import {
  ACCURACY_LABELS,
  type AccuracyState,
  CHRONOLOGY_CATEGORIES,
  type ChronologyCategory,
  CONCERN_SUBJECT_KINDS,
  type ConcernStatus,
  RECORD_ITEM_KIND_LABELS,
  type RecordItemKind,
  SOURCE_METHOD_LABELS,
  type SourceMethod,
} from "../domain/records";
import { RECORD_OVERSIGHT_ROLES, type SubjectRow } from "../services/access";
import type { RecordItem } from "../services/items";

/** Shared by the records pages: labels, identifiers from the URL, dates, the subject's header and tabs. */

export const SUBJECT_KIND_SINGULAR: Record<SubjectKind, string> = RECORDS_MESSAGES.en.subjectKindSingular;

/** The chronology's filter: each item category, then the entries that are not items. */
export const CHRONOLOGY_CATEGORY_LABELS: Record<ChronologyCategory, string> = {
  ...RECORDS_MESSAGES.en.itemCategory,
  ...RECORDS_MESSAGES.en.chronologyCategory,
};

export const CONCERN_STATUS_TAGS: Record<ConcernStatus, string> = {
  OPEN: "govuk-tag--red",
  ACKNOWLEDGED: "govuk-tag--yellow",
  CLOSED: "govuk-tag--grey",
};

export const ACCURACY_TAGS: Record<AccuracyState, string> = {
  ACCURATE: "govuk-tag--green",
  DISPUTED: "govuk-tag--yellow",
  CORRECTED: "govuk-tag--grey",
};

const KIND_TAGS: Record<RecordItemKind, string> = { FACT: "", OPINION: "govuk-tag--purple" };

export const subjectIdOf = (request: FastifyRequest) => idParam(request, "id", "The person's record");

/** "9434765919" → "943 476 5919", the NHS display format. */
export const nhsDisplay = (n: string | null | undefined) =>
  n && /^\d{10}$/.test(n) ? `${n.slice(0, 3)} ${n.slice(3, 6)} ${n.slice(6)}` : (n ?? null);

export const fullName = (s: { givenNames: string; familyName: string }) => `${s.givenNames} ${s.familyName}`;

/**
 * How every records form shows a refusal (`withFormErrors`): one message per field; dates typed in
 * day, month and year boxes; a conflict's sentence first; and a warning about a protected detail typed
 * in (GR5-PROTECT-IDENTITIES) put right on the same page, by ticking its box
 * (`subjects/_acknowledge.njk`) or changing what was written.
 */
export const RECORD_FORM = {
  onePerField: true,
  dateFields: [],
  leadWithMessage: true,
  howToAcknowledge: "Tick the box to save it as written, or change what you wrote.",
} as const satisfies FormOptions;

// ---- The subject's header and tabs ----

export type Tab = "summary" | "people" | "items" | "concerns" | "chronology" | "viewers";

const TABS: { tab: Tab; text: string; path: string; oversight?: boolean }[] = [
  { tab: "summary", text: "Summary", path: "" },
  { tab: "people", text: "People", path: "/people" },
  { tab: "items", text: "Record items", path: "/items" },
  { tab: "concerns", text: "Concerns", path: "/concerns" },
  { tab: "chronology", text: "Chronology", path: "/chronology" },
  { tab: "viewers", text: "Who has viewed this record", path: "/viewers", oversight: true },
];

export const mayOversee = (actor: Actor) => hasAnyRole(actor.roles, RECORD_OVERSIGHT_ROLES);
const isChildKind = (kind: SubjectKind) => (CONCERN_SUBJECT_KINDS as readonly string[]).includes(kind);

/** What every page about one person shows at the top: who they are, and the tabs. */
export function subjectHeader(subject: SubjectRow, actor: Actor, current?: Tab) {
  return {
    subject: {
      id: subject.id,
      name: fullName(subject),
      kind: subject.kind,
      kindLabel: SUBJECT_KIND_SINGULAR[subject.kind],
      dateOfBirth: subject.dateOfBirth,
      expectedDate: subject.expectedDate,
      isChild: isChildKind(subject.kind),
    },
    tabs: TABS.filter((t) => !t.oversight || mayOversee(actor)).map((t) => ({
      text: t.text,
      href: `/subjects/${subject.id}${t.path}`,
      active: t.tab === current,
    })),
  };
}

// ---- Record items, as the pages show them ----

export function itemForPage(item: RecordItem) {
  return {
    id: item.id,
    lineageId: item.lineageId,
    version: item.version,
    category: item.category,
    categoryLabel: ITEM_CATEGORY_LABELS[item.category],
    kind: item.kind,
    kindLabel: RECORD_ITEM_KIND_LABELS[item.kind],
    kindTag: KIND_TAGS[item.kind],
    text: item.text,
    eventDate: item.eventDate,
    sourceName: item.sourceName,
    sourceMethod: item.sourceMethod,
    sourceMethodLabel: SOURCE_METHOD_LABELS[item.sourceMethod as SourceMethod],
    sourceObtainedOn: item.sourceObtainedOn,
    historical: item.historical,
    specialCategory: item.specialCategory,
    criminalOffence: item.criminalOffence,
    accuracy: item.accuracy,
    accuracyLabel: ACCURACY_LABELS[item.accuracy],
    accuracyTag: ACCURACY_TAGS[item.accuracy],
    correctionReason: item.correctionReason,
    disputeNote: item.disputeNote,
    disputedAt: item.disputedAt,
    disputedByName: item.disputedByName,
    recordedByName: item.recordedByName,
    recordedAt: item.recordedAt,
    current: item.accuracy !== "CORRECTED",
  };
}
export type PresentedItem = ReturnType<typeof itemForPage>;

/**
 * Items grouped by lineage: each group's current version first, then the versions it replaced,
 * newest first. Groups are ordered by the current version's event date, newest first.
 */
export function groupItems(items: RecordItem[]) {
  const groups = new Map<string, PresentedItem[]>();
  for (const item of items) {
    const list = groups.get(item.lineageId) ?? [];
    list.push(itemForPage(item));
    groups.set(item.lineageId, list);
  }
  return [...groups.values()]
    .map((versions) => {
      const sorted = versions.sort((a, b) => b.version - a.version);
      return { latest: sorted[0]!, earlier: sorted.slice(1) };
    })
    .sort(
      (a, b) =>
        b.latest.eventDate.localeCompare(a.latest.eventDate) ||
        new Date(b.latest.recordedAt).getTime() - new Date(a.latest.recordedAt).getTime(),
    );
}

// ---- Options for the item forms ----

export const categoryOptions = ITEM_CATEGORIES.map((value: ItemCategory) => ({ value, text: ITEM_CATEGORY_LABELS[value] }));
export const chronologyCategoryOptions = CHRONOLOGY_CATEGORIES.map((value) => ({ value, text: CHRONOLOGY_CATEGORY_LABELS[value] }));

/** What a view name in the audit log means, for "who has viewed this record". */
export const VIEW_LABELS: Readonly<Record<string, string>> = RECORDS_MESSAGES.en.recordView;
