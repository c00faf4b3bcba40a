import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Db } from "../../../platform/db/client";
import { actorOf } from "../../../platform/http/auth/plugin";
import { bodyOf, idParam, str, withFormErrors } from "../../../platform/web-kit/forms";

import { answerQuestion, type DisclosureQuestionRow } from "../services/disclosure-questions";

/**
 * A recipient's questions about a disclosure and the sender's answers, as both sides read them (the
 * recipient's disclosure page, the sender's decision page), and the sender answering one.
 */

export interface QuestionRow {
  id: string;
  question: string;
  askedBy: string;
  askedAt: Date;
  answer: { text: string; by: string; at: Date } | null;
}

export const questionRows = (rows: readonly DisclosureQuestionRow[]): QuestionRow[] =>
  rows.map((q) => ({
    id: q.id,
    question: q.question,
    askedBy: q.askedByName,
    askedAt: q.askedAt,
    answer: q.answer && q.answeredAt ? { text: q.answer, by: q.answeredByName ?? "", at: q.answeredAt } : null,
  }));

type Render = (request: FastifyRequest, reply: FastifyReply, id: string, extra: Record<string, unknown>) => Promise<unknown>;

/** The sender answers on the decision page; a refusal shows there, against that question's box, with what was typed. */
export async function questionPages(app: FastifyInstance, { db, render }: { db: Db; render: Render }): Promise<void> {
  app.post("/share-decisions/:id/questions/:questionId/answer", async (request, reply) => {
    const id = idParam(request, "id", "The share decision");
    const questionId = idParam(request, "questionId", "The question");
    const answer = str(bodyOf(request), "answer");
    return withFormErrors(
      reply,
      (summary) => render(request, reply, id, { ...summary, answerValues: { [questionId]: answer } }),
      async () => {
        await answerQuestion(db, actorOf(request), questionId, { answer }, { decisionId: id });
        return reply.redirect(`/share-decisions/${id}?outcome=answered#questions`, 303);
      },
      // Each question has its own answer box: the error (or "already answered") goes to this one.
      {
        mapPath: (path) => (path === "/answer" ? `/answer-${questionId}` : path),
        orAt: { path: `/answer-${questionId}`, message: "This question could not be answered" },
      },
    );
  });
}
