import { addHours, subMinutes } from "date-fns";
import { and, asc, eq, isNull, lt } from "drizzle-orm";
import { snapshotOf } from "../../../platform/audit/events";
import { type AuditTrail, inTransaction } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import type { Role } from "../../../platform/auth/roles";
import type { Db, Queryable, Tx } from "../../../platform/db/client";
import { visibleTo } from "../../../platform/db/scope";
import { type AnyJobDefinition, enqueue, type JobContext } from "../../../platform/jobs/queue";
import { QUEUES } from "../../../platform/jobs/queues";
import { breachNoticeHours } from "../../agreements";
import { holdersOf, notify } from "../../notifications";
import { organisations } from "../../organisations-and-users/schema";
import { recordItems } from "../../records/schema";
import { decisionReference, disclosedItemIds, originsOfItems } from "../../sharing";
import { shareDecisions } from "../../sharing/schema";
import type {} from "../audit-events";
import type { BreachPartyRole } from "../domain/vocabulary";
import { breaches, breachItems, breachParties } from "../schema";
import { linkedSubjectIds } from "./linked-people";

/**
 * The other organisations a breach involves (issue 22): the organisation a share went to by mistake,
 * asked at once to confirm it deleted every copy (BR-CONTAIN), and each organisation whose information
 * the breach involves, told within its agreement's breach notice term (BR-TELL-CONTROLLER). Each party
 * is told by a job queued in the transaction that adds it (the party row is its own outbox, `told_at`),
 * and a sweep queues again any whose job was lost.
 */

/**
 * The term when no agreement sets one: the share was made without an agreement, or its agreement's breach
 * section is blank. 24 hours leaves the originator two days of its own 72 (docs/domain.md §5, the model
 * template's term); pages and the API say when it applies.
 */
export const DEFAULT_TERM_HOURS = 24;

const SYSTEM = { kind: "system", name: "Safeshare breaches" } as const;

const ref = (id: string) => ({ type: "breach" as const, id });

const queueTelling = (q: Queryable, partyId: string) => enqueue(q, { name: QUEUES.tellBreachParty }, { partyId }, { id: partyId });

/**
 * A share sent by mistake (BR-CONTAIN): its recipient organisation is a party to the breach, to be told at
 * once (`tellBy` now) to delete every copy. In the transaction that records the breach and revokes the share.
 */
async function addWrongRecipient(
  tx: Tx,
  audit: AuditTrail,
  actor: Actor,
  breachId: string,
  sent: { disclosureId: string; recipientOrganisationId: string },
  now: Date,
): Promise<void> {
  if (sent.recipientOrganisationId === actor.organisationId) return;
  const [row] = await tx
    .insert(breachParties)
    .values({
      breachId,
      organisationId: actor.organisationId,
      partyOrganisationId: sent.recipientOrganisationId,
      role: "WRONG_RECIPIENT",
      disclosureId: sent.disclosureId,
      tellBy: now,
    })
    .onConflictDoNothing()
    .returning({ id: breachParties.id });
  if (!row) return;
  await queueTelling(tx, row.id);
  audit.record(snapshotOf(actor), {
    type: "breach.party_added",
    entity: ref(breachId),
    details: { partyId: row.id, role: "WRONG_RECIPIENT", partyOrganisationId: sent.recipientOrganisationId, termHours: null },
  });
}

/**
 * A breach raised from a disclosure links the share decision behind it and the sender's items it carried
 * (`breach_item`), and asks its recipient to delete every copy (`addWrongRecipient`).
 */
export async function linkDisclosure(
  tx: Tx,
  audit: AuditTrail,
  actor: Actor,
  breachId: string,
  sent: { disclosureId: string; decisionId: string; recipientOrganisationId: string },
  now: Date,
): Promise<void> {
  await tx.update(breaches).set({ decisionId: sent.decisionId }).where(eq(breaches.id, breachId));
  const itemIds = await disclosedItemIds(tx, sent.disclosureId);
  if (itemIds.length)
    await tx
      .insert(breachItems)
      .values(itemIds.map((itemId) => ({ breachId, organisationId: actor.organisationId, itemId })))
      .onConflictDoNothing();
  await addWrongRecipient(tx, audit, actor, breachId, sent, now);
}

