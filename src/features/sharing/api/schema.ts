import { z } from "zod";
import type { Actor } from "../../../platform/auth/actor";
import { ROLES } from "../../../platform/auth/roles";
import { ONWARD_DISCLOSURE } from "../../agreements/domain";
import { ACCURACY_STATES, ITEM_CATEGORIES, mayDecideProtectedDetails, RECORD_ITEM_KINDS, SOURCE_METHODS } from "../../records/domain";
import {
  itemChoice,
  itemsAnswers,
  purposeAnswers,
  recordedProtectedDetail,
  type ShareDecisionInput,
  shareDecisionInput,
} from "../domain/decision-input";
import { DISCLOSURE_STATES, disclosureState } from "../domain/disclosure-access";
import { personForViewer } from "../domain/disclosure-snapshot";
import type { ProtectedMention } from "../domain/protected-details";
import { DECISION_STATUSES, emergencyRecordOverdue } from "../domain/records";
import { CONSENT_STATUSES, NOT_SOUGHT_REASONS, OUTCOMES } from "../domain/vocabulary";
import { type DecisionDetail, decisionReference } from "../services/decisions";
import type { DisclosureQuestionRow } from "../services/disclosure-questions";
import type { DisclosureItemRow, DisclosureSummary } from "../services/disclosures";

/** Allowlist presenters for share decisions and disclosures: each field named, nothing passed through. */

const iso = (d: Date | null): string | null => d?.toISOString() ?? null;

const ruleFindingSchema = z.object({
  code: z.string().describe("The rule's stable code, e.g. L-NO-ART9 (docs/domain.md §9)"),
  severity: z.enum(["block", "warning"]),
  message: z.string(),
  path: z.string().describe("JSON Pointer to the answer the finding is about"),
});

const recordedWarningSchema = ruleFindingSchema.extend({
  acknowledged: z
    .boolean()
    .describe("Whether the decider acknowledged it before recording (an emergency share goes without waiting for that)"),
});

export const evaluationSchema = z
  .object({
    ready: z.boolean().describe("True when nothing stops the decision being recorded"),
    findings: z.array(ruleFindingSchema).describe("Every finding: blocks first, then warnings"),
    outstanding: z.array(ruleFindingSchema).describe("What stops recording now: blocks, and warnings not yet acknowledged"),
  })
  .meta({ id: "ShareDecisionEvaluation" });

/** A protected detail taken out, as the viewer may see it: what it was and whose, and for a lead only the detail as written. */
const takenOutSchema = recordedProtectedDetail.extend({
  phrase: z
    .string()
    .optional()
    .describe("The detail as written: only for a safeguarding lead or IG lead, who may decide about protected details"),
});

/** The answers as recorded, with what Safeshare took out as the viewer may see it (GR5-PROTECT-IDENTITIES). */
const recordSchema = shareDecisionInput.extend({
  purpose: purposeAnswers.extend({ protectedRedactions: z.array(takenOutSchema).optional() }),
  items: itemsAnswers.extend({
    items: z.array(itemChoice.extend({ protectedRedactions: z.array(takenOutSchema).optional() })).optional(),
  }),
});

/**
 * What was taken out as protected is in the record as written, and a practitioner is never given a
 * protected detail (GR5-PROTECT-IDENTITIES): for anyone who may not decide about them, each says only
 * what it was and whose.
 */
function recordForViewer(record: ShareDecisionInput, mayDecide: boolean): z.infer<typeof recordSchema> {
  const shown = (found: ProtectedMention[] | undefined) => (mayDecide ? found : found?.map(({ kind, ofSubject }) => ({ kind, ofSubject })));
  return {
    ...record,
    purpose: { ...record.purpose, protectedRedactions: shown(record.purpose.protectedRedactions) },
    items: {
      ...record.items,
      items: record.items.items?.map((c) => ({ ...c, protectedRedactions: shown(c.protectedRedactions) })),
    },
  };
}

