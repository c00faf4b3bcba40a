import { createHash } from "node:crypto";
import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import { canonicalJson } from "../../../platform/audit/chain";
import { snapshotOf } from "../../../platform/audit/events";
import { inTransaction, recordEvent } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import type { Db, Tx } from "../../../platform/db/client";
import { visibleTo } from "../../../platform/db/scope";
import { ConflictError, NotFoundError, ValidationError } from "../../../platform/errors";
import { subjects } from "../../records/schema";
import { disclosures } from "../../sharing/schema";
import type {} from "../audit-events";
import { batchReference, type CertificateFacts, copyReference, fileReference } from "../domain/certificate";
import { type ProposeInput, proposeInput } from "../domain/review-inputs";
import { RETENTION_RULES } from "../domain/rules";
import type { DisposalAction, RetentionCategory } from "../domain/schedule";
import { disposalBatchCopies, disposalBatches, disposalBatchFiles } from "../schema";
import { COPIES, disposablesFor, FILES } from "./disposables";
import { keepAnonymisedRows } from "./dispose-files";
import { assertReviews } from "./review-queue";
import { scheduleOf } from "./schedule";

/**
 * Proposes files from the review queue for disposal under one rule (issue 21): people's files, or
 * under the rule for copies, copies of what other organisations shared. Each must be the
 * organisation's, due under that rule (RET-NOT-DUE) and in no other proposed batch; none may be under a
 * legal hold (RET-HOLD, 409 naming the hold). Nothing is removed until a second IG lead approves it.
 */
export async function proposeDisposal(db: Db, actor: Actor, raw: unknown): Promise<{ id: string; reference: string }> {
  assertReviews(actor);
  const input: ProposeInput = proposeInput.parse(raw);
  const things = disposablesFor(input.category);
  const chosen = input[things.field];
  const other = things.field === "subjectIds" ? "disclosureIds" : "subjectIds";
  if (!chosen.length || input[other].length) {
    throw new ValidationError([
      ...(chosen.length
        ? []
        : [{ path: `/${things.field}`, message: things === COPIES ? "Select at least one copy" : "Select at least one file" }]),
      ...(input[other].length
        ? [{ path: `/${other}`, message: "These are not disposed of under this rule: propose them under their own" }]
        : []),
    ]);
  }
  const ids = [...new Set(chosen)];
  return inTransaction(db, async (tx, audit) => {
    const { type, rules } = await scheduleOf(tx, actor.organisationId);
    const due = await things.dueAmong(
      tx,
      actor.organisationId,
      type,
      rules.find((r) => r.category === input.category),
      ids,
    );
    const notDue = chosen.flatMap((id, i) =>
      due.has(id)
        ? []
        : [
            {
              path: `/${things.field}/${i}`,
              message: `This is not one of your organisation's records due under this rule: ${RETENTION_RULES["RET-NOT-DUE"]}`,
            },
          ],
    );
    if (notDue.length) throw new ValidationError(notDue);
    const proposed = await things.proposedElsewhere(tx, ids);
    if (proposed.size) {
      throw new ValidationError(
        chosen.flatMap((id, i) => {
          const reference = proposed.get(id);
          return reference === undefined
            ? []
            : [{ path: `/${things.field}/${i}`, message: `This is already proposed in disposal batch ${batchReference(reference)}` }];
        }),
      );
    }
    await things.assertNotHeld(tx, actor.organisationId, ids, "These records cannot be proposed for disposal");
    const [batch] = await tx
      .insert(disposalBatches)
      .values({
        organisationId: actor.organisationId,
        category: input.category,
        action: input.action,
        reason: input.reason,
        proposedByUserId: actor.userId,
        proposedByName: actor.name,
      })
      .returning({ id: disposalBatches.id, reference: disposalBatches.reference });
    if (!batch) throw new Error("the disposal batch was not written");
    await things.add(tx, batch.id, ids);
    audit.record(snapshotOf(actor), {
      type: "retention.disposal_proposed",
      entity: { type: "disposal_batch", id: batch.id },
      details: { category: input.category, action: input.action, files: ids.length },
    });
    return { id: batch.id, reference: batchReference(batch.reference) };
  });
}

type BatchRow = typeof disposalBatches.$inferSelect;

async function lockedBatch(tx: Tx, actor: Actor, id: string): Promise<BatchRow> {
  const [batch] = await tx
    .select()
    .from(disposalBatches)
    .where(and(eq(disposalBatches.id, id), visibleTo(actor, disposalBatches)))
    .for("update");
  if (!batch) throw new NotFoundError("The disposal batch");
  return batch;
}

/** The certificate's hash, as the audit log keeps it: SHA-256 of its canonical JSON. */
const certificateHashOf = (facts: CertificateFacts): string => createHash("sha256").update(canonicalJson(facts)).digest("hex");

export interface ExecutedDisposal {
  id: string;
  certificate: CertificateFacts;
  certificateHash: string;
}

