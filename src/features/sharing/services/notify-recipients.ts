import { addMinutes, subMinutes } from "date-fns";
import { and, asc, eq, gt, isNull, lt } from "drizzle-orm";
import type { Db, Queryable } from "../../../platform/db/client";
import { type AnyJobDefinition, enqueue, type JobContext } from "../../../platform/jobs/queue";
import { QUEUES } from "../../../platform/jobs/queues";
import { notify, safeguardingLeadsOf } from "../../notifications";
import { sharingSettings } from "../../settings";
import { emitWebhook } from "../../webhooks";
import { disclosures, shareDecisions } from "../schema";

/**
 * Telling a recipient what was shared with them (issue 19): the person named, or without one the
 * recipient organisation's safeguarding leads. An emergency share is urgent, and if it is still not
 * opened after the partnership's escalation time its safeguarding leads are told again.
 */

/** Queued by whatever sends a disclosure, on its own statement: the job's id is the disclosure's, so it is queued once. */
export const queueRecipientNotice = (q: Queryable, disclosureId: string) =>
  enqueue(q, { name: QUEUES.notifyDisclosure }, { disclosureId }, { id: disclosureId });

async function notifyRecipients(db: Db, disclosureId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [d] = await tx
      .select({
        id: disclosures.id,
        emergency: disclosures.emergency,
        sentAt: disclosures.sentAt,
        recipientUserId: disclosures.recipientUserId,
        recipientOrganisationId: disclosures.recipientOrganisationId,
      })
      .from(disclosures)
      .where(and(eq(disclosures.id, disclosureId), isNull(disclosures.recipientsNotifiedAt)))
      .for("update");
    if (!d) return;
    const userIds = d.recipientUserId ? [d.recipientUserId] : await safeguardingLeadsOf(tx, d.recipientOrganisationId);
    await notify(tx, { userIds, kind: d.emergency ? "emergency_share_received" : "share_received", href: `/disclosures/${d.id}` });
    await emitWebhook(tx, { organisationId: d.recipientOrganisationId, type: "disclosure.received", id: d.id });
    if (d.emergency) {
      // Read only for an emergency: this job runs for every share sent.
      const { emergencyEscalationMinutes } = await sharingSettings(tx);
      await enqueue(
        tx,
        { name: QUEUES.escalateEmergencyShare },
        { disclosureId: d.id },
        { id: d.id, startAfter: addMinutes(d.sentAt, emergencyEscalationMinutes) },
      );
    }
    await tx.update(disclosures).set({ recipientsNotifiedAt: new Date() }).where(eq(disclosures.id, d.id));
  });
}

/** Still not opened: the recipient organisation's safeguarding leads are told, urgently. Opened, revoked or expired: nothing to do. */
async function escalateUnopened(db: Db, disclosureId: string, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const [d] = await tx
      .select({ id: disclosures.id, recipientOrganisationId: disclosures.recipientOrganisationId })
      .from(disclosures)
      .where(
        and(
          eq(disclosures.id, disclosureId),
          isNull(disclosures.firstOpenedAt),
          isNull(disclosures.revokedAt),
          gt(disclosures.expiresAt, now),
        ),
      );
    if (!d) return;
    await notify(tx, {
      userIds: await safeguardingLeadsOf(tx, d.recipientOrganisationId),
      kind: "emergency_share_unopened",
      href: `/disclosures/${d.id}`,
    });
  });
}

/** Queued by whatever records a decision that awaits approval, on its own statement: the job's id is the decision's, so it is queued once. */
export const queueApproverNotice = (q: Queryable, decisionId: string) =>
  enqueue(q, { name: QUEUES.notifyApprovers }, { decisionId }, { id: decisionId });

/**
 * A decision awaiting approval reaches its organisation's safeguarding leads, all but the one who made
 * it (no one approves their own). Approved or returned before the job ran: nothing to tell.
 */
async function notifyApprovers(db: Db, decisionId: string): Promise<void> {
  await db.transaction(async (tx) => {
    const [d] = await tx
      .select({ id: shareDecisions.id, organisationId: shareDecisions.organisationId, decidedBy: shareDecisions.decidedByUserId })
      .from(shareDecisions)
      .where(
        and(eq(shareDecisions.id, decisionId), eq(shareDecisions.status, "AWAITING_APPROVAL"), isNull(shareDecisions.approversNotifiedAt)),
      )
      .for("update");
    if (!d) return;
    const leads = (await safeguardingLeadsOf(tx, d.organisationId)).filter((id) => id !== d.decidedBy);
    await notify(tx, { userIds: leads, kind: "approval_waiting", href: `/share-decisions/${d.id}` });
    await tx.update(shareDecisions).set({ approversNotifiedAt: new Date() }).where(eq(shareDecisions.id, d.id));
  });
}

/** Decisions awaiting approval for more than a minute whose approvers were not told (the job queued with them was lost): queued again. */
async function sweepUntoldApprovals(db: Db, now = new Date()): Promise<void> {
  const untold = await db
    .select({ id: shareDecisions.id })
    .from(shareDecisions)
    .where(
      and(
        eq(shareDecisions.status, "AWAITING_APPROVAL"),
        isNull(shareDecisions.approversNotifiedAt),
        lt(shareDecisions.decidedAt, subMinutes(now, 1)),
      ),
    )
    .orderBy(asc(shareDecisions.decidedAt))
    .limit(500);
  for (const d of untold) await queueApproverNotice(db, d.id);
}

/** Disclosures sent more than a minute ago whose recipients were not told (the job queued with them was lost): queued again. */
async function sweepUntold(db: Db, now = new Date()): Promise<void> {
  const untold = await db
    .select({ id: disclosures.id })
    .from(disclosures)
    .where(and(isNull(disclosures.recipientsNotifiedAt), lt(disclosures.sentAt, subMinutes(now, 1))))
    .orderBy(asc(disclosures.sentAt))
    .limit(500);
  for (const d of untold) await queueRecipientNotice(db, d.id);
}

export const sharingJobs: AnyJobDefinition[] = [
  {
    name: QUEUES.notifyDisclosure,
    run: (data: { disclosureId: string }, { db }: JobContext) => notifyRecipients(db, data.disclosureId),
    expireInSeconds: 60,
  },
  {
    name: QUEUES.escalateEmergencyShare,
    run: (data: { disclosureId: string }, { db }: JobContext) => escalateUnopened(db, data.disclosureId),
    expireInSeconds: 60,
  },
  {
    name: QUEUES.sweepDisclosures,
    run: (_data: object, { db }: JobContext) => sweepUntold(db),
    cron: "* * * * *",
    expireInSeconds: 60,
  },
  {
    name: QUEUES.notifyApprovers,
    run: (data: { decisionId: string }, { db }: JobContext) => notifyApprovers(db, data.decisionId),
    expireInSeconds: 60,
  },
  {
    name: QUEUES.sweepApprovals,
    run: (_data: object, { db }: JobContext) => sweepUntoldApprovals(db),
    cron: "* * * * *",
    expireInSeconds: 60,
  },
];
