import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { snapshotOf } from "../../audit/events";
import { inTransaction } from "../../audit/write";
import type { Db, Tx } from "../../db/client";
import { chronologyEntries, organisations, recordItems } from "../../db/schema";
import { recipientNotices, rightsItemActions, rightsRequests } from "../../db/schema-rights";
import { disclosureItems, disclosures } from "../../db/schema-sharing";
import type { Actor } from "../../domain/actor";
import { today } from "../../domain/calendar";
import { ConflictError, NotFoundError, ValidationError } from "../../domain/errors";
import { erasureInput, liftInput, reasonInput, statementInput } from "../../domain/rights/inputs";
import type { RightsType } from "../../domain/rights/vocabulary";
import { hasAnyRole } from "../../domain/roles";
import type { DisclosedPerson } from "../../domain/sharing/disclosure-snapshot";
import { assertWorksWithRecords } from "../records/access";
import { correctItem, disputeItem } from "../records/items";
import { chronicleStep, getRightsRequest } from "./requests";

/**
 * What rectification, restriction and erasure requests do to items (UK GDPR Arts 16–19; domain.md
 * §6), each recorded with its reason, and every organisation the item was disclosed to told of it
 * (Art 19): a notice in their inbox to acknowledge. An erased item keeps its row as a tombstone;
 * its text is gone from the record, the chronology and every disclosure's copy.
 */

const ACTIONS_FOR: Record<string, readonly RightsType[]> = {
  correct: ["RECTIFICATION"],
  statement: ["RECTIFICATION"],
  restrict: ["RECTIFICATION", "RESTRICTION", "OBJECTION"],
  erase: ["ERASURE"],
};

/** The request, of a type this action belongs to, and the item, about someone attached to it. */
async function requestAndItem(db: Db, actor: Actor, requestId: string, itemId: string, action: keyof typeof ACTIONS_FOR) {
  const request = await getRightsRequest(db, actor, requestId);
  if (!ACTIONS_FOR[action]!.includes(request.type))
    throw new ConflictError(`This is not something a ${request.type.toLowerCase().replaceAll("_", " ")} request does`);
  if (request.state === "CLOSED" || request.state === "RESPONDED") throw new ConflictError("The request has been answered");
  const [item] = await db
    .select()
    .from(recordItems)
    .where(and(eq(recordItems.id, itemId), eq(recordItems.organisationId, actor.organisationId)));
  if (!item || !request.subjects.some((s) => s.id === item.subjectId)) {
    throw new ValidationError([{ path: "/itemId", message: "Choose an item about a person attached to this request" }]);
  }
  return { request, item };
}

