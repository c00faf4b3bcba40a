import { and, asc, eq, isNull } from "drizzle-orm";
import { snapshotOf } from "../../../platform/audit/events";
import { recordEvent } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import { hasAnyRole } from "../../../platform/auth/roles";
import { ukDate, ukDay } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { visibleTo } from "../../../platform/db/scope";
import { message } from "../../../platform/messages";
import type { WorkDeadline, WorkItem } from "../../../platform/work";
import { organisations } from "../../organisations-and-users/schema";
import { RECORD_ROLES } from "../../records";
import { sharingSettings } from "../../settings";
import { chasableFrom } from "../domain/disclosure-access";
import { SHARING_MESSAGES } from "../domain/messages";
import { emergencyRecordOverdue } from "../domain/records";
import { disclosures, informationRequests } from "../schema";
import { loadChases } from "./chase";
import { type DecisionFilters, loadDecisionDeadlines, viewDecisions } from "./decisions";
import { loadQuestionsToAnswer } from "./disclosure-questions";
import { loadSentToChase, readableByRecipient, viewDisclosuresToChase } from "./disclosures";
import { loadInformationRequests, refusalsToAcknowledge } from "./information-requests";

const say = (key: keyof (typeof SHARING_MESSAGES)["en"]["sharingWork"], params: Record<string, string | number> = {}) =>
  message(SHARING_MESSAGES.en, `sharingWork.${key}`, params);

/**
 * What sharing asks of the actor, for the home page's "Your work" (issue 18), one query per kind:
 *
 * - information requests made to the organisation, to answer (its safeguarding leads, who triage what
 *   the organisation is asked, as they do what it is sent);
 * - emergency shares whose full record is due (the decider's own; a safeguarding lead, all of them);
 * - decisions waiting for a safeguarding lead's approval;
 * - what the actor sent that is past the chase time and not acknowledged, with "Chase";
 * - what the actor was sent and has not acknowledged, emergency shares not yet opened first;
 * - answers to the organisation's requests that refused them, until read;
 * - questions recipients asked about what the organisation sent, until someone there answers (undated:
 *   no rule sets a time to answer by).
 *
 * Each deadline is the rule that sets it, not a second copy: a request's `dueOn`, an emergency
 * record's `fullRecordDueAt`, the partnership's chase time from when a disclosure was sent. The names
 * shown are audited reads under `view`: one event for the requests and what was received, beside
 * those the reused views record.
 */
/** The views each read is recorded under: the lists the reused services show, and this one's own. */
export interface SharingWorkViews {
  work: string;
  emergencyRecords: string;
  approvals: string;
  toChase: string;
}

export async function viewSharingWork(db: Db, actor: Actor, view: SharingWorkViews, now = new Date()): Promise<WorkItem[]> {
  if (!hasAnyRole(actor.roles, RECORD_ROLES)) return [];
  const lead = actor.roles.includes("safeguarding_lead");
  const chaseDay = await chaseDayRule(db);
  const [requests, emergencies, approvals, toChase, received, refusals, questions] = await Promise.all([
    lead ? loadInformationRequests(db, actor, "incoming") : [],
    viewDecisions(db, actor, emergencyRecordsOf(actor), view.emergencyRecords, 100, now),
    lead ? viewDecisions(db, actor, { status: ["AWAITING_APPROVAL"] }, view.approvals) : [],
    viewDisclosuresToChase(db, actor, view.toChase, now),
    db
      .select({
        id: disclosures.id,
        subject: disclosures.subject,
        emergency: disclosures.emergency,
        sentAt: disclosures.sentAt,
        firstOpenedAt: disclosures.firstOpenedAt,
        sender: organisations.name,
      })
      .from(disclosures)
      .innerJoin(organisations, eq(organisations.id, disclosures.senderOrganisationId))
      .where(receivedToAcknowledge(actor, now))
      .orderBy(asc(disclosures.sentAt))
      .limit(100),
    refusalsToAcknowledge(db, actor),
    loadQuestionsToAnswer(db, actor),
  ]);
  const open = requests.filter((r) => r.status === "OPEN");
  const chases = await loadChases(db, actor, [...toChase.map((d) => d.id), ...received.map((d) => d.id)]);
  const lastChase = (id: string) => chases.get(id)?.at(-1)?.chasedAt;

  // The views above recorded their own reads; these three lists show people's names too. A question
  // is about what the actor's organisation sent from its own record, so that record is named, and its
  // "who has viewed" shows this read. The others name no record here: a request's is the requester's,
  // and what was received is on no record of ours until filed, which acknowledges it.
  const named = open.length + received.length + questions.length;
  if (named) {
    const subjectIds = [...new Set(questions.map((q) => q.subjectId))];
    await recordEvent(db, snapshotOf(actor), {
      type: "personal_data.viewed",
      entity: { type: "organisation", id: actor.organisationId },
      details: { view: view.work, count: named, subjectIds },
    });
  }

  const items: WorkItem[] = [
    ...open.map((r) => ({
      kind: "information_request",
      title: say("requestToAnswer", { requesting: r.requestingName, person: r.subject.name }),
      href: `/information-requests/${r.id}`,
      dueOn: r.dueOn,
    })),
    ...emergencies.map((d) => ({
      kind: "emergency_record",
      title: say("emergencyRecordDue", { person: d.subjectName }),
      href: `/share-decisions/${d.id}`,
      ...emergencyRecordDeadline(d, now),
    })),
    ...approvals.map((d) => ({
      kind: "approval",
      title: say("approvalWaiting", { decidedBy: d.decidedByName, person: d.subjectName }),
      href: `/share-decisions/${d.id}`,
      dueOn: null,
    })),
    ...toChase.map((d) => {
      const chased = lastChase(d.id);
      return {
        kind: "sent_not_acknowledged",
        title: say("sentNotAcknowledged", { recipient: d.recipientName, person: d.subject.name }),
        href: `/share-decisions/${d.decisionId}`,
        dueOn: chaseDay(d.sentAt),
        ...(chased ? { note: say("youChased", { date: ukDate(chased) }) } : {}),
        action: {
          label: say("chase"),
          href: `/disclosures/${d.id}/chase`,
          hiddenText: say("chaseHidden", { recipient: d.recipientName, person: d.subject.name }),
        },
      };
    }),
    ...received.map((d) => {
      const chased = lastChase(d.id);
      const unopenedEmergency = isUnopenedEmergency(d);
      return {
        kind: unopenedEmergency ? "emergency_unopened" : "received_not_acknowledged",
        title: say(unopenedEmergency ? "emergencyUnopened" : "receivedToAcknowledge", { sender: d.sender, person: d.subject.name }),
        href: `/disclosures/${d.id}`,
        dueOn: receivedDueOn(d, chaseDay),
        ...(chased ? { note: say("senderChased", { sender: d.sender, date: ukDate(chased) }) } : {}),
      };
    }),
    ...questions.map((q) => ({
      kind: "question_to_answer",
      title: say("questionToAnswer", { recipient: q.recipientName, person: q.subject.name }),
      href: `/share-decisions/${q.decisionId}#questions`,
      dueOn: null,
    })),
  ];
  if (refusals) {
    items.push({
      kind: "refusals_to_read",
      title: say("refusalsToRead", { count: refusals }),
      href: "/information-requests?box=outgoing",
      dueOn: null,
    });
  }
  return items;
}

