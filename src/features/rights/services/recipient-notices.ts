import { and, eq, isNull, sql } from "drizzle-orm";
import { snapshotOf } from "../../../platform/audit/events";
import { inTransaction, recordEvent } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import type { Db } from "../../../platform/db/client";
import { offsetOf, type PageRange } from "../../../platform/db/page";
import { visibleTo } from "../../../platform/db/scope";
import { NotFoundError } from "../../../platform/errors";
import { organisations } from "../../organisations-and-users/schema";
import { assertWorksWithRecords } from "../../records";
import { recipientReaders } from "../../sharing";
import type { DisclosedPerson } from "../../sharing/domain";
import { disclosureItems, disclosures } from "../../sharing/schema";
import type {} from "../audit-events";
import { recipientNotices } from "../schema";

/**
 * The recipient's side of UK GDPR Art 19: the notices an organisation has received about information
 * disclosed to it (corrected, disputed, restricted, erased), to read and acknowledge. Shown in the
 * disclosures inbox and the API; the sender's side is `notify-recipients.ts`.
 */

/**
 * Who at the recipient organisation is told: whoever reads the disclosure the notice follows. The
 * notice can quote corrected information, so it is no wider than the disclosure was.
 */
function noticeReaders(actor: Actor) {
  return and(
    visibleTo(actor, recipientNotices, "recipient"),
    sql`exists (select 1 from ${disclosures} where ${disclosures.id} = ${recipientNotices.disclosureId} and ${recipientReaders(actor)})`,
  );
}

/**
 * Notices the actor's organisation has received about information it was sent, unacknowledged
 * first. They can quote what was corrected, so showing them is an audited read.
 */
export async function viewNoticesReceived(db: Db, actor: Actor, view: string) {
  return viewNoticeRows(db, actor, { page: 1, pageSize: 200 }, view);
}

/**
 * A page of the same list, for the API, and how many there are in all: notices follow every
 * correction of what was disclosed, so they are paged in SQL. The read recorded is of the page shown.
 */
export async function viewNoticePage(db: Db, actor: Actor, range: PageRange, view: string) {
  assertWorksWithRecords(actor);
  const [rows, total] = await Promise.all([viewNoticeRows(db, actor, range, view), db.$count(recipientNotices, noticeReaders(actor))]);
  return { rows, total };
}

async function viewNoticeRows(db: Db, actor: Actor, range: PageRange, view: string) {
  assertWorksWithRecords(actor);
  const rows = await db
    .select({
      notice: recipientNotices,
      senderName: organisations.name,
      person: sql<DisclosedPerson>`${disclosures.subject}`,
      item: { position: disclosureItems.position, category: disclosureItems.category, eventDate: disclosureItems.eventDate },
    })
    .from(recipientNotices)
    .innerJoin(organisations, eq(organisations.id, recipientNotices.senderOrganisationId))
    .innerJoin(disclosures, eq(disclosures.id, recipientNotices.disclosureId))
    // The item as the recipient knows it: its place in the disclosure, never the sender's own id.
    .innerJoin(
      disclosureItems,
      and(eq(disclosureItems.disclosureId, recipientNotices.disclosureId), eq(disclosureItems.sourceItemId, recipientNotices.itemId)),
    )
    .where(noticeReaders(actor))
    // The id breaks ties, so pages neither repeat nor skip a notice.
    .orderBy(sql`${recipientNotices.acknowledgedAt} is null desc`, sql`${recipientNotices.sentAt} desc`, recipientNotices.id)
    .limit(range.pageSize)
    .offset(offsetOf(range));
  if (rows.length) {
    await recordEvent(db, snapshotOf(actor), {
      type: "personal_data.viewed",
      entity: { type: "organisation", id: actor.organisationId },
      details: { view, count: rows.length },
    });
  }
  return rows.map((r) => ({
    ...r.notice,
    senderName: r.senderName,
    personName: r.person.name,
    item: { number: r.item.position + 1, category: r.item.category, eventDate: r.item.eventDate },
  }));
}

/**
 * The recipient has dealt with its copy. Acknowledging again (a second tab, a retried request) is a
 * no-op: the first acknowledgement stands and nothing more is recorded. A notice the actor does not
 * read is not found.
 */
export async function acknowledgeNotice(db: Db, actor: Actor, noticeId: string): Promise<void> {
  assertWorksWithRecords(actor);
  await inTransaction(db, async (tx, audit) => {
    const done = await tx
      .update(recipientNotices)
      .set({ acknowledgedAt: new Date(), acknowledgedByName: actor.name })
      .where(and(eq(recipientNotices.id, noticeId), noticeReaders(actor), isNull(recipientNotices.acknowledgedAt)))
      .returning({ id: recipientNotices.id, requestId: recipientNotices.requestId });
    if (!done.length) {
      const [already] = await tx
        .select({ id: recipientNotices.id })
        .from(recipientNotices)
        .where(and(eq(recipientNotices.id, noticeId), noticeReaders(actor)));
      if (already) return;
      throw new NotFoundError("The notice");
    }
    audit.record(snapshotOf(actor), {
      type: "recipient_notice.acknowledged",
      entity: { type: "rights_request", id: done[0]!.requestId },
      details: { noticeId },
    });
  });
}
