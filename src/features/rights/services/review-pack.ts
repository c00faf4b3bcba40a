import { and, eq } from "drizzle-orm";
import { snapshotOf } from "../../../platform/audit/events";
import { inTransaction, recordEvent } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import type { Db, Tx } from "../../../platform/db/client";
import { visibleTo } from "../../../platform/db/scope";
import { ConflictError, NotFoundError, ValidationError } from "../../../platform/errors";
import { recordItems } from "../../records/schema";
import type {} from "../audit-events";
import { type ItemReviewInput, itemReviewInput, type RecipientReviewInput, recipientReviewInput } from "../domain/review";
import { answeredProblem } from "../domain/transitions";
import { rightsItemReviews, rightsRecipientReviews, rightsRequests } from "../schema";
import { loadRightsRequest, type RightsRequestView } from "./load-requests";
import { disclosureLog, type LogEntry } from "./pack-contents";

/**
 * The IG lead's review of an access pack (UK GDPR Art 15; docs/domain.md §6): each item disclosed,
 * redacted or withheld under a named exemption, and each entry of who it was shared with listed or
 * withheld. Reviews stop once the request is answered.
 */

/**
 * Refuses a review once the request is answered, read under a share lock inside the review's own
 * transaction: answering locks the request for update, so a review cannot slip in between the check
 * that the pack is reviewed and the response, nor change what was sent afterwards.
 */
async function assertPackOpen(tx: Tx, requestId: string): Promise<void> {
  const [row] = await tx.select({ state: rightsRequests.state }).from(rightsRequests).where(eq(rightsRequests.id, requestId)).for("share");
  const answered = row && answeredProblem(row);
  if (answered) throw new ConflictError(answered);
}

/** What an item's review and a disclosure log entry's review store alike: the decision, its exemption and reason, and who made it. */
function reviewValues(actor: Actor, input: ItemReviewInput | RecipientReviewInput) {
  return {
    decision: input.decision,
    exemption: input.exemption ?? null,
    reason: input.reason ?? null,
    healthOpinion: input.healthOpinion ?? null,
    healthProfessional: input.healthProfessional ?? null,
    reviewedByUserId: actor.userId,
    reviewedAt: new Date(),
  };
}

export async function reviewItem(db: Db, actor: Actor, requestId: string, itemId: string, raw: unknown): Promise<void> {
  const request = await loadRightsRequest(db, actor, requestId);
  if (request.type !== "ACCESS") throw new ConflictError("Only an access request reviews items for exemptions");
  const input = itemReviewInput.parse(raw);
  const [item] = await db
    .select({ text: recordItems.text, subjectId: recordItems.subjectId })
    .from(recordItems)
    .where(and(eq(recordItems.id, itemId), visibleTo(actor, recordItems)));
  if (!item || !request.subjects.some((s) => s.id === item.subjectId)) {
    throw new ValidationError([{ path: "/itemId", message: "Choose an item about a person attached to this request" }]);
  }
  input.redactions.forEach((phrase, i) => {
    if (!item.text.includes(phrase))
      throw new ValidationError([{ path: `/redactions/${i}`, message: `"${phrase}" is not in the item's text` }]);
  });
  const values = { ...reviewValues(actor, input), redactions: input.redactions };
  await inTransaction(db, async (tx, audit) => {
    await assertPackOpen(tx, requestId);
    await tx
      .insert(rightsItemReviews)
      .values({ requestId, itemId, ...values })
      .onConflictDoUpdate({ target: [rightsItemReviews.requestId, rightsItemReviews.itemId], set: values });
    audit.record(snapshotOf(actor), {
      type: "rights_request.item_reviewed",
      entity: { type: "rights_request", id: requestId },
      details: { itemId, decision: input.decision, exemption: input.exemption ?? null },
    });
  });
}

/** The entry of the request's disclosure log, or not found: another organisation's, or about someone not attached. */
async function logEntryFor(db: Db, actor: Actor, request: RightsRequestView, disclosureId: string): Promise<LogEntry> {
  const [entry] = await disclosureLog(
    db,
    actor.organisationId,
    request.subjects.map((s) => s.id),
    disclosureId,
  );
  if (!entry) throw new NotFoundError("The record of sharing");
  return entry;
}

/** One entry of who the information was shared with, to review: an audited read of the person's record. */
export async function recipientForRequest(db: Db, actor: Actor, requestId: string, disclosureId: string) {
  const request = await loadRightsRequest(db, actor, requestId);
  if (request.type !== "ACCESS") throw new NotFoundError("The record of sharing");
  const entry = await logEntryFor(db, actor, request, disclosureId);
  const [review] = await db
    .select()
    .from(rightsRecipientReviews)
    .where(and(eq(rightsRecipientReviews.requestId, requestId), eq(rightsRecipientReviews.disclosureId, disclosureId)));
  await recordEvent(db, snapshotOf(actor), {
    type: "personal_data.viewed",
    entity: { type: "subject", id: entry.subjectId },
    details: { view: "web.rights.recipient" },
  });
  return { request, entry, review: review ?? null };
}

/** Lists an entry of who it was shared with in the pack, or withholds it under an exemption with the reason. */
export async function reviewRecipient(db: Db, actor: Actor, requestId: string, disclosureId: string, raw: unknown): Promise<void> {
  const request = await loadRightsRequest(db, actor, requestId);
  if (request.type !== "ACCESS") throw new ConflictError("Only an access request reviews who the information was shared with");
  const input = recipientReviewInput.parse(raw);
  await logEntryFor(db, actor, request, disclosureId);
  const values = reviewValues(actor, input);
  await inTransaction(db, async (tx, audit) => {
    await assertPackOpen(tx, requestId);
    await tx
      .insert(rightsRecipientReviews)
      .values({ requestId, disclosureId, ...values })
      .onConflictDoUpdate({ target: [rightsRecipientReviews.requestId, rightsRecipientReviews.disclosureId], set: values });
    audit.record(snapshotOf(actor), {
      type: "rights_request.recipient_reviewed",
      entity: { type: "rights_request", id: requestId },
      details: { disclosureId, decision: input.decision, exemption: input.exemption ?? null },
    });
  });
}
