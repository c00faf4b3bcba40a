import { eq } from "drizzle-orm";
import { z } from "zod";
import { snapshotOf } from "../../../platform/audit/events";
import { inTransaction } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import { today } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { ConflictError, ValidationError } from "../../../platform/errors";
import type {} from "../audit-events";
import { isOperating, latestReviewDate, REVIEW_OUTCOMES } from "../domain/lifecycle";
import { agreements } from "../schema";
import { lockAgreement } from "./agreement-writes";
import { assertCanManage } from "./edit-agreement";
import { type ListedAgreement, loadAgreement } from "./queries";

export const reviewInput = z.object({
  nextReviewDate: z.iso.date({ error: "Enter the next review date as a real date" }),
  outcome: z.enum(REVIEW_OUTCOMES, { error: "Select the outcome of the review" }),
});
export type ReviewInput = z.input<typeof reviewInput>;

/**
 * Records that the owner reviewed the agreement: it stays (or is put back) in force and the next
 * review is set, at most a year ahead (docs/domain.md §5). Changing the terms is a separate variation.
 */
export async function recordReview(db: Db, actor: Actor, id: string, input: ReviewInput, now = new Date()): Promise<ListedAgreement> {
  const { nextReviewDate, outcome } = reviewInput.parse(input);
  const day = today(now);
  if (nextReviewDate <= day || nextReviewDate > latestReviewDate(day)) {
    throw new ValidationError([
      {
        path: "/nextReviewDate",
        message: `The next review must be after today and no later than ${latestReviewDate(day)}, a year from now`,
      },
    ]);
  }
  assertCanManage(actor, await loadAgreement(db, actor, id));
  await inTransaction(db, async (tx, audit) => {
    const agreement = await lockAgreement(tx, id);
    if (!isOperating(agreement)) {
      throw new ConflictError("Only an active agreement, or one under review, can have a review recorded");
    }
    await tx.update(agreements).set({ status: "ACTIVE", lastReviewedOn: day, nextReviewDate, updatedAt: now }).where(eq(agreements.id, id));
    const entity = { type: "agreement", id } as const;
    audit.record(snapshotOf(actor), { type: "agreement.reviewed", entity, details: { reviewedOn: day, nextReviewDate, outcome } });
    if (agreement.status === "UNDER_REVIEW") {
      audit.record(snapshotOf(actor), {
        type: "agreement.status_changed",
        entity,
        details: { from: "UNDER_REVIEW", to: "ACTIVE", action: "review_recorded" },
      });
    }
  });
  return loadAgreement(db, actor, id);
}
