import { addMonths, format, parseISO } from "date-fns";
import { and, eq, isNull } from "drizzle-orm";
import { snapshotOf } from "../../../platform/audit/events";
import { inTransaction } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import { today } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { visibleTo } from "../../../platform/db/scope";
import { NotFoundError } from "../../../platform/errors";
import { subjects } from "../../records/schema";
import { disclosures } from "../../sharing/schema";
import type {} from "../audit-events";
import { keepInput } from "../domain/review-inputs";
import { retentionKeeps } from "../schema";
import { assertReviews } from "./review-queue";

/**
 * A review's decision to keep a file (by its subject's id) or a copy of shared information (by its
 * disclosure's id) for a further period, with the reason a later reviewer reads: it
 * leaves the queue until then, and comes back to it in the month that period ends.
 */
export async function keepFile(db: Db, actor: Actor, id: string, raw: unknown): Promise<{ keepUntil: string }> {
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
    return { keepUntil };
  });
}
