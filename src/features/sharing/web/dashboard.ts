import type { Actor } from "../../../platform/auth/actor";
import { hasAnyRole } from "../../../platform/auth/roles";
import type { Db } from "../../../platform/db/client";
import { RECORD_ROLES } from "../../records";
import { emergencyRecordOverdue } from "../domain/records";
import { decisionTitle } from "../services/decision-title";
import { decisionReference, viewDecisions } from "../services/decisions";
import { unacknowledgedReceived, viewDisclosuresToChase } from "../services/disclosures";
import { refusalsToAcknowledge } from "../services/information-requests";

/**
 * Sharing on the home page: what has arrived and not been acknowledged, and answers to the
 * organisation's requests that refused them, until acknowledged; what was sent and not
 * acknowledged in time (to chase); emergency shares whose full record is due or overdue (a
 * safeguarding lead sees the organisation's, anyone else the ones they made and owe the record of);
 * for safeguarding leads, decisions waiting for their approval.
 */
export async function sharingDashboard(db: Db, actor: Actor, now = new Date()) {
  if (!hasAnyRole(actor.roles, RECORD_ROLES)) return null;
  const lead = actor.roles.includes("safeguarding_lead");
  const emergencyFilters = { emergencyOutstanding: true, decidedBy: lead ? undefined : actor.userId };
  const [received, refusals, toChase, emergencies, approvals] = await Promise.all([
    unacknowledgedReceived(db, actor, now),
    refusalsToAcknowledge(db, actor),
    viewDisclosuresToChase(db, actor, "web.home.disclosures_to_chase", now),
    viewDecisions(db, actor, emergencyFilters, "web.home.emergency_records", 100, now),
    lead ? viewDecisions(db, actor, { status: ["AWAITING_APPROVAL"] }, "web.home.approvals") : [],
  ]);
  return {
    received,
    refusals,
    toChase: toChase.map((d) => ({
      href: `/share-decisions/${d.decisionId}`,
      person: d.subject.name,
      recipient: d.recipientName,
      sentAt: d.sentAt,
    })),
    emergencies: emergencies.map((d) => ({
      href: `/share-decisions/${d.id}`,
      reference: decisionReference(d.number),
      person: d.subjectName,
      decidedBy: d.decidedByName,
      dueAt: d.fullRecordDueAt,
      overdue: emergencyRecordOverdue(d, now),
    })),
    emergenciesMine: !lead,
    approvals: approvals.map((d) => ({
      href: `/share-decisions/${d.id}`,
      reference: decisionReference(d.number),
      title: decisionTitle(d, d.recipientName ?? undefined),
      person: d.subjectName,
      decidedBy: d.decidedByName,
    })),
  };
}
