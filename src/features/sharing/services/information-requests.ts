import { and, asc, desc, eq, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { snapshotOf } from "../../../platform/audit/events";
import { inTransaction } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import { today } from "../../../platform/dates/calendar";
import { addWorkingDays } from "../../../platform/dates/working-days";
import type { Db } from "../../../platform/db/client";
import { offsetOf, type PageRange } from "../../../platform/db/page";
import { visibleTo } from "../../../platform/db/scope";
import { ConflictError, NotFoundError, ValidationError } from "../../../platform/errors";
import { notify, safeguardingLeadsOf } from "../../notifications";
import { organisations } from "../../organisations-and-users/schema";
import { addChronologyEntry, assertWorksWithRecords, loadSubject } from "../../records";
import { sharingSettings } from "../../settings";
import { emitWebhook } from "../../webhooks";
import type {} from "../audit-events";
import { REQUEST_WORKING_DAYS } from "../domain/records";
import { informationRequestInput } from "../domain/request-input";
import { informationRequests, shareDecisions } from "../schema";

/**
 * Information requests: made by one organisation, answered by another through a share decision (so a
 * refusal records its reasons like any decision). Due by UK working days from when it was made, on
 * the partnership's nation's bank holidays: one working day for a safeguarding referral.
 * Each side sees the request; only the requester sees its own record of the person.
 */

export type RequestRow = typeof informationRequests.$inferSelect;
export type RequestView = RequestRow & {
  requestingName: string;
  requestedName: string;
  answer: {
    outcome: string;
    reasons: string | null;
    otherHolderName: string | null;
    disclosed: boolean;
    /** When the requester acknowledged reading it, and who. */
    acknowledgedAt: Date | null;
    acknowledgedByName: string | null;
  } | null;
};

const requesting = alias(organisations, "requesting_org");
const requested = alias(organisations, "requested_org");
const otherHolder = alias(organisations, "other_holder");

export async function makeInformationRequest(db: Db, actor: Actor, raw: unknown, now = new Date()): Promise<string> {
  assertWorksWithRecords(actor);
  const input = informationRequestInput.parse(raw);
  if (input.requestedOrganisationId === actor.organisationId) {
    throw new ValidationError([
      { path: "/requestedOrganisationId", message: "Ask another organisation: your own records are yours to search" },
    ]);
  }
  const [target] = await db
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, input.requestedOrganisationId));
  if (!target) throw new ValidationError([{ path: "/requestedOrganisationId", message: "Select an organisation of the partnership" }]);
  if (input.requestingSubjectId) await loadSubject(db, actor, input.requestingSubjectId);
  const { nation } = await sharingSettings(db);
  const dueOn = addWorkingDays(today(now), REQUEST_WORKING_DAYS[input.urgency], nation);
  const { givenNames, familyName, dateOfBirth, nhsNumber, address } = input.subject;
  return inTransaction(db, async (tx, audit) => {
    const [row] = await tx
      .insert(informationRequests)
      .values({
        requestingOrganisationId: actor.organisationId,
        requestedOrganisationId: input.requestedOrganisationId,
        requestingSubjectId: input.requestingSubjectId ?? null,
        subject: {
          name: `${givenNames} ${familyName}`,
          givenNames,
          familyName,
          kind: "UNKNOWN",
          dateOfBirth: dateOfBirth || null,
          nhsNumber: nhsNumber ?? null,
          addresses: address ? [{ lines: address, postcode: null, protected: false }] : [],
        },
        purposeCode: input.purposeCode,
        purpose: input.purpose,
        gateway: input.gateway ?? null,
        urgency: input.urgency,
        dueOn,
        requestedByUserId: actor.userId,
        requestedByName: actor.name,
        requestedAt: now,
      })
      .returning({ id: informationRequests.id });
    if (input.requestingSubjectId) {
      await addChronologyEntry(tx, {
        organisationId: actor.organisationId,
        subjectId: input.requestingSubjectId,
        occurredOn: today(now),
        category: "disclosure",
        kind: "INFORMATION_REQUESTED",
        title: "sharingChronology.informationRequested",
        params: { organisation: target.name },
        summary: input.purpose,
        ref: { type: "information_request", id: row!.id },
        recordedByUserId: actor.userId,
      });
    }
    // Its safeguarding leads triage what the organisation is asked, as they do what it is sent.
    await notify(tx, {
      userIds: await safeguardingLeadsOf(tx, input.requestedOrganisationId),
      kind: "request_received",
      href: `/information-requests/${row!.id}`,
    });
    await emitWebhook(tx, { organisationId: input.requestedOrganisationId, type: "information_request.received", id: row!.id });
    audit.record(snapshotOf(actor), {
      type: "information_request.made",
      entity: { type: "information_request", id: row!.id },
      details: { requestedOrganisationId: input.requestedOrganisationId, urgency: input.urgency, dueOn, purposeCode: input.purposeCode },
    });
    return row!.id;
  });
}

