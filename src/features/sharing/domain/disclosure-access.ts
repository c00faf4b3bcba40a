import { addHours } from "date-fns";
import { hasAnyRole, type Role } from "../../../platform/auth/roles";
import { ukDate } from "../../../platform/dates/calendar";

/**
 * A disclosure's access (docs/domain.md §4): the recipient may open it until it expires or the sender
 * withdraws it. These are the rules the services enforce and the pages and API show, written once.
 */

export const DISCLOSURE_STATES = ["SENT", "OPENED", "ACKNOWLEDGED", "REVOKED", "EXPIRED", "DISPOSED"] as const;
export type DisclosureState = (typeof DISCLOSURE_STATES)[number];

interface Access {
  revokedAt: Date | null;
  expiresAt: Date;
  /** When the recipient disposed of its copy under its retention schedule (issue 21): its access ends for good. */
  disposedAt?: Date | null;
}

/**
 * The recipient may still open it: not withdrawn, not disposed of, and its expiry still ahead. (The SQL
 * twin is `accessOpenSql`.) A recipient's disposal ends its access and leaves the rows as the sender's
 * record of what it sent, kept under the sender's own schedule.
 */
export const accessOpen = (d: Access, now: Date): boolean => !d.revokedAt && !d.disposedAt && d.expiresAt > now;

/** A disclosure's state as people read it: withdrawn or expired first, as either ends the recipient's access. */
export function disclosureState(
  d: Access & { acknowledgedAt: Date | null; firstOpenedAt: Date | null },
  now = new Date(),
): DisclosureState {
  if (d.revokedAt) return "REVOKED";
  if (d.disposedAt) return "DISPOSED";
  if (!accessOpen(d, now)) return "EXPIRED";
  if (d.acknowledgedAt) return "ACKNOWLEDGED";
  if (d.firstOpenedAt) return "OPENED";
  return "SENT";
}

/**
 * Who may withdraw the recipient's access: the person who decided to share, or the sending
 * organisation's safeguarding or IG leads (for a mistaken share, or to contain a breach).
 */
export function mayRevokeDisclosure(actor: { userId: string; roles: readonly Role[] }, decidedByUserId: string): boolean {
  return decidedByUserId === actor.userId || hasAnyRole(actor.roles, ["safeguarding_lead", "ig_lead"]);
}

/**
 * Why access can no longer be withdrawn, or null: it already was, or it has ended by itself, so there
 * is nothing left to withdraw (and a withdrawal recorded then would say access was open until now).
 */
export function revocationProblem(d: Access, now: Date): string | null {
  if (d.revokedAt) return "Access to this disclosure has already been withdrawn";
  if (!accessOpen(d, now)) return `Access to this disclosure has already ended: it expired on ${ukDate(d.expiresAt)}`;
  return null;
}

/**
 * When a disclosure not yet acknowledged may be chased (docs/domain.md §7): the partnership's chase
 * time after it was sent. Exactly at that instant counts as chasable, so the day it falls due and the
 * moment "Chase" is offered and accepted are the same everywhere.
 */
export const chasableFrom = (sentAt: Date, chaseHours: number): Date => addHours(sentAt, chaseHours);

/** The sender may chase it at `now`: the chase time has come (at it, or after). */
export const mayBeChased = (sentAt: Date, chaseHours: number, now: Date): boolean => chasableFrom(sentAt, chaseHours) <= now;

/**
 * The same rule for a query: the latest sending time that may be chased at `now`, to compare as
 * `sentAt <= cutoff` (sentAt + hours <= now, the hours moved to the other side).
 */
export const chaseCutoff = (now: Date, chaseHours: number): Date => chasableFrom(now, -chaseHours);
