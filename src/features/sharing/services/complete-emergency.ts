import { and, eq, isNull } from "drizzle-orm";
import { snapshotOf } from "../../../platform/audit/events";
import { inTransaction } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import { today } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { ConflictError, NotPermittedError, RulesBlockedError, ValidationError } from "../../../platform/errors";
import { addChronologyEntry } from "../../records";
import type {} from "../audit-events";
import { shareDecisionInput } from "../domain/decision-input";
import { answersOnly } from "../domain/disclosure-snapshot";
import { evaluateDecision, type Finding, recordedWarnings, warningsOf } from "../domain/evaluate-decision";
import { shareDecisionAddenda, shareDecisions } from "../schema";
import { gatherFacts } from "./decision-facts";
import { loadDecision } from "./decisions";
import { assertPossibleAnswers, outstanding } from "./evaluate-proposed-decision";

/**
 * The full record of an emergency share (ICO9-EMERGENCY), added as an addendum once the emergency has
 * passed: every answer a decision needs, checked by the same rules, except that what already went
 * cannot be undone, so findings about what was sent (a restricted item, an agreement's terms) are
 * recorded as warnings rather than blocks. Who it went to and what went are as sent.
 */

/** What was already sent: a finding about it is recorded, not a reason to refuse the record. */
const ABOUT_WHAT_WENT = (f: Finding) =>
  f.code.startsWith("DSA-") || f.code === "R-RESTRICTED" || f.code === "P-ACCURATE" || f.code === "GR6-MINIMISE";

export async function completeEmergencyRecord(db: Db, actor: Actor, id: string, raw: unknown, now = new Date()): Promise<void> {
  const decision = await loadDecision(db, actor, id);
  if (!decision.emergency) throw new ConflictError("This was not an emergency share");
  if (decision.fullRecordCompletedAt) throw new ConflictError("The full record of this emergency share has already been completed");
  if (decision.decidedByUserId !== actor.userId && !actor.roles.includes("safeguarding_lead")) {
    throw new NotPermittedError("The person who shared, or a safeguarding lead, completes the record");
  }
  const parsed = shareDecisionInput.parse(raw);
  assertPossibleAnswers(parsed, now);
  const sent = decision.record;
  const sentItems = (sent.items.items ?? [])
    .filter((i) => i.share)
    .map((i) => i.itemId)
    .sort();
  const nowItems = (parsed.items.items ?? [])
    .filter((i) => i.share)
    .map((i) => i.itemId)
    .sort();
  const errors = [];
  if (parsed.subjectId !== decision.subjectId)
    errors.push({ path: "/subjectId", message: "The record is about the person the share was about" });
  if (parsed.recipient.organisationId !== sent.recipient.organisationId) {
    errors.push({
      path: "/recipient/organisationId",
      message: "It went to the organisation it went to: that cannot be changed in the record",
    });
  }
  if (sentItems.join() !== nowItems.join())
    errors.push({ path: "/items/items", message: "Record the items that were shared, as they were shared" });
  if (errors.length) throw new ValidationError(errors);
  // Checked as an ordinary decision: the emergency has passed and the record must be complete.
  const input = { ...parsed, emergency: { immediateRisk: false } };
  const gathered = await gatherFacts(db, actor, input, today(now));
  const findings = evaluateDecision(gathered.facts).map((f) =>
    f.severity === "block" && ABOUT_WHAT_WENT(f) ? { ...f, severity: "warning" as const } : f,
  );
  const stopping = outstanding(findings, input);
  if (stopping.length) throw new RulesBlockedError(stopping);
  await inTransaction(db, async (tx, audit) => {
    const done = await tx
      .update(shareDecisions)
      .set({ fullRecordCompletedAt: now })
      .where(and(eq(shareDecisions.id, id), isNull(shareDecisions.fullRecordCompletedAt)))
      .returning({ id: shareDecisions.id });
    if (!done.length) throw new ConflictError("The full record of this emergency share has already been completed");
    await tx.insert(shareDecisionAddenda).values({
      decisionId: id,
      organisationId: actor.organisationId,
      kind: "EMERGENCY_RECORD",
      text: input.decision.reasons ?? "",
      // The answers only: what was taken out is the decision's own record, and a client never sets it.
      record: { ...answersOnly(input), emergency: sent.emergency },
      findings: recordedWarnings(warningsOf(findings), input.acknowledgedWarnings),
      addedByUserId: actor.userId,
      addedByName: actor.name,
      addedAt: now,
    });
    await addChronologyEntry(tx, {
      organisationId: actor.organisationId,
      subjectId: decision.subjectId,
      occurredOn: today(now),
      category: "decision",
      kind: "EMERGENCY_RECORD_COMPLETED",
      title: "sharingChronology.emergencyRecordCompleted",
      summary: input.decision.reasons ?? "",
      ref: { type: "share_decision", id },
      recordedByUserId: actor.userId,
    });
    audit.record(snapshotOf(actor), {
      type: "share_decision.addendum_added",
      entity: { type: "subject", id: decision.subjectId },
      details: { decisionId: id, kind: "EMERGENCY_RECORD" },
    });
  });
}
