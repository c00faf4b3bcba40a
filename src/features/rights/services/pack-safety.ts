import { and, asc, eq, exists, inArray, type SQL, sql } from "drizzle-orm";
import { alias, QueryBuilder } from "drizzle-orm/pg-core";
import { snapshotOf } from "../../../platform/audit/events";
import { recordEvent } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import type { Db, Queryable } from "../../../platform/db/client";
import { visibleTo } from "../../../platform/db/scope";
import { organisations } from "../../organisations-and-users/schema";
import { fullNameOf } from "../../records";
import { subjectLinks, subjects } from "../../records/schema";
import { decisionReference } from "../../sharing";
import type { ShareDecisionInput } from "../../sharing/domain";
import { disclosures, shareDecisionAddenda, shareDecisions } from "../../sharing/schema";
import { notToldBecauseOfRisk } from "../domain/pack-safety";
import { rightsRequestSubjects, rightsRequests } from "../schema";

/**
 * What an IG lead must know before an access pack goes to the requester (harm-aware communications,
 * docs/domain.md §6): every decision about the people attached that recorded the family was not told
 * because telling could place the child at risk, and every link recording the requester as an
 * alleged perpetrator towards them. Read fresh each time, so a decision recorded after the person
 * was attached is still named.
 */

export interface NotToldDecision {
  decisionId: string;
  reference: string;
  decidedAt: Date;
  subjectName: string;
  recipient: string | null;
  /** Why it counts, in plain English (`notToldBecauseOfRisk`). */
  grounds: string[];
  /** The item versions the decision shared: each is affected. */
  itemIds: string[];
  /** Its entry in the disclosure log, if it delivered anything. */
  disclosureId: string | null;
}

export interface AllegedPerpetratorLink {
  linkId: string;
  perpetrator: string;
  towards: string;
  towardsSubjectId: string;
}

export interface PackSafety {
  notTold: NotToldDecision[];
  allegedPerpetrator: AllegedPerpetratorLink[];
}

/**
 * The requester-matching rule, in one place: a person in the records is taken to be the requester when
 * the name the requester gave matches theirs as the name search folds names (case, accents and a
 * middle name or title aside). `subjects` is the person.
 */
export const matchesRequester = (requesterName: SQL | string) =>
  sql`word_similarity(safeshare_fold(${requesterName}), ${subjects.searchName}) >= 0.8`;

/**
 * Whether nothing may go to the requester without a safety check, read fresh with the request: it was
 * flagged when a person was attached, or a link recorded since names the requester as an alleged
 * perpetrator towards someone attached. Selected as the request's `harmRisk`, so the page, the
 * dashboard, the API and the response all see one value.
 */
export const harmRiskNow = sql<boolean>`(${rightsRequests.harmRisk} or ${exists(
  new QueryBuilder()
    .select({ one: sql`1` })
    .from(rightsRequestSubjects)
    .innerJoin(
      subjectLinks,
      and(
        eq(subjectLinks.toSubjectId, rightsRequestSubjects.subjectId),
        eq(subjectLinks.kind, "ALLEGED_PERPETRATOR_TOWARDS"),
        eq(subjectLinks.organisationId, rightsRequests.organisationId),
      ),
    )
    .innerJoin(subjects, eq(subjects.id, subjectLinks.fromSubjectId))
    .where(and(eq(rightsRequestSubjects.requestId, rightsRequests.id), matchesRequester(sql`${rightsRequests.requester}->>'name'`))),
)})`;

/**
 * The links recording someone whose name matches the requester's as an alleged perpetrator towards
 * one of these people (`matchesRequester`), named in the request's warnings.
 */
export async function requesterAsAllegedPerpetrator(
  q: Queryable,
  actor: Actor,
  requesterName: string,
  subjectIds: readonly string[],
): Promise<AllegedPerpetratorLink[]> {
  if (!subjectIds.length) return [];
  const towards = alias(subjects, "towards");
  const rows = await q
    .select({
      linkId: subjectLinks.id,
      perpetrator: fullNameOf(subjects),
      towards: fullNameOf(towards),
      towardsSubjectId: towards.id,
    })
    .from(subjectLinks)
    .innerJoin(subjects, eq(subjects.id, subjectLinks.fromSubjectId))
    .innerJoin(towards, eq(towards.id, subjectLinks.toSubjectId))
    .where(
      and(
        inArray(subjectLinks.toSubjectId, [...subjectIds]),
        eq(subjectLinks.kind, "ALLEGED_PERPETRATOR_TOWARDS"),
        visibleTo(actor, subjectLinks),
        matchesRequester(requesterName),
      ),
    )
    .orderBy(asc(subjectLinks.createdAt));
  return rows;
}