/** Every organisation each item went to, told what happened to it. Returns how many notices were sent. */
async function notifyRecipients(
  tx: Tx,
  actor: Actor,
  requestId: string,
  itemIds: string[],
  kind: typeof recipientNotices.$inferInsert.kind,
  text: string,
) {
  const sent = await tx
    .selectDistinct({ disclosureId: disclosures.id, recipient: disclosures.recipientOrganisationId, itemId: disclosureItems.sourceItemId })
    .from(disclosureItems)
    .innerJoin(disclosures, eq(disclosures.id, disclosureItems.disclosureId))
    .where(and(inArray(disclosureItems.sourceItemId, itemIds), eq(disclosures.senderOrganisationId, actor.organisationId)));
  if (sent.length) {
    await tx.insert(recipientNotices).values(
      sent.map((s) => ({
        requestId,
        senderOrganisationId: actor.organisationId,
        recipientOrganisationId: s.recipient,
        disclosureId: s.disclosureId,
        itemId: s.itemId,
        kind,
        text,
      })),
    );
  }
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

/** What recipients are told; about `items()` when that is more than the one item asked about. */
type Notice = { kind: typeof recipientNotices.$inferInsert.kind; text: string; items?: () => string[] };

/**
 * The change to the item, the action recorded against the request and the notices to recipients,
 * in one transaction: a correction is never made without the record of why, nor without telling.
 */
type ActionKind = typeof rightsItemActions.$inferInsert.kind;
const CHRONOLOGY_STEP: Record<ActionKind, string> = {
  CORRECTED: "an item corrected",
  STATEMENT_ADDED: "the person's statement added to an item",
  RESTRICTED: "an item restricted",
  RESTRICTION_LIFTED: "an item's restriction lifted",
  ERASURE_REFUSED: "erasure of an item refused",
  ERASED: "an item erased",
};

async function act(
  db: Db,
  actor: Actor,
  on: { request: { id: string; publicReference: string }; item: { id: string; subjectId: string } },
  step: { kind: ActionKind; reason: string; requesterToldOn?: string },
  change: (tx: Tx) => Promise<unknown>,
  notice: Notice | null,
): Promise<number> {
  const { kind, reason, requesterToldOn } = step;
  const requestId = on.request.id;
  const itemId = on.item.id;
  return inTransaction(db, async (tx, audit) => {
    await change(tx);
    await recordAction(tx, actor, requestId, itemId, kind, reason, requesterToldOn);
    // The reason, never the item's text: an erased item's words must not survive on the timeline.
    await chronicleStep(tx, actor, on.request, { kind: `RIGHTS_${kind}`, what: CHRONOLOGY_STEP[kind], summary: reason }, [
      on.item.subjectId,
    ]);
    const notified = notice ? await notifyRecipients(tx, actor, requestId, notice.items?.() ?? [itemId], notice.kind, notice.text) : 0;
    audit.record(snapshotOf(actor), {
      type: "rights_request.item_action",
      entity: { type: "rights_request", id: requestId },
      details: { itemId, kind, recipientsNotified: notified },
    });
    return notified;
  });
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
      get text() {
        return `Information we sent you has been corrected at the person's request. Replace it with the corrected version: ${correctedText}`;
      },
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
    { kind: "DISPUTED", text: `The person disagrees with information we sent you. Their statement: ${statement}` },
  );
}

/** Restriction: the item may be stored but not shared (R-RESTRICTED) until lifted. */
export async function restrictForRequest(db: Db, actor: Actor, requestId: string, itemId: string, raw: unknown): Promise<number> {
  const { reason } = reasonInput.parse(raw);
  const { request, item } = await requestAndItem(db, actor, requestId, itemId, "restrict");
  if (item.restrictedAt) throw new ConflictError("This item is already restricted");
  return act(
    db,
    actor,
    { request, item },
    { kind: "RESTRICTED", reason },
    (tx) => tx.update(recordItems).set({ restrictedAt: new Date() }).where(eq(recordItems.id, itemId)),
    {
      kind: "RESTRICTED",
      text: "The use of information we sent you is restricted while a request about it is settled: keep it, but do not use or share it.",
    },
  );
}

/** Lifting a restriction: only after telling the requester. */
export async function liftRestriction(db: Db, actor: Actor, requestId: string, itemId: string, raw: unknown): Promise<number> {
  const { reason, requesterToldOn } = liftInput.parse(raw);
  const { request, item } = await requestAndItem(db, actor, requestId, itemId, "restrict");
  if (!item.restrictedAt) throw new ConflictError("This item is not restricted");
  return act(
    db,
    actor,
    { request, item },
    { kind: "RESTRICTION_LIFTED", reason, requesterToldOn },
    (tx) => tx.update(recordItems).set({ restrictedAt: null }).where(eq(recordItems.id, itemId)),
    { kind: "RESTRICTION_LIFTED", text: "The restriction on information we sent you has been lifted." },
  );
}

/**
 * Erasure: decided with a recorded reason (usually refused where the processing is a public task or a
 * legal obligation). Granted, the text is erased from the record, the chronology and every disclosed
 * copy, every recipient is told to erase theirs, and the audit keeps only ids.
 */
export async function decideErasure(db: Db, actor: Actor, requestId: string, itemId: string, raw: unknown): Promise<number> {
  const { grant, reason } = erasureInput.parse(raw);
  const { request, item } = await requestAndItem(db, actor, requestId, itemId, "erase");
  if (!grant) return act(db, actor, { request, item }, { kind: "ERASURE_REFUSED", reason }, async () => {}, null);
  if (item.erasedAt) throw new ConflictError("This item has already been erased");
  let erased: string[] = [];
  return act(
    db,
    actor,
    { request, item },
    { kind: "ERASED", reason },
    async (tx) => {
      erased = await eraseLineage(tx, item.lineageId, actor.organisationId);
    },
    {
      kind: "ERASED",
      items: () => erased,
      text: "Information we sent you has been erased at the person's request. Erase your copy, including anything you filed from it, unless you have your own reason to keep it.",
    },
  );
}