function selectRequests(db: Db) {
  return db
    .select({
      request: informationRequests,
      requestingName: requesting.name,
      requestedName: requested.name,
      outcome: shareDecisions.outcome,
      reasons: sql<string | null>`${shareDecisions.record} -> 'decision' ->> 'reasons'`,
      otherHolderName: otherHolder.name,
      answeredStatus: shareDecisions.status,
    })
    .from(informationRequests)
    .innerJoin(requesting, eq(requesting.id, informationRequests.requestingOrganisationId))
    .innerJoin(requested, eq(requested.id, informationRequests.requestedOrganisationId))
    .leftJoin(shareDecisions, eq(shareDecisions.id, informationRequests.answeredDecisionId))
    .leftJoin(otherHolder, sql`${otherHolder.id}::text = ${shareDecisions.record} -> 'decision' ->> 'otherHolderOrganisationId'`);
}

type Selected = Awaited<ReturnType<ReturnType<typeof selectRequests>["where"]>>[number];

function present(r: Selected): RequestView {
  return {
    ...r.request,
    requestingName: r.requestingName,
    requestedName: r.requestedName,
    answer: r.outcome
      ? {
          outcome: r.outcome,
          reasons: r.reasons,
          otherHolderName: r.otherHolderName,
          disclosed: r.outcome !== "DO_NOT_SHARE" && r.answeredStatus !== "AWAITING_APPROVAL",
          acknowledgedAt: r.request.answerAcknowledgedAt,
          acknowledgedByName: r.request.answerAcknowledgedByName,
        }
      : null,
  };
}

/**
 * A refusal the requester has not yet acknowledged: like a disclosure not yet acknowledged, it waits
 * in front of them (their home page, the top of their requests) until someone there has read it.
 * Needs the answering decision joined in.
 */
const refusalToAcknowledge = sql`${shareDecisions.outcome} = 'DO_NOT_SHARE' and ${informationRequests.answerAcknowledgedAt} is null`;

const requestsIn = (actor: Actor, box: "incoming" | "outgoing") =>
  box === "incoming" ? visibleTo(actor, informationRequests, "requested") : visibleTo(actor, informationRequests, "requesting");

const requestOrder = (box: "incoming" | "outgoing") => [
  ...(box === "outgoing" ? [sql`coalesce(${refusalToAcknowledge}, false) desc`] : []),
  sql`${informationRequests.status} = 'OPEN' desc`,
  informationRequests.dueOn,
  desc(informationRequests.requestedAt),
  // The id breaks ties, so pages neither repeat nor skip a request.
  asc(informationRequests.id),
];

/**
 * Requests made to the actor's organisation (`incoming`, open first by due date) or by it
 * (`outgoing`: refusals to acknowledge first, then open ones by due date).
 */
export async function loadInformationRequests(db: Db, actor: Actor, box: "incoming" | "outgoing"): Promise<RequestView[]> {
  assertWorksWithRecords(actor);
  const rows = await selectRequests(db)
    .where(requestsIn(actor, box))
    .orderBy(...requestOrder(box))
    .limit(200);
  return rows.map(present);
}

