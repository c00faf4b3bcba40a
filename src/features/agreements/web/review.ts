import type { FastifyInstance } from "fastify";
import { dateFromParts, datePartsOf, today, ukDate } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import type { FieldError } from "../../../platform/errors";
import { ValidationError } from "../../../platform/errors";
import { actorOf } from "../../../platform/http/auth/plugin";
import { bodyOf, formHelpers, optionsOf, str, withFormErrors } from "../../../platform/web-kit/forms";
import { defaultReviewDate, latestReviewDate, REVIEW_OUTCOME_LABELS, REVIEW_OUTCOMES, type ReviewOutcome } from "../domain/lifecycle";
import { recordReview } from "../services/review-agreement";
import { agreementId } from "./agreement-pages";
import { type AgreementState, assertManager, loadAgreementState } from "./load";

/** The owner records a review: its outcome and the next review date, at most a year ahead. */
export async function reviewPages(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const reviewContext = (state: AgreementState) => {
    const day = today();
    return {
      agreement: state.agreement,
      reference: state.reference,
      title: state.latest.content.documentControl.title,
      nextReviewDate: state.agreement.nextReviewDate ? ukDate(state.agreement.nextReviewDate) : null,
      latest: ukDate(latestReviewDate(day)),
      outcomeItems: (selected: string) => formHelpers.radioItems(optionsOf(REVIEW_OUTCOMES, REVIEW_OUTCOME_LABELS), selected),
      errors: {},
    };
  };

  app.get("/agreements/:id/review", async (request, reply) => {
    const actor = actorOf(request);
    const state = await loadAgreementState(db, actor, agreementId(request));
    assertManager(state);
    const interval = (state.inForce ?? state.latest).content.review.intervalMonths;
    return reply.view("agreements/review", {
      ...reviewContext(state),
      values: { nextReviewDate: datePartsOf(defaultReviewDate(today(), interval)), outcome: "" },
    });
  });

  app.post("/agreements/:id/review", async (request, reply) => {
    const actor = actorOf(request);
    const id = agreementId(request);
    const state = await loadAgreementState(db, actor, id);
    assertManager(state);
    const body = bodyOf(request);
    const values = {
      nextReviewDate: {
        day: str(body, "nextReviewDate-day"),
        month: str(body, "nextReviewDate-month"),
        year: str(body, "nextReviewDate-year"),
      },
      outcome: str(body, "outcome"),
    };
    return withFormErrors(
      reply,
      (summary) => reply.view("agreements/review", { ...reviewContext(state), values, ...summary }),
      async () => {
        const errors: FieldError[] = [];
        const date = dateFromParts(values.nextReviewDate, "/nextReviewDate", errors, "The next review date");
        if (!date && !errors.length) errors.push({ path: "/nextReviewDate", message: "Enter the next review date" });
        if (!(REVIEW_OUTCOMES as readonly string[]).includes(values.outcome))
          errors.push({ path: "/outcome", message: "Select the outcome of the review" });
        if (errors.length) throw new ValidationError(errors);
        await recordReview(db, actor, id, { nextReviewDate: date!, outcome: values.outcome as ReviewOutcome });
        return reply.redirect(`/agreements/${id}?outcome=reviewed`);
      },
      { leadWithMessage: true, dateFields: ["nextReviewDate"] },
    );
  });
}
