import { and, asc, eq, isNull, type SQL, sql } from "drizzle-orm";
import { snapshotOf } from "../../../platform/audit/events";
import { inTransaction } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import { hasAnyRole, type Role } from "../../../platform/auth/roles";
import { today } from "../../../platform/dates/calendar";
import type { Db, Queryable } from "../../../platform/db/client";
import { NotPermittedError } from "../../../platform/errors";
import type { SubjectKind } from "../../records/domain";
import { subjects } from "../../records/schema";
import { fileReference } from "../domain/certificate";
import { dueOn, latestTriggerDueBy, queueEndsOn } from "../domain/due";
import type { ActiveHold } from "../domain/holds";
import { kindsOf, type RetentionCategory, type RetentionRule, type RetentionTrigger } from "../domain/schedule";
import { disposalBatches, disposalBatchFiles, retentionKeeps } from "../schema";
import { dueCopiesPage, type QueueCopy } from "./copies";
import { activeHoldsOver, holdsByFile } from "./hold-coverage";
import { scheduleOf } from "./schedule";

/** Who works the review queue and proposes and approves disposals: the organisation's IG leads. */
const REVIEWING_ROLES: readonly Role[] = ["ig_lead"];

export function assertReviews(actor: Actor): void {
  if (!hasAnyRole(actor.roles, REVIEWING_ROLES))
    throw new NotPermittedError("Only the organisation's IG leads review retention and dispose of records");
}

/** The date a file's period runs from, by the rule's trigger: a column the review queue's indexes lead with. */
export function triggerDate(trigger: RetentionTrigger): SQL<string | null> {
  switch (trigger) {
    case "DATE_OF_BIRTH":
      // A child whose date of birth is not known is reviewed from their file's last entry instead.
      return sql`coalesce(${subjects.dateOfBirth}, ${subjects.lastEntryOn})`;
    case "CASE_CLOSURE":
      return sql`${subjects.caseClosedOn}`;
    case "LAST_ENTRY":
    // A file's rule never runs from a receipt (triggersFor); were one stored, its files run from their last entry.
    case "DISCLOSURE_RECEIPT":
      return sql`coalesce(${subjects.lastEntryOn}, (${subjects.createdAt} at time zone 'Europe/London')::date)`;
  }
}

/**
 * The trigger date is on or before `latest`: the very expression `triggerDate` orders by, which the
 * partial indexes of migration 0028 hold for children's and for other people's files, so the page reads
 * its first entries in due order and the count only the due ones.
 */
const triggeredBy = (trigger: RetentionTrigger, latest: string): SQL => sql`${triggerDate(trigger)} <= ${latest}`;

/**
 * The kinds a file's category covers, written into the statement as constants (they come from code,
 * never from a request) so that PostgreSQL matches the indexes' `kind in (…)` with any plan, generic
 * or not.
 */
const ofKinds = (kinds: readonly SubjectKind[]): SQL => sql`${subjects.kind} in (${sql.raw(kinds.map((k) => `'${k}'`).join(", "))})`;

/**
 * An organisation's files that a rule makes due by `endsOn` (overdue ones too): not yet disposed of,
 * and not kept at an earlier review beyond it. None when the organisation holds no files of the rule's
 * category. The one definition of "due", for the queue and for proposing and carrying out a disposal.
 */
export function dueUnder(organisationId: string, type: Parameters<typeof kindsOf>[0], rule: RetentionRule, endsOn: string): SQL | null {
  const kinds = kindsOf(type, rule.category);
  if (!kinds.length) return null;
  return and(
    eq(subjects.organisationId, organisationId),
    isNull(subjects.disposedAt),
    // A list, not an enum array parameter: PGlite learns array types when it opens, before the migrations
    // that create subject_kind on a new database, and would send the array as "CHILD,UNBORN_CHILD".
    ofKinds(kinds),
    triggeredBy(rule.trigger, latestTriggerDueBy(rule, endsOn)),
    sql`not exists (select 1 from ${retentionKeeps} where ${retentionKeeps.organisationId} = ${organisationId}
          and ${retentionKeeps.subjectId} = ${subjects.id} and ${retentionKeeps.keepUntil} > ${endsOn})`,
  ) as SQL;
}

export interface QueueFile {
  subjectId: string;
  reference: string;
  name: string;
  kind: SubjectKind;
  /** The date the period ran from, and the day it ends (ISO dates). */
  triggerDate: string | null;
  dueOn: string | null;
  heldBy: { id: string; name: string }[];
  /** The disposal batch already proposing it, if any. */
  proposedIn: { id: string; reference: number } | null;
}

