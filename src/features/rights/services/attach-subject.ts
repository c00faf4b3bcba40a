import { and, eq } from "drizzle-orm";
import { snapshotOf } from "../../../platform/audit/events";
import { inTransaction } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import type { Db } from "../../../platform/db/client";
import { visibleTo } from "../../../platform/db/scope";
import { ValidationError } from "../../../platform/errors";
import { subjects } from "../../records/schema";
import type {} from "../audit-events";
import { rightsRequestSubjects, rightsRequests } from "../schema";
import { assertIgLead, lockedRequest } from "./load-requests";
import { requesterAsAllegedPerpetrator } from "./pack-safety";
import { chronicleStep, logEvent } from "./record-step";

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