export const decisionSchema = z
  .object({
    id: z.uuid(),
    reference: z.string().describe("SD-000123"),
    subjectId: z.uuid(),
    subjectName: z.string(),
    status: z.enum(DECISION_STATUSES),
    outcome: z.enum(OUTCOMES),
    emergency: z.boolean(),
    fullRecord: z.object({ dueAt: z.iso.datetime(), completedAt: z.iso.datetime().nullable() }).nullable(),
    overdue: z.boolean().describe("An emergency share whose full record is past its due time and not yet completed (ICO9-EMERGENCY)"),
    purposeCode: z.string().nullable(),
    recipient: z
      .object({ organisationId: z.uuid(), name: z.string(), userId: z.uuid().nullable(), userName: z.string().nullable() })
      .nullable(),
    agreement: z.object({ id: z.uuid(), version: z.number().int(), parentVersion: z.number().int().nullable() }).nullable(),
    informationRequest: z
      .object({
        id: z.uuid(),
        reference: z.string().describe("IR-000123"),
        requestingOrganisation: z.object({ id: z.uuid(), name: z.string() }),
        askedBy: z.string(),
      })
      .nullable()
      .describe("The information request this decision answers, and who asked"),
    decidedBy: z.object({ id: z.uuid(), name: z.string(), roles: z.array(z.enum(ROLES)) }),
    decidedAt: z.iso.datetime(),
    approval: z.object({ byUserId: z.uuid(), at: z.iso.datetime(), comments: z.string().nullable() }).nullable(),
    retentionReviewOn: z.iso.date(),
    warnings: z
      .array(recordedWarningSchema)
      .describe("Every warning the rules raised when the decision was recorded, each saying whether the decider acknowledged it"),
    record: recordSchema.describe("Every answer, as recorded"),
    disclosure: z
      .object({
        id: z.uuid(),
        state: z.enum(DISCLOSURE_STATES),
        sentAt: z.iso.datetime(),
        expiresAt: z.iso.datetime(),
        firstOpenedAt: z.iso.datetime().nullable(),
        acknowledgedAt: z.iso.datetime().nullable(),
        revokedAt: z.iso.datetime().nullable(),
        retainUntil: z.iso
          .date()
          .nullable()
          .describe("Until when the recipient keeps its copy, by the agreement's retention term; null when none is set"),
        disposedAt: z.iso.datetime().nullable().describe("When the recipient disposed of its copy under its retention schedule"),
      })
      .nullable(),
    addenda: z.array(z.object({ id: z.uuid(), kind: z.string(), text: z.string(), addedBy: z.string(), addedAt: z.iso.datetime() })),
  })
  .meta({ id: "ShareDecision" });

export function presentDecision(d: DecisionDetail, viewer: Actor, now = new Date()): z.infer<typeof decisionSchema> {
  return {
    id: d.id,
    reference: decisionReference(d.number),
    subjectId: d.subjectId,
    subjectName: d.subjectName,
    status: d.status,
    outcome: d.outcome,
    emergency: d.emergency,
    fullRecord: d.fullRecordDueAt ? { dueAt: d.fullRecordDueAt.toISOString(), completedAt: iso(d.fullRecordCompletedAt) } : null,
    overdue: emergencyRecordOverdue(d, now),
    purposeCode: d.purposeCode,
    recipient: d.recipientOrganisationId
      ? { organisationId: d.recipientOrganisationId, name: d.recipientName ?? "", userId: d.recipientUserId, userName: d.recipientUserName }
      : null,
    agreement:
      d.agreementId && d.agreementVersion
        ? { id: d.agreementId, version: d.agreementVersion, parentVersion: d.parentAgreementVersion }
        : null,
    informationRequest: d.answersRequest
      ? {
          id: d.answersRequest.id,
          reference: d.answersRequest.reference,
          requestingOrganisation: { id: d.answersRequest.requestingOrganisationId, name: d.answersRequest.requestingName },
          askedBy: d.answersRequest.askedBy,
        }
      : null,
    decidedBy: {
      id: d.decidedByUserId,
      name: d.decidedByName,
      roles: d.decidedByRoles as z.infer<typeof decisionSchema>["decidedBy"]["roles"],
    },
    decidedAt: d.decidedAt.toISOString(),
    approval:
      d.approvedByUserId && d.approvedAt
        ? { byUserId: d.approvedByUserId, at: d.approvedAt.toISOString(), comments: d.approvalComments }
        : null,
    retentionReviewOn: d.retentionReviewOn,
    warnings: d.findings.map((f) => ({
      code: f.code,
      severity: f.severity,
      message: f.message,
      path: f.path,
      acknowledged: f.acknowledged,
    })),
    record: recordForViewer(d.record, mayDecideProtectedDetails(viewer.roles)),
    disclosure: d.disclosure
      ? {
          id: d.disclosure.id,
          state: disclosureState(d.disclosure, now),
          sentAt: d.disclosure.sentAt.toISOString(),
          expiresAt: d.disclosure.expiresAt.toISOString(),
          firstOpenedAt: iso(d.disclosure.firstOpenedAt),
          acknowledgedAt: iso(d.disclosure.acknowledgedAt),
          revokedAt: iso(d.disclosure.revokedAt),
          retainUntil: d.disclosure.retainUntil,
          disposedAt: iso(d.disclosure.disposedAt),
        }
      : null,
    addenda: d.addenda.map((a) => ({ id: a.id, kind: a.kind, text: a.text, addedBy: a.addedByName, addedAt: a.addedAt.toISOString() })),
  };
}