export interface QueueGroup {
  rule: RetentionRule;
  total: number;
  /** A person's files due under the rule; for the rule for copies, none. */
  files: QueueFile[];
  /** Copies of shared information due; for every other rule, none. */
  copies: QueueCopy[];
}

export interface ReviewQueue {
  /** The last day of the month the queue covers. */
  endsOn: string;
  groups: QueueGroup[];
}

/**
 * The outer query's subject id, written out in full: drizzle writes a single-table select's columns
 * unqualified, and inside a subquery a bare "id" would be the subquery's own table's.
 */
const outerSubjectId = sql`${sql.identifier("subject")}.${sql.identifier("id")}`;

async function dueFilesPage(
  q: Queryable,
  organisationId: string,
  due: SQL,
  rule: RetentionRule,
  holds: readonly ActiveHold[],
  page: { page: number; pageSize: number },
): Promise<QueueGroup> {
  const when = triggerDate(rule.trigger);
  const [{ total = 0 } = {}] = await q.select({ total: sql<number>`count(*)::int` }).from(subjects).where(due);
  const rows = total
    ? await q
        .select({
          subjectId: subjects.id,
          givenNames: subjects.givenNames,
          familyName: subjects.familyName,
          kind: subjects.kind,
          triggerDate: when,
          proposedIn: sql<
            string | null
          >`(select ${disposalBatches.id}::text || ' ' || ${disposalBatches.reference} from ${disposalBatchFiles}
              join ${disposalBatches} on ${disposalBatches.id} = ${disposalBatchFiles.batchId}
              where ${disposalBatchFiles.subjectId} = ${outerSubjectId} and ${disposalBatches.status} = 'PROPOSED' limit 1)`,
        })
        .from(subjects)
        .where(due)
        .orderBy(asc(when), asc(subjects.id))
        .limit(page.pageSize)
        .offset((page.page - 1) * page.pageSize)
    : [];
  const held = holdsByFile(
    holds,
    rows.map((r) => ({ id: r.subjectId, organisationId, subjectId: r.subjectId, category: rule.category })),
  );
  return {
    rule,
    total,
    copies: [],
    files: rows.map((r) => {
      const [batchId, reference] = r.proposedIn?.split(" ") ?? [];
      return {
        subjectId: r.subjectId,
        reference: fileReference(r.subjectId),
        name: `${r.givenNames} ${r.familyName}`,
        kind: r.kind,
        triggerDate: r.triggerDate,
        dueOn: r.triggerDate ? dueOn(r.triggerDate, rule.periodMonths) : null,
        heldBy: (held.get(r.subjectId) ?? []).map((h) => ({ id: h.id, name: h.name })),
        proposedIn: batchId ? { id: batchId, reference: Number(reference) } : null,
      };
    }),
  };
}

/**
 * The review queue (issue 21): the organisation's files that reach the end of their retention period
 * by the end of this month, or passed it unreviewed, grouped by the rule that governs them. Computed
 * from the records each time, never a nightly copy. The names shown are an audited read.
 */
export async function viewReviewQueue(
  db: Db,
  actor: Actor,
  options: { category?: RetentionCategory; page: number; pageSize: number; on?: string },
  view: string,
): Promise<ReviewQueue> {
  assertReviews(actor);
  const endsOn = queueEndsOn(options.on ?? today());
  return inTransaction(db, async (tx, audit) => {
    const { type, rules } = await scheduleOf(tx, actor.organisationId);
    const holds = await activeHoldsOver(tx, actor.organisationId);
    const groups: QueueGroup[] = [];
    for (const rule of rules) {
      if (options.category && rule.category !== options.category) continue;
      if (rule.category === "DISCLOSED_COPY") {
        groups.push({ rule, files: [], ...(await dueCopiesPage(tx, actor.organisationId, rule, endsOn, holds, options)) });
        continue;
      }
      const due = dueUnder(actor.organisationId, type, rule, endsOn);
      if (due) groups.push(await dueFilesPage(tx, actor.organisationId, due, rule, holds, options));
    }
    const shown = groups.flatMap((g) => g.files.map((f) => f.subjectId));
    const copies = groups.reduce((n, g) => n + g.copies.length, 0);
    if (shown.length + copies) {
      // Copies name people as their senders did: counted in the read, which names the organisation's own files.
      audit.record(snapshotOf(actor), {
        type: "personal_data.viewed",
        entity: { type: "organisation", id: actor.organisationId },
        details: { view, count: shown.length + copies, subjectIds: shown },
      });
    }
    return { endsOn, groups };
  });
}
