import { and, asc, eq, inArray, isNull, type SQL } from "drizzle-orm";
import { z } from "zod";
import { snapshotOf } from "../../../platform/audit/events";
import { inTransaction } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import type { Db, Queryable } from "../../../platform/db/client";
import { type Party, visibleTo } from "../../../platform/db/scope";
import { ConflictError, NotFoundError } from "../../../platform/errors";
import { textInput } from "../../../platform/text";
import { organisations } from "../../organisations-and-users/schema";
import { assertWorksWithRecords } from "../../records";
import type {} from "../audit-events";
import { disclosureQuestions, disclosures, shareDecisions } from "../schema";
import { readableByRecipient } from "./disclosures";

/**
 * A recipient asks the sender about what it received ("was anything else said?", "who else knows?"),
 * and the sender answers; both are kept on both sides and audited in the trail of whoever wrote them.
 * Who may ask is who may read the disclosure (its named person and the recipient's safeguarding
 * leads, while it is open); who may answer is anyone at the sending organisation who works with
 * records, as anyone there may read the decision it hangs off. Anyone else finds nothing: a 404.
 */

export type DisclosureQuestionRow = typeof disclosureQuestions.$inferSelect;

const words = (what: string, empty: string) =>
  textInput(what, empty).trim().min(1, empty).max(4000, `${what} must be 4,000 characters or fewer`);

export const questionInput = z.object({ question: words("Your question", "Enter your question") });
export const answerInput = z.object({ answer: words("Your answer", "Enter your answer") });

/** The recipient asks the sender a question about a disclosure it may read; the new question's id. */
export async function askSender(db: Db, actor: Actor, disclosureId: string, raw: unknown, now = new Date()): Promise<string> {
  assertWorksWithRecords(actor);
  const { question } = questionInput.parse(raw);
  return inTransaction(db, async (tx, audit) => {
    const [d] = await tx
      .select({ senderOrganisationId: disclosures.senderOrganisationId, recipientOrganisationId: disclosures.recipientOrganisationId })
      .from(disclosures)
      .where(and(eq(disclosures.id, disclosureId), readableByRecipient(actor, now)));
    if (!d) throw new NotFoundError("The information shared");
    const [row] = await tx
      .insert(disclosureQuestions)
      .values({ disclosureId, ...d, question, askedByUserId: actor.userId, askedByName: actor.name, askedAt: now })
      .returning({ id: disclosureQuestions.id });
    audit.record(snapshotOf(actor), {
      type: "disclosure.question_asked",
      entity: { type: "disclosure", id: disclosureId },
      details: { questionId: row!.id, senderOrganisationId: d.senderOrganisationId },
    });
    return row!.id;
  });
}

/**
 * The questions the actor may answer: those put to its organisation, as sender. Anyone there who works
 * with records (the caller's `assertWorksWithRecords`); the one rule both answering and the work list use.
 */
const answerableBy = (actor: Actor): SQL => visibleTo(actor, disclosureQuestions, "sender");

/** The sender answers a question about a disclosure its organisation sent. Once: an answer is not rewritten. */
export async function answerQuestion(
  db: Db,
  actor: Actor,
  questionId: string,
  raw: unknown,
  { decisionId, now = new Date() }: { decisionId?: string; now?: Date } = {},
): Promise<void> {
  assertWorksWithRecords(actor);
  const { answer } = answerInput.parse(raw);
  await inTransaction(db, async (tx, audit) => {
    // Answered from a decision's page, the question must be about that decision's disclosure: an
    // answer is never filed under a decision it does not belong to.
    const ofDecision = decisionId
      ? inArray(
          disclosureQuestions.disclosureId,
          tx.select({ id: disclosures.id }).from(disclosures).where(eq(disclosures.decisionId, decisionId)),
        )
      : undefined;
    const [q] = await tx
      .select()
      .from(disclosureQuestions)
      .where(and(eq(disclosureQuestions.id, questionId), answerableBy(actor), ofDecision))
      .for("update");
    if (!q) throw new NotFoundError("The question");
    if (q.answeredAt) throw new ConflictError("This question has already been answered");
    await tx
      .update(disclosureQuestions)
      .set({ answer, answeredByUserId: actor.userId, answeredByName: actor.name, answeredAt: now })
      .where(and(eq(disclosureQuestions.id, questionId), isNull(disclosureQuestions.answeredAt)));
    audit.record(snapshotOf(actor), {
      type: "disclosure.question_answered",
      entity: { type: "disclosure", id: q.disclosureId },
      details: { questionId, recipientOrganisationId: q.recipientOrganisationId },
    });
  });
}

/**
 * The questions about one disclosure, oldest first, as the actor's organisation sees them from its
 * side (`as`). Not recorded as a read: the caller has just recorded opening the disclosure or viewing
 * the decision they belong to.
 */
export async function loadQuestions(q: Queryable, actor: Actor, disclosureId: string, as: Extract<Party, "sender" | "recipient">) {
  return q
    .select()
    .from(disclosureQuestions)
    .where(and(eq(disclosureQuestions.disclosureId, disclosureId), visibleTo(actor, disclosureQuestions, as)))
    .orderBy(asc(disclosureQuestions.askedAt), asc(disclosureQuestions.id));
}

/**
 * The questions waiting for the actor's organisation to answer, oldest first, with who asked and about
 * whom: for "Your work". One query, on the unanswered-questions index. Not recorded as a read here:
 * the caller records showing the names.
 */
export async function loadQuestionsToAnswer(q: Queryable, actor: Actor) {
  assertWorksWithRecords(actor);
  return q
    .select({
      id: disclosureQuestions.id,
      decisionId: disclosures.decisionId,
      subject: disclosures.subject,
      /** The sender's own record of the person, which the question names. */
      subjectId: shareDecisions.subjectId,
      recipientName: organisations.name,
    })
    .from(disclosureQuestions)
    .innerJoin(disclosures, eq(disclosures.id, disclosureQuestions.disclosureId))
    .innerJoin(shareDecisions, eq(shareDecisions.id, disclosures.decisionId))
    .innerJoin(organisations, eq(organisations.id, disclosureQuestions.recipientOrganisationId))
    .where(and(answerableBy(actor), isNull(disclosureQuestions.answeredAt)))
    .orderBy(asc(disclosureQuestions.askedAt))
    .limit(100);
}
