import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { snapshotOf } from "../../../platform/audit/events";
import { AuditTrail, inTransaction } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import { today } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { visibleTo } from "../../../platform/db/scope";
import { ConflictError, NotPermittedError, RulesBlockedError } from "../../../platform/errors";
import { textInput } from "../../../platform/text";
import { users } from "../../organisations-and-users/schema";
import { addChronologyEntry } from "../../records";
import type {} from "../audit-events";
import { answerProblems } from "../domain/decision-input";
import { sameTakenOut } from "../domain/disclosure-snapshot";
import { blocksOf, evaluateDecision } from "../domain/evaluate-decision";
import { shareDecisions } from "../schema";
import { gatherFacts, recordedAnswers } from "./decision-facts";
import { loadDecision } from "./decisions";
import { disclosureWrites } from "./deliver";
import { writeDecision } from "./write-decision";

/**
 * A safeguarding lead's approval of a decision their organisation requires approval for (per
 * purpose, `share_approval_rule`): approving delivers the disclosure, as it is now; returning sends
 * it back with comments, and the practitioner decides again in a new decision. Someone else must
 * approve: a decider cannot approve their own decision.
 */

export const approvalInput = z.object({
  comments: textInput("The comments").trim().max(4000, "The comments must be 4,000 characters or fewer").optional(),
});
export const returnInput = z.object({
  comments: textInput("The comments", "Say what needs to change")
    .trim()
    .min(1, "Say what needs to change")
    .max(4000, "The comments must be 4,000 characters or fewer"),
});

async function awaiting(db: Db, actor: Actor, id: string) {
  if (!actor.roles.includes("safeguarding_lead")) throw new NotPermittedError("Only a safeguarding lead can approve or return a decision");
  const decision = await loadDecision(db, actor, id);
  if (decision.status !== "AWAITING_APPROVAL") throw new ConflictError("This decision is not awaiting approval");
  if (decision.decidedByUserId === actor.userId) throw new NotPermittedError("Someone else must approve a decision you made");
  return decision;
}

/**
 * Approves and delivers. The rules run again first: an item restricted or corrected since the decision
 * stops it, and so does an access expiry that has passed while it waited (nobody could open it); the
 * approver cannot change the answers, so they return it for a new date.
 */
export async function approveDecision(db: Db, actor: Actor, id: string, raw: unknown, now = new Date()): Promise<void> {
  const { comments } = approvalInput.parse(raw);
  const decision = await awaiting(db, actor, id);
  if (answerProblems(decision.record, today(now)).length) {
    throw new ConflictError("The date the recipient could open it until has passed: return it so a new date can be chosen");
  }
  // The facts as the decider's organisation holds them now (the approver's organisation is the same).
  const gathered = await gatherFacts(db, actor, decision.record, today(now));
  const blocks = blocksOf(evaluateDecision(gathered.facts));
  if (blocks.length) throw new RulesBlockedError(blocks);
  // What goes is what the record says was taken out: the record cannot change, so if the protected
  // details have (one marked protected while it waited), the decider decides again with them.
  const answers = recordedAnswers(gathered, actor.roles);
  if (!sameTakenOut(decision.record, answers)) {
    throw new ConflictError(
      "The protected details in what it would share have changed since it was decided: return it, so that it is decided again with them taken out",
    );
  }
  const audit = new AuditTrail();
  audit.record(snapshotOf(actor), {
    type: "share_decision.approved",
    entity: { type: "subject", id: decision.subjectId },
    details: { decisionId: id },
  });
  // The recipient's contact is the person who decided, not the lead who approved it.
  const [decider] = await db
    .select({ email: users.email })
    .from(users)
    .where(and(eq(users.id, decision.decidedByUserId), visibleTo(actor, users)));
  const delivery = disclosureWrites(actor, decision, decider?.email ?? gathered.actorEmail, answers, gathered, audit, now);
  const written = await writeDecision(db, {
    guard: sql`update share_decision set status = 'APPROVED', approved_by_user_id = ${actor.userId}, approved_at = ${now},
      approval_comments = ${comments ?? null}
      where id = ${id} and ${visibleTo(actor, shareDecisions)} and status = 'AWAITING_APPROVAL' returning id, number`,
    disclosure: delivery.disclosure,
    chronology: [
      {
        organisationId: actor.organisationId,
        subjectId: decision.subjectId,
        occurredOn: today(now),
        category: "decision",
        kind: "DECISION_APPROVED",
        title: "sharingChronology.decisionApproved",
        params: { by: actor.name },
        summary: comments ?? "",
        ...(comments ? {} : { summaryCode: "sharingChronologySummary.approvedWithoutComments" }),
        ref: { type: "share_decision", id },
        recordedByUserId: actor.userId,
      },
      delivery.chronology,
    ],
    audit,
  });
  if (written === undefined) throw new ConflictError("This decision is no longer awaiting approval");
}

/** Returns the decision with comments; nothing is delivered. */
export async function returnDecision(db: Db, actor: Actor, id: string, raw: unknown, now = new Date()): Promise<void> {
  const { comments } = returnInput.parse(raw);
  const decision = await awaiting(db, actor, id);
  await inTransaction(db, async (tx, audit) => {
    const updated = await tx
      .update(shareDecisions)
      .set({ status: "RETURNED", approvedByUserId: actor.userId, approvedAt: now, approvalComments: comments })
      .where(sql`${shareDecisions.id} = ${id} and ${shareDecisions.status} = 'AWAITING_APPROVAL'`)
      .returning({ id: shareDecisions.id });
    if (!updated.length) throw new ConflictError("This decision is no longer awaiting approval");
    await addChronologyEntry(tx, {
      organisationId: actor.organisationId,
      subjectId: decision.subjectId,
      occurredOn: today(now),
      category: "decision",
      kind: "DECISION_RETURNED",
      title: "sharingChronology.decisionReturned",
      params: { by: actor.name },
      summary: comments,
      ref: { type: "share_decision", id },
      recordedByUserId: actor.userId,
    });
    audit.record(snapshotOf(actor), {
      type: "share_decision.returned",
      entity: { type: "subject", id: decision.subjectId },
      details: { decisionId: id },
    });
  });
}
