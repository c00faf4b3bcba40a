import { randomBytes } from "node:crypto";
import { and, asc, desc, eq, getTableColumns, inArray, notInArray, sql } from "drizzle-orm";
import { type ActorSnapshot, snapshotOf } from "../../../platform/audit/events";
import { inTransaction } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import { today, ukDate } from "../../../platform/dates/calendar";
import type { UkNation } from "../../../platform/dates/working-days";
import type { Db, Tx } from "../../../platform/db/client";
import { visibleTo } from "../../../platform/db/scope";
import { ConflictError, NotFoundError, NotPermittedError, ValidationError } from "../../../platform/errors";
import { organisations } from "../../organisations-and-users/schema";
import type { ChronologyParams } from "../../records/domain/chronology-text";
import { subjects } from "../../records/schema";
import { addChronologyEntry } from "../../records/services/chronology";
import { sharingSettings } from "../../settings/services/settings";
import type {} from "../audit-events";
import {
  arrivalProblem,
  CLOCK_NOT_STARTED,
  complaintAcknowledgeBy,
  currentDueOn,
  extendedDueDate,
  extensionProblem,
  type RightsClockStatus,
  resumeClock,
  rightsClockStatus,
  rightsDueDate,
  waitingFor,
} from "../domain/deadlines";
import { identityInput, publicRequestInput, type RightsRequestInput, rightsRequestInput, transitionInput } from "../domain/inputs";
import type { RIGHTS_MESSAGES } from "../domain/messages";
import { transitionProblem } from "../domain/transitions";
import { ANSWERED_STATES, RIGHTS_STATE_LABELS, type RightsState } from "../domain/vocabulary";
import { rightsRequestEvents, rightsRequestSubjects, rightsRequests } from "../schema";
import { unreviewedInPack } from "./pack-contents";
import { harmRiskNow, requesterAsAllegedPerpetrator } from "./pack-safety";

/**
 * Rights requests (issue 6): logged by an IG lead or made through the public form, one per
 * organisation asked (each answers for its own data under one public reference), then taken through
 * their states with the statutory clock. Only the organisation's IG leads work on them.
 */

export type RightsRequestRow = typeof rightsRequests.$inferSelect;

/** A request as read: its row, with whether it needs a safety check worked out now rather than when a person was attached. */
const requestColumns = { ...getTableColumns(rightsRequests), harmRisk: harmRiskNow };

function assertIgLead(actor: Actor): void {
  if (!actor.roles.includes("ig_lead")) throw new NotPermittedError("Only IG leads work on rights requests");
}

/**
 * A reference not used before: the organisations asked together share one, and it is how they see
 * each other's progress, so two unrelated requests must never share it. 32 random bits make a clash
 * rare; the check makes it impossible short of two at the same instant.
 */
async function newReference(q: Db | Tx): Promise<string> {
  for (;;) {
    const reference = `SR-${randomBytes(4).toString("hex").toUpperCase()}`;
    const [used] = await q
      .select({ id: rightsRequests.id })
      .from(rightsRequests)
      .where(eq(rightsRequests.publicReference, reference))
      .limit(1);
    if (!used) return reference;
  }
}

async function nationOf(db: Db | Tx): Promise<UkNation> {
  return (await sharingSettings(db)).nation;
}

function rowFor(input: RightsRequestInput, organisationId: string, reference: string, nation: UkNation, createdBy: string | null) {
  return {
    publicReference: reference,
    organisationId,
    type: input.type,
    requester: input.requester,
    relationship: input.relationship,
    about: input.about,
    details: input.details,
    receivedVia: input.receivedVia,
    receivedOn: input.receivedOn,
    clockStartedOn: input.receivedOn,
    dueOn: rightsDueDate(input.receivedOn, nation),
    acknowledgeBy: input.type === "COMPLAINT" ? complaintAcknowledgeBy(input.receivedOn, nation) : null,
    createdByUserId: createdBy,
  };
}

