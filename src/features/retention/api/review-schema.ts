import { z } from "zod";
import { problemResponse, standardErrors } from "../../../platform/http/api-schemas";
import { ITEM_CATEGORIES, SUBJECT_KINDS } from "../../records/domain";
import { DISPOSAL_ACTIONS, RETENTION_ACTIONS, RETENTION_CATEGORIES, RETENTION_TRIGGERS } from "../domain/schedule";

/** The review queue's and disposals' schemas (zod, which also write the OpenAPI). */

export const errors = {
  ...standardErrors,
  409: problemResponse(
    "Refused by a rule: a legal hold (RET-HOLD), the proposer approving (RET-SECOND-PERSON), or files no longer due (RET-NOT-DUE)",
  ),
};
export const tags = ["retention"];

/** A rule's terms, as a certificate states them and the queue groups by (the schedule adds whether it is the default). */
export const ruleSchema = z
  .object({
    category: z.enum(RETENTION_CATEGORIES),
    trigger: z.enum(RETENTION_TRIGGERS),
    periodMonths: z.number().int(),
    action: z.enum(RETENTION_ACTIONS),
    disposalMethod: z.string(),
    source: z.string(),
  })
  .meta({ id: "RetentionRuleTerms" });

export const reviewQueueSchema = z
  .object({
    endsOn: z.iso.date().describe("The last day of the month the queue covers: files due by then, and overdue ones"),
    groups: z.array(
      z.object({
        rule: ruleSchema,
        total: z.number().int().describe("How many files are due under this rule"),
        files: z.array(
          z.object({
            subjectId: z.uuid(),
            reference: z.string().describe("The file's reference on certificates (F-…)"),
            name: z.string(),
            kind: z.enum(SUBJECT_KINDS),
            triggerDate: z.iso.date().nullable(),
            dueOn: z.iso.date().nullable(),
            heldBy: z.array(z.object({ id: z.uuid(), name: z.string() })).describe("Legal holds covering it: it cannot be disposed of"),
            proposedIn: z.object({ id: z.uuid(), reference: z.number().int() }).nullable(),
          }),
        ),
        copies: z
          .array(
            z.object({
              disclosureId: z.uuid(),
              reference: z.string().describe("The copy's reference on certificates (C-…)"),
              name: z.string().describe("Who it is about, as the sender named them"),
              from: z.string().describe("The organisation that shared it"),
              receivedOn: z.iso.date(),
              dueOn: z.iso.date(),
              byAgreement: z
                .boolean()
                .describe("Whether the agreement's retention term set the date (else the organisation's rule for copies)"),
              heldBy: z.array(z.object({ id: z.uuid(), name: z.string() })),
              proposedIn: z.object({ id: z.uuid(), reference: z.number().int() }).nullable(),
            }),
          )
          .describe(
            "Copies of what other organisations shared, not filed into a file of the organisation's own (the rule for copies only)",
          ),
      }),
    ),
  })
  .meta({ id: "ReviewQueue" });

export const reviewQueueQuery = z.object({
  category: z.enum(RETENTION_CATEGORIES).optional().describe("Only this rule's group"),
  page: z.coerce.number().int().min(1).max(100_000).default(1).describe("Which page of each group's files, from 1"),
  pageSize: z.coerce.number().int().min(1).max(200).default(50).describe("How many files of each group a page holds"),
});

export const keptSchema = z
  .object({ keepUntil: z.iso.date().describe("The file leaves the queue until this date's month") })
  .meta({ id: "RetentionKeep" });

const certificateSchema = z
  .object({
    reference: z.string(),
    organisation: z.string(),
    rule: ruleSchema,
    action: z.enum(DISPOSAL_ACTIONS),
    reason: z.string(),
    files: z.number().int(),
    items: z.number().int(),
    versions: z.number().int(),
    chronologyEntries: z.number().int(),
    concerns: z.number().int(),
    disclosedCopies: z.number().int(),
    itemCategories: z.partialRecord(z.enum(ITEM_CATEGORIES), z.number().int()),
    entriesFrom: z.iso.date().nullable(),
    entriesTo: z.iso.date().nullable(),
    fileReferences: z.array(z.string()),
    proposedBy: z.string(),
    proposedAt: z.iso.datetime(),
    approvedBy: z.string(),
    executedAt: z.iso.datetime(),
  })
  .meta({
    id: "DisposalCertificate",
    description: "What was disposed of, without personal data: counts, categories, date ranges, reference numbers",
  });

export const disposalSchema = z
  .object({
    id: z.uuid(),
    reference: z.string(),
    category: z.enum(RETENTION_CATEGORIES),
    action: z.enum(DISPOSAL_ACTIONS),
    status: z.enum(["PROPOSED", "EXECUTED", "CANCELLED"]),
    files: z.number().int(),
    reason: z.string(),
    proposedBy: z.string(),
    proposedAt: z.iso.datetime(),
    approvedBy: z.string().nullable(),
    executedAt: z.iso.datetime().nullable(),
    cancelledAt: z.iso.datetime().nullable(),
    certificateHash: z.string().nullable().describe("SHA-256 of the certificate's canonical JSON, as the audit log keeps it"),
  })
  .meta({ id: "DisposalBatch" });

export const disposalDetailSchema = disposalSchema
  .extend({
    fileList: z.array(z.object({ subjectId: z.uuid(), reference: z.string(), name: z.string().nullable() })),
    copyList: z
      .array(z.object({ disclosureId: z.uuid(), reference: z.string(), name: z.string().nullable() }))
      .describe("For a batch of copies of shared information"),
    certificate: certificateSchema.nullable(),
  })
  .meta({ id: "DisposalBatchDetail" });

export const executedSchema = z
  .object({ id: z.uuid(), certificate: certificateSchema, certificateHash: z.string() })
  .meta({ id: "DisposalExecuted" });

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** Allowlist presenters: dates as ISO strings. */
export const presentDisposal = <T extends { proposedAt: Date; executedAt: Date | null; cancelledAt: Date | null }>(d: T) => ({
  ...d,
  proposedAt: d.proposedAt.toISOString(),
  executedAt: iso(d.executedAt),
  cancelledAt: iso(d.cancelledAt),
});
