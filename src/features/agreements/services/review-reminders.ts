import { and, eq, inArray, isNotNull, sql } from "drizzle-orm";
import { today } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import type { JobDefinition } from "../../../platform/jobs/queue";
import { QUEUES } from "../../../platform/jobs/queues";
import { holdersOf, notify } from "../../notifications";
import { reviewState } from "../domain/lifecycle";
import { agreements } from "../schema";
import { REVIEWED_STATUSES, REVIEWER_ROLES, WARN } from "./load-dashboard";

/** Its owner has not been told about the review date it has now. */
const notToldFor = sql`${agreements.reviewDueNotifiedFor} is distinct from ${agreements.nextReviewDate}`;

/**
 * Each morning, agreements whose review the home page has started warning about (`WARN`, the
 * dashboard's rule: due within 3 months, overdue or lapsed) reach their owner's reviewers, once per
 * review date: recording the review moves the date, and the next one is told in its turn.
 * Returns how many agreements were told about.
 */
async function remindReviews(db: Db, now = new Date()): Promise<number> {
  const day = today(now);
  const untold = await db
    .select({ id: agreements.id, owner: agreements.ownerOrganisationId, nextReviewDate: agreements.nextReviewDate })
    .from(agreements)
    .where(and(isNotNull(agreements.nextReviewDate), inArray(agreements.status, REVIEWED_STATUSES), notToldFor));
  let told = 0;
  for (const a of untold.filter((a) => WARN.includes(reviewState(a.nextReviewDate, day)))) {
    await db.transaction(async (tx) => {
      // Marked and told together; a second run (or node) finds it marked and tells no one again.
      const [marked] = await tx
        .update(agreements)
        .set({ reviewDueNotifiedFor: a.nextReviewDate })
        .where(and(eq(agreements.id, a.id), notToldFor))
        .returning({ id: agreements.id });
      if (!marked) return;
      await notify(tx, {
        userIds: await holdersOf(tx, a.owner, REVIEWER_ROLES),
        kind: "agreement_review_due",
        href: `/agreements/${a.id}/review`,
      });
      told++;
    });
  }
  return told;
}

export const reviewRemindersJob: JobDefinition = {
  name: QUEUES.remindAgreementReviews,
  run: async (_data, { db }) => {
    await remindReviews(db);
  },
  // Before the daily summaries at 7, so those who chose one find it there the same morning.
  cron: "30 6 * * *",
  expireInSeconds: 30 * 60,
};
