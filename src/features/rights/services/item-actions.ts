import { and, eq, inArray, isNotNull, isNull, sql } from "drizzle-orm";
import { snapshotOf } from "../../../platform/audit/events";
import { inTransaction, recordEvent } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import type { Role } from "../../../platform/auth/roles";
import { today } from "../../../platform/dates/calendar";
import type { Db, Tx } from "../../../platform/db/client";
import { visibleTo } from "../../../platform/db/scope";
import { ConflictError, NotFoundError, ValidationError } from "../../../platform/errors";
import { organisations } from "../../organisations-and-users/schema";
import { mayDecideProtectedDetails } from "../../records/domain/links";
import { chronologyEntries, recordItems } from "../../records/schema";
import { assertWorksWithRecords } from "../../records/services/access";
import { correctItem, disputeItem } from "../../records/services/items";
import { loadProtectedDetails } from "../../records/services/protected-details";
import { type DisclosedPerson, redact, redactionsForNotice } from "../../sharing/domain/disclosure-snapshot";
import { findProtectedMentions } from "../../sharing/domain/protected-details";
import { disclosureItems, disclosures, shareDecisions } from "../../sharing/schema";
import { recipientReaders } from "../../sharing/services/disclosures";
import type {} from "../audit-events";
import { erasureInput, liftInput, reasonInput, statementInput } from "../domain/inputs";
import { changeProblem } from "../domain/transitions";
import { ITEM_ACTIONS_FOR, type ItemAction } from "../domain/vocabulary";
import { recipientNotices, rightsItemActions, rightsItemReviews, rightsRequests } from "../schema";
import { attachedItem } from "./request-items";
import { chronicleStep, getRightsRequest, type RightsRequestView, requestFor } from "./requests";

/**
 * What rectification, restriction and erasure requests do to items (UK GDPR Arts 16–19;
 * docs/domain.md §6), each recorded with its reason, and every organisation the item was disclosed to told of it
 * (Art 19): a notice in their inbox to acknowledge. An erased item keeps its row as a tombstone;
 * its text is gone from the record, the chronology and every disclosure's copy.
 */

const ERASED = "[erased]";

/**
 * The request, of a type this action belongs to, being worked on for a verified requester (an
 * impostor must not be able to have a child's record changed or erased); and the item, the current
 * version, about someone attached to it.
 */
async function requestAndItem(db: Db, actor: Actor, requestId: string, itemId: string, action: ItemAction) {
  const request = await getRightsRequest(db, actor, requestId);
  if (!ITEM_ACTIONS_FOR[request.type].includes(action))
    throw new ConflictError(`This is not something a ${request.type.toLowerCase().replaceAll("_", " ")} request does`);
  const problem = changeProblem(request);
  if (problem) throw new ConflictError(problem);
  const item = await attachedItem(db, actor, request, itemId);
  if (item.erasedAt) throw new ConflictError("This item has been erased");
  if (item.accuracy === "CORRECTED") throw new ConflictError("This is an earlier version: act on the current one");
  return { request, item };
}

/**
 * What a recipient is told: `say` is given the new content (a correction's text, the person's
 * statement) as this recipient may see it, or null where it may not: redacted as the disclosure
 * was, and left out altogether once the recipient can no longer read the disclosure and did not
 * file it (a notice is never wider than the disclosure it follows).
 */
type Notice = {
  kind: typeof recipientNotices.$inferInsert.kind;
  content?: () => string;
  say: (shown: string | null) => string;
  /** The item versions whose recipients are told, when not the item's whole lineage. */
  items?: () => string[];
};

/**
 * Every organisation any version of the item went to, told what happened to it. The new content is
 * redacted for each as its disclosure was (the decision's record of what it took out) and searched for
 * the protected details of the person and those linked to them (GR5-PROTECT-IDENTITIES): a correction
 * can add a refuge address the old text never had. Returns how many notices were sent.
 */
