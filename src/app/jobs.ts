import { reviewRemindersJob } from "../features/agreements";
import { breachClockJob, breachPartyJobs } from "../features/breaches";
import { deliverNotificationJob, sendDigestsJob } from "../features/notifications";
import { sendInvitationJob } from "../features/organisations-and-users";
import { acknowledgeRightsRequestJob } from "../features/rights";
import { sharingJobs } from "../features/sharing";
import { purgeExpiredSessions, type SessionPolicy } from "../features/sign-in";
import { deliverWebhookJob } from "../features/webhooks";
import { purgeExpiredRateLimits } from "../platform/http/rate-limit-store";
import type { AnyJobDefinition, JobDefinition } from "../platform/jobs/queue";
import { QUEUES } from "../platform/jobs/queues";
import { workRemindersJob } from "./work-reminders";

/**
 * Every background job Safeshare runs (src/platform/jobs), gathered from the features that define
 * them. Each runs once across however many nodes poll the one database.
 */
export function allJobs(policy: SessionPolicy): AnyJobDefinition[] {
  const purge: JobDefinition = {
    name: QUEUES.purgeExpired,
    // Expired sessions and rate-limit buckets, every quarter of an hour.
    cron: "*/15 * * * *",
    run: async (_data, { db }) => {
      await purgeExpiredSessions(db, policy);
      await purgeExpiredRateLimits(db);
    },
  };
  return [
    deliverNotificationJob,
    sendDigestsJob,
    ...sharingJobs,
    purge,
    sendInvitationJob,
    acknowledgeRightsRequestJob,
    reviewRemindersJob,
    workRemindersJob,
    deliverWebhookJob,
    breachClockJob,
    ...breachPartyJobs,
  ];
}
