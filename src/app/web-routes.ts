import type { FastifyInstance } from "fastify";
import { agreementPages } from "../features/agreements";
import { apiClientPages } from "../features/api-clients";
import { auditPages } from "../features/audit-log";
import { backgroundJobPages } from "../features/background-jobs";
import { breachPages, breachPartyPages } from "../features/breaches";
import { notificationPages, notificationPreferencePages } from "../features/notifications";
import { organisationPages, userPages } from "../features/organisations-and-users";
import { recordsWebPages } from "../features/records";
import { retentionReviewPages, retentionSettingsPages } from "../features/retention";
import { acknowledgeNotice, publicRightsForm, rightsWebPages, viewNoticesReceived } from "../features/rights";
import { sharingWebPages } from "../features/sharing";
import { accountPages, signInRoutes } from "../features/sign-in";
import { webhookPages } from "../features/webhooks";
import type { Database } from "../platform/db/client";
import type { QueueName } from "../platform/jobs/queues";
import { homePage, homePages } from "./home";

export async function webRoutes(
  app: FastifyInstance,
  opts: {
    database: Database;
    publicUrl: string;
    signInRateLimit: number;
    sendsEmail: boolean;
    allowLocalWebhooks: boolean;
    scheduledJobs: readonly QueueName[];
  },
): Promise<void> {
  const db = opts.database.db;
  await app.register(signInRoutes, { db, rateLimit: opts.signInRateLimit });
  await app.register(homePages, { db });
  await app.register(accountPages, { db });
  await app.register(organisationPages, { db });
  await app.register(userPages, { db, publicUrl: opts.publicUrl, sendsEmail: opts.sendsEmail });
  await app.register(apiClientPages, { db });
  await app.register(webhookPages, { db, allowLocal: opts.allowLocalWebhooks });
  await app.register(agreementPages, { db, publicUrl: opts.publicUrl });
  await app.register(recordsWebPages, { db });
  // Rights' notices to recipients appear in sharing's inbox; rights reads disclosures, so it is handed in here.
  await app.register(sharingWebPages, {
    db,
    publicUrl: opts.publicUrl,
    notices: { received: viewNoticesReceived, acknowledge: acknowledgeNotice },
    // "Chase" is posted from the home page, which a refusal shows again: the composition root owns it.
    home: homePage(db),
  });
  await app.register(rightsWebPages, { db });
  await app.register(retentionReviewPages, { db });
  await app.register(breachPages, { db });
  await app.register(breachPartyPages, { db });
  await app.register(publicRightsForm, { db, rateLimit: opts.signInRateLimit, sendsEmail: opts.sendsEmail });
  await app.register(auditPages, { database: opts.database });
  await app.register(notificationPages, { db });
  await app.register(notificationPreferencePages, { db });
  await app.register(backgroundJobPages, { db, scheduled: opts.scheduledJobs });
  await app.register(retentionSettingsPages, { db });
}