/**
 * A page of the same list, for the API, and how many there are in all: requests grow with every one
 * asked, so they are paged in SQL.
 */
export async function loadInformationRequestPage(
  db: Db,
  actor: Actor,
  box: "incoming" | "outgoing",
  range: PageRange,
): Promise<{ rows: RequestView[]; total: number }> {
  assertWorksWithRecords(actor);
  const [rows, total] = await Promise.all([
    selectRequests(db)
      .where(requestsIn(actor, box))
      .orderBy(...requestOrder(box))
      .limit(range.pageSize)
      .offset(offsetOf(range)),
    db.$count(informationRequests, requestsIn(actor, box)),
  ]);
  return { rows: rows.map(present), total };
}

/**
 * How many of the organisation's requests were refused and not yet acknowledged: those the actor
 * made, or all of them for a safeguarding lead (as with disclosures received). A count, not a read.
 */
export async function refusalsToAcknowledge(db: Db, actor: Actor): Promise<number> {
  assertWorksWithRecords(actor);
  const whose = actor.roles.includes("safeguarding_lead") ? sql`true` : eq(informationRequests.requestedByUserId, actor.userId);
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(informationRequests)
    .innerJoin(shareDecisions, eq(shareDecisions.id, informationRequests.answeredDecisionId))
    .where(and(visibleTo(actor, informationRequests, "requesting"), refusalToAcknowledge, whose));
  return row?.n ?? 0;
}

/**
 * The requester has read the answer. Acknowledging again is a no-op; a request the actor's
 * organisation did not make is not found; one not yet answered has nothing to acknowledge.
 */
export async function acknowledgeAnswer(db: Db, actor: Actor, id: string, now = new Date()): Promise<void> {
  assertWorksWithRecords(actor);
  await inTransaction(db, async (tx, audit) => {
    const ours = and(eq(informationRequests.id, id), visibleTo(actor, informationRequests, "requesting"));
    const done = await tx
      .update(informationRequests)
      .set({ answerAcknowledgedAt: now, answerAcknowledgedByName: actor.name })
      .where(and(ours, eq(informationRequests.status, "ANSWERED"), isNull(informationRequests.answerAcknowledgedAt)))
      .returning({ id: informationRequests.id });
    if (done.length) {
      audit.record(snapshotOf(actor), {
        type: "information_request.answer_acknowledged",
        entity: { type: "information_request", id },
        details: {},
      });
      return;
    }
    const [request] = await tx.select({ status: informationRequests.status }).from(informationRequests).where(ours);
    if (!request) throw new NotFoundError("The information request");
    if (request.status !== "ANSWERED") throw new ConflictError("The request has not been answered yet");
  });
}

export async function loadInformationRequest(db: Db, actor: Actor, id: string): Promise<RequestView> {
  assertWorksWithRecords(actor);
  const [row] = await selectRequests(db).where(and(eq(informationRequests.id, id), visibleTo(actor, informationRequests)));
  if (!row) throw new NotFoundError("The information request");
  return present(row);
}

/** The requester withdraws an open request. */
export async function withdrawInformationRequest(db: Db, actor: Actor, id: string, now = new Date()): Promise<void> {
  assertWorksWithRecords(actor);
  await inTransaction(db, async (tx, audit) => {
    const done = await tx
      .update(informationRequests)
      .set({ status: "WITHDRAWN", withdrawnAt: now })
      .where(
        and(eq(informationRequests.id, id), visibleTo(actor, informationRequests, "requesting"), eq(informationRequests.status, "OPEN")),
      )
      .returning({ id: informationRequests.id });
    if (!done.length) {
      const [exists] = await tx
        .select({ id: informationRequests.id })
        .from(informationRequests)
        .where(and(eq(informationRequests.id, id), visibleTo(actor, informationRequests, "requesting")));
      if (!exists) throw new NotFoundError("The information request");
      throw new ConflictError("Only an open request can be withdrawn");
    }
    audit.record(snapshotOf(actor), { type: "information_request.withdrawn", entity: { type: "information_request", id }, details: {} });
  });
}