/**
 * A second IG lead approves a proposed batch and it is carried out at once, in one transaction
 * (issue 21): never by its proposer (RET-SECOND-PERSON); checked against every legal hold at that moment
 * (RET-HOLD: refused, naming the hold, and the attempt audited); every file still due (RET-NOT-DUE).
 * Approving a batch already carried out changes nothing and answers with its certificate.
 */
export async function approveDisposal(db: Db, actor: Actor, id: string): Promise<ExecutedDisposal> {
  assertReviews(actor);
  try {
    return await inTransaction(db, async (tx, audit) => {
      const batch = await lockedBatch(tx, actor, id);
      if (batch.status === "EXECUTED" && batch.certificate && batch.certificateHash) {
        return { id, certificate: batch.certificate, certificateHash: batch.certificateHash };
      }
      if (batch.status === "CANCELLED") throw new ConflictError("This disposal batch was cancelled: propose the files again");
      if (batch.proposedByUserId === actor.userId) {
        throw new ConflictError(
          "You proposed this disposal, so another IG lead must approve it",
          [],
          [{ code: "RET-SECOND-PERSON", severity: "block", message: RETENTION_RULES["RET-SECOND-PERSON"], path: "" }],
        );
      }
      const things = disposablesFor(batch.category);
      const ids = await things.membersOf(tx, id);
      await things.assertNotHeld(tx, batch.organisationId, ids, "This disposal cannot go ahead");
      const { type, name: organisation, rules } = await scheduleOf(tx, batch.organisationId);
      const rule = rules.find((r) => r.category === batch.category);
      const due = await things.dueAmong(tx, batch.organisationId, type, rule, ids);
      if (due.size !== ids.length) {
        throw new ConflictError(
          `${ids.length - due.size} of the files are no longer due (kept at a review, or written to since it was proposed). Cancel this batch and propose the files that are due.`,
          [],
          [{ code: "RET-NOT-DUE", severity: "block", message: RETENTION_RULES["RET-NOT-DUE"], path: "" }],
        );
      }
      const now = new Date();
      if (!rule) throw new ConflictError("Your organisation no longer holds files of this kind");
      const described = await things.describe(tx, batch.organisationId, ids);
      if (batch.action === "ANONYMISE" && things === FILES) await keepAnonymisedRows(tx, batch, ids, now.getUTCFullYear());
      await things.dispose(tx, batch.organisationId, ids, now);
      const certificate: CertificateFacts = {
        reference: batchReference(batch.reference),
        organisation,
        rule: {
          category: rule.category,
          trigger: rule.trigger,
          periodMonths: rule.periodMonths,
          action: rule.action,
          disposalMethod: rule.disposalMethod,
          source: rule.source,
        },
        action: batch.action,
        reason: batch.reason,
        files: things === FILES ? ids.length : 0,
        ...described,
        fileReferences: ids.map(things.reference).sort(),
        proposedBy: batch.proposedByName,
        proposedAt: batch.proposedAt.toISOString(),
        approvedBy: actor.name,
        executedAt: now.toISOString(),
      };
      const certificateHash = certificateHashOf(certificate);
      await tx
        .update(disposalBatches)
        .set({
          status: "EXECUTED",
          approvedByUserId: actor.userId,
          approvedByName: actor.name,
          executedAt: now,
          certificate,
          certificateHash,
        })
        .where(eq(disposalBatches.id, id));
      audit.record(snapshotOf(actor), {
        type: "retention.disposal_executed",
        entity: { type: "disposal_batch", id },
        details: { action: batch.action, files: ids.length, items: described.items, subjectIds: ids, certificateHash },
      });
      return { id, certificate, certificateHash };
    });
  } catch (error) {
    if (error instanceof ConflictError && error.findings.some((f) => f.code === "RET-HOLD")) {
      await recordEvent(db, snapshotOf(actor), { type: "retention.disposal_blocked", entity: { type: "disposal_batch", id }, details: {} });
    }
    throw error;
  }
}

/** Withdraws a proposal that has not been carried out. */
export async function cancelDisposal(db: Db, actor: Actor, id: string): Promise<void> {
  assertReviews(actor);
  await inTransaction(db, async (tx, audit) => {
    const batch = await lockedBatch(tx, actor, id);
    if (batch.status !== "PROPOSED")
      throw new ConflictError(
        batch.status === "EXECUTED" ? "This disposal has been carried out" : "This disposal batch is already cancelled",
      );
    await tx.update(disposalBatches).set({ status: "CANCELLED", cancelledAt: new Date() }).where(eq(disposalBatches.id, id));
    audit.record(snapshotOf(actor), { type: "retention.disposal_cancelled", entity: { type: "disposal_batch", id }, details: {} });
  });
}

