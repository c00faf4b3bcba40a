import type { DisposalAction, RetentionRule } from "./schedule";

/**
 * What a disposal certificate states (issue 21): who disposed of what, under which rule, by which
 * method and when, with the records described by counts, categories, date ranges and reference
 * numbers. It carries no personal data: no name, no date of birth, no word that was recorded.
 */
export interface CertificateFacts {
  /** The batch's reference, e.g. "D-12". */
  reference: string;
  organisation: string;
  rule: RetentionRule;
  action: DisposalAction;
  reason: string;
  files: number;
  /** Record items (each version counted once in `versions`). */
  items: number;
  versions: number;
  chronologyEntries: number;
  concerns: number;
  /** Copies of information other organisations shared, held by this organisation and disposed of with the files. */
  disclosedCopies: number;
  /** Items by item category code. */
  itemCategories: Record<string, number>;
  /** The earliest and latest dates of the entries disposed of (ISO dates; null when there were none). */
  entriesFrom: string | null;
  entriesTo: string | null;
  /** The files' reference numbers (`fileReference`), in order. */
  fileReferences: string[];
  proposedBy: string;
  proposedAt: string;
  approvedBy: string;
  executedAt: string;
}

/** The reference a file is known by on certificates and in the queue: not personal data, and stable. */
export const fileReference = (subjectId: string): string => `F-${subjectId.slice(0, 8).toUpperCase()}`;

/** A batch's reference as people quote it. */
export const batchReference = (n: number): string => `D-${n}`;

/** The reference a copy of shared information is known by on certificates and in the queue. */
export const copyReference = (disclosureId: string): string => `C-${disclosureId.slice(0, 8).toUpperCase()}`;
