import { and, eq, isNull, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { anyOf } from "../../../platform/db/any-of";
import type { Tx } from "../../../platform/db/client";
import { chronologyEntries, concerns, recordItems, subjectAddresses, subjectLinks, subjectNames, subjects } from "../../records/schema";
import { disclosures } from "../../sharing/schema";
import type { CertificateFacts } from "../domain/certificate";
import { retentionKeeps } from "../schema";
import { disposeCopies } from "./copies";
import { ERASED, eraseItemText } from "./erase-text";

type Described = Pick<
  CertificateFacts,
  "items" | "versions" | "chronologyEntries" | "concerns" | "disclosedCopies" | "itemCategories" | "entriesFrom" | "entriesTo"
>;

/** What a batch's files hold, counted before they are disposed of: the certificate's description, without a word of it. */
export async function describeFiles(tx: Tx, organisationId: string, ids: readonly string[]): Promise<Described> {
  const inFiles = anyOf(recordItems.subjectId, ids);
  const [items] = await tx
    .select({
      items: sql<number>`count(distinct ${recordItems.lineageId})::int`,
      versions: sql<number>`count(*)::int`,
      from: sql<string | null>`min(${recordItems.eventDate})::text`,
      to: sql<string | null>`max(${recordItems.eventDate})::text`,
    })
    .from(recordItems)
    .where(inFiles);
  const categories = await tx
    .select({ category: recordItems.category, n: sql<number>`count(distinct ${recordItems.lineageId})::int` })
    .from(recordItems)
    .where(inFiles)
    .groupBy(recordItems.category)
    .orderBy(recordItems.category);
  const count = async (table: typeof chronologyEntries | typeof concerns, column: AnyPgColumn) =>
    (await tx.select({ n: sql<number>`count(*)::int` }).from(table).where(anyOf(column, ids)))[0]?.n ?? 0;
  const [copies] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(disclosures)
    .where(
      and(anyOf(disclosures.filedSubjectId, ids), eq(disclosures.recipientOrganisationId, organisationId), isNull(disclosures.disposedAt)),
    );
  return {
    items: items?.items ?? 0,
    versions: items?.versions ?? 0,
    entriesFrom: items?.from ?? null,
    entriesTo: items?.to ?? null,
    itemCategories: Object.fromEntries(categories.map((c) => [c.category, c.n])),
    chronologyEntries: await count(chronologyEntries, chronologyEntries.subjectId),
    concerns: await count(concerns, concerns.subjectId),
    disclosedCopies: copies?.n ?? 0,
  };
}

/**
 * Removes the personal data from an organisation's files (issue 21), in the caller's transaction:
 * every item version's words (retention's erasure, shared with erasure requests), the chronology, the
 * concerns' words, the person's names, identifiers, addresses and links, and the copies of what other
 * organisations shared that were filed into these files (each marked disposed, so its sender sees
 * when). Copies this organisation sent stay with their recipients. What remains is a tombstone: the
 * row, its kind, its dates, and the name "Disposed record F-…".
 */
export async function disposeFiles(tx: Tx, organisationId: string, ids: readonly string[], now: Date): Promise<void> {
  // The file's chronology goes first, so erasing the items' words does not rewrite entries about to go.
  await tx
    .delete(chronologyEntries)
    .where(and(eq(chronologyEntries.organisationId, organisationId), anyOf(chronologyEntries.subjectId, ids)));
  await eraseItemText(tx, and(eq(recordItems.organisationId, organisationId), anyOf(recordItems.subjectId, ids)) as SQL, {
    copies: "none",
  });
  const filed = await tx
    .select({ id: disclosures.id })
    .from(disclosures)
    .where(
      and(anyOf(disclosures.filedSubjectId, ids), eq(disclosures.recipientOrganisationId, organisationId), isNull(disclosures.disposedAt)),
    );
  if (filed.length) {
    await disposeCopies(
      tx,
      organisationId,
      filed.map((d) => d.id),
      now,
    );
  }
  await tx
    .update(concerns)
    .set({
      description: ERASED,
      followUpAction: sql`case when ${concerns.followUpAction} is null then null else ${ERASED} end`,
      outcome: sql`case when ${concerns.outcome} is null then null else ${ERASED} end`,
    })
    .where(and(eq(concerns.organisationId, organisationId), anyOf(concerns.subjectId, ids)));
  await tx.delete(subjectNames).where(anyOf(subjectNames.subjectId, ids));
  await tx.delete(subjectAddresses).where(anyOf(subjectAddresses.subjectId, ids));
  await tx
    .delete(subjectLinks)
    .where(
      and(
        eq(subjectLinks.organisationId, organisationId),
        sql`(${anyOf(subjectLinks.fromSubjectId, ids)} or ${anyOf(subjectLinks.toSubjectId, ids)})`,
      ),
    );
  // A review's reason may speak of the person: it goes with the file.
  await tx.delete(retentionKeeps).where(anyOf(retentionKeeps.subjectId, ids));
  await tx
    .update(subjects)
    .set({
      givenNames: "Disposed record",
      familyName: sql`'F-' || upper(left(${subjects.id}::text, 8))`,
      dateOfBirth: null,
      expectedDate: null,
      sexGender: null,
      nhsNumber: null,
      upn: null,
      phone: null,
      email: null,
      identityProtected: false,
      disposedAt: now,
      updatedAt: now,
    })
    .where(and(eq(subjects.organisationId, organisationId), anyOf(subjects.id, ids)));
}

/**
 * What an anonymised file leaves for partnership statistics, one row per file: its category, the years
 * of its first and last entries, and counts of items, concerns by category and share decisions by
 * outcome. Written before the file's words are removed, in the same transaction.
 */
export async function keepAnonymisedRows(
  tx: Tx,
  batch: { id: string; organisationId: string; category: string },
  ids: readonly string[],
  year: number,
): Promise<void> {
  await tx.execute(sql`
    insert into anonymised_record (organisation_id, batch_id, category, first_year, last_year, items, concerns, decisions, disposed_year)
    select ${batch.organisationId}, ${batch.id}, ${batch.category}::retention_category,
           extract(year from i.first)::int, extract(year from i.last)::int, coalesce(i.items, 0),
           coalesce((select jsonb_object_agg(c.category, c.n) from (select category, count(*)::int n from concern where subject_id = s.id group by category) c), '{}'),
           coalesce((select jsonb_object_agg(d.outcome, d.n) from (select outcome, count(*)::int n from share_decision where subject_id = s.id group by outcome) d), '{}'),
           ${year}
      from subject s
      left join lateral (select min(event_date) first, max(event_date) last, count(distinct lineage_id)::int items
                           from record_item where subject_id = s.id) i on true
     where s.id = any(${sql.param([...ids])}::uuid[]) and s.organisation_id = ${batch.organisationId}`);
}
