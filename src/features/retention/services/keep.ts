import { addMonths, format, parseISO } from "date-fns";
import { and, eq, isNull, sql } from "drizzle-orm";
import { snapshotOf } from "../../../platform/audit/events";
import { inTransaction } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import { today } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { visibleTo } from "../../../platform/db/scope";
import { NotFoundError } from "../../../platform/errors";
import { organisations } from "../../organisations-and-users/schema";
import { subjects } from "../../records/schema";
import { disclosures } from "../../sharing/schema";
import type {} from "../audit-events";
import { copyReference } from "../domain/certificate";
import { keepInput } from "../domain/review-inputs";
import { retentionKeeps } from "../schema";
import { assertReviews } from "./review-queue";

/**
 * A review's decision to keep a file (by its subject's id) or a copy of shared information (by its
 * disclosure's id) for a further period, with the reason a later reviewer reads: it
 * leaves the queue until then, and comes back to it in the month that period ends.
 */
export async function keepFile(db: Db, actor: Actor, id: string, raw: unknown): Promise<{ keepUntil: string; kept: "file" | "copy" }> {
  assertReviews(actor);
  const { months, reason } = keepInput.parse(raw);
  const keepUntil = format(addMonths(parseISO(today()), months), "yyyy-MM-dd");
  return inTransaction(db, async (tx, audit) => {
    const [file] = await tx
      .select({ id: subjects.id })
      .from(subjects)
      .where(and(eq(subjects.id, id), visibleTo(actor, subjects), isNull(subjects.disposedAt)));
    // Or a copy another organisation shared, held here and not filed into a file of the organisation's own.
    const [copy] = file
      ? []
      : await tx
          .select({ id: disclosures.id })
          .from(disclosures)
          .where(
            and(
              eq(disclosures.id, id),
              eq(disclosures.recipientOrganisationId, actor.organisationId),
              isNull(disclosures.filedSubjectId),
              isNull(disclosures.disposedAt),
            ),
          );
    if (!file && !copy) throw new NotFoundError("The file");
    const [kept] = await tx
      .insert(retentionKeeps)
      .values({
        organisationId: actor.organisationId,
        subjectId: file ? id : null,
        disclosureId: copy ? id : null,
        keepUntil,
        reason,
        decidedByUserId: actor.userId,
      })
      .returning({ id: retentionKeeps.id });
    audit.record(snapshotOf(actor), {
      type: "retention.file_kept",
      entity: { type: file ? "subject" : "disclosure", id },
      details: { keepId: kept?.id ?? "", keepUntil },
    });
    return { keepUntil, kept: file ? "file" : "copy" };
  });
}

interface HeldCopy {
  disclosureId: string;
  reference: string;
  /** Who it is about, as the sender named them. */
  name: string;
  from: string;
  receivedOn: string;
}

/**
 * A copy of shared information the actor's organisation holds and reviews under its schedule (not filed
 * into a file of its own, not disposed of), named for a review's page: an audited read. Null when the
 * id is no such copy (it may be a file's).
 */
export async function viewHeldCopy(db: Db, actor: Actor, id: string, view: string): Promise<HeldCopy | null> {
  assertReviews(actor);
  return inTransaction(db, async (tx, audit) => {
    const [row] = await tx
      .select({
        id: disclosures.id,
        subject: disclosures.subject,
        from: organisations.name,
        receivedOn: sql<string>`(${disclosures.sentAt} at time zone 'Europe/London')::date::text`,
      })
      .from(disclosures)
      .innerJoin(organisations, eq(organisations.id, disclosures.senderOrganisationId))
      .where(
        and(
          eq(disclosures.id, id),
          eq(disclosures.recipientOrganisationId, actor.organisationId),
          isNull(disclosures.filedSubjectId),
          isNull(disclosures.disposedAt),
        ),
      );
    if (!row) return null;
    audit.record(snapshotOf(actor), { type: "personal_data.viewed", entity: { type: "disclosure", id }, details: { view } });
    return { disclosureId: row.id, reference: copyReference(row.id), name: row.subject.name, from: row.from, receivedOn: row.receivedOn };
  });
}
