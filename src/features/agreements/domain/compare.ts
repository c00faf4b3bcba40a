import { AGREEMENTS_MESSAGES } from "./messages";
import type { DocumentOutline } from "./outline";
import type { Block, OutlineSection } from "./outline/blocks";

/**
 * Side-by-side comparison of two versions of an agreement, built from their printable outlines so
 * the comparison says exactly what the documents say. Pure: the caller loads both documents (with
 * the same `now`, so the "document produced" line does not differ) and outlines them.
 *
 * Each section's blocks are flattened into labelled rows with a stable key (group heading + label
 * for key/value rows, first cell for table rows), then the two row lists are merged in document
 * order: rows only in the later version are "ADDED", rows only in the earlier one "REMOVED".
 */

export type RowChange = "UNCHANGED" | "CHANGED" | "ADDED" | "REMOVED";

export const ROW_CHANGE_LABELS: Record<RowChange, string> = AGREEMENTS_MESSAGES.en.rowChange;

export interface ComparedRow {
  key: string;
  /** Group (a party, a flow...) the row belongs to, if the section has several. */
  group?: string;
  label: string;
  /** Null when the row does not exist in that version. */
  from: string | null;
  to: string | null;
  change: RowChange;
}

export interface ComparedSection {
  key: OutlineSection["key"];
  number: number;
  title: string;
  rows: ComparedRow[];
  changed: boolean;
  /** How many rows were changed, added or removed. */
  changes: number;
}

export interface VersionComparison {
  from: { version: number; title: string };
  to: { version: number; title: string };
  sections: ComparedSection[];
  changedSections: number;
}

interface FlatRow {
  key: string;
  group?: string;
  label: string;
  value: string;
}

/** One section's blocks as labelled rows, each with a key that is unique within the section. */
export function flattenBlocks(blocks: Block[]): FlatRow[] {
  const rows: FlatRow[] = [];
  const seen = new Map<string, number>();
  const add = (group: string | undefined, label: string, value: string) => {
    const base = `${group ?? ""}\u0000${label}`;
    const n = (seen.get(base) ?? 0) + 1;
    seen.set(base, n);
    rows.push({ key: n === 1 ? base : `${base}\u0000${n}`, ...(group ? { group } : {}), label, value });
  };
  let paragraphs = 0;
  for (const block of blocks) {
    if (block.kind === "paragraph") {
      paragraphs += 1;
      add(undefined, paragraphs === 1 ? "Text" : `Text ${paragraphs}`, block.text);
    } else if (block.kind === "rows") {
      for (const row of block.rows) add(block.heading, row.label, row.value);
    } else {
      for (const cells of block.rows) {
        const [first = "", ...rest] = cells;
        const value = rest.map((cell, i) => `${block.head[i + 1] ?? ""}: ${cell}`).join("\n");
        add(block.caption, first, value || first);
      }
    }
  }
  return rows;
}

/** Merges two row lists in document order, marking what changed. */
export function compareRows(before: FlatRow[], after: FlatRow[]): ComparedRow[] {
  const beforeIndex = new Map(before.map((row, i) => [row.key, i]));
  const afterKeys = new Set(after.map((row) => row.key));
  const out: ComparedRow[] = [];
  const removed = (row: FlatRow): ComparedRow => ({
    key: row.key,
    ...(row.group ? { group: row.group } : {}),
    label: row.label,
    from: row.value,
    to: null,
    change: "REMOVED",
  });
  let next = 0;
  for (const row of after) {
    const i = beforeIndex.get(row.key);
    if (i === undefined) {
      out.push({ key: row.key, ...(row.group ? { group: row.group } : {}), label: row.label, from: null, to: row.value, change: "ADDED" });
      continue;
    }
    // Rows the later version dropped keep their place: before the next row both versions share.
    for (; next <= i; next++) {
      const earlier = before[next]!;
      if (!afterKeys.has(earlier.key)) out.push(removed(earlier));
    }
    const value = before[i]!.value;
    out.push({
      key: row.key,
      ...(row.group ? { group: row.group } : {}),
      label: row.label,
      from: value,
      to: row.value,
      change: value === row.value ? "UNCHANGED" : "CHANGED",
    });
  }
  for (; next < before.length; next++) {
    const earlier = before[next]!;
    if (!afterKeys.has(earlier.key)) out.push(removed(earlier));
  }
  return out;
}

/** Compares two outlines section by section, in the later version's section order. */
export function compareOutlines(before: DocumentOutline, after: DocumentOutline): VersionComparison {
  const beforeSections = new Map(before.sections.map((s) => [s.key, s]));
  const keys = [
    ...after.sections.map((s) => s.key),
    ...before.sections.map((s) => s.key).filter((k) => !after.sections.some((s) => s.key === k)),
  ];
  const sections = keys.map((key): ComparedSection => {
    const a = beforeSections.get(key);
    const b = after.sections.find((s) => s.key === key);
    const rows = compareRows(a ? sectionRows(a) : [], b ? sectionRows(b) : []);
    const changes = rows.filter((r) => r.change !== "UNCHANGED").length;
    const meta = (b ?? a)!;
    return { key, number: meta.number, title: meta.title, rows, changed: changes > 0, changes };
  });
  return {
    from: { version: before.version, title: before.title },
    to: { version: after.version, title: after.title },
    sections,
    changedSections: sections.filter((s) => s.changed).length,
  };
}

function sectionRows(section: OutlineSection): FlatRow[] {
  const rows = flattenBlocks(section.blocks);
  if (section.inheritedFrom)
    rows.unshift({ key: "\u0000inherited", label: "Taken from the tier 1 agreement", value: section.inheritedFrom });
  return rows;
}
