/**
 * What is shared and how it moves: whose information, the data items, and each flow with its
 * retention and disposal (a flow without its own falls back to the agreement's default, and says so).
 */
import { ITEM_CATEGORY_LABELS, ITEM_KIND_LABELS, SUBJECT_KIND_LABELS } from "../../../records/domain";
import {
  type AgreementContent,
  type DataItem,
  type Flow,
  FREQUENCY_LABELS,
  ONWARD_DISCLOSURE_LABELS,
  TRANSFER_METHOD_LABELS,
} from "../content";
import { type Block, lines, months, NOT_STATED, type OrganisationName, text, yesNo } from "./blocks";

export function dataSubjects(c: AgreementContent): Block[] {
  return [
    {
      kind: "rows",
      rows: [
        { label: "Whose information is shared", value: lines(c.dataSubjects.kinds.map((k) => SUBJECT_KIND_LABELS[k])) },
        { label: "Notes", value: text(c.dataSubjects.notes) },
      ],
    },
  ];
}

function itemType(item: DataItem): string {
  if (item.specialCategory && item.criminalOffence) return "Special category and criminal offence";
  if (item.specialCategory) return "Special category";
  if (item.criminalOffence) return "Criminal offence";
  return "Personal";
}

export function dataItems(items: DataItem[]): Block[] {
  if (!items.length) return [{ kind: "paragraph", text: NOT_STATED }];
  return [
    {
      kind: "table",
      caption: "Data items that may be shared",
      head: ["Data item", "Category", "Type of data", "Fact or opinion", "May reveal a protected identity"],
      rows: items.map((item) => [
        item.name,
        ITEM_CATEGORY_LABELS[item.category],
        itemType(item),
        ITEM_KIND_LABELS[item.kind],
        yesNo(item.mayIncludeProtectedIdentity),
      ]),
    },
  ];
}

export function flows(c: AgreementContent, orgName: OrganisationName): Block[] {
  if (!c.flows.length) return [{ kind: "paragraph", text: NOT_STATED }];
  const itemName = (key: string) => c.dataItems.find((i) => i.key === key)?.name ?? `Unknown data item (${key})`;
  const parties = (ids: string[]) => (ids.length ? ids.map(orgName).join("\n") : "Any party");
  const retention = (flow: Flow) =>
    flow.retentionMonths !== null
      ? months(flow.retentionMonths)
      : c.retention.defaultMonths !== null
        ? `${months(c.retention.defaultMonths)} (the agreement's default)`
        : NOT_STATED;
  const disposal = (flow: Flow) =>
    flow.disposalMethod.trim()
      ? flow.disposalMethod.trim()
      : c.retention.disposalMethod.trim()
        ? `${c.retention.disposalMethod.trim()} (the agreement's default)`
        : NOT_STATED;
  return c.flows.map((flow, i) => ({
    kind: "rows",
    heading: `Flow ${i + 1}`,
    rows: [
      { label: "Description", value: text(flow.description) },
      { label: "From", value: parties(flow.fromOrganisationIds) },
      { label: "To", value: parties(flow.toOrganisationIds) },
      {
        label: "Data items",
        value: flow.dataItemKeys.length ? flow.dataItemKeys.map(itemName).join("\n") : "Every data item in this agreement",
      },
      { label: "Source", value: text(flow.source) },
      { label: "Transfer method", value: TRANSFER_METHOD_LABELS[flow.transferMethod] },
      { label: "Storage", value: text(flow.storage) },
      { label: "Access", value: text(flow.access) },
      { label: "Use", value: text(flow.use) },
      { label: "Onward disclosure", value: ONWARD_DISCLOSURE_LABELS[flow.onwardDisclosure] },
      { label: "Retention", value: retention(flow) },
      { label: "Disposal", value: disposal(flow) },
      { label: "Frequency", value: FREQUENCY_LABELS[flow.frequency] },
    ],
  }));
}