/** The steps a request's chronology entries name (the rights catalogue's `rightsChronology`). */
export type RightsChronologyStep = keyof (typeof RIGHTS_MESSAGES)["en"]["rightsChronology"] & string;

/**
 * A step of the request on the chronology of each person attached (or of those given), in the
 * `rights` category that only IG leads see: the person's timeline shows what their rights changed.
 */
export async function chronicleStep(
  tx: Tx,
  actor: Actor,
  request: { id: string; publicReference: string },
  step: { kind: string; title: RightsChronologyStep; params?: ChronologyParams; summary?: string; on?: string },
  subjectIds?: readonly string[],
): Promise<void> {
  const ids =
    subjectIds ??
    (
      await tx
        .select({ id: rightsRequestSubjects.subjectId })
        .from(rightsRequestSubjects)
        .where(eq(rightsRequestSubjects.requestId, request.id))
    ).map((s) => s.id);
  for (const subjectId of ids) {
    await addChronologyEntry(tx, {
      organisationId: actor.organisationId,
      subjectId,
      occurredOn: step.on ?? today(),
      category: "rights",
      kind: step.kind,
      title: `rightsChronology.${step.title}`,
      params: { ...step.params, reference: request.publicReference },
      summary: step.summary ?? "",
      ref: { type: "rights_request", id: request.id },
      recordedByUserId: actor.userId,
    });
  }
}

/** A line on the request's own history, shown on its page. */
export async function logEvent(tx: Tx, requestId: string, byName: string, what: string, from?: RightsState, to?: RightsState) {
  await tx.insert(rightsRequestEvents).values({ requestId, byName, what, fromState: from ?? null, toState: to ?? null });
}

/** An IG lead logs a request received by letter, email, phone or in person. */
export async function logRightsRequest(db: Db, actor: Actor, raw: unknown): Promise<RightsRequestRow> {
  assertIgLead(actor);
  const input = rightsRequestInput.parse(raw);
  const nation = await nationOf(db);
  return inTransaction(db, async (tx, audit) => {
    const [row] = await tx
      .insert(rightsRequests)
      .values(rowFor(input, actor.organisationId, await newReference(tx), nation, actor.userId))
      .returning();
    await logEvent(tx, row!.id, actor.name, `Logged: received ${ukDate(input.receivedOn)}`);
    audit.record(snapshotOf(actor), {
      type: "rights_request.logged",
      entity: { type: "rights_request", id: row!.id },
      details: { requestType: input.type, receivedVia: input.receivedVia, dueOn: row!.dueOn },
    });
    return row!;
  });
}

/**
 * The public form, with no sign-in: one request per organisation chosen, under one reference the
 * requester keeps. Nothing about the records is revealed to them, whatever they type.
 */
export async function submitPublicRequest(db: Db, raw: unknown, now = new Date()): Promise<string> {
  const input = publicRequestInput.parse(raw);
  const chosen = [...new Set(input.organisationIds)];
  const found = await db.select({ id: organisations.id }).from(organisations).where(inArray(organisations.id, chosen));
  if (found.length !== chosen.length)
    throw new ValidationError([{ path: "/organisationIds", message: "Choose organisations from the list" }]);
  const nation = await nationOf(db);
  const reference = await newReference(db);
  const received = today(now);
  const anonymous: ActorSnapshot = { kind: "anonymous" };
  await inTransaction(db, async (tx, audit) => {
    for (const organisationId of chosen) {
      const [row] = await tx
        .insert(rightsRequests)
        .values(rowFor({ ...input, receivedVia: "ONLINE_FORM", receivedOn: received }, organisationId, reference, nation, null))
        .returning({ id: rightsRequests.id, dueOn: rightsRequests.dueOn });
      await logEvent(tx, row!.id, input.requester.name, "Made through the online form");
      audit.record(
        anonymous,
        {
          type: "rights_request.logged",
          entity: { type: "rights_request", id: row!.id },
          details: { requestType: input.type, receivedVia: "ONLINE_FORM", dueOn: row!.dueOn },
        },
        organisationId,
      );
    }
  });
  return reference;
}

