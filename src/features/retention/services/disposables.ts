import { and, eq, type SQL, sql } from "drizzle-orm";
import { today } from "../../../platform/dates/calendar";
import { anyOf } from "../../../platform/db/any-of";
import type { Tx } from "../../../platform/db/client";
import type { OrganisationType } from "../../organisations-and-users/domain";
import { subjects } from "../../records/schema";
import { disclosures } from "../../sharing/schema";
import { type CertificateFacts, copyReference, fileReference } from "../domain/certificate";
import { queueEndsOn } from "../domain/due";
import type { RetentionCategory, RetentionRule } from "../domain/schedule";
import { disposalBatchCopies, disposalBatches, disposalBatchFiles } from "../schema";
import { copiesDueUnder, describeCopies, disposeCopies } from "./copies";
import { describeFiles, disposeFiles } from "./dispose-files";
import { assertCopiesNotHeld, assertFilesNotHeld } from "./hold-coverage";
import { dueUnder } from "./review-queue";

type Described = Pick<
  CertificateFacts,
  "items" | "versions" | "chronologyEntries" | "concerns" | "disclosedCopies" | "itemCategories" | "entriesFrom" | "entriesTo"
>;

/**
 * What a disposal batch disposes of: people's files, or copies of what other organisations shared.
 * Proposing and carrying out a batch is the same for both (disposal.ts); this says, for each, which
 * are due, which another batch already proposes, whether a hold covers them, and how they are
 * described and disposed of.
 */
export interface Disposables {
  /** The proposal's field naming them. */
  field: "subjectIds" | "disclosureIds";
  /** The ones of `ids` that are the organisation's and due now under its rule (none without one). */
  dueAmong(
    tx: Tx,
    organisationId: string,
    type: OrganisationType,
    rule: RetentionRule | undefined,
    ids: readonly string[],
  ): Promise<Set<string>>;
  /** Those of `ids` in a batch still proposed, with that batch's number. */
  proposedElsewhere(tx: Tx, ids: readonly string[]): Promise<Map<string, number>>;
  assertNotHeld(tx: Tx, organisationId: string, ids: readonly string[], what: string): Promise<void>;
  add(tx: Tx, batchId: string, ids: readonly string[]): Promise<void>;
  membersOf(tx: Tx, batchId: string): Promise<string[]>;
  describe(tx: Tx, organisationId: string, ids: readonly string[]): Promise<Described>;
  dispose(tx: Tx, organisationId: string, ids: readonly string[], now: Date): Promise<void>;
  reference(id: string): string;
}

async function dueIds(tx: Tx, ids: readonly string[], table: typeof subjects | typeof disclosures, due: SQL | null): Promise<Set<string>> {
  if (!due) return new Set();
  const found = (await tx.execute(sql`select ${table.id} as id from ${table} where ${and(due, anyOf(table.id, ids))}`)) as unknown as {
    rows: { id: string }[];
  };
  return new Set(found.rows.map((r) => r.id));
}

export const FILES: Disposables = {
  field: "subjectIds",
  dueAmong: (tx, organisationId, type, rule, ids) =>
    dueIds(tx, ids, subjects, rule ? dueUnder(organisationId, type, rule, queueEndsOn(today())) : null),
  async proposedElsewhere(tx, ids) {
    const rows = await tx
      .select({ id: disposalBatchFiles.subjectId, reference: disposalBatches.reference })
      .from(disposalBatchFiles)
      .innerJoin(disposalBatches, eq(disposalBatches.id, disposalBatchFiles.batchId))
      .where(and(eq(disposalBatches.status, "PROPOSED"), anyOf(disposalBatchFiles.subjectId, ids)));
    return new Map(rows.map((r) => [r.id, r.reference]));
  },
  assertNotHeld: (tx, _organisationId, ids, what) => assertFilesNotHeld(tx, ids, what),
  async add(tx, batchId, ids) {
    await tx.insert(disposalBatchFiles).values(ids.map((subjectId) => ({ batchId, subjectId })));
  },
  async membersOf(tx, batchId) {
    const rows = await tx
      .select({ id: disposalBatchFiles.subjectId })
      .from(disposalBatchFiles)
      .where(eq(disposalBatchFiles.batchId, batchId));
    return rows.map((r) => r.id);
  },
  describe: describeFiles,
  dispose: disposeFiles,
  reference: fileReference,
};

export const COPIES: Disposables = {
  field: "disclosureIds",
  dueAmong: (tx, organisationId, _type, rule, ids) =>
    dueIds(tx, ids, disclosures, rule ? copiesDueUnder(organisationId, rule, queueEndsOn(today())) : null),
  async proposedElsewhere(tx, ids) {
    const rows = await tx
      .select({ id: disposalBatchCopies.disclosureId, reference: disposalBatches.reference })
      .from(disposalBatchCopies)
      .innerJoin(disposalBatches, eq(disposalBatches.id, disposalBatchCopies.batchId))
      .where(and(eq(disposalBatches.status, "PROPOSED"), anyOf(disposalBatchCopies.disclosureId, ids)));
    return new Map(rows.map((r) => [r.id, r.reference]));
  },
  assertNotHeld: assertCopiesNotHeld,
  async add(tx, batchId, ids) {
    await tx.insert(disposalBatchCopies).values(ids.map((disclosureId) => ({ batchId, disclosureId })));
  },
  async membersOf(tx, batchId) {
    const rows = await tx
      .select({ id: disposalBatchCopies.disclosureId })
      .from(disposalBatchCopies)
      .where(eq(disposalBatchCopies.batchId, batchId));
    return rows.map((r) => r.id);
  },
  describe: (tx, _organisationId, ids) => describeCopies(tx, ids),
  dispose: disposeCopies,
  reference: copyReference,
};

/** Which kind of thing a batch under this rule disposes of. */
export const disposablesFor = (category: RetentionCategory): Disposables => (category === "DISCLOSED_COPY" ? COPIES : FILES);
