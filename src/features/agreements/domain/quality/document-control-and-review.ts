import { ukDate } from "../../../../platform/dates/calendar";
import { latestReviewDate, MAX_REVIEW_INTERVAL_MONTHS } from "../lifecycle";
import { blank, type QualityCheck } from "./check";

/** Document control: a next review date within a year, and a tier 2 agreement's parent. */
export function checkDocumentControl({ input, content, add }: QualityCheck): void {
  if (!input.nextReviewDate) {
    add("Q-NO-REVIEW-DATE", "documentControl", "/documentControl/nextReviewDate", "The agreement has no next review date");
  } else if (input.nextReviewDate < input.today) {
    add(
      "Q-REVIEW-OVERDUE",
      "documentControl",
      "/documentControl/nextReviewDate",
      `The review date (${ukDate(input.nextReviewDate)}) has passed`,
    );
  } else if (input.nextReviewDate > latestReviewDate(input.today)) {
    add(
      "Q-REVIEW-TOO-FAR",
      "documentControl",
      "/documentControl/nextReviewDate",
      `The next review (${ukDate(input.nextReviewDate)}) is more than ${MAX_REVIEW_INTERVAL_MONTHS} months away`,
    );
  }
  if (content.documentControl.tier === "OPERATIONAL" && !content.documentControl.parentAgreementId) {
    add(
      "Q-NO-PARENT",
      "documentControl",
      "/documentControl/parentAgreementId",
      "This tier 2 agreement does not name the tier 1 agreement it sits under",
    );
  }
}

/** Review: at least yearly, with a way to vary the agreement and to leave it. */
export function checkReview({ content, add }: QualityCheck): void {
  if (content.review.intervalMonths > MAX_REVIEW_INTERVAL_MONTHS) {
    add(
      "Q-REVIEW-INTERVAL",
      "review",
      "/review/intervalMonths",
      `The review interval (${content.review.intervalMonths} months) is longer than a year`,
    );
  }
  if (blank(content.review.variation))
    add("Q-NO-VARIATION", "review", "/review/variation", "The agreement does not say how variations are agreed");
  if (blank(content.review.termination))
    add("Q-NO-TERMINATION", "review", "/review/termination", "The agreement does not say how a party leaves or the agreement ends");
}
