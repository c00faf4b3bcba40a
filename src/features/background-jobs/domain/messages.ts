import type { Catalogue, Locale } from "../../../platform/messages";

/** Background jobs, as a partnership administrator reads them: the words for people, keyed by stable codes (see `messages.ts`). */
const en = {
  /** What each queue's jobs do. Every queue in src/platform/jobs/queues.ts needs one (web/jobs.ts's types say so). */
  queue: {
    "notifications.deliver": "Emailing notifications",
    "notifications.digest": "Emailing daily summaries of notifications",
    "sharing.notify-disclosure": "Telling organisations that information has been shared with them",
    "sharing.sweep-disclosures": "Checking every organisation was told about information shared with it",
    "sharing.escalate-emergency": "Escalating unopened emergency shares",
    "sign-in.purge-expired": "Clearing away expired sign-ins",
    "organisations-and-users.send-invitation": "Emailing invitations to new users",
    "rights.acknowledge-request": "Emailing people the reference of their rights request",
    "sharing.notify-approvers": "Telling safeguarding leads that a decision is waiting for their approval",
    "sharing.sweep-approvals": "Checking every safeguarding lead was told about decisions waiting for approval",
    "agreements.review-reminders": "Reminding organisations that an agreement is due for review",
    "your-work.due-reminders": "Reminding people of work due tomorrow or overdue",
    "webhooks.deliver": "Telling partner systems of events by webhook",
    "breaches.clock":
      "Reminding IG leads that a breach's report to the ICO is nearly due, and telling them and administrators once it is overdue",
    "breaches.tell-party": "Telling organisations that a breach involves them",
    "breaches.sweep-parties": "Checking every organisation a breach involves was told",
  },
  /** Why a job failed (src/platform/jobs/failure.ts): what happened, never the error's own text. */
  reason: {
    timed_out: "It took too long and was stopped.",
    interrupted: "Safeshare was stopped or restarted while it was running.",
    mail_server_unreachable: "The mail server could not be reached.",
    mail_refused: "The mail server refused the email.",
    database_unavailable: "The database could not be reached.",
    unexpected: "Something unexpected went wrong. The server's log has the details.",
  },
  jobsPage: {
    title: "Background jobs",
    intro:
      "Safeshare does some of its work in the background, such as emailing notifications. A job that fails is tried again by itself, waiting longer each time. One that still fails after its last try is listed under failed jobs, where you can try it again once the problem is put right.",
    queuesCaption: "Jobs by what they do",
    what: "What they do",
    waiting: "Waiting",
    running: "Running",
    failed: "Failed",
    failedHeading: "Failed jobs",
    noneFailed: "No job has failed.",
    why: "Why it failed",
    when: "Failed",
    shownMost: "The {count} most recent are shown.",
    tryAgain: "Try again",
    retried: "The job will be tried again in the next few seconds.",
    notFailed: "This job cannot be tried again: it is no longer failed. Someone may have tried it again already.",
    scheduledHeading: "Scheduled work",
    scheduledIntro:
      "These run by themselves every day or every few minutes. Run one now to see its effect straight away, for example to send today's summaries after fixing the mail server.",
    runNow: "Run now",
    started: "It has started and will finish in the next few seconds.",
  },
  tries: {
    count: { one: "Tried once", other: "Tried {count} times" },
  },
  /** What each of this feature's audit events says in the audit log (audit-events.ts declares them, test/unit/audit-log/sentences.test.ts checks each has one). */
  backgroundJobsAuditEvent: {
    "background_job.retried": "{actor} asked for a failed background job to be tried again",
    "background_job.run_now": "{actor} ran a scheduled background job before its time",
  },
} satisfies Catalogue;

/** One catalogue per language; a new one must have every message of `en`. */
export const BACKGROUND_JOBS_MESSAGES: Readonly<Record<Locale, typeof en>> = { en };