async function notifyRecipients(
  tx: Tx,
  actor: Actor,
  requestId: string,
  on: { subjectId: string; itemIds: string[] },
  notice: Notice,
  now: Date,
) {
  const sent = await tx
    .select({
      disclosureId: disclosures.id,
      recipient: disclosures.recipientOrganisationId,
      itemId: disclosureItems.sourceItemId,
      readable: sql<boolean>`(${disclosures.revokedAt} is null and ${disclosures.expiresAt} > ${now}) or ${disclosures.filedAt} is not null`,
      record: shareDecisions.record,
      decidedByRoles: shareDecisions.decidedByRoles,
    })
    .from(disclosureItems)
    .innerJoin(disclosures, eq(disclosures.id, disclosureItems.disclosureId))
    .innerJoin(shareDecisions, eq(shareDecisions.id, disclosures.decisionId))
    .where(and(inArray(disclosureItems.sourceItemId, on.itemIds), visibleTo(actor, disclosures, "sender")));
  if (!sent.length) return 0;
  const content = notice.content?.() ?? null;
  const mentioned = content ? findProtectedMentions(content, await loadProtectedDetails(tx, actor, on.subjectId)) : [];
  const shown = (s: (typeof sent)[number]) => {
    if (content === null || !s.readable) return null;
    const choice = s.record.items.items?.find((c) => c.itemId === s.itemId);
    return redact(content, redactionsForNotice(choice, mentioned, mayDecideProtectedDetails(s.decidedByRoles as Role[]))).text;
  };
  await tx.insert(recipientNotices).values(
    sent.map((s) => ({
      requestId,
      senderOrganisationId: actor.organisationId,
      recipientOrganisationId: s.recipient,
      disclosureId: s.disclosureId,
      itemId: s.itemId,
      kind: notice.kind,
      text: notice.say(shown(s)),
    })),
  );
  return sent.length;
}

async function recordAction(
  tx: Tx,
  actor: Actor,
  requestId: string,
  itemId: string,
  kind: typeof rightsItemActions.$inferInsert.kind,
  reason: string,
  requesterToldOn?: string,
) {
  await tx
    .insert(rightsItemActions)
    .values({ requestId, itemId, kind, reason, requesterToldOn: requesterToldOn ?? null, byUserId: actor.userId, byName: actor.name });
}

type ActionKind = typeof rightsItemActions.$inferInsert.kind;

/**
 * The change to the item, the action recorded against the request and the notices to recipients,
 * in one transaction: a correction is never made without the record of why, nor without telling.
 */
async function act(
  db: Db,
  actor: Actor,
  on: { request: { id: string; publicReference: string }; item: { id: string; subjectId: string; lineageId: string } },
  step: { kind: ActionKind; reason: string; requesterToldOn?: string },
  change: (tx: Tx) => Promise<unknown>,
  notice: Notice | null,
): Promise<number> {
  const { kind, reason, requesterToldOn } = step;
  const requestId = on.request.id;
  const itemId = on.item.id;
  const now = new Date();
  return inTransaction(db, async (tx, audit) => {
    await change(tx);
    await recordAction(tx, actor, requestId, itemId, kind, reason, requesterToldOn);
    // The reason, never the item's text or the person's statement: an erased item's words must not survive on the timeline.
    const summary = kind === "STATEMENT_ADDED" ? "The person's statement is recorded beside the item" : reason;
    await chronicleStep(tx, actor, on.request, { kind: `RIGHTS_${kind}`, title: kind, summary }, [on.item.subjectId]);
    const itemIds = notice?.items?.() ?? (await lineageIds(tx, actor, on.item.lineageId));
    const notified = notice ? await notifyRecipients(tx, actor, requestId, { subjectId: on.item.subjectId, itemIds }, notice, now) : 0;
    audit.record(snapshotOf(actor), {
      type: "rights_request.item_action",
      entity: { type: "rights_request", id: requestId },
      details: { itemId, kind, recipientsNotified: notified },
    });
    return notified;
  });
}

async function lineageIds(tx: Tx, actor: Actor, lineageId: string) {
  const rows = await tx
    .select({ id: recordItems.id })
    .from(recordItems)
    .where(and(eq(recordItems.lineageId, lineageId), visibleTo(actor, recordItems)));
  return rows.map((r) => r.id);
}

/** The item changed only if it is still as it was checked: a second, concurrent request is a 409. */
async function changed<T>(rows: Promise<T[]>, conflict: string): Promise<void> {
  if (!(await rows).length) throw new ConflictError(conflict);
}

