import { ukDate, ukDateTime } from "../../../platform/dates/calendar";
import { ITEM_CATEGORY_LABELS, type ItemCategory } from "../../records/domain";
import type { CertificateFacts } from "./certificate";
import { RETENTION_MESSAGES } from "./messages";
import { periodWords } from "./period";
import type { RetentionRule } from "./schedule";

const words = RETENTION_MESSAGES.en;

/** "1 file", "3 files". */
export const counted = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

/** "Runs from the child's date of birth, kept 25 years, then reviewed". */
export const ruleSentence = (rule: Pick<RetentionRule, "trigger" | "periodMonths" | "action">): string =>
  `Runs from ${words.trigger[rule.trigger]}, kept ${periodWords(rule.periodMonths)}, ${words.actionAfter[rule.action]}`;

export interface CertificateRow {
  label: string;
  value: string;
}

export interface CertificateSection {
  heading: string;
  rows: CertificateRow[];
}

/**
 * A disposal certificate in words: one outline that the printable page and the PDF both draw, so the
 * two say the same. Dates in words, categories by name; no personal data, because the facts hold none.
 */
export interface CertificateOutline {
  title: string;
  introduction: string;
  sections: CertificateSection[];
  /** "File references", or "Copy references" for a batch of copies of shared information. */
  referencesHeading: string;
  fileReferences: string[];
  hash: string;
}

export function certificateOutline(facts: CertificateFacts, hash: string): CertificateOutline {
  const categories = Object.entries(facts.itemCategories)
    .filter(([, n]) => n > 0)
    .map(([code, n]) => `${ITEM_CATEGORY_LABELS[code as ItemCategory] ?? code}: ${counted(n, "item")}`);
  const dates = (none: string) =>
    facts.entriesFrom && facts.entriesTo
      ? facts.entriesFrom === facts.entriesTo
        ? `On ${ukDate(facts.entriesFrom)}`
        : `From ${ukDate(facts.entriesFrom)} to ${ukDate(facts.entriesTo)}`
      : none;
  // A batch under the rule for copies disposes of copies of what other organisations shared, and no files.
  const copies = facts.rule.category === "DISCLOSED_COPY";
  const copiesCounted = counted(facts.disclosedCopies, "copy", "copies");
  const held = copies
    ? {
        heading: "What the copies held",
        rows: [
          { label: "Copies of other organisations' information", value: copiesCounted },
          { label: "Items", value: counted(facts.items, "item") },
          { label: "Items by kind", value: categories.length ? categories.join("\n") : "None" },
          { label: "Dates of the items", value: dates("There were no items") },
        ],
      }
    : {
        heading: "What the files held",
        rows: [
          { label: "Files", value: counted(facts.files, "file") },
          { label: "Items", value: counted(facts.items, "item") },
          { label: "Item versions", value: counted(facts.versions, "version") },
          { label: "Chronology entries", value: counted(facts.chronologyEntries, "entry", "entries") },
          { label: "Concerns", value: counted(facts.concerns, "concern") },
          { label: "Copies of other organisations' information", value: copiesCounted },
          { label: "Items by kind", value: categories.length ? categories.join("\n") : "None" },
          { label: "Dates of the entries", value: dates("There were no entries") },
        ],
      };
  return {
    title: `Disposal certificate ${facts.reference}`,
    introduction: `${facts.organisation} disposed of ${copies ? `${copiesCounted} of information other organisations shared with it` : counted(facts.files, "file")} under its retention schedule. This certificate describes what was disposed of by counts, kinds of record, dates and reference numbers only: it holds no personal data.`,
    sections: [
      {
        heading: "What was disposed of, and why",
        rows: [
          { label: "Organisation", value: facts.organisation },
          { label: "Retention rule", value: `${words.category[facts.rule.category]}. ${ruleSentence(facts.rule)}.` },
          { label: "Where the rule comes from", value: facts.rule.source },
          {
            label: "What was done",
            value:
              facts.action === "ANONYMISE"
                ? "Anonymised: the personal data was removed and a row for statistics was kept"
                : "Destroyed: the personal data was removed",
          },
          { label: "Method", value: facts.rule.disposalMethod },
          { label: "Reason", value: facts.reason },
        ],
      },
      held,
      {
        heading: "Who disposed of them, and when",
        rows: [
          { label: "Proposed by", value: `${facts.proposedBy}, ${ukDateTime(facts.proposedAt)}` },
          { label: "Approved and carried out by", value: `${facts.approvedBy}, ${ukDateTime(facts.executedAt)}` },
          { label: "Date of disposal", value: ukDate(facts.executedAt) },
        ],
      },
    ],
    referencesHeading: copies ? "Copy references" : "File references",
    fileReferences: facts.fileReferences,
    hash,
  };
}