/**
 * Works out, again, which other organisations' information the breach involves (BR-TELL-CONTROLLER): the
 * items of its people and its own items that were filed from a disclosure another organisation sent. Each
 * new one becomes an ORIGINATOR party, its term the smallest breach notice term of the agreements those
 * disclosures were shared under (`DEFAULT_TERM_HOURS` where none sets one), to be told by T0 + term; its
 * job is queued at once. One already told stays a party when the people change (it cannot be untold); one
 * not yet told has its deadline moved with T0. Run with the breach locked, after the change.
 */
export async function linkOriginators(tx: Tx, audit: AuditTrail, actor: Actor, breachId: string): Promise<void> {
  const [[breach], people, items, existing] = await Promise.all([
    tx.select({ awareAt: breaches.awareAt }).from(breaches).where(eq(breaches.id, breachId)),
    linkedSubjectIds(tx, actor, breachId),
    tx
      .select({ id: breachItems.itemId })
      .from(breachItems)
      .where(and(eq(breachItems.breachId, breachId), visibleTo(actor, breachItems))),
    tx
      .select()
      .from(breachParties)
      .where(and(eq(breachParties.breachId, breachId), eq(breachParties.role, "ORIGINATOR"), visibleTo(actor, breachParties, "sender"))),
  ]);
  if (!breach) return;
  const origins = await originsOfItems(tx, actor.organisationId, {
    subjectIds: people,
    itemIds: items.map((i) => i.id),
  });
  // Each originator's disclosures, each with the term its agreement sets (null: none), each agreement version read once.
  const terms = new Map<string, Promise<number | null>>();
  const termOf = (o: (typeof origins)[number]) => {
    if (!o.agreementId || o.agreementVersion === null) return null;
    const key = `${o.agreementId}/${o.agreementVersion}/${o.parentAgreementVersion}`;
    if (!terms.has(key))
      terms.set(
        key,
        breachNoticeHours(tx, { agreementId: o.agreementId, version: o.agreementVersion, parentVersion: o.parentAgreementVersion }),
      );
    return terms.get(key)!;
  };
  const byOrganisation = new Map<string, { disclosureId: string; hours: number | null }[]>();
  for (const o of origins) {
    const hours = await termOf(o);
    byOrganisation.set(o.fromOrganisationId, [
      ...(byOrganisation.get(o.fromOrganisationId) ?? []),
      { disclosureId: o.disclosureId, hours },
    ]);
  }
  for (const [partyOrganisationId, shares] of byOrganisation) {
    const termed = shares
      .filter((s) => s.hours !== null)
      .sort((a, b) => a.hours! - b.hours! || a.disclosureId.localeCompare(b.disclosureId));
    const chosen = termed[0] ?? [...shares].sort((a, b) => a.disclosureId.localeCompare(b.disclosureId))[0]!;
    const termHours = chosen.hours;
    const tellBy = addHours(breach.awareAt, termHours ?? DEFAULT_TERM_HOURS);
    const known = existing.find((p) => p.partyOrganisationId === partyOrganisationId);
    if (known) {
      if (!known.toldAt && known.tellBy.getTime() !== tellBy.getTime())
        await tx.update(breachParties).set({ tellBy, termHours, disclosureId: chosen.disclosureId }).where(eq(breachParties.id, known.id));
      continue;
    }
    const [row] = await tx
      .insert(breachParties)
      .values({
        breachId,
        organisationId: actor.organisationId,
        partyOrganisationId,
        role: "ORIGINATOR",
        disclosureId: chosen.disclosureId,
        termHours,
        tellBy,
      })
      .onConflictDoNothing()
      .returning({ id: breachParties.id });
    if (!row) continue;
    await queueTelling(tx, row.id);
    audit.record(snapshotOf(actor), {
      type: "breach.party_added",
      entity: ref(breachId),
      details: { partyId: row.id, role: "ORIGINATOR", partyOrganisationId, termHours },
    });
  }
}

/** Who is told, by the party's role: a wrong recipient's IG and safeguarding leads (who delete and confirm); an originator's IG leads. */
const TOLD: Record<BreachPartyRole, { roles: readonly Role[]; kind: "breach_delete_copy" | "breach_involves_your_data"; href: string }> = {
  WRONG_RECIPIENT: { roles: ["ig_lead", "safeguarding_lead"], kind: "breach_delete_copy", href: "/breach-requests/" },
  ORIGINATOR: { roles: ["ig_lead"], kind: "breach_involves_your_data", href: "/breaches-involving-us/" },
};

