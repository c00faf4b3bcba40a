import { and, asc, desc, eq, gt, isNull, lte, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { snapshotOf } from "../../../platform/audit/events";
import { type AuditTrail, inTransaction, recordEvent } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import { hasAnyRole } from "../../../platform/auth/roles";
import { today } from "../../../platform/dates/calendar";
import type { Db, Queryable, Tx } from "../../../platform/db/client";
import { offsetOf, type PageRange } from "../../../platform/db/page";
import { visibleTo } from "../../../platform/db/scope";
import { ConflictError, NotFoundError, NotPermittedError } from "../../../platform/errors";
import { textInput } from "../../../platform/text";
import { organisations } from "../../organisations-and-users/schema";
import { addChronologyEntry, assertWorksWithRecords } from "../../records";
import { sharingSettings } from "../../settings";
import { emitWebhook } from "../../webhooks";
import type {} from "../audit-events";
import { chaseCutoff, mayRevokeDisclosure, revocationProblem } from "../domain/disclosure-access";
import { disclosureItems, disclosures, shareDecisions } from "../schema";

export type DisclosureRow = typeof disclosures.$inferSelect;
export type DisclosureItemRow = typeof disclosureItems.$inferSelect;
export type DisclosureSummary = DisclosureRow & { senderName: string; recipientName: string };

/**
 * Who at the recipient organisation reads what it was sent: the named person, and the
 * organisation's safeguarding leads (who triage what arrives and cover absence). Anything that
 * follows a disclosure, such as a notice of a correction, goes to the same people.
 */
export function recipientReaders(actor: Actor): SQL {
  const lead = actor.roles.includes("safeguarding_lead");
  return and(visibleTo(actor, disclosures, "recipient"), lead ? sql`true` : eq(disclosures.recipientUserId, actor.userId))!;
}

/**
 * A disclosure its readers may open: revoked or expired, it is not found at all. A condition in the
 * query, so an unreadable disclosure is a 404, never a 403.
 */
export function readableByRecipient(actor: Actor, now: Date): SQL {
  return and(recipientReaders(actor), accessOpenSql(now))!;
}

/** The domain's `accessOpen` as a query condition: not withdrawn, and expiring after `now`. */
function accessOpenSql(now: Date): SQL {
  return and(isNull(disclosures.revokedAt), isNull(disclosures.disposedAt), gt(disclosures.expiresAt, now))!;
}

const sender = sql<string>`(select ${organisations.name} from ${organisations} where ${organisations.id} = ${disclosures.senderOrganisationId})`;
const recipient = sql<string>`(select ${organisations.name} from ${organisations} where ${organisations.id} = ${disclosures.recipientOrganisationId})`;
const withNames = { disclosure: disclosures, senderName: sender, recipientName: recipient };
const flatten = (r: { disclosure: DisclosureRow; senderName: string; recipientName: string }): DisclosureSummary => ({
  ...r.disclosure,
  senderName: r.senderName,
  recipientName: r.recipientName,
});

/** The recipient's inbox: what has reached the actor, newest first. Lists what arrived, not its content. */
export async function loadReceived(db: Db, actor: Actor, now = new Date()): Promise<DisclosureSummary[]> {
  assertWorksWithRecords(actor);
  const rows = await db
    .select(withNames)
    .from(disclosures)
    .where(readableByRecipient(actor, now))
    .orderBy(desc(disclosures.sentAt))
    .limit(200);
  return rows.map(flatten);
}

/** What the actor's organisation has sent, newest first, with its state (opened, acknowledged, revoked, expired). */
export async function loadSent(db: Db, actor: Actor): Promise<DisclosureSummary[]> {
  assertWorksWithRecords(actor);
  const rows = await db
    .select(withNames)
    .from(disclosures)
    .where(visibleTo(actor, disclosures, "sender"))
    .orderBy(desc(disclosures.sentAt))
    .limit(200);
  return rows.map(flatten);
}

/**
 * A page of the inbox (`received`) or of what was sent, for the API, and how many there are in all:
 * both grow with every share, so they are paged in SQL, in the same order as the pages' lists.
 */
export async function loadDisclosurePage(
  db: Db,
  actor: Actor,
  box: "received" | "sent",
  range: PageRange,
  now = new Date(),
): Promise<{ rows: DisclosureSummary[]; total: number }> {
  assertWorksWithRecords(actor);
  const where = box === "received" ? readableByRecipient(actor, now) : visibleTo(actor, disclosures, "sender");
  const [rows, total] = await Promise.all([
    db
      .select(withNames)
      .from(disclosures)
      .where(where)
      // The id breaks ties, so pages neither repeat nor skip a disclosure.
      .orderBy(desc(disclosures.sentAt), asc(disclosures.id))
      .limit(range.pageSize)
      .offset(offsetOf(range)),
    db.$count(disclosures, where),
  ]);
  return { rows: rows.map(flatten), total };
}

async function itemsOf(q: Queryable, disclosureId: string): Promise<DisclosureItemRow[]> {
  return q.select().from(disclosureItems).where(eq(disclosureItems.disclosureId, disclosureId)).orderBy(asc(disclosureItems.position));
}

/**
 * The side the actor's organisation is on in a disclosure it may see: so a caller reads it as its
 * recipient or as its sender without saying which. Any other organisation is told it is not found.
 */
export async function sideOfDisclosure(db: Db, actor: Actor, id: string): Promise<"recipient" | "sender"> {
  const [row] = await db
    .select({ recipientOrganisationId: disclosures.recipientOrganisationId })
    .from(disclosures)
    .where(and(eq(disclosures.id, id), visibleTo(actor, disclosures)));
  if (!row) throw new NotFoundError("The information shared");
  return row.recipientOrganisationId === actor.organisationId ? "recipient" : "sender";
}

/** Opens a disclosure that reached the actor: an audited read, in the recipient organisation's trail. */
export async function openReceived(db: Db, actor: Actor, id: string, now = new Date()) {
  assertWorksWithRecords(actor);
  const [row] = await db
    .select(withNames)
    .from(disclosures)
    .where(and(eq(disclosures.id, id), readableByRecipient(actor, now)));
  if (!row) throw new NotFoundError("The information shared");
  const first = row.disclosure.firstOpenedAt === null;
  await inTransaction(db, async (tx, audit) => {
    if (first)
      await tx
        .update(disclosures)
        .set({ firstOpenedAt: now })
        .where(and(eq(disclosures.id, id), isNull(disclosures.firstOpenedAt)));
    audit.record(snapshotOf(actor), {
      type: "disclosure.opened",
      entity: { type: "disclosure", id },
      details: { senderOrganisationId: row.disclosure.senderOrganisationId, first },
    });
  });
  // What the reader gets back is the disclosure as it now stands: opened, from this read if not before.
  const opened = flatten({ ...row, disclosure: { ...row.disclosure, firstOpenedAt: row.disclosure.firstOpenedAt ?? now } });
  return { disclosure: opened, items: await itemsOf(db, id) };
}

/** A disclosure the actor's organisation sent, with what it carried (the sender's own record of what went). */
export async function viewSent(db: Db, actor: Actor, id: string, view: string) {
  assertWorksWithRecords(actor);
  const [row] = await db
    .select({ ...withNames, subjectId: shareDecisions.subjectId })
    .from(disclosures)
    .innerJoin(shareDecisions, eq(shareDecisions.id, disclosures.decisionId))
    .where(and(eq(disclosures.id, id), visibleTo(actor, disclosures, "sender")));
  if (!row) throw new NotFoundError("The information shared");
  await recordEvent(db, snapshotOf(actor), {
    type: "personal_data.viewed",
    entity: { type: "subject", id: row.subjectId },
    details: { view },
  });
  return { disclosure: flatten(row), subjectId: row.subjectId, items: await itemsOf(db, id) };
}

async function decisionSubject(q: Queryable, decisionId: string): Promise<string | undefined> {
  const [d] = await q.select({ subjectId: shareDecisions.subjectId }).from(shareDecisions).where(eq(shareDecisions.id, decisionId));
  return d?.subjectId;
}

/** The recipient confirms it arrived; the sender's chronology says so. Once only. */
export async function acknowledgeDisclosure(db: Db, actor: Actor, id: string, now = new Date()): Promise<void> {
  assertWorksWithRecords(actor);
  await inTransaction(db, async (tx, audit) => {
    const [row] = await tx
      .select(withNames)
      .from(disclosures)
      .where(and(eq(disclosures.id, id), readableByRecipient(actor, now)))
      .for("update", { of: disclosures });
    if (!row) throw new NotFoundError("The information shared");
    if (row.disclosure.acknowledgedAt) throw new ConflictError("Receipt of this disclosure has already been acknowledged");
    await tx
      .update(disclosures)
      .set({ acknowledgedAt: now, acknowledgedByUserId: actor.userId, acknowledgedByName: actor.name })
      .where(eq(disclosures.id, id));
    const subjectId = await decisionSubject(tx, row.disclosure.decisionId);
    if (subjectId) {
      await addChronologyEntry(tx, {
        organisationId: row.disclosure.senderOrganisationId,
        subjectId,
        occurredOn: today(now),
        category: "disclosure",
        kind: "DISCLOSURE_ACKNOWLEDGED",
        title: "sharingChronology.disclosureAcknowledged",
        params: { recipient: row.recipientName, by: actor.name },
        summary: "",
        summaryCode: "sharingChronologySummary.receiptConfirmed",
        ref: { type: "disclosure", id },
        recordedByUserId: null,
      });
    }
    await emitWebhook(tx, { organisationId: row.disclosure.senderOrganisationId, type: "disclosure.acknowledged", id });
    audit.record(snapshotOf(actor), {
      type: "disclosure.acknowledged",
      entity: { type: "disclosure", id },
      details: { senderOrganisationId: row.disclosure.senderOrganisationId },
    });
  });
}

export const revokeInput = z.object({
  reason: textInput("The reason", "Enter why access is being withdrawn")
    .trim()
    .min(1, "Enter why access is being withdrawn")
    .max(2000, "The reason must be 2,000 characters or fewer"),
});

/**
 * Withdraws the recipient's access: from now on it is a 404 to them. Who may, and when, are the
 * domain's rules (`mayRevokeDisclosure`, `revocationProblem`), which the decision page offers by too.
 */
export async function revokeDisclosure(db: Db, actor: Actor, id: string, raw: unknown, now = new Date()): Promise<void> {
  assertWorksWithRecords(actor);
  const { reason } = revokeInput.parse(raw);
  await inTransaction(db, (tx, audit) => revokeDisclosureIn(tx, audit, actor, id, reason, now));
}

/**
 * The same withdrawal inside a caller's transaction, its audit events collected on the caller's trail
 * (a breach raised from a disclosure contains it in the transaction that records the breach). With
 * `whenEnded: "accept"`, access that has already ended is left as it is rather than refused: there is
 * nothing left to withdraw. Answers whom the disclosure was about, whether access was withdrawn now, its decision and its recipient.
 */
export async function revokeDisclosureIn(
  tx: Tx,
  audit: AuditTrail,
  actor: Actor,
  id: string,
  reason: string,
  now: Date,
  { whenEnded = "refuse" }: { whenEnded?: "refuse" | "accept" } = {},
): Promise<{ subjectId: string; revoked: boolean; decisionId: string; recipientOrganisationId: string }> {
  assertWorksWithRecords(actor);
  const [row] = await tx
    .select({ ...withNames, decidedBy: shareDecisions.decidedByUserId, subjectId: shareDecisions.subjectId })
    .from(disclosures)
    .innerJoin(shareDecisions, eq(shareDecisions.id, disclosures.decisionId))
    .where(and(eq(disclosures.id, id), visibleTo(actor, disclosures, "sender")))
    .for("update", { of: disclosures });
  if (!row) throw new NotFoundError("The information shared");
  if (!mayRevokeDisclosure(actor, row.decidedBy)) {
    throw new NotPermittedError("Only the person who decided, or a safeguarding or IG lead, may withdraw access");
  }
  const problem = revocationProblem(row.disclosure, now);
  // What a breach raised from it links: the decision behind it and the organisation it went to.
  const links = {
    subjectId: row.subjectId,
    decisionId: row.disclosure.decisionId,
    recipientOrganisationId: row.disclosure.recipientOrganisationId,
  };
  if (problem && whenEnded === "accept") return { ...links, revoked: false };
  if (problem) throw new ConflictError(problem);
  await tx.update(disclosures).set({ revokedAt: now, revokedByUserId: actor.userId, revokeReason: reason }).where(eq(disclosures.id, id));
  await addChronologyEntry(tx, {
    organisationId: actor.organisationId,
    subjectId: row.subjectId,
    occurredOn: today(now),
    category: "disclosure",
    kind: "DISCLOSURE_REVOKED",
    title: "sharingChronology.disclosureRevoked",
    params: { recipient: row.recipientName },
    summary: reason,
    ref: { type: "disclosure", id },
    recordedByUserId: actor.userId,
  });
  await emitWebhook(tx, { organisationId: row.disclosure.recipientOrganisationId, type: "disclosure.revoked", id });
  audit.record(snapshotOf(actor), {
    type: "disclosure.revoked",
    entity: { type: "disclosure", id },
    details: { recipientOrganisationId: row.disclosure.recipientOrganisationId },
  });
  return { ...links, revoked: true };
}

/** When each of the same disclosures was sent, and nothing about whom they concern: for a count, not a read. */
export async function loadSentToChase(db: Db, actor: Actor, now = new Date()): Promise<Date[]> {
  assertWorksWithRecords(actor);
  const rows = await db
    .select({ sentAt: disclosures.sentAt })
    .from(disclosures)
    .innerJoin(shareDecisions, eq(shareDecisions.id, disclosures.decisionId))
    .where(await toChase(db, actor, now));
  return rows.map((r) => r.sentAt);
}

/** Sent by the actor (or their organisation, for a safeguarding lead), still readable, past the chase time and not acknowledged. */
async function toChase(db: Db, actor: Actor, now: Date): Promise<SQL> {
  const { acknowledgementChaseHours } = await sharingSettings(db);
  const mine = hasAnyRole(actor.roles, ["safeguarding_lead"]) ? sql`true` : eq(shareDecisions.decidedByUserId, actor.userId);
  return and(
    visibleTo(actor, disclosures, "sender"),
    isNull(disclosures.acknowledgedAt),
    accessOpenSql(now),
    lte(disclosures.sentAt, chaseCutoff(now, acknowledgementChaseHours)),
    mine,
  )!;
}

/**
 * Sent, not acknowledged, not revoked, and at or past the partnership's chase time (`mayBeChased`): for the sender's
 * dashboard (the decider's own; all of the organisation's for a safeguarding lead). An audited read
 * of the people listed.
 */
export async function viewDisclosuresToChase(
  db: Db,
  actor: Actor,
  view: string,
  now = new Date(),
): Promise<(DisclosureSummary & { subjectId: string })[]> {
  assertWorksWithRecords(actor);
  const rows = await db
    .select({ ...withNames, subjectId: shareDecisions.subjectId })
    .from(disclosures)
    .innerJoin(shareDecisions, eq(shareDecisions.id, disclosures.decisionId))
    .where(await toChase(db, actor, now))
    .orderBy(asc(disclosures.sentAt))
    .limit(100);
  if (rows.length) {
    await recordEvent(db, snapshotOf(actor), {
      type: "personal_data.viewed",
      entity: { type: "organisation", id: actor.organisationId },
      details: { view, count: rows.length, subjectIds: [...new Set(rows.map((r) => r.subjectId))] },
    });
  }
  return rows.map((r) => ({ ...flatten(r), subjectId: r.subjectId }));
}
