/**
 * Every job queue Safeshare runs, by name. The names live here, below the features that define the
 * jobs, because a queue is a table partition the role owning the tables creates with the migrations
 * (under least privilege the application's role may not); each feature's job definition names one.
 */
export const QUEUES = {
  deliverNotification: "notifications.deliver",
  sendDigests: "notifications.digest",
  notifyDisclosure: "sharing.notify-disclosure",
  sweepDisclosures: "sharing.sweep-disclosures",
  escalateEmergencyShare: "sharing.escalate-emergency",
  purgeExpired: "sign-in.purge-expired",
  sendInvitation: "organisations-and-users.send-invitation",
  acknowledgeRightsRequest: "rights.acknowledge-request",
  notifyApprovers: "sharing.notify-approvers",
  sweepApprovals: "sharing.sweep-approvals",
  remindAgreementReviews: "agreements.review-reminders",
  remindWorkDue: "your-work.due-reminders",
  deliverWebhook: "webhooks.deliver",
  breachClock: "breaches.clock",
  // Breaches (issue 22): telling the other organisations a breach involves, and the sweep for lost jobs.
  tellBreachParty: "breaches.tell-party",
  sweepBreachParties: "breaches.sweep-parties",
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
