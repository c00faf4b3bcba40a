import { and, asc, count, desc, eq, isNull, sql } from "drizzle-orm";
import { snapshotOf } from "../../../platform/audit/events";
import { inTransaction, recordEvent } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import { hasAnyRole, type Role } from "../../../platform/auth/roles";
import { ukDay } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { offsetOf, type PageRange } from "../../../platform/db/page";
import { visibleTo } from "../../../platform/db/scope";
import { ConflictError, NotFoundError, NotPermittedError } from "../../../platform/errors";
import { message } from "../../../platform/messages";
import type { WorkItem } from "../../../platform/work";
import { organisations } from "../../organisations-and-users/schema";
import { decisionReference } from "../../sharing";
import { disclosureItems, disclosures, shareDecisions } from "../../sharing/schema";
import type {} from "../audit-events";
import { BREACHES_MESSAGES } from "../domain/messages";
import { deletionInput } from "../domain/party-inputs";
import { type BreachPartyRole, breachReference } from "../domain/vocabulary";
import { breaches, breachParties } from "../schema";
import { initialReportAt } from "./register";

/**
 * A breach as the other organisation it involves sees its part (issue 22), never the rest of the
 * register: a wrong recipient the request to delete every copy of what it was sent by mistake
 * (BR-CONTAIN), which its IG or safeguarding lead confirms; an originator where the breach stands
 * (BR-TELL-CONTROLLER). The party's row is what reaches the other organisation's breach: it is found
 * only as its `recipient` (the party), and the breach's own columns are read through it, deliberately
 * past the register's ownership rule, and only those listed here. No one's name is read. Every read is
 * recorded (`breach.party_viewed`) in the reader's trail.
 */

const problems = BREACHES_MESSAGES.en.parties;

const READERS: Record<BreachPartyRole, readonly Role[]> = {
  WRONG_RECIPIENT: ["ig_lead", "safeguarding_lead", "auditor"],
  ORIGINATOR: ["ig_lead", "auditor"],
};
const CONFIRMERS: readonly Role[] = ["ig_lead", "safeguarding_lead"];

function assertReads(actor: Actor, role: BreachPartyRole): void {
  if (!hasAnyRole(actor.roles, READERS[role]))
    throw new NotPermittedError(role === "WRONG_RECIPIENT" ? problems.readersOnly : problems.involvingReadersOnly);
}

const ours = (actor: Actor, role: BreachPartyRole) => and(visibleTo(actor, breachParties, "recipient"), eq(breachParties.role, role));

/** Whether the breach's initial report has gone to the ICO (the register's own reading of it), for the party's status. */
const reportedToIco = sql<boolean>`(${initialReportAt} is not null)`;

const partyColumns = {
  id: breachParties.id,
  breachId: breachParties.breachId,
  reference: breaches.reference,
  reportingOrganisation: organisations.name,
  disclosureId: breachParties.disclosureId,
  askedAt: breachParties.createdAt,
  tellBy: breachParties.tellBy,
  toldAt: breachParties.toldAt,
  termHours: breachParties.termHours,
  deletionConfirmedAt: breachParties.deletionConfirmedAt,
  deletionConfirmedBy: breachParties.deletionConfirmedByName,
  deletionNote: breachParties.deletionNote,
  state: breaches.state,
  risk: breaches.risk,
  awareAt: breaches.awareAt,
  whatHappened: breaches.whatHappened,
  reportedToIco,
};

async function partyRows(db: Db, actor: Actor, role: BreachPartyRole, range: PageRange, id?: string) {
  const where = and(ours(actor, role), id ? eq(breachParties.id, id) : undefined);
  const [rows, [total]] = await Promise.all([
    db
      .select(partyColumns)
      .from(breachParties)
      .innerJoin(breaches, eq(breaches.id, breachParties.breachId))
      .innerJoin(organisations, eq(organisations.id, breachParties.organisationId))
      .where(where)
      .orderBy(
        ...(role === "WRONG_RECIPIENT" ? [sql`${breachParties.deletionConfirmedAt} is null desc`] : []),
        desc(breachParties.createdAt),
        asc(breachParties.id),
      )
      .limit(range.pageSize)
      .offset(offsetOf(range)),
    db.select({ n: count() }).from(breachParties).where(where),
  ]);
  return { rows, total: total?.n ?? 0 };
}

const audited = (db: Db, actor: Actor, view: string, rows: { id: string; breachId: string }[]) =>
  Promise.all(
    [...new Set(rows.map((r) => r.breachId))].map((breachId) =>
      recordEvent(db, snapshotOf(actor), {
        type: "breach.party_viewed",
        entity: { type: "breach", id: breachId },
        details: { view, partyIds: rows.filter((r) => r.breachId === breachId).map((r) => r.id) },
      }),
    ),
  );

/** The disclosure between the two organisations, as the party holds it: when it was sent, what kinds of item, and (to its sender) the decision. */
async function disclosureOf(db: Db, actor: Actor, disclosureId: string | null, as: "sender" | "recipient") {
  if (!disclosureId) return null;
  const [[d], items] = await Promise.all([
    db
      .select({ id: disclosures.id, sentAt: disclosures.sentAt, decisionId: disclosures.decisionId })
      .from(disclosures)
      .where(and(eq(disclosures.id, disclosureId), visibleTo(actor, disclosures, as))),
    db
      .select({ category: disclosureItems.category, eventDate: disclosureItems.eventDate })
      .from(disclosureItems)
      .innerJoin(disclosures, eq(disclosures.id, disclosureItems.disclosureId))
      .where(and(eq(disclosureItems.disclosureId, disclosureId), visibleTo(actor, disclosures, as)))
      .orderBy(asc(disclosureItems.position)),
  ]);
  if (!d) return null;
  // The originator sent it, so the decision behind it is its own record.
  const [decision] =
    as === "sender"
      ? await db
          .select({ id: shareDecisions.id, number: shareDecisions.number })
          .from(shareDecisions)
          .where(and(eq(shareDecisions.id, d.decisionId), visibleTo(actor, shareDecisions)))
      : [];
  return {
    id: d.id,
    sentAt: d.sentAt,
    items,
    decision: decision ? { id: decision.id, reference: decisionReference(decision.number) } : null,
  };
}

