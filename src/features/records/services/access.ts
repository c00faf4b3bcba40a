import { and, eq } from "drizzle-orm";
import { snapshotOf } from "../../../platform/audit/events";
import { recordEvent } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import { hasAnyRole, type Role } from "../../../platform/auth/roles";
import type { Db, Queryable } from "../../../platform/db/client";
import { visibleTo } from "../../../platform/db/scope";
import { NotFoundError, NotPermittedError } from "../../../platform/errors";
import { subjects } from "../schema";

export type SubjectRow = typeof subjects.$inferSelect;

/** Auditors and administrators read the trail, not children's records. */
export const RECORD_ROLES: readonly Role[] = ["practitioner", "safeguarding_lead", "ig_lead"];

/** Who sees "who has viewed this record", and acknowledges concerns: the people accountable for the records. */
export const RECORD_OVERSIGHT_ROLES: readonly Role[] = ["safeguarding_lead", "ig_lead"];

export function assertWorksWithRecords(actor: Actor): void {
  if (!hasAnyRole(actor.roles, RECORD_ROLES))
    throw new NotPermittedError("Only practitioners, safeguarding leads and IG leads work with records");
}

/** The subject, if the actor's organisation holds it; otherwise not found, so its existence is not revealed. */
export async function loadSubject(q: Queryable, actor: Actor, id: string): Promise<SubjectRow> {
  const [subject] = await q
    .select()
    .from(subjects)
    .where(and(eq(subjects.id, id), visibleTo(actor, subjects)));
  if (!subject) throw new NotFoundError("The person's record");
  return subject;
}

/** The subject for a page that shows only the person's name and what the actor is typing: still an audited read. */
export async function viewSubjectRow(db: Db, actor: Actor, id: string, view: string): Promise<SubjectRow> {
  const subject = await loadSubject(db, actor, id);
  await recordRead(db, actor, id, view);
  return subject;
}

/** Every read of a person's record is recorded: who looked, when, at whom, through which view. */
export async function recordRead(db: Db, actor: Actor, subjectId: string, view: string, extra: { count?: number; itemId?: string } = {}) {
  await recordEvent(db, snapshotOf(actor), {
    type: "personal_data.viewed",
    entity: { type: "subject", id: subjectId },
    details: { view, ...extra },
  });
}