/** A request with where it stands against its clock, as every list and page shows it. */
export interface RightsRequestListed extends RightsRequestRow {
  /** Where it stands against its clock today: computed once, here, for everything that shows it. */
  clock: RightsClockStatus;
}

const withClock = (row: RightsRequestRow, now: Date): RightsRequestListed => ({ ...row, clock: rightsClockStatus(row, today(now)) });

export interface RightsRequestView extends RightsRequestListed {
  subjects: { id: string; name: string; kind: string }[];
  events: (typeof rightsRequestEvents.$inferSelect)[];
  /** The other organisations asked under the same reference, each answering for its own data. */
  partners: { organisation: string; state: RightsState; dueOn: string | null }[];
}

/** Open requests first, soonest due first: the IG lead's dashboard. */
export async function listRightsRequests(
  db: Db,
  actor: Actor,
  options: { includeClosed?: boolean } = {},
  now = new Date(),
): Promise<RightsRequestListed[]> {
  assertIgLead(actor);
  const rows = await db
    .select(requestColumns)
    .from(rightsRequests)
    .where(
      and(visibleTo(actor, rightsRequests), options.includeClosed ? undefined : notInArray(rightsRequests.state, [...ANSWERED_STATES])),
    )
    // Soonest due first; those whose clock has not started have no due date yet, so come after.
    .orderBy(inArray(rightsRequests.state, [...CLOCK_NOT_STARTED]), asc(rightsRequests.dueOn), desc(rightsRequests.createdAt))
    .limit(500);
  return rows.map((r) => withClock(r, now));
}

export async function getRightsRequest(db: Db | Tx, actor: Actor, id: string, now = new Date()): Promise<RightsRequestView> {
  assertIgLead(actor);
  const [row] = await db
    .select(requestColumns)
    .from(rightsRequests)
    .where(and(eq(rightsRequests.id, id), visibleTo(actor, rightsRequests)));
  if (!row) throw new NotFoundError("The rights request");
  const [attached, events, partners] = await Promise.all([
    db
      .select({ id: subjects.id, given: subjects.givenNames, family: subjects.familyName, kind: subjects.kind })
      .from(rightsRequestSubjects)
      .innerJoin(subjects, eq(subjects.id, rightsRequestSubjects.subjectId))
      .where(eq(rightsRequestSubjects.requestId, id)),
    db.select().from(rightsRequestEvents).where(eq(rightsRequestEvents.requestId, id)).orderBy(asc(rightsRequestEvents.at)),
    // One request to the partnership is one row per organisation: only its state is shared between them.
    db
      .select({ organisation: organisations.name, state: rightsRequests.state, dueOn: rightsRequests.dueOn })
      .from(rightsRequests)
      .innerJoin(organisations, eq(organisations.id, rightsRequests.organisationId))
      .where(and(eq(rightsRequests.publicReference, row.publicReference), sql`${rightsRequests.id} <> ${id}`))
      .orderBy(organisations.name),
  ]);
  return {
    ...withClock(row, now),
    subjects: attached.map((s) => ({ id: s.id, name: `${s.given} ${s.family}`, kind: s.kind })),
    events,
    partners: partners.map((p) => ({ ...p, dueOn: currentDueOn(p) })),
  };
}

/**
 * The request from its id, or as the caller already loaded it for this actor: a page that shows
 * several things about one request reads the request once.
 */
export function requestFor(db: Db, actor: Actor, request: string | RightsRequestView): Promise<RightsRequestView> {
  return typeof request === "string" ? getRightsRequest(db, actor, request) : Promise.resolve(request);
}

async function lockedRequest(tx: Tx, actor: Actor, id: string): Promise<RightsRequestRow> {
  const [row] = await tx
    .select(requestColumns)
    .from(rightsRequests)
    .where(and(eq(rightsRequests.id, id), visibleTo(actor, rightsRequests)))
    .for("update");
  if (!row) throw new NotFoundError("The rights request");
  return row;
}

