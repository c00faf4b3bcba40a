import { type SQL, sql } from "drizzle-orm";
import type { AuditTrail } from "../../../platform/audit/write";
import type { Queryable } from "../../../platform/db/client";
import { queryPrepared } from "../../../platform/db/prepared";
import { chronologyRow, type NewChronologyEntry } from "../../records";
import type { disclosureItems, disclosures, shareDecisions } from "../schema";
import { queueApproverNotice, queueRecipientNotice } from "./notify-recipients";

/**
 * Writes what a decision changes in one SQL statement: data-modifying CTEs for the decision, its
 * disclosure and items, its chronology entries and the request it answers, and the audit events
 * appended last (`audit_append`, migration 0005). One statement is one transaction and one round
 * trip: the audit head is locked only for the rest of that statement and its commit inside the
 * database, not across a network round trip, so concurrent decisions queue for microseconds.
 *
 * Every write hangs off a guard CTE (`guard`): the decision inserted, or the decision approved. If the
 * guard writes nothing (the idempotency key was already used; the decision was no longer awaiting
 * approval), nothing else is written and no event is appended.
 */

export type DecisionInsert = typeof shareDecisions.$inferInsert & { id: string };
export type DisclosureInsert = typeof disclosures.$inferInsert & { id: string };
export type DisclosureItemInsert = typeof disclosureItems.$inferInsert;

export interface DecisionWrites {
  /** The statement that writes the decision (or approves it) and returns its id and number: the guard. */
  guard: SQL;
  disclosure?: { row: DisclosureInsert; items: DisclosureItemInsert[] };
  chronology: NewChronologyEntry[];
  answersRequest?: { requestId: string; decisionId: string; at: Date };
  /** The decision written waits for a safeguarding lead's approval: they are told, by a job queued with it. */
  awaitsApproval?: { decisionId: string };
  audit: AuditTrail;
}

/** The new decision's insert, as a guard: a second insert with the same key does nothing. */
export function insertDecisionGuard(row: DecisionInsert): SQL {
  const columns = Object.keys(row) as (keyof DecisionInsert)[];
  return sql`insert into share_decision (${sql.raw(columns.map(snake).join(", "))})
    values (${sql.join(
      columns.map((c) => sqlValue(c, row[c])),
      sql`, `,
    )})
    on conflict (organisation_id, idempotency_key) do nothing
    returning id, number`;
}

/** Runs the writes; the number of the decision written, or undefined when the guard wrote nothing. */
export async function writeDecision(q: Queryable, writes: DecisionWrites): Promise<number | undefined> {
  const ctes: { name: string; body: SQL }[] = [];
  if (writes.disclosure) {
    const { row, items } = writes.disclosure;
    // INSERT … SELECT resolves untyped parameters as text, so each is cast to its column's type.
    ctes.push({
      name: "disclosure_written",
      body: sql`insert into disclosure (id, decision_id, sender_organisation_id, recipient_organisation_id, recipient_user_id, recipient_role,
        subject, purpose_code, purpose, sent_by_name, context, onward_disclosure, emergency, sent_at, expires_at, retain_until)
      select ${row.id}::uuid, guard.id, ${row.senderOrganisationId}::uuid, ${row.recipientOrganisationId}::uuid,
        ${row.recipientUserId ?? null}::uuid, ${row.recipientRole ?? null}::text, ${JSON.stringify(row.subject)}::jsonb,
        ${row.purposeCode}::text, ${row.purpose}::text, ${row.sentByName}::text, ${row.context ? JSON.stringify(row.context) : null}::jsonb, ${row.onwardDisclosure}::onward_disclosure,
        ${row.emergency ?? false}::boolean, ${row.sentAt ?? null}::timestamptz, ${row.expiresAt}::timestamptz,
        ${row.retainUntil ?? null}::date
      from guard returning 1`,
    });
    if (items.length) ctes.push({ name: "items_written", body: insertItems(items) });
  }
  if (writes.chronology.length) ctes.push({ name: "chronology_written", body: insertChronology(writes.chronology) });
  if (writes.answersRequest) {
    const { requestId, decisionId, at } = writes.answersRequest;
    ctes.push({
      name: "request_answered",
      body: sql`update information_request set status = 'ANSWERED', answered_decision_id = ${decisionId}, answered_at = ${at}
        from guard where information_request.id = ${requestId} and information_request.status = 'OPEN' returning 1`,
    });
  }
  const append = writes.audit.appendSql();
  // The head is locked from audit_append to commit, so every other write runs first: a CTE that
  // nothing reads runs only after the main query, with the lock held. Counting each one's rows in
  // the CASE condition makes the append wait for them all.
  const allWritten = ctes.map((c) => sql`(select count(*) from ${sql.raw(c.name)}) >= 0 and `);
  const rows = await queryPrepared<{ number: number | null }>(
    q,
    sql`with ${sql.join(
      [{ name: "guard", body: writes.guard }, ...ctes].map((c) => sql`${sql.raw(c.name)} as (${c.body})`),
      sql`, `,
    )}
    select guard.number, ${append ? sql`case when ${sql.join(allWritten, sql``)}guard.id is not null then ${append} end` : sql`null`} as seq
      from (select 1) one left join guard on true`,
  );
  const number = rows[0]?.number ?? undefined;
  // Its recipients are told by a job (notify-recipients.ts); should this process die first, the sweep queues it.
  if (writes.disclosure && number !== undefined) await queueRecipientNotice(q, writes.disclosure.row.id!);
  // Likewise its approvers: should this process die first, the approvals sweep queues it.
  if (writes.awaitsApproval && number !== undefined) await queueApproverNotice(q, writes.awaitsApproval.decisionId);
  return number;
}