const addressSchema = z.object({ lines: z.string(), postcode: z.string().nullable(), protected: z.boolean() });

export const disclosureSummarySchema = z
  .object({
    id: z.uuid(),
    state: z.enum(DISCLOSURE_STATES),
    sender: z.object({ organisationId: z.uuid(), name: z.string(), decidedBy: z.string() }),
    recipient: z.object({ organisationId: z.uuid(), name: z.string(), userId: z.uuid().nullable(), role: z.string().nullable() }),
    subject: z.object({
      name: z.string(),
      kind: z.string(),
      dateOfBirth: z.string().nullable().optional(),
      expectedDate: z.string().nullable().optional(),
      nhsNumber: z.string().nullable().optional(),
      upn: z.string().nullable().optional(),
      phone: z.string().nullable().optional(),
      email: z.string().nullable().optional(),
      addresses: z.array(addressSchema).optional(),
      protectedAddressesWithheld: z
        .number()
        .int()
        .optional()
        .describe(
          "The sender's view only: protected addresses that went but are not shown to you, because your role does not decide about them",
        ),
    }),
    purposeCode: z.string(),
    purpose: z.string(),
    emergency: z.boolean(),
    onwardDisclosure: z.enum(ONWARD_DISCLOSURE).describe("Whether the recipient may pass it on"),
    sentAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    firstOpenedAt: z.iso.datetime().nullable(),
    acknowledgedAt: z.iso.datetime().nullable(),
    acknowledgedBy: z.string().nullable(),
    revokedAt: z.iso.datetime().nullable(),
    retainUntil: z.iso
      .date()
      .nullable()
      .describe("Until when the recipient keeps its copy, by the agreement's retention term; null when none is set"),
    disposedAt: z.iso
      .datetime()
      .nullable()
      .describe("When the recipient disposed of its copy under its retention schedule: both sides see it"),
    filedSubjectId: z.uuid().nullable().describe("The recipient's own record it was filed onto (the recipient only)"),
  })
  .meta({ id: "DisclosureSummary" });

export const disclosedItemSchema = z.object({
  position: z.number().int(),
  category: z.enum(ITEM_CATEGORIES),
  kind: z.enum(RECORD_ITEM_KINDS),
  text: z.string(),
  redacted: z.boolean().describe("Words or phrases were taken out before it was sent, each shown as [redacted]"),
  eventDate: z.iso.date(),
  source: z.object({ name: z.string(), method: z.enum(SOURCE_METHODS), obtainedOn: z.iso.date() }),
  historical: z.boolean(),
  specialCategory: z.boolean(),
  criminalOffence: z.boolean(),
  accuracy: z.enum(ACCURACY_STATES),
});