export interface DisposalSummary {
  id: string;
  reference: string;
  category: RetentionCategory;
  action: DisposalAction;
  status: BatchRow["status"];
  files: number;
  reason: string;
  proposedBy: string;
  proposedAt: Date;
  approvedBy: string | null;
  executedAt: Date | null;
  cancelledAt: Date | null;
  certificateHash: string | null;
}

const summaryColumns = {
  id: disposalBatches.id,
  reference: disposalBatches.reference,
  category: disposalBatches.category,
  action: disposalBatches.action,
  status: disposalBatches.status,
  reason: disposalBatches.reason,
  proposedBy: disposalBatches.proposedByName,
  proposedAt: disposalBatches.proposedAt,
  approvedBy: disposalBatches.approvedByName,
  executedAt: disposalBatches.executedAt,
  cancelledAt: disposalBatches.cancelledAt,
  certificateHash: disposalBatches.certificateHash,
  // The outer batch's id written out in full: drizzle writes a single-table select's columns unqualified.
  files: sql<number>`((select count(*)::int from ${disposalBatchFiles} where ${disposalBatchFiles.batchId} = ${sql.identifier("disposal_batch")}.${sql.identifier("id")})
    + (select count(*)::int from ${disposalBatchCopies} where ${disposalBatchCopies.batchId} = ${sql.identifier("disposal_batch")}.${sql.identifier("id")}))`,
};

const summaryOf = (row: Omit<DisposalSummary, "reference"> & { reference: number }): DisposalSummary => ({
  ...row,
  reference: batchReference(row.reference),
});

/** The organisation's disposal batches, newest first. */
export async function loadDisposals(
  db: Db,
  actor: Actor,
  page: { page: number; pageSize: number },
): Promise<{ rows: DisposalSummary[]; total: number }> {
  assertReviews(actor);
  const [{ total = 0 } = {}] = await db.select({ total: count() }).from(disposalBatches).where(visibleTo(actor, disposalBatches));
  const rows = await db
    .select(summaryColumns)
    .from(disposalBatches)
    .where(visibleTo(actor, disposalBatches))
    .orderBy(desc(disposalBatches.proposedAt), asc(disposalBatches.id))
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize);
  return { rows: rows.map(summaryOf), total };
}

export interface DisposalView extends DisposalSummary {
  /** While proposed: the files, with names for the approver to check (an audited read); afterwards only references. */
  fileList: { subjectId: string; reference: string; name: string | null }[];
  /** The same for a batch of copies of shared information: who each was about, as its sender named them. */
  copyList: { disclosureId: string; reference: string; name: string | null }[];
  certificate: CertificateFacts | null;
  /** Whether the one reading it proposed it, and so may not approve it (RET-SECOND-PERSON). */
  proposedByActor: boolean;
}

/** One batch: what it proposes (names are an audited read while it is only proposed), or its certificate once carried out. */
export async function viewDisposal(db: Db, actor: Actor, id: string, view: string): Promise<DisposalView> {
  assertReviews(actor);
  return inTransaction(db, async (tx, audit) => {
    const [row] = await tx
      .select({ ...summaryColumns, certificate: disposalBatches.certificate, proposedByUserId: disposalBatches.proposedByUserId })
      .from(disposalBatches)
      .where(and(eq(disposalBatches.id, id), visibleTo(actor, disposalBatches)));
    if (!row) throw new NotFoundError("The disposal batch");
    const proposed = row.status === "PROPOSED";
    const files = await tx
      .select({ subjectId: subjects.id, givenNames: subjects.givenNames, familyName: subjects.familyName })
      .from(disposalBatchFiles)
      .innerJoin(subjects, eq(subjects.id, disposalBatchFiles.subjectId))
      .where(eq(disposalBatchFiles.batchId, id))
      .orderBy(asc(subjects.familyName), asc(subjects.givenNames), asc(subjects.id));
    const copies = await tx
      .select({ id: disclosures.id, name: sql<string>`${disclosures.subject}->>'name'` })
      .from(disposalBatchCopies)
      .innerJoin(disclosures, eq(disclosures.id, disposalBatchCopies.disclosureId))
      .where(eq(disposalBatchCopies.batchId, id))
      .orderBy(asc(disclosures.sentAt), asc(disclosures.id));
    if (proposed && files.length + copies.length) {
      audit.record(snapshotOf(actor), {
        type: "personal_data.viewed",
        entity: { type: "organisation", id: actor.organisationId },
        details: { view, count: files.length + copies.length, subjectIds: files.map((f) => f.subjectId) },
      });
    }
    const { proposedByUserId, certificate, ...summary } = row;
    return {
      ...summaryOf(summary),
      certificate,
      proposedByActor: proposedByUserId === actor.userId,
      fileList: files.map((f) => ({
        subjectId: f.subjectId,
        reference: fileReference(f.subjectId),
        name: proposed ? `${f.givenNames} ${f.familyName}` : null,
      })),
      copyList: copies.map((c) => ({ disclosureId: c.id, reference: copyReference(c.id), name: proposed ? c.name : null })),
    };
  });
}