/**
 * The dated work of the same list (requests to answer, emergency records due, what was sent to chase,
 * what was received to acknowledge), each due by the same rule, from queries that read no one's name
 * and record no read: for the daily reminder's count. Undated work (approvals, questions, refusals to
 * read) is not counted.
 */
export async function loadSharingWorkDeadlines(db: Db, actor: Actor, now = new Date()): Promise<WorkDeadline[]> {
  if (!hasAnyRole(actor.roles, RECORD_ROLES)) return [];
  const lead = actor.roles.includes("safeguarding_lead");
  const chaseDay = await chaseDayRule(db);
  const [requests, emergencies, toChase, received] = await Promise.all([
    lead
      ? db
          .select({ dueOn: informationRequests.dueOn })
          .from(informationRequests)
          .where(and(visibleTo(actor, informationRequests, "requested"), eq(informationRequests.status, "OPEN")))
      : [],
    loadDecisionDeadlines(db, actor, emergencyRecordsOf(actor)),
    loadSentToChase(db, actor, now),
    db
      .select({ emergency: disclosures.emergency, sentAt: disclosures.sentAt, firstOpenedAt: disclosures.firstOpenedAt })
      .from(disclosures)
      .where(receivedToAcknowledge(actor, now)),
  ]);
  return [
    ...requests.map((r) => ({ dueOn: r.dueOn })),
    ...emergencies.map((d) => emergencyRecordDeadline(d, now)),
    ...toChase.map((sentAt) => ({ dueOn: chaseDay(sentAt) })),
    ...received.map((d) => ({ dueOn: receivedDueOn(d, chaseDay) })),
  ];
}

/** The day a disclosure may be chased from: the partnership's chase time after it was sent. */
async function chaseDayRule(db: Db) {
  const { acknowledgementChaseHours } = await sharingSettings(db);
  return (sentAt: Date) => ukDay(chasableFrom(sentAt, acknowledgementChaseHours));
}

/** Emergency shares whose full record is due: the decider's own; a safeguarding lead, all of them. */
const emergencyRecordsOf = (actor: Actor): DecisionFilters => ({
  emergencyOutstanding: true,
  decidedBy: actor.roles.includes("safeguarding_lead") ? undefined : actor.userId,
});

/** Due at an hour, not a day: late by the same rule as the decision page and the API. */
const emergencyRecordDeadline = (d: Parameters<typeof emergencyRecordOverdue>[0], now: Date): WorkDeadline => ({
  dueOn: d.fullRecordDueAt ? ukDay(d.fullRecordDueAt) : null,
  overdue: emergencyRecordOverdue(d, now),
});

/** What the actor was sent and may read, not yet acknowledged. */
const receivedToAcknowledge = (actor: Actor, now: Date) => and(readableByRecipient(actor, now), isNull(disclosures.acknowledgedAt));

const isUnopenedEmergency = (d: { emergency: boolean; firstOpenedAt: Date | null }) => d.emergency && !d.firstOpenedAt;

/** An emergency share is for now: due the day it was sent. Otherwise the partnership's chase time. */
const receivedDueOn = (d: { emergency: boolean; firstOpenedAt: Date | null; sentAt: Date }, chaseDay: (sentAt: Date) => string) =>
  isUnopenedEmergency(d) ? ukDay(d.sentAt) : chaseDay(d.sentAt);
