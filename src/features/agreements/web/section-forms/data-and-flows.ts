import type { FieldError } from "../../../../platform/errors";
import { checked, list, str } from "../../../../platform/web-kit/forms";
import { blankText, combine, type Entry, postedEntries, type SectionForm, text, wholeNumber, yes } from "./section-form";

/** The edit forms for what is shared and how it moves: whose information, the data items, and the flows. */

export const dataSubjects: SectionForm = {
  fromContent: (c) => ({ kinds: [...c.dataSubjects.kinds], notes: c.dataSubjects.notes }),
  fromBody: (body) => ({ kinds: list(body, "dataSubjects-kinds"), notes: str(body, "dataSubjects-notes") }),
  toPatch: (values) => {
    const value = { kinds: values.kinds, notes: text(values, "notes") };
    return { patch: { dataSubjects: value as never }, errors: combine([], "dataSubjects", value) };
  },
};

export const dataItems: SectionForm = {
  listPrefix: "dataItems",
  entryName: "data item",
  fromContent: (c) => ({ entries: c.dataItems.map((d) => ({ ...d })) }),
  fromBody: (body) => ({
    entries: postedEntries(
      body,
      "dataItems",
      (p) => ({
        key: str(body, `${p}-key`),
        name: str(body, `${p}-name`),
        category: str(body, `${p}-category`),
        specialCategory: checked(body, `${p}-specialCategory`),
        criminalOffence: checked(body, `${p}-criminalOffence`),
        kind: str(body, `${p}-kind`),
        mayIncludeProtectedIdentity: checked(body, `${p}-mayIncludeProtectedIdentity`),
      }),
      (e) => blankText(e.key, e.name, e.category, e.kind) && !e.specialCategory && !e.criminalOffence && !e.mayIncludeProtectedIdentity,
    ),
  }),
  toPatch: (values) => {
    const value = (values.entries as Entry[]).map((e) => ({
      key: text(e, "key"),
      name: text(e, "name"),
      category: text(e, "category") || undefined,
      specialCategory: yes(e.specialCategory),
      criminalOffence: yes(e.criminalOffence),
      kind: text(e, "kind") || undefined,
      mayIncludeProtectedIdentity: yes(e.mayIncludeProtectedIdentity),
    }));
    return { patch: { dataItems: value as never }, errors: combine([], "dataItems", value) };
  },
};

const FLOW_TEXT = ["key", "description", "source", "storage", "access", "use", "disposalMethod"] as const;

export const flows: SectionForm = {
  listPrefix: "flows",
  entryName: "flow",
  fromContent: (c) => ({
    entries: c.flows.map((f) => ({ ...f, retentionMonths: f.retentionMonths === null ? "" : String(f.retentionMonths) })),
  }),
  fromBody: (body) => ({
    entries: postedEntries(
      body,
      "flows",
      (p) => ({
        ...Object.fromEntries(FLOW_TEXT.map((f) => [f, str(body, `${p}-${f}`)])),
        fromOrganisationIds: list(body, `${p}-fromOrganisationIds`),
        toOrganisationIds: list(body, `${p}-toOrganisationIds`),
        dataItemKeys: list(body, `${p}-dataItemKeys`),
        transferMethod: str(body, `${p}-transferMethod`),
        onwardDisclosure: str(body, `${p}-onwardDisclosure`),
        retentionMonths: str(body, `${p}-retentionMonths`),
        frequency: str(body, `${p}-frequency`),
      }),
      (e) => blankText(...FLOW_TEXT.map((f) => e[f]), e.fromOrganisationIds, e.toOrganisationIds, e.dataItemKeys, e.retentionMonths),
    ),
  }),
  toPatch: (values) => {
    const errors: FieldError[] = [];
    const value = (values.entries as Entry[]).map((e, i) => ({
      ...Object.fromEntries(FLOW_TEXT.map((f) => [f, text(e, f)])),
      fromOrganisationIds: e.fromOrganisationIds,
      toOrganisationIds: e.toOrganisationIds,
      dataItemKeys: e.dataItemKeys,
      transferMethod: text(e, "transferMethod") || undefined,
      onwardDisclosure: text(e, "onwardDisclosure") || undefined,
      retentionMonths: wholeNumber(
        e.retentionMonths,
        `/flows/${i}/retentionMonths`,
        errors,
        "Enter the retention period as a whole number of months, like 72",
      ),
      frequency: text(e, "frequency") || undefined,
    }));
    return { patch: { flows: value as never }, errors: combine(errors, "flows", value) };
  },
};