/** Records the identity (and, for someone acting for another, authority) check. */
export async function verifyIdentity(db: Db, actor: Actor, id: string, raw: unknown, now = new Date()): Promise<void> {
  assertIgLead(actor);
  const input = identityInput.parse(raw);
  await inTransaction(db, async (tx, audit) => {
    const row = await lockedRequest(tx, actor, id);
    if (row.relationship !== "SELF" && !input.authorityEvidence?.trim()) {
      throw new ValidationError([{ path: "/authorityEvidence", message: "Say how their authority to act for the person was checked" }]);
    }
    await tx
      .update(rightsRequests)
      .set({
        identityVerifiedAt: now,
        identityVerifiedByUserId: actor.userId,
        identityEvidence: input.evidence,
        authorityEvidence: input.authorityEvidence ?? null,
      })
      .where(eq(rightsRequests.id, id));
    await logEvent(tx, id, actor.name, "Identity verified");
    await chronicleStep(tx, actor, row, { kind: "RIGHTS_IDENTITY", title: "identityVerified" });
    audit.record(snapshotOf(actor), { type: "rights_request.identity_verified", entity: { type: "rights_request", id }, details: {} });
  });
}

/**
 * Who an access request's answer is about and what of its pack is not yet reviewed, counted inside the
 * transaction that would answer the request with it.
 */
async function packState(tx: Tx, actor: Actor, requestId: string) {
  const attached = (
    await tx
      .select({ id: rightsRequestSubjects.subjectId })
      .from(rightsRequestSubjects)
      .where(eq(rightsRequestSubjects.requestId, requestId))
  ).map((s) => s.id);
  return { attached: attached.length, packUnreviewed: await unreviewedInPack(tx, actor.organisationId, requestId, attached) };
}

/** Moves a request on; an impossible move is a 409 that says why, and what each move needs is checked. */
export async function transitionRightsRequest(db: Db, actor: Actor, id: string, raw: unknown, now = new Date()): Promise<void> {
  assertIgLead(actor);
  const input = transitionInput.parse(raw);
  const nation = await nationOf(db);
  await inTransaction(db, async (tx, audit) => {
    const row = await lockedRequest(tx, actor, id);
    const problem = transitionProblem(row.state, input.to, {
      identityVerified: row.identityVerifiedAt !== null,
      ...(row.type === "ACCESS" && input.to === "RESPONDED" ? await packState(tx, actor, id) : {}),
      outcome: input.outcome,
      nothingHeld: input.nothingHeld,
    });
    if (problem) throw new ConflictError(problem);
    const on = today(now);
    const changes: Partial<typeof rightsRequests.$inferInsert> = { state: input.to };
    const missing = (path: string, message: string) => new ValidationError([{ path, message }]);
    const waited = waitingFor(row.state);
    let what: string = RIGHTS_STATE_LABELS[input.to];
    if (waited && input.to !== "CLOSED") {
      // What was waited for has arrived, on the day the IG lead gives (today unless they say).
      const arrivedOn = input.receivedOn ?? on;
      const problem = arrivalProblem(row, arrivedOn);
      if (problem) throw missing("/receivedOn", problem);
      const stopped = {
        waitingFor: waited,
        clockStartedOn: row.clockStartedOn,
        daysPaused: row.daysPaused,
        pausedSince: row.pausedSince ?? on,
        extended: row.extensionReason !== null,
      };
      Object.assign(changes, resumeClock(stopped, arrivedOn, nation), { pausedSince: null });
      what += `: ${waited === "identity" ? "proof of identity" : "clarification"} arrived ${ukDate(arrivedOn)}`;
    }
    if (waitingFor(input.to)) changes.pausedSince = on;
    if (input.to === "EXTENDED") {
      if (!input.reason) throw missing("/reason", "Say why the request is complex or numerous enough to extend");
      if (!input.requesterToldOn) throw missing("/requesterToldOn", "Record when the requester was told of the extension and why");
      const problem = extensionProblem(row, on, input.requesterToldOn);
      if (problem) throw missing("/requesterToldOn", problem);
      changes.extensionReason = input.reason;
      changes.requesterToldOfExtensionOn = input.requesterToldOn;
      changes.dueOn = extendedDueDate(row.clockStartedOn, nation, row.daysPaused);
    }
    if (input.to === "RESPONDED") {
      if (!input.outcome) throw missing("/outcome", "Select whether the response is full, partial or a refusal");
      if (input.outcome !== "FULL" && !input.reason)
        throw missing(
          "/reason",
          "Give the reasons for a partial response or a refusal; the requester is told of their right to complain to the ICO",
        );
      if (input.nothingHeld) what += ": the records hold nothing about the person";
      // The risk as it stands now (a link may have been recorded since the person was attached), kept with the response.
      changes.harmRisk = row.harmRisk;
      if (row.harmRisk) {
        if (!input.safetyCheck)
          throw missing("/safetyCheck", "The requester may be a risk to the person: record the safety check made before anything is sent");
        // Recorded where the IG leads read the request's history: the check is what made sending it safe.
        what += `. Safety check: ${input.safetyCheck}`;
      }
      changes.outcome = input.outcome;
      changes.responseReasons = input.reason ?? null;
      changes.respondedAt = now;
    }
    if (input.to === "CLOSED") {
      if (row.state !== "RESPONDED" && !input.reason)
        throw missing("/reason", "Say why it is closed without a response (withdrawn, or never clarified)");
      changes.closedAt = now;
      changes.closeReason = input.reason ?? null;
    }
    await tx.update(rightsRequests).set(changes).where(eq(rightsRequests.id, id));
    await logEvent(tx, id, actor.name, what, row.state, input.to);
    await chronicleStep(tx, actor, row, {
      kind: `RIGHTS_${input.to}`,
      title: "state",
      params: { state: input.to },
      summary: input.reason,
      on,
    });
    audit.record(snapshotOf(actor), {
      type: "rights_request.transitioned",
      entity: { type: "rights_request", id },
      details: { from: row.state, to: input.to, dueOn: changes.dueOn ?? row.dueOn, outcome: input.outcome ?? null },
    });
  });
}