/** Enum arrays go as text[] and are cast in SQL: PGlite serialises only the array types it knows. */
function insertItems(items: DisclosureItemInsert[]): SQL {
  const col = <K extends keyof DisclosureItemInsert>(k: K) => sql.param(items.map((i) => i[k] ?? null));
  return sql`insert into disclosure_item (disclosure_id, position, source_item_id, category, kind, text, redacted, event_date,
      source_name, source_method, source_obtained_on, historical, special_category, criminal_offence, accuracy)
    select u.* from guard, unnest(${col("disclosureId")}::uuid[], ${col("position")}::int[], ${col("sourceItemId")}::uuid[],
      ${col("category")}::text[]::item_category[], ${col("kind")}::text[]::record_item_kind[], ${col("text")}::text[], ${col("redacted")}::boolean[],
      ${col("eventDate")}::date[], ${col("sourceName")}::text[], ${col("sourceMethod")}::text[]::source_method[], ${col("sourceObtainedOn")}::date[],
      ${col("historical")}::boolean[], ${col("specialCategory")}::boolean[], ${col("criminalOffence")}::boolean[],
      ${col("accuracy")}::text[]::accuracy_state[]) as u returning 1`;
}

/** Parameters go as JSON text (PGlite serialises no jsonb[]) and are cast in SQL. */
function insertChronology(entries: NewChronologyEntry[]): SQL {
  const rows = entries.map(chronologyRow);
  const col = (f: (e: (typeof rows)[number]) => unknown) => sql.param(rows.map(f));
  return sql`insert into chronology_entry (organisation_id, subject_id, occurred_on, category, kind, code, params, summary, summary_code, ref_type, ref_id,
      recorded_by_user_id)
    select u.organisation_id, u.subject_id, u.occurred_on, u.category, u.kind, u.code, u.params::jsonb, u.summary, u.summary_code, u.ref_type, u.ref_id,
      u.recorded_by_user_id
    from guard, unnest(${col((e) => e.organisationId)}::uuid[], ${col((e) => e.subjectId)}::uuid[], ${col((e) => e.occurredOn)}::date[],
      ${col((e) => e.category)}::text[], ${col((e) => e.kind)}::text[], ${col((e) => e.code)}::text[], ${col((e) => JSON.stringify(e.params))}::text[],
      ${col((e) => e.summary)}::text[], ${col((e) => e.summaryCode)}::text[], ${col((e) => e.refType)}::text[], ${col((e) => e.refId)}::uuid[],
      ${col((e) => e.recordedByUserId)}::uuid[])
      as u(organisation_id, subject_id, occurred_on, category, kind, code, params, summary, summary_code, ref_type, ref_id, recorded_by_user_id)
    returning 1`;
}

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** JSON columns go as JSON text, arrays as arrays, everything else as a plain parameter. */
function sqlValue(column: string, value: unknown): SQL {
  if (value === undefined || value === null) return sql`null`;
  if (column === "record" || column === "findings") return sql`${JSON.stringify(value)}::jsonb`;
  if (column === "decidedByRoles") return sql`${sql.param(value)}::text[]`;
  return sql`${value}`;
}
