import type { QueueName } from "../../platform/jobs/queues";

/**
 * A partnership administrator sent a failed background job round again, or started a scheduled duty
 * before its time (by the job's id and queue; a job holds only ids).
 */
export type BackgroundJobsAuditEvent = {
  type: "background_job.retried" | "background_job.run_now";
  entity: { type: "background_job"; id: string };
  details: { queue: QueueName };
};

declare module "../../platform/audit/events" {
  interface AuditEventCatalogue {
    backgroundJobs: BackgroundJobsAuditEvent;
  }
  interface AuditEntityCatalogue {
    backgroundJobs: "background_job";
  }
}