/** The items a decision shared, as its record (and an emergency's full record) lists them. */
const sharedItems = (records: readonly Partial<ShareDecisionInput>[]) => [
  ...new Set(records.flatMap((r) => (r.items?.items ?? []).filter((i) => i.share).map((i) => i.itemId))),
];

/** The organisation's decisions about these people that kept the family in the dark because of risk. */
async function notToldDecisions(db: Db, actor: Actor, subjectIds: readonly string[]): Promise<NotToldDecision[]> {
  const recipient = alias(organisations, "recipient_org");
  const rows = await db
    .select({
      id: shareDecisions.id,
      number: shareDecisions.number,
      decidedAt: shareDecisions.decidedAt,
      record: shareDecisions.record,
      subjectName: fullNameOf(subjects),
      recipient: recipient.name,
      disclosureId: disclosures.id,
    })
    .from(shareDecisions)
    .innerJoin(subjects, eq(subjects.id, shareDecisions.subjectId))
    .leftJoin(recipient, eq(recipient.id, shareDecisions.recipientOrganisationId))
    .leftJoin(disclosures, eq(disclosures.decisionId, shareDecisions.id))
    .where(and(inArray(shareDecisions.subjectId, [...subjectIds]), visibleTo(actor, shareDecisions)))
    .orderBy(asc(shareDecisions.decidedAt));
  if (!rows.length) return [];
  // An emergency's transparency answers arrive with its full record, recorded afterwards as an addendum.
  const fullRecords = await db
    .select({ decisionId: shareDecisionAddenda.decisionId, record: shareDecisionAddenda.record })
    .from(shareDecisionAddenda)
    .where(
      and(
        inArray(
          shareDecisionAddenda.decisionId,
          rows.map((r) => r.id),
        ),
        eq(shareDecisionAddenda.kind, "EMERGENCY_RECORD"),
      ),
    );
  return rows.flatMap((r) => {
    const records = [r.record, ...fullRecords.filter((f) => f.decisionId === r.id && f.record).map((f) => f.record!)];
    const grounds = [...new Set(records.flatMap((record) => notToldBecauseOfRisk(record.transparency)))];
    if (!grounds.length) return [];
    return [
      {
        decisionId: r.id,
        reference: decisionReference(r.number),
        decidedAt: r.decidedAt,
        subjectName: r.subjectName,
        recipient: r.recipient,
        grounds,
        itemIds: sharedItems(records),
        disclosureId: r.disclosureId,
      },
    ];
  });
}

/** Both warnings for a request, as an audited read of the people attached to it. */
export async function viewPackSafety(
  db: Db,
  actor: Actor,
  request: { requester: { name: string }; subjects: readonly { id: string }[] },
  view: string,
): Promise<PackSafety> {
  const subjectIds = request.subjects.map((s) => s.id);
  if (!subjectIds.length) return { notTold: [], allegedPerpetrator: [] };
  const [notTold, allegedPerpetrator] = await Promise.all([
    notToldDecisions(db, actor, subjectIds),
    requesterAsAllegedPerpetrator(db, actor, request.requester.name, subjectIds),
  ]);
  await recordEvent(db, snapshotOf(actor), {
    type: "personal_data.viewed",
    entity: { type: "organisation", id: actor.organisationId },
    details: { view, count: notTold.length + allegedPerpetrator.length, subjectIds },
  });
  return { notTold, allegedPerpetrator };
}

/** The warnings that concern one item: decisions that shared any version of it, links towards its person. */
export function safetyForItem(safety: PackSafety, item: { subjectId: string; versionIds: readonly string[] }): PackSafety {
  return {
    notTold: safety.notTold.filter((d) => d.itemIds.some((id) => item.versionIds.includes(id))),
    allegedPerpetrator: safety.allegedPerpetrator.filter((l) => l.towardsSubjectId === item.subjectId),
  };
}

/** The warnings that concern one entry of who it was shared with: the decision that sent it, links towards its person. */
export function safetyForRecipient(safety: PackSafety, entry: { id: string; subjectId: string }): PackSafety {
  return {
    notTold: safety.notTold.filter((d) => d.disclosureId === entry.id),
    allegedPerpetrator: safety.allegedPerpetrator.filter((l) => l.towardsSubjectId === entry.subjectId),
  };
}
