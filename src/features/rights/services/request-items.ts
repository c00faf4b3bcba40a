import { and, eq, inArray } from "drizzle-orm";
import type { Actor } from "../../../platform/auth/actor";
import type { Db } from "../../../platform/db/client";
import { visibleTo } from "../../../platform/db/scope";
import { ValidationError } from "../../../platform/errors";
import { linkedPeople, type RecordItem, viewItem, viewItems } from "../../records";
import { SUBJECT_LINK_LABELS } from "../../records/domain";
import { recordItems, subjectNames, subjects } from "../../records/schema";
import type { LinkedName } from "../domain/third-parties";
import { rightsItemActions, rightsItemReviews } from "../schema";
import { loadRightsRequest, type RightsRequestView, requestFor } from "./load-requests";
import { matchesRequester } from "./pack-safety";

/**
 * The items a rights request is worked on: the current version of everything held about each person
 * attached (every version, for an access request), with what the request has decided about each so far. Reading them is an audited read of
 * each person's record, like any other.
 */

export type RequestItem = RecordItem & { review: string | null; lastAction: string | null };

export async function itemsForRequest(db: Db, actor: Actor, requestOrId: string | RightsRequestView) {
  const request = await requestFor(db, actor, requestOrId);
  const requestId = request.id;
  const [reviews, actions] = await Promise.all([
    db
      .select({ itemId: rightsItemReviews.itemId, decision: rightsItemReviews.decision })
      .from(rightsItemReviews)
      .where(eq(rightsItemReviews.requestId, requestId)),
    db
      .select({ itemId: rightsItemActions.itemId, kind: rightsItemActions.kind })
      .from(rightsItemActions)
      .where(eq(rightsItemActions.requestId, requestId))
      .orderBy(rightsItemActions.at),
  ]);
  const reviewOf = new Map(reviews.map((r) => [r.itemId, r.decision]));
  const actionOf = new Map(actions.map((a) => [a.itemId, a.kind]));
  const people = [];
  for (const subject of request.subjects) {
    const items = await viewItems(db, actor, subject.id, "web.rights.items");
    people.push({
      subject,
      items: items
        // An access pack holds every version, so each is reviewed; the other rights act on what is current.
        .filter((i) => request.type === "ACCESS" || i.accuracy !== "CORRECTED")
        .map((i): RequestItem => ({ ...i, review: reviewOf.get(i.id) ?? null, lastAction: actionOf.get(i.id) ?? null })),
    });
  }
  return { request, people };
}

/** The item, if it is the organisation's own and about someone attached to the request. */
export async function attachedItem(db: Db, actor: Actor, request: RightsRequestView, itemId: string) {
  const [item] = await db
    .select()
    .from(recordItems)
    .where(and(eq(recordItems.id, itemId), visibleTo(actor, recordItems)));
  if (!item || !request.subjects.some((s) => s.id === item.subjectId)) {
    throw new ValidationError([{ path: "/itemId", message: "Choose an item about a person attached to this request" }]);
  }
  return item;
}

/** One item being worked on for the request: its versions, its review and what has been done to it. */
export async function itemForRequest(db: Db, actor: Actor, requestId: string, itemId: string) {
  const request = await loadRightsRequest(db, actor, requestId);
  const row = await attachedItem(db, actor, request, itemId);
  const [{ item, versions }, [review], actions] = await Promise.all([
    viewItem(db, actor, row.subjectId, itemId, "web.rights.item"),
    db
      .select()
      .from(rightsItemReviews)
      .where(and(eq(rightsItemReviews.requestId, requestId), eq(rightsItemReviews.itemId, itemId))),
    db
      .select()
      .from(rightsItemActions)
      .where(and(eq(rightsItemActions.requestId, requestId), eq(rightsItemActions.itemId, itemId)))
      .orderBy(rightsItemActions.at),
  ]);
  return { request, item, versions, review: review ?? null, actions };
}

/**
 * The other people linked to an item's person, with every name they are known by, for finding
 * third parties in its text. Those attached to the request are not third parties, nor is the
 * requester (a mother linked to her child, say): their own name is their information, found by the
 * rule the safety warnings use to find them (`matchesRequester`). Read as part of the item page,
 * whose read is audited.
 */
export async function linkedNamesFor(
  db: Db,
  actor: Actor,
  subject: { id: string; name: string },
  request: { subjects: readonly { id: string }[]; requester: { name: string } },
): Promise<LinkedName[]> {
  const linked = (await linkedPeople(db, actor, subject.id)).filter((p) => !request.subjects.some((a) => a.id === p.subjectId));
  const ids = [...new Set(linked.map((p) => p.subjectId))];
  const [otherNames, requester] = ids.length
    ? await Promise.all([
        db
          .select({ subjectId: subjectNames.subjectId, name: subjectNames.name })
          .from(subjectNames)
          .where(inArray(subjectNames.subjectId, ids)),
        db
          .select({ id: subjects.id })
          .from(subjects)
          .where(and(inArray(subjects.id, ids), matchesRequester(request.requester.name))),
      ])
    : [[], []];
  const people = linked.filter((p) => !requester.some((r) => r.id === p.subjectId));
  // One entry a person, however many links: "Ryan Carter, parent or carer of Lily Carter, and alleged to have harmed Lily Carter".
  const byPerson = new Map<string, { person: (typeof people)[number]; relationships: string[] }>();
  for (const p of people) {
    const labels = SUBJECT_LINK_LABELS[p.kind];
    // The link read from the other person's side.
    const relationship = `${(p.forward ? labels.reverse : labels.forward).toLowerCase()} ${subject.name}`;
    const entry = byPerson.get(p.subjectId) ?? { person: p, relationships: [] };
    entry.relationships.push(relationship);
    byPerson.set(p.subjectId, entry);
  }
  return [...byPerson.values()].map(({ person: p, relationships }) => {
    const name = `${p.givenNames} ${p.familyName}`;
    return {
      personId: p.subjectId,
      name,
      description: `${name}, ${relationships.join(", and ")}`,
      givenNames: p.givenNames,
      familyName: p.familyName,
      otherNames: otherNames.filter((o) => o.subjectId === p.subjectId).map((o) => o.name),
    };
  });
}