/** Tells one party, once: its people's notifications (and their email, queued), `told_at`, and the event on the breach's trail. */
async function tellParty(db: Db, partyId: string, now = new Date()): Promise<void> {
  await inTransaction(db, async (tx, audit) => {
    const [p] = await tx
      .select()
      .from(breachParties)
      .where(and(eq(breachParties.id, partyId), isNull(breachParties.toldAt)))
      .for("update");
    if (!p) return;
    const told = TOLD[p.role];
    await notify(tx, { userIds: await holdersOf(tx, p.partyOrganisationId, told.roles), kind: told.kind, href: `${told.href}${p.id}` });
    await tx.update(breachParties).set({ toldAt: now }).where(eq(breachParties.id, p.id));
    audit.record(
      SYSTEM,
      {
        type: "breach.party_told",
        entity: ref(p.breachId),
        details: { partyId: p.id, role: p.role, partyOrganisationId: p.partyOrganisationId, late: now.getTime() > p.tellBy.getTime() },
      },
      p.organisationId,
    );
  });
}

/** Parties added more than a minute ago and not yet told (the job queued with them was lost): queued again. */
async function sweepUntoldParties(db: Db, now = new Date()): Promise<void> {
  const untold = await db
    .select({ id: breachParties.id })
    .from(breachParties)
    .where(and(isNull(breachParties.toldAt), lt(breachParties.createdAt, subMinutes(now, 1))))
    .orderBy(asc(breachParties.tellBy))
    .limit(500);
  for (const p of untold) await queueTelling(db, p.id);
}

export const breachPartyJobs: AnyJobDefinition[] = [
  {
    name: QUEUES.tellBreachParty,
    run: (data: { partyId: string }, { db }: JobContext) => tellParty(db, data.partyId),
    expireInSeconds: 60,
  },
  {
    name: QUEUES.sweepBreachParties,
    run: (_data: object, { db }: JobContext) => sweepUntoldParties(db),
    cron: "* * * * *",
    expireInSeconds: 60,
  },
];

/** One other organisation a breach involves, as the breach's own organisation sees it. */
export interface BreachPartyView {
  id: string;
  role: BreachPartyRole;
  organisationId: string;
  organisationName: string;
  disclosureId: string | null;
  termHours: number | null;
  tellBy: Date;
  toldAt: Date | null;
  deletionConfirmedAt: Date | null;
  deletionConfirmedBy: string | null;
  deletionNote: string | null;
}

/**
 * What a breach links, for its own organisation's view: the share decision behind the disclosure it was
 * raised from (by its reference), the record items it involved (category and date, not their text) and
 * the other organisations it involves, with where each stands. Read with the breach, under its audit.
 */
export async function loadBreachLinks(q: Queryable, actor: Actor, breach: { id: string; decisionId: string | null }) {
  const [decision, items, parties] = await Promise.all([
    breach.decisionId
      ? q
          .select({ id: shareDecisions.id, number: shareDecisions.number })
          .from(shareDecisions)
          .where(and(eq(shareDecisions.id, breach.decisionId), visibleTo(actor, shareDecisions)))
      : Promise.resolve([]),
    q
      .select({ id: recordItems.id, category: recordItems.category, eventDate: recordItems.eventDate })
      .from(breachItems)
      .innerJoin(recordItems, eq(recordItems.id, breachItems.itemId))
      .where(and(eq(breachItems.breachId, breach.id), visibleTo(actor, breachItems), visibleTo(actor, recordItems)))
      .orderBy(asc(recordItems.eventDate), asc(recordItems.id)),
    q
      .select({ party: breachParties, organisationName: organisations.name })
      .from(breachParties)
      .innerJoin(organisations, eq(organisations.id, breachParties.partyOrganisationId))
      .where(and(eq(breachParties.breachId, breach.id), visibleTo(actor, breachParties, "sender")))
      .orderBy(asc(breachParties.role), asc(organisations.name)),
  ]);
  const [d] = decision;
  return {
    decision: d ? { id: d.id, reference: decisionReference(d.number) } : null,
    items,
    parties: parties.map(
      ({ party: p, organisationName }): BreachPartyView => ({
        id: p.id,
        role: p.role,
        organisationId: p.partyOrganisationId,
        organisationName,
        disclosureId: p.disclosureId,
        termHours: p.termHours,
        tellBy: p.tellBy,
        toldAt: p.toldAt,
        deletionConfirmedAt: p.deletionConfirmedAt,
        deletionConfirmedBy: p.deletionConfirmedByName,
        deletionNote: p.deletionNote,
      }),
    ),
  };
}