const shown = (r: Awaited<ReturnType<typeof partyRows>>["rows"][number]) => ({ ...r, reference: breachReference(r.reference) });

/** Deletion requests made to the actor's organisation, those not yet confirmed first. Recorded as a read of each breach's part. */
export async function viewDeletionRequests(db: Db, actor: Actor, view: string, range: PageRange) {
  assertReads(actor, "WRONG_RECIPIENT");
  const { rows, total } = await partyRows(db, actor, "WRONG_RECIPIENT", range);
  await audited(db, actor, view, rows);
  return { rows: rows.map(shown), total };
}

/** One deletion request: which breach, from whom, what was sent (kinds and dates, no names) and whether deletion was confirmed. */
export async function viewDeletionRequest(db: Db, actor: Actor, id: string, view: string) {
  assertReads(actor, "WRONG_RECIPIENT");
  const [row] = (await partyRows(db, actor, "WRONG_RECIPIENT", { page: 1, pageSize: 1 }, id)).rows;
  if (!row) throw new NotFoundError("The request");
  const disclosure = await disclosureOf(db, actor, row.disclosureId, "recipient");
  await audited(db, actor, view, [row]);
  return { ...shown(row), disclosure, mayConfirm: hasAnyRole(actor.roles, CONFIRMERS) };
}

/** Breaches at other organisations that involve the actor's organisation's information, newest first. */
export async function viewBreachesInvolvingUs(db: Db, actor: Actor, view: string, range: PageRange) {
  assertReads(actor, "ORIGINATOR");
  const { rows, total } = await partyRows(db, actor, "ORIGINATOR", range);
  await audited(db, actor, view, rows);
  return { rows: rows.map(shown), total };
}

/** One of them: where it stands, and which of the organisation's own disclosures it involves. */
export async function viewBreachInvolvingUs(db: Db, actor: Actor, id: string, view: string) {
  assertReads(actor, "ORIGINATOR");
  const [row] = (await partyRows(db, actor, "ORIGINATOR", { page: 1, pageSize: 1 }, id)).rows;
  if (!row) throw new NotFoundError("The breach");
  const disclosure = await disclosureOf(db, actor, row.disclosureId, "sender");
  await audited(db, actor, view, [row]);
  return { ...shown(row), disclosure };
}

/**
 * The wrong recipient's IG or safeguarding lead confirms its organisation deleted every copy (BR-CONTAIN):
 * recorded with who and when, once, in both organisations' trails.
 */
export async function confirmDeletion(db: Db, actor: Actor, id: string, raw: unknown, now = new Date()): Promise<void> {
  assertReads(actor, "WRONG_RECIPIENT");
  if (!hasAnyRole(actor.roles, CONFIRMERS)) throw new NotPermittedError(problems.confirmersOnly);
  const input = deletionInput.parse(raw);
  await inTransaction(db, async (tx, audit) => {
    const [p] = await tx
      .select()
      .from(breachParties)
      .where(and(eq(breachParties.id, id), ours(actor, "WRONG_RECIPIENT")))
      .for("update");
    if (!p) throw new NotFoundError("The request");
    if (p.deletionConfirmedAt) throw new ConflictError(problems.alreadyConfirmed);
    await tx
      .update(breachParties)
      .set({
        deletionConfirmedAt: now,
        deletionConfirmedByUserId: actor.userId,
        deletionConfirmedByName: actor.name,
        deletionNote: input.note || null,
      })
      .where(eq(breachParties.id, id));
    const event = {
      type: "breach.deletion_confirmed" as const,
      entity: { type: "breach" as const, id: p.breachId },
      details: { partyId: p.id, partyOrganisationId: p.partyOrganisationId },
    };
    audit.record(snapshotOf(actor), event);
    audit.record(snapshotOf(actor), event, p.organisationId);
  });
}

/**
 * Deletion requests the actor's organisation has not yet confirmed, for its IG and safeguarding leads'
 * "Your work": due the day asked (containment is at once). Names the sender only, so nothing is recorded.
 */
export async function loadBreachRequestsWork(db: Db, actor: Actor): Promise<WorkItem[]> {
  if (!hasAnyRole(actor.roles, CONFIRMERS)) return [];
  const rows = await db
    .select({ id: breachParties.id, askedAt: breachParties.createdAt, sender: organisations.name })
    .from(breachParties)
    .innerJoin(organisations, eq(organisations.id, breachParties.organisationId))
    .where(and(ours(actor, "WRONG_RECIPIENT"), isNull(breachParties.deletionConfirmedAt)))
    .orderBy(asc(breachParties.createdAt), asc(breachParties.id));
  return rows.map((r) => ({
    kind: "breach_delete_copy",
    title: message(BREACHES_MESSAGES.en, "parties.work", { sender: r.sender }),
    href: `/breach-requests/${r.id}`,
    dueOn: ukDay(r.askedAt),
  }));
}