/**
 * Every version of the item (a correction keeps the old text), its chronology entries and every
 * disclosed copy. Returns the versions erased, so that recipients of any of them are told.
 */
async function eraseLineage(tx: Tx, lineageId: string, organisationId: string) {
  const versions = await tx
    .update(recordItems)
    .set({
      text: "[erased]",
      erasedAt: new Date(),
      disputeNote: sql`case when ${recordItems.disputeNote} is null then null else '[erased]' end`,
    })
    .where(and(eq(recordItems.lineageId, lineageId), eq(recordItems.organisationId, organisationId), isNull(recordItems.erasedAt)))
    .returning({ id: recordItems.id });
  const ids = versions.map((v) => v.id);
  await tx
    .update(chronologyEntries)
    .set({ summary: "[erased]" })
    .where(and(eq(chronologyEntries.refType, "record_item"), inArray(chronologyEntries.refId, ids)));
  await tx.update(disclosureItems).set({ text: "[erased]" }).where(inArray(disclosureItems.sourceItemId, ids));
  return ids;
}

/**
 * Who at the recipient organisation is told: whoever could read the disclosure (its named person and
 * the safeguarding leads) and the IG leads who answer for the organisation's copy. The notice can
 * quote corrected information, so it is no wider than the disclosure was.
 */
function noticeReaders(actor: Actor) {
  const everyone = hasAnyRole(actor.roles, ["safeguarding_lead", "ig_lead"]);
  return and(
    eq(recipientNotices.recipientOrganisationId, actor.organisationId),
    everyone
      ? undefined
      : sql`exists (select 1 from ${disclosures} where ${disclosures.id} = ${recipientNotices.disclosureId} and ${disclosures.recipientUserId} = ${actor.userId})`,
  );
}

/** Notices the actor's organisation has received about information it was sent, unacknowledged first. */
export async function noticesReceived(db: Db, actor: Actor) {
  assertWorksWithRecords(actor);
  const rows = await db
    .select({ notice: recipientNotices, senderName: organisations.name, person: sql<DisclosedPerson>`${disclosures.subject}` })
    .from(recipientNotices)
    .innerJoin(organisations, eq(organisations.id, recipientNotices.senderOrganisationId))
    .innerJoin(disclosures, eq(disclosures.id, recipientNotices.disclosureId))
    .where(noticeReaders(actor))
    .orderBy(sql`${recipientNotices.acknowledgedAt} is null desc`, sql`${recipientNotices.sentAt} desc`)
    .limit(200);
  return rows.map((r) => ({ ...r.notice, senderName: r.senderName, personName: r.person.name }));
}

export async function acknowledgeNotice(db: Db, actor: Actor, noticeId: string): Promise<void> {
  assertWorksWithRecords(actor);
  await inTransaction(db, async (tx, audit) => {
    const done = await tx
      .update(recipientNotices)
      .set({ acknowledgedAt: new Date(), acknowledgedByName: actor.name })
      .where(and(eq(recipientNotices.id, noticeId), noticeReaders(actor), isNull(recipientNotices.acknowledgedAt)))
      .returning({ id: recipientNotices.id, requestId: recipientNotices.requestId });
    if (!done.length) throw new NotFoundError("The notice");
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
    await chronicleStep(tx, actor, request, { kind: "RIGHTS_COMPLAINT_ACKNOWLEDGED", what: "complaint acknowledged" });
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
export async function actionsForRequest(db: Db, actor: Actor, requestId: string) {
  await getRightsRequest(db, actor, requestId);
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
      .where(and(eq(recipientNotices.requestId, requestId), eq(recipientNotices.senderOrganisationId, actor.organisationId)))
      .groupBy(recipientNotices.itemId, recipientNotices.kind, organisations.name)
      .orderBy(organisations.name),
  ]);
  return { actions, notices };
}
