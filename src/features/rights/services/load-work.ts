import type { Actor } from "../../../platform/auth/actor";
import { hasAnyRole } from "../../../platform/auth/roles";
import type { Db } from "../../../platform/db/client";
import { message } from "../../../platform/messages";
import type { WorkDeadline, WorkItem } from "../../../platform/work";
import { RECORD_ROLES } from "../../records";
import { currentDueOn } from "../domain/deadlines";
import { RIGHTS_MESSAGES } from "../domain/messages";
import { loadOpenRequestClocks, loadRightsRequests } from "./load-requests";
import { viewNoticesReceived } from "./recipient-notices";

/**
 * What rights ask of the actor, for the home page's "Your work" (issue 18):
 *
 * - notices received about information the organisation was sent (corrected, restricted, erased…),
 *   for whoever reads that disclosure to act on and acknowledge (an audited read: they name the person);
 * - for IG leads, the organisation's open rights requests against their statutory clocks: due on the
 *   clock's date as `rightsClockStatus` and `currentDueOn` have it, paused while it waits for the
 *   requester. Listed by reference and right, naming no one, so not a read of anyone's record.
 */
export async function viewRightsWork(db: Db, actor: Actor, view: string, now = new Date()): Promise<WorkItem[]> {
  const [notices, requests] = await Promise.all([
    hasAnyRole(actor.roles, RECORD_ROLES) ? viewNoticesReceived(db, actor, view) : [],
    actor.roles.includes("ig_lead") ? loadRightsRequests(db, actor, {}, now) : [],
  ]);
  const say = (key: string, params: Record<string, string>) => message(RIGHTS_MESSAGES.en, `rightsWork.${key}`, params);
  return [
    ...notices
      .filter((n) => !n.acknowledgedAt)
      .map((n) => ({
        kind: "recipient_notice",
        title: say("noticeToAcknowledge", { sender: n.senderName, person: n.personName, kind: n.kind }),
        href: "/disclosures",
        dueOn: null,
      })),
    ...requests.map((r) => ({
      kind: "rights_request",
      title: say("requestToAnswer", { reference: r.publicReference, type: r.type }),
      href: `/rights/${r.id}`,
      ...requestDeadline(r),
    })),
  ];
}

/**
 * The dated work of the same list, the open requests' clocks, read without anyone's name and recorded
 * as no read: for the daily reminder's count. Notices have no deadline and are not counted.
 */
export async function loadRightsWorkDeadlines(db: Db, actor: Actor, now = new Date()): Promise<WorkDeadline[]> {
  if (!actor.roles.includes("ig_lead")) return [];
  return (await loadOpenRequestClocks(db, actor, now)).map(requestDeadline);
}

/** A stopped clock is not counting down: it says so, and comes after the dated work. */
const requestDeadline = (r: Parameters<typeof currentDueOn>[0] & { clock: { paused: boolean } }): WorkDeadline =>
  r.clock.paused ? { dueOn: null, paused: true } : { dueOn: currentDueOn(r) };