/** Rectification by correction: a new version (the old one stays, marked corrected), and every recipient told. */
export async function correctForRequest(db: Db, actor: Actor, requestId: string, itemId: string, raw: unknown): Promise<number> {
  const { reason } = reasonInput.parse(raw);
  const { request, item } = await requestAndItem(db, actor, requestId, itemId, "correct");
  let correctedText = "";
  return act(
    db,
    actor,
    { request, item },
    { kind: "CORRECTED", reason },
    async (tx) => {
      correctedText = (await correctItem(tx, actor, item.subjectId, itemId, raw)).text;
    },
    {
      kind: "CORRECTED",
      content: () => correctedText,
      say: (shown) =>
        shown === null
          ? "Information we sent you has been corrected at the person's request. You can no longer open what we sent: if you kept a copy, ask us for the corrected version."
          : `Information we sent you has been corrected at the person's request. Replace it with the corrected version: ${shown}`,
    },
  );
}

/** Rectification by a supplementary statement: an opinion stays, with the person's disagreement recorded beside it. */
export async function addStatement(db: Db, actor: Actor, requestId: string, itemId: string, raw: unknown): Promise<number> {
  const { statement } = statementInput.parse(raw);
  const { request, item } = await requestAndItem(db, actor, requestId, itemId, "statement");
  return act(
    db,
    actor,
    { request, item },
    { kind: "STATEMENT_ADDED", reason: statement },
    (tx) => disputeItem(tx, actor, item.subjectId, itemId, { reason: `Statement from the person: ${statement}` }),
    {
      kind: "DISPUTED",
      content: () => statement,
      say: (shown) =>
        shown === null
          ? "The person disagrees with information we sent you and their statement is recorded with it. If you kept a copy, ask us for the statement."
          : `The person disagrees with information we sent you. Their statement: ${shown}`,
    },
  );
}

/** Restriction: the item may be stored but not shared (R-RESTRICTED) until lifted. */
export async function restrictForRequest(db: Db, actor: Actor, requestId: string, itemId: string, raw: unknown): Promise<number> {
  const { reason } = reasonInput.parse(raw);
  const { request, item } = await requestAndItem(db, actor, requestId, itemId, "restrict");
  return act(
    db,
    actor,
    { request, item },
    { kind: "RESTRICTED", reason },
    (tx) =>
      changed(
        tx
          .update(recordItems)
          .set({ restrictedAt: new Date() })
          .where(and(eq(recordItems.id, itemId), isNull(recordItems.restrictedAt)))
          .returning({ id: recordItems.id }),
        "This item is already restricted",
      ),
    {
      kind: "RESTRICTED",
      say: () =>
        "The use of information we sent you is restricted while a request about it is settled: keep it, but do not use or share it.",
    },
  );
}

/** Lifting a restriction: only after telling the requester, on or after the day it was restricted. */
export async function liftRestriction(db: Db, actor: Actor, requestId: string, itemId: string, raw: unknown): Promise<number> {
  const { reason, requesterToldOn } = liftInput.parse(raw);
  const { request, item } = await requestAndItem(db, actor, requestId, itemId, "restrict");
  if (!item.restrictedAt) throw new ConflictError("This item is not restricted");
  if (requesterToldOn < today(item.restrictedAt))
    throw new ValidationError([
      { path: "/requesterToldOn", message: "The requester is told after the item was restricted, before it is lifted" },
    ]);
  return act(
    db,
    actor,
    { request, item },
    { kind: "RESTRICTION_LIFTED", reason, requesterToldOn },
    (tx) =>
      changed(
        tx
          .update(recordItems)
          .set({ restrictedAt: null })
          .where(and(eq(recordItems.id, itemId), isNotNull(recordItems.restrictedAt)))
          .returning({ id: recordItems.id }),
        "This item is not restricted",
      ),
    { kind: "RESTRICTION_LIFTED", say: () => "The restriction on information we sent you has been lifted." },
  );
}

/**
 * Erasure: decided with a recorded reason (usually refused where the processing is a public task or a
 * legal obligation). Granted, the text is erased from the record, the chronology and every disclosed
 * copy, every recipient is told to erase theirs, and the audit keeps only ids.
 */
export async function decideErasure(db: Db, actor: Actor, requestId: string, itemId: string, raw: unknown): Promise<number> {
  const { grant, reason } = erasureInput.parse(raw);
  const { request, item } = await requestAndItem(db, actor, requestId, itemId, "erasure");
  if (!grant) return act(db, actor, { request, item }, { kind: "ERASURE_REFUSED", reason }, async () => {}, null);
  let erased: string[] = [];
  return act(
    db,
    actor,
    { request, item },
    { kind: "ERASED", reason },
    async (tx) => {
      erased = await eraseLineage(tx, actor, item.lineageId);
      if (!erased.length) throw new ConflictError("This item has already been erased");
    },
    {
      kind: "ERASED",
      items: () => erased,
      say: () =>
        "Information we sent you has been erased at the person's request. Erase your copy, including anything you filed from it, unless you have your own reason to keep it.",
    },
  );
}

