import { z } from "zod";
import { snapshotOf } from "../../../platform/audit/events";
import { inTransaction } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import { hasAnyRole } from "../../../platform/auth/roles";
import { today } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { visibleTo } from "../../../platform/db/scope";
import { NotPermittedError } from "../../../platform/errors";
import { textInput } from "../../../platform/text";
import { PURPOSE_CODES, type PurposeCode } from "../../agreements/domain";
import { addChronologyEntry } from "../../records";
import type {} from "../audit-events";
import { shareApprovalRules, shareDecisionAddenda } from "../schema";
import { loadDecision } from "./decisions";

/**
 * What may be added to a recorded decision (it is never edited): a correction of the record, or
 * feedback on what happened after (docs/domain.md §4 "feedback/outcome"). And which purposes need a
 * safeguarding lead's approval before anything is delivered, per organisation.
 */

export const addendumInput = z.object({
  kind: z.enum(["CORRECTION", "OUTCOME"], { error: "Select a correction or the outcome" }),
  text: textInput("The text", "Enter the correction or the outcome")
    .trim()
    .min(1, "Enter the correction or the outcome")
    .max(10_000, "Must be 10,000 characters or fewer"),
});

const ADDENDUM_TITLES = { CORRECTION: "sharingChronology.correctionAdded", OUTCOME: "sharingChronology.outcomeRecorded" } as const;

export async function addAddendum(db: Db, actor: Actor, id: string, raw: unknown, now = new Date()): Promise<string> {
  const { kind, text } = addendumInput.parse(raw);
  const decision = await loadDecision(db, actor, id);
  return inTransaction(db, async (tx, audit) => {
    const [row] = await tx
      .insert(shareDecisionAddenda)
      .values({
        decisionId: id,
        organisationId: actor.organisationId,
        kind,
        text,
        addedByUserId: actor.userId,
        addedByName: actor.name,
        addedAt: now,
      })
      .returning({ id: shareDecisionAddenda.id });
    await addChronologyEntry(tx, {
      organisationId: actor.organisationId,
      subjectId: decision.subjectId,
      occurredOn: today(now),
      category: "decision",
      kind: `DECISION_${kind}`,
      title: ADDENDUM_TITLES[kind],
      summary: text,
      ref: { type: "share_decision", id },
      recordedByUserId: actor.userId,
    });
    audit.record(snapshotOf(actor), {
      type: "share_decision.addendum_added",
      entity: { type: "subject", id: decision.subjectId },
      details: { decisionId: id, kind },
    });
    return row!.id;
  });
}

export const approvalRulesInput = z.object({
  purposes: z.array(z.enum(PURPOSE_CODES, { error: "Choose purposes from the list" })).max(PURPOSE_CODES.length),
});

export async function approvalRules(db: Db, actor: Actor): Promise<PurposeCode[]> {
  const rows = await db
    .select({ purpose: shareApprovalRules.purposeCode })
    .from(shareApprovalRules)
    .where(visibleTo(actor, shareApprovalRules));
  return rows.map((r) => r.purpose as PurposeCode);
}

/** Replaces the organisation's list (its safeguarding leads or administrators). */
export async function setApprovalRules(db: Db, actor: Actor, raw: unknown): Promise<PurposeCode[]> {
  if (!hasAnyRole(actor.roles, ["safeguarding_lead", "org_admin"])) {
    throw new NotPermittedError("Only safeguarding leads and organisation administrators decide which decisions need approval");
  }
  const { purposes } = approvalRulesInput.parse(raw);
  const unique = [...new Set(purposes)];
  await inTransaction(db, async (tx, audit) => {
    await tx.delete(shareApprovalRules).where(visibleTo(actor, shareApprovalRules));
    if (unique.length)
      await tx.insert(shareApprovalRules).values(unique.map((purposeCode) => ({ organisationId: actor.organisationId, purposeCode })));
    audit.record(snapshotOf(actor), {
      type: "organisation.updated",
      entity: { type: "organisation", id: actor.organisationId },
      details: { fields: ["shareApprovalRules"] },
    });
  });
  return unique;
}
