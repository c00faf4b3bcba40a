import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { auditEvents } from "../../db/schema";
import type { Actor } from "../../domain/actor";
import { NotPermittedError } from "../../domain/errors";
import { hasAnyRole } from "../../domain/roles";
import { findSubject, RECORD_OVERSIGHT_ROLES } from "./access";

export interface RecordView {
  at: string;
  userId: string;
  name: string;
  roles: string[];
  view: string;
}

/**
 * "Who has viewed this record", for the safeguarding and IG leads accountable for it: the
 * subject's `personal_data.viewed` events from the audit log (which stores who looked, frozen at
 * the time), newest first. Reading this list is not itself a read of the person's record.
 */
export async function recentViews(db: Db, actor: Actor, subjectId: string, limit = 50): Promise<RecordView[]> {
  if (!hasAnyRole(actor.roles, RECORD_OVERSIGHT_ROLES))
    throw new NotPermittedError("Only safeguarding leads and IG leads see who has viewed a record");
  await findSubject(db, actor, subjectId);
  const rows = await db
    .select({ body: auditEvents.body })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.entityType, "subject"),
        eq(auditEvents.entityId, subjectId),
        eq(auditEvents.type, "personal_data.viewed"),
        eq(auditEvents.organisationId, actor.organisationId),
      ),
    )
    .orderBy(desc(auditEvents.seq))
    .limit(limit);
  return rows.map(({ body }) => {
    const event = JSON.parse(body) as { at: string; actor: { userId: string; name: string; roles: string[] }; details: { view: string } };
    return { at: event.at, userId: event.actor.userId, name: event.actor.name, roles: event.actor.roles, view: event.details.view };
  });
}