const disclosureContextSchema = z
  .object({
    consent: z
      .object({ status: z.enum(CONSENT_STATUSES), notSoughtReason: z.enum(NOT_SOUGHT_REASONS).nullable() })
      .nullable()
      .describe("Where consent stood when it was sent; null when the sender had not recorded it (an emergency share goes first)"),
    levelOfNeed: z
      .object({ code: z.string(), label: z.string() })
      .nullable()
      .describe("The level on the partnership's scale of need it was decided at, with its words then; null when none was given"),
    withheld: z
      .object({
        partial: z.boolean().describe("The sender decided to share only some of what it holds"),
        items: z.number().int().describe("Items the sender considered and did not send"),
        protectedAddresses: z.number().int().describe("Protected addresses left out of the person's details"),
      })
      .describe("What was held back; words taken out of an item are marked on the item (`redacted`)"),
    sender: z.object({ roles: z.array(z.enum(ROLES)), email: z.string() }).describe("The decider's roles and email, as they were"),
  })
  .meta({ id: "DisclosureContext" });

const disclosureQuestionSchema = z
  .object({
    id: z.uuid(),
    question: z.string(),
    askedBy: z.string(),
    askedAt: z.iso.datetime(),
    answer: z.object({ text: z.string(), by: z.string(), at: z.iso.datetime() }).nullable(),
  })
  .meta({ id: "DisclosureQuestion" });

export const disclosureSchema = disclosureSummarySchema
  .extend({
    items: z.array(disclosedItemSchema),
    context: disclosureContextSchema
      .nullable()
      .describe("What the recipient is told of the decision behind it; null for disclosures sent before it was kept"),
    questions: z.array(disclosureQuestionSchema).describe("The recipient's questions about it and the sender's answers, oldest first"),
  })
  .meta({ id: "Disclosure" });

export function presentDisclosureQuestion(q: DisclosureQuestionRow): z.infer<typeof disclosureQuestionSchema> {
  return {
    id: q.id,
    question: q.question,
    askedBy: q.askedByName,
    askedAt: q.askedAt.toISOString(),
    answer: q.answer && q.answeredAt ? { text: q.answer, by: q.answeredByName ?? "", at: q.answeredAt.toISOString() } : null,
  };
}

/**
 * `side` decides what the viewer is owed: the recipient sees where it filed it; only the sender, why
 * access was withdrawn. At the sender, a protected address that went is shown only to those who decide
 * about protected details (GR5-PROTECT-IDENTITIES): for anyone else it is absent from the response.
 * The recipient is shown what it was sent: a safeguarding or IG lead decided it needs it.
 */
export function presentDisclosureSummary(
  d: DisclosureSummary,
  side: "sender" | "recipient",
  viewer: Actor,
  now = new Date(),
): z.infer<typeof disclosureSummarySchema> {
  return {
    id: d.id,
    state: disclosureState(d, now),
    sender: { organisationId: d.senderOrganisationId, name: d.senderName, decidedBy: d.sentByName },
    recipient: { organisationId: d.recipientOrganisationId, name: d.recipientName, userId: d.recipientUserId, role: d.recipientRole },
    subject: side === "sender" ? personForViewer(d.subject, mayDecideProtectedDetails(viewer.roles)) : { ...d.subject },
    purposeCode: d.purposeCode,
    purpose: d.purpose,
    emergency: d.emergency,
    onwardDisclosure: d.onwardDisclosure,
    sentAt: d.sentAt.toISOString(),
    expiresAt: d.expiresAt.toISOString(),
    firstOpenedAt: iso(d.firstOpenedAt),
    acknowledgedAt: iso(d.acknowledgedAt),
    acknowledgedBy: d.acknowledgedByName,
    revokedAt: iso(d.revokedAt),
    retainUntil: d.retainUntil,
    disposedAt: iso(d.disposedAt),
    filedSubjectId: side === "recipient" ? d.filedSubjectId : null,
  };
}

export function presentDisclosedItem(i: DisclosureItemRow): z.infer<typeof disclosedItemSchema> {
  return {
    position: i.position,
    category: i.category,
    kind: i.kind,
    text: i.text,
    redacted: i.redacted,
    eventDate: i.eventDate,
    source: { name: i.sourceName, method: i.sourceMethod, obtainedOn: i.sourceObtainedOn },
    historical: i.historical,
    specialCategory: i.specialCategory,
    criminalOffence: i.criminalOffence,
    accuracy: i.accuracy,
  };
}
