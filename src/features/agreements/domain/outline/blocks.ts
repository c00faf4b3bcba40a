/**
 * What an outline section is made of (paragraphs, key/value rows, tables), and how a value is written
 * in one: empty text shows as "Not stated" so gaps are visible, and a lawful basis code follows its
 * label in brackets, as practitioners and auditors quote them.
 */
import type { Section } from "../content";

export const NOT_STATED = "Not stated";

export interface OutlineRow {
  label: string;
  /** Several values are separated by "\n"; renderers show each on its own line. */
  value: string;
}

export type Block =
  | { kind: "paragraph"; text: string }
  /** A key/value list, e.g. one party's details; `heading` names the group when a section has several. */
  | { kind: "rows"; heading?: string; rows: OutlineRow[] }
  | { kind: "table"; caption?: string; head: string[]; rows: string[][] };

export interface OutlineSection {
  number: number;
  /** The content section, or "signatures" for the closing signature block. */
  key: Section | "signatures";
  title: string;
  /** Set when a tier 2 agreement takes this section from its tier 1 parent: "DSA-0001 version 3". */
  inheritedFrom?: string;
  blocks: Block[];
}

/** Names an organisation by id, or says plainly that it is unknown. */
export type OrganisationName = (id: string) => string;

export const text = (value: string | null | undefined): string => (value?.trim() ? value.trim() : NOT_STATED);
export const lines = (values: readonly string[]): string => (values.length ? values.join("\n") : NOT_STATED);
export const yesNo = (value: boolean): string => (value ? "Yes" : "No");
/** A chosen code as people read it: its label, never the code itself (the API keeps the codes). */
export const labelled = <K extends string>(labels: Record<K, string>, code: K): string => labels[code] ?? "Not recognised";
export const months = (n: number) => `${n} ${n === 1 ? "month" : "months"}`;