/**
 * Attaches a person from the organisation's own records. If the requester's name matches someone
 * recorded as an alleged perpetrator of harm towards them, the request is flagged: nothing is sent
 * without a safety check (harm-aware communications, docs/domain.md §6).
 */
export async function attachSubject(db: Db, actor: Actor, id: string, subjectId: string): Promise<{ harmRisk: boolean }> {
  assertIgLead(actor);
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(subjectId)) {
    throw new ValidationError([{ path: "/subjectId", message: "Choose someone in your organisation's records" }]);
  }
  return inTransaction(db, async (tx, audit) => {
    const row = await lockedRequest(tx, actor, id);
    const [subject] = await tx
      .select({ id: subjects.id })
      .from(subjects)
      .where(and(eq(subjects.id, subjectId), visibleTo(actor, subjects)));
    if (!subject) throw new ValidationError([{ path: "/subjectId", message: "Choose someone in your organisation's records" }]);
    await tx.insert(rightsRequestSubjects).values({ requestId: id, subjectId }).onConflictDoNothing();
    const links = await requesterAsAllegedPerpetrator(tx, actor, row.requester.name, [subjectId]);
    const harmRisk = row.harmRisk || links.length > 0;
    if (harmRisk && !row.harmRisk) await tx.update(rightsRequests).set({ harmRisk: true }).where(eq(rightsRequests.id, id));
    await logEvent(
      tx,
      id,
      actor.name,
      harmRisk && !row.harmRisk
        ? "Person attached: the requester matches someone recorded as an alleged perpetrator towards them"
        : "Person attached",
    );
    await chronicleStep(tx, actor, row, { kind: "RIGHTS_ATTACHED", title: "attached", summary: row.details }, [subjectId]);
    audit.record(snapshotOf(actor), {
      type: "rights_request.subject_attached",
      entity: { type: "rights_request", id },
      details: { subjectId, harmRisk },
    });
    return { harmRisk };
  });
}
