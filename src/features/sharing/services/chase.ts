import { and, asc, eq, inArray } from "drizzle-orm";
import { snapshotOf } from "../../../platform/audit/events";
import { inTransaction } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import type { Db, Queryable } from "../../../platform/db/client";
import { visibleTo } from "../../../platform/db/scope";
import { ConflictError, NotFoundError, NotPermittedError } from "../../../platform/errors";
import { assertWorksWithRecords } from "../../records";
import { sharingSettings } from "../../settings";
import type {} from "../audit-events";
import { mayBeChased } from "../domain/disclosure-access";
import { disclosureChases, disclosures, shareDecisions } from "../schema";

/**
 * Chasing a disclosure the recipient has not acknowledged in time (docs/domain.md §7: shown to the
 * sender to chase after the partnership's chase time). The sender says so once per click; each chase
 * is a row the recipient sees beside what it has to acknowledge, and the sender's decision page lists.
 */

export type Chase = typeof disclosureChases.$inferSelect;

/**
 * Records a chase. Who may chase is who is shown the disclosure to chase: the person who decided,
 * or any safeguarding lead of the sending organisation. Acknowledged, withdrawn or expired, or not yet
 * past the chase time, there is nothing to chase (a conflict, said in words).
 */
export async function chaseDisclosure(db: Db, actor: Actor, disclosureId: string, now = new Date()): Promise<Chase> {
  assertWorksWithRecords(actor);
  const { acknowledgementChaseHours } = await sharingSettings(db);
  return inTransaction(db, async (tx, audit) => {
    const [row] = await tx
      .select({ disclosure: disclosures, decidedBy: shareDecisions.decidedByUserId })
      .from(disclosures)
      .innerJoin(shareDecisions, eq(shareDecisions.id, disclosures.decisionId))
      .where(and(eq(disclosures.id, disclosureId), visibleTo(actor, disclosures, "sender")))
      .for("update", { of: disclosures });
    if (!row) throw new NotFoundError("The information sent");
    if (row.decidedBy !== actor.userId && !actor.roles.includes("safeguarding_lead")) {
      throw new NotPermittedError("Only the person who decided to share, or a safeguarding lead, may chase the recipient");
    }
    const d = row.disclosure;
    if (d.acknowledgedAt) throw new ConflictError("The recipient has already acknowledged it: there is nothing to chase");
    if (d.revokedAt || d.expiresAt <= now) throw new ConflictError("The recipient can no longer open it: there is nothing to chase");
    if (!mayBeChased(d.sentAt, acknowledgementChaseHours, now)) {
      throw new ConflictError("It was sent too recently to chase: the recipient still has time to acknowledge it");
    }
    const [chase] = await tx
      .insert(disclosureChases)
      .values({
        disclosureId,
        senderOrganisationId: d.senderOrganisationId,
        recipientOrganisationId: d.recipientOrganisationId,
        chasedByUserId: actor.userId,
        chasedByName: actor.name,
        chasedAt: now,
      })
      .returning();
    audit.record(snapshotOf(actor), {
      type: "disclosure.chased",
      entity: { type: "disclosure", id: disclosureId },
      details: { recipientOrganisationId: d.recipientOrganisationId },
    });
    return chase!;
  });
}

/**
 * The chases of these disclosures, oldest first, as either side sees them: one query for a whole list.
 * Not audited: who chased and when names no one the list around it does not already name.
 */
export async function loadChases(q: Queryable, actor: Actor, disclosureIds: string[]): Promise<Map<string, Chase[]>> {
  const byDisclosure = new Map<string, Chase[]>();
  if (!disclosureIds.length) return byDisclosure;
  const rows = await q
    .select()
    .from(disclosureChases)
    .where(and(inArray(disclosureChases.disclosureId, disclosureIds), visibleTo(actor, disclosureChases)))
    .orderBy(asc(disclosureChases.chasedAt));
  for (const row of rows) byDisclosure.set(row.disclosureId, [...(byDisclosure.get(row.disclosureId) ?? []), row]);
  return byDisclosure;
}