/**
 * Every version of the item (a correction keeps the old text), its chronology entries, every
 * disclosed copy, and whatever quoted it: earlier notices to recipients, the person's statement
 * about it and the access review's redacted phrases. Returns the versions erased, so that
 * recipients of any of them are told.
 */
async function eraseLineage(tx: Tx, actor: Actor, lineageId: string) {
  const versions = await tx
    .update(recordItems)
    .set({
      text: ERASED,
      erasedAt: new Date(),
      disputeNote: sql`case when ${recordItems.disputeNote} is null then null else ${ERASED} end`,
      correctionReason: sql`case when ${recordItems.correctionReason} is null then null else ${ERASED} end`,
    })
    .where(and(eq(recordItems.lineageId, lineageId), visibleTo(actor, recordItems), isNull(recordItems.erasedAt)))
    .returning({ id: recordItems.id });
  const ids = versions.map((v) => v.id);
  if (!ids.length) return ids;
  await tx
    .update(chronologyEntries)
    .set({ summary: ERASED })
    .where(and(eq(chronologyEntries.refType, "record_item"), inArray(chronologyEntries.refId, ids)));
  await tx.update(disclosureItems).set({ text: ERASED }).where(inArray(disclosureItems.sourceItemId, ids));
  await tx
    .update(recipientNotices)
    .set({ text: "Information we sent you, and told you about here, was later erased at the person's request." })
    .where(and(inArray(recipientNotices.itemId, ids), inArray(recipientNotices.kind, ["CORRECTED", "DISPUTED"])));
  await tx
    .update(rightsItemActions)
    .set({ reason: ERASED })
    .where(and(inArray(rightsItemActions.itemId, ids), eq(rightsItemActions.kind, "STATEMENT_ADDED")));
  await tx.update(rightsItemReviews).set({ redactions: [] }).where(inArray(rightsItemReviews.itemId, ids));
  return ids;
}

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
export async function noticesReceived(db: Db, actor: Actor, view: string) {
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
    .orderBy(sql`${recipientNotices.acknowledgedAt} is null desc`, sql`${recipientNotices.sentAt} desc`)
    .limit(200);
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

/** A complaint is acknowledged within 30 days of receipt (DUAA 2025). */
export async function acknowledgeComplaint(db: Db, actor: Actor, requestId: string): Promise<void> {
  const request = await getRightsRequest(db, actor, requestId);
  if (request.type !== "COMPLAINT") throw new ConflictError("Only a complaint is acknowledged this way");
  if (request.acknowledgedOn) throw new ConflictError("This complaint has already been acknowledged");
  await inTransaction(db, async (tx, audit) => {
    await tx.update(rightsRequests).set({ acknowledgedOn: today() }).where(eq(rightsRequests.id, requestId));
    await chronicleStep(tx, actor, request, { kind: "RIGHTS_COMPLAINT_ACKNOWLEDGED", title: "complaintAcknowledged" });
    audit.record(snapshotOf(actor), {
      type: "rights_request.complaint_acknowledged",
      entity: { type: "rights_request", id: requestId },
      details: {},
    });
  });
}

/**
 * What has been done for a request, item by item, and which organisations were told and have
 * acknowledged: the list a requester may ask for (Art 19).
 */
export async function actionsForRequest(db: Db, actor: Actor, requestOrId: string | RightsRequestView) {
  const requestId = (await requestFor(db, actor, requestOrId)).id;
  const [actions, notices] = await Promise.all([
    db.select().from(rightsItemActions).where(eq(rightsItemActions.requestId, requestId)).orderBy(rightsItemActions.at),
    db
      .select({
        itemId: recipientNotices.itemId,
        kind: recipientNotices.kind,
        recipient: organisations.name,
        sent: sql<number>`count(*)::int`,
        acknowledged: sql<number>`count(${recipientNotices.acknowledgedAt})::int`,
      })
      .from(recipientNotices)
      .innerJoin(organisations, eq(organisations.id, recipientNotices.recipientOrganisationId))
      .where(and(eq(recipientNotices.requestId, requestId), visibleTo(actor, recipientNotices, "sender")))
      .groupBy(recipientNotices.itemId, recipientNotices.kind, organisations.name)
      .orderBy(organisations.name),
  ]);
  return { actions, notices };
}
