import type { Actor } from "../../../platform/auth/actor";
import { ukDate } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { REVIEW_STATE_LABELS, type ReviewState } from "../domain/lifecycle";
import { type AgreementDashboardData, loadAgreementDashboard } from "../services/load-dashboard";
import { REVIEW_TAG_CLASSES } from "./agreement-pages";

/** The agreement warnings on the home page (`loadAgreementDashboard`), worded and tagged for people. */
export interface AgreementDashboard {
  reviews: (Omit<AgreementDashboardData["reviews"][number], "nextReviewDate"> & {
    label: string;
    tagClass: string;
    nextReviewDate: string;
  })[];
  toSign: AgreementDashboardData["toSign"];
}

const label = (state: ReviewState) => (state === "LAPSED" ? "Not in force: review more than 3 months overdue" : REVIEW_STATE_LABELS[state]);

export async function agreementDashboard(db: Db, actor: Actor, now = new Date()): Promise<AgreementDashboard> {
  const { reviews, toSign } = await loadAgreementDashboard(db, actor, now);
  return {
    reviews: reviews.map((r) => ({
      ...r,
      label: label(r.state),
      tagClass: REVIEW_TAG_CLASSES[r.state],
      nextReviewDate: ukDate(r.nextReviewDate),
    })),
    toSign,
  };
}
