import { and, asc, eq, isNull, type SQL, sql } from "drizzle-orm";
import { anyOf } from "../../../platform/db/any-of";
import type { Queryable, Tx } from "../../../platform/db/client";
import { organisations } from "../../organisations-and-users/schema";
import { disclosureItems, disclosures } from "../../sharing/schema";
import { copyReference } from "../domain/certificate";
import type { ActiveHold } from "../domain/holds";
import type { RetentionRule } from "../domain/schedule";
import { disposalBatchCopies, disposalBatches, retentionKeeps } from "../schema";
import { holdsByFile } from "./hold-coverage";

/** The UK day a copy was received. */
const receivedOn = sql<string>`(${disclosures.sentAt} at time zone 'Europe/London')::date`;

/**
 * The day a copy is due: by the agreement's retention term recorded when it was sent, or, where the
 * agreement set none, the rule's period from receipt. The one statement of it, for the queue's
 * condition, its page and "Your work".
 */
export const copyDueOn = (rule: Pick<RetentionRule, "periodMonths">): SQL<string> =>
  sql`coalesce(${disclosures.retainUntil}, (${receivedOn} + make_interval(months => ${rule.periodMonths}))::date)`;

/**
 * Copies of what other organisations shared with this one, not filed into a file of its own (a filed
 * copy goes with that file), that are due by `endsOn`: by the agreement's retention term recorded
 * when each was sent, or, where it set none, by the organisation's rule for copies from receipt.
 */
export function copiesDueUnder(organisationId: string, rule: RetentionRule, endsOn: string): SQL {
  return and(
    eq(disclosures.recipientOrganisationId, organisationId),
    isNull(disclosures.disposedAt),
    isNull(disclosures.filedSubjectId),
    sql`${copyDueOn(rule)} <= ${endsOn}`,
    sql`not exists (select 1 from ${retentionKeeps} where ${retentionKeeps.organisationId} = ${organisationId}
          and ${retentionKeeps.disclosureId} = ${disclosures.id} and ${retentionKeeps.keepUntil} > ${endsOn})`,
  ) as SQL;
}

export interface QueueCopy {
  disclosureId: string;
  reference: string;
  /** Who it is about, as the sender named them. */
  name: string;
  from: string;
  receivedOn: string;
  dueOn: string;
  /** Whether the agreement set the date (else the organisation's rule did). */
  byAgreement: boolean;
  heldBy: { id: string; name: string }[];
  proposedIn: { id: string; reference: number } | null;
}

export async function dueCopiesPage(
  q: Queryable,
  organisationId: string,
  rule: RetentionRule,
  endsOn: string,
  holds: readonly ActiveHold[],
  page: { page: number; pageSize: number },
): Promise<{ total: number; copies: QueueCopy[] }> {
  const due = copiesDueUnder(organisationId, rule, endsOn);
  const [{ total = 0 } = {}] = await q.select({ total: sql<number>`count(*)::int` }).from(disclosures).where(due);
  if (!total) return { total, copies: [] };
  const rows = await q
    .select({
      id: disclosures.id,
      subject: disclosures.subject,
      from: organisations.name,
      receivedOn: sql<string>`${receivedOn}::text`,
      dueOn: sql<string>`${copyDueOn(rule)}::text`,
      retainUntil: disclosures.retainUntil,
      proposedIn: sql<string | null>`(select ${disposalBatches.id}::text || ' ' || ${disposalBatches.reference} from ${disposalBatchCopies}
          join ${disposalBatches} on ${disposalBatches.id} = ${disposalBatchCopies.batchId}
          where ${disposalBatchCopies.disclosureId} = ${disclosures.id} and ${disposalBatches.status} = 'PROPOSED' limit 1)`,
    })
    .from(disclosures)
    .innerJoin(organisations, eq(organisations.id, disclosures.senderOrganisationId))
    .where(due)
    .orderBy(asc(disclosures.sentAt), asc(disclosures.id))
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize);
  const held = holdsByFile(
    holds,
    rows.map((r) => ({ id: r.id, organisationId, subjectId: null, category: rule.category })),
  );
  return {
    total,
    copies: rows.map((r) => {
      const [batchId, reference] = r.proposedIn?.split(" ") ?? [];
      return {
        disclosureId: r.id,
        reference: copyReference(r.id),
        name: r.subject.name,
        from: r.from,
        receivedOn: r.receivedOn,
        dueOn: r.dueOn,
        byAgreement: r.retainUntil !== null,
        heldBy: (held.get(r.id) ?? []).map((h) => ({ id: h.id, name: h.name })),
        proposedIn: batchId ? { id: batchId, reference: Number(reference) } : null,
      };
    }),
  };
}

/** What copies hold, counted before they are disposed of, for the certificate. */
export async function describeCopies(tx: Tx, ids: readonly string[]) {
  const inCopies = anyOf(disclosureItems.disclosureId, ids);
  const [items] = await tx
    .select({
      n: sql<number>`count(*)::int`,
      from: sql<string | null>`min(${disclosureItems.eventDate})::text`,
      to: sql<string | null>`max(${disclosureItems.eventDate})::text`,
    })
    .from(disclosureItems)
    .where(inCopies);
  const categories = await tx
    .select({ category: disclosureItems.category, n: sql<number>`count(*)::int` })
    .from(disclosureItems)
    .where(inCopies)
    .groupBy(disclosureItems.category)
    .orderBy(disclosureItems.category);
  return {
    items: items?.n ?? 0,
    versions: items?.n ?? 0,
    entriesFrom: items?.from ?? null,
    entriesTo: items?.to ?? null,
    itemCategories: Object.fromEntries(categories.map((c) => [c.category, c.n])),
    chronologyEntries: 0,
    concerns: 0,
    disclosedCopies: ids.length,
  };
}

/**
 * Disposes of the recipient's copies (issue 21). A disclosure's rows are at once the recipient's copy
 * and the sender's record of what it sent (GR7-RECORD), and each organisation is its own controller:
 * so the recipient's access ends for good (`accessOpen`: a disposed copy is never shown to it again),
 * what it filed from the copy went with the file it filed it into, and the rows stay as the sender's
 * record, under the sender's schedule. The sender sees when.
 */
export async function disposeCopies(tx: Tx, organisationId: string, ids: readonly string[], now: Date): Promise<void> {
  await tx
    .update(disclosures)
    .set({ disposedAt: now })
    .where(and(anyOf(disclosures.id, ids), eq(disclosures.recipientOrganisationId, organisationId), isNull(disclosures.disposedAt)));
  await tx.delete(retentionKeeps).where(anyOf(retentionKeeps.disclosureId, ids));
}
