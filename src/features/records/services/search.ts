import { inArray, type SQL, sql } from "drizzle-orm";
import { snapshotOf } from "../../../platform/audit/events";
import { inTransaction } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import { today } from "../../../platform/dates/calendar";
import type { Db, Tx } from "../../../platform/db/client";
import { visibleTo } from "../../../platform/db/scope";
import { type FieldError, ValidationError } from "../../../platform/errors";
import { controlCharactersMessage, hasControlCharacters } from "../../../platform/text";
import { dateOfBirthProblem, nhsNumberProblem, normaliseNhsNumber, normaliseUpn, upnProblem } from "../domain/identifiers";
import { subjects } from "../schema";
import type { SubjectRow } from "./access";
import { assertWorksWithRecords } from "./access";
import { viewSubjects } from "./subjects";

/**
 * Finding a person in the organisation's records (issue 4 "Search"): by name (case- and
 * accent-insensitive, tolerant of small misspellings, aliases and previous names included), date of
 * birth, NHS number or UPN; the criteria given are all required to match. Only the actor's
 * organisation's subjects, a page at a time, and every result list is an audited read.
 *
 * Name matching is pg_trgm word similarity (`query <% search_name`) on the folded names of
 * migration 0004 (`safeshare_fold`: lower case, accents removed), served by the trigram GIN indexes
 * on subject (led by organisation_id) and subject_name. Word similarity compares the query with the
 * best-matching stretch of the name, so a surname alone, or a first name, still scores highly.
 */

export interface SearchCriteria {
  /** Any part of a name, an alias or a previous name. */
  q?: string;
  /** YYYY-MM-DD */
  dateOfBirth?: string;
  nhsNumber?: string;
  upn?: string;
}

export interface SearchPage {
  page: number;
  pageSize: number;
}

/**
 * How alike the query and a stretch of the name must be (pg_trgm word similarity, 0 to 1; the
 * extension's default is 0.6). 0.5 still finds one wrong or missing letter in a short surname
 * ("Smyth" for Smith scores 0.5) without flooding the results.
 */
const NAME_SIMILARITY_THRESHOLD = 0.5;
/**
 * How alike each word typed must be to a word of the name (the index condition). Lower than the
 * whole name's threshold, because a dropped letter costs a short word more: "Poell" scores 0.44
 * against Powell.
 */
const WORD_SIMILARITY_THRESHOLD = 0.4;
const MIN_NAME_LENGTH = 2;
const MAX_NAME_LENGTH = 200;

const blank = (value: string | undefined) => value === undefined || value.trim() === "";

/** Checks and normalises the criteria; every broken rule is a field error naming it, all at once. */
function parseSearchCriteria(raw: SearchCriteria, todayIso = today()): SearchCriteria {
  const errors: FieldError[] = [];
  const criteria: SearchCriteria = {};
  if (!blank(raw.q)) {
    const q = raw.q!.trim().replace(/\s+/g, " ");
    if (hasControlCharacters(q)) errors.push({ path: "/q", message: controlCharactersMessage("Name") });
    else if (q.length < MIN_NAME_LENGTH) errors.push({ path: "/q", message: `Enter at least ${MIN_NAME_LENGTH} letters of the name` });
    else if (q.length > MAX_NAME_LENGTH) errors.push({ path: "/q", message: `Name must be ${MAX_NAME_LENGTH} characters or fewer` });
    else criteria.q = q;
  }
  if (!blank(raw.dateOfBirth)) {
    const problem = dateOfBirthProblem(raw.dateOfBirth!, todayIso);
    if (problem) errors.push({ path: "/dateOfBirth", message: problem });
    else criteria.dateOfBirth = raw.dateOfBirth!.trim();
  }
  if (!blank(raw.nhsNumber)) {
    const problem = nhsNumberProblem(raw.nhsNumber!);
    if (problem) errors.push({ path: "/nhsNumber", message: problem });
    else criteria.nhsNumber = normaliseNhsNumber(raw.nhsNumber!);
  }
  if (!blank(raw.upn)) {
    const problem = upnProblem(raw.upn!);
    if (problem) errors.push({ path: "/upn", message: problem });
    else criteria.upn = normaliseUpn(raw.upn!);
  }
  if (errors.length) throw new ValidationError(errors);
  return criteria;
}

const isEmpty = (c: SearchCriteria) => !c.q && !c.dateOfBirth && !c.nhsNumber && !c.upn;

/** Which subjects may match at all (the actor's scope) and the identifiers given; for both halves of the name search. */
function subjectConditions(actor: Actor, c: SearchCriteria): SQL {
  const parts = [visibleTo(actor, subjects)];
  if (c.dateOfBirth) parts.push(sql`subject.date_of_birth = ${c.dateOfBirth}`);
  if (c.nhsNumber) parts.push(sql`subject.nhs_number = ${c.nhsNumber}`);
  if (c.upn) parts.push(sql`subject.upn = ${c.upn}`);
  return sql.join(parts, sql` and `);
}

interface Hit {
  id: string;
  total: number;
}

/**
 * One statement: the matching subject ids of the page, best first, with the total number of
 * matches (on every row, and on a single row of nulls when the page is past the end). With a name,
 * subjects matching by their own name and by an alias or previous name are merged, keeping each
 * subject's best score; equal scores in alphabetical order.
 */
function hitsQuery(actor: Actor, c: SearchCriteria, page: SearchPage): SQL {
  const offset = (page.page - 1) * page.pageSize;
  const scope = subjectConditions(actor, c);
  if (!c.q) {
    return sql`
      with matches as materialized (
        select subject.id, subject.family_name, subject.given_names from subject where ${scope}
      ), page as (
        select id, row_number() over (order by family_name, given_names, id) as rank
          from matches order by family_name, given_names, id limit ${page.pageSize} offset ${offset}
      )
      select page.id, (select count(*) from matches)::int as total from (select 1) one left join page on true order by page.rank`;
  }
  const words = c.q.split(" ");
  const q = sql`safeshare_fold(${c.q})`;
  // Every word typed must be near a word of the name: "Oliver Williams" finds the Oliver Williamses,
  // not every Williams (whose surname alone scores over the threshold), which is what a
  // practitioner means and, at a million people, a third of the work. The index serves each word;
  // the whole name must then be as alike as before.
  const allWords = (column: SQL) =>
    sql.join(
      [
        ...words.map((word) => sql`safeshare_fold(${word}) <% ${column}`),
        sql`word_similarity(${q}, ${column}) >= ${NAME_SIMILARITY_THRESHOLD}`,
      ],
      sql` and `,
    );
  // Word similarity finds (index-backed); strict word similarity ranks. Word similarity ignores the
  // letters a name has that the query lacks, so "Poppy Jonson" scores Poppy Jones above Poppy
  // Johnson and "Leo Pary" ties Parker with Parry; strict word similarity compares whole words both
  // ways and puts the spelling with fewest letters changed first.
  return sql`
    with hits as (
      select subject.id, subject.family_name, subject.given_names,
             word_similarity(${q}, subject.search_name) as score, strict_word_similarity(${q}, subject.search_name) as closeness
        from subject
       where ${scope} and ${allWords(sql`subject.search_name`)}
      union all
      select subject.id, subject.family_name, subject.given_names,
             word_similarity(${q}, n.search_name), strict_word_similarity(${q}, n.search_name)
        from subject_name n join subject on subject.id = n.subject_id
       where ${scope} and ${allWords(sql`n.search_name`)}
    ), matches as materialized (
      select id, family_name, given_names, max(score) as score, max(closeness) as closeness
        from hits group by id, family_name, given_names
    ), page as (
      select id, row_number() over (order by closeness desc, score desc, family_name, given_names, id) as rank
        from matches order by closeness desc, score desc, family_name, given_names, id limit ${page.pageSize} offset ${offset}
    )
    select page.id, (select count(*) from matches)::int as total from (select 1) one left join page on true order by page.rank`;
}

async function findPage(tx: Tx, actor: Actor, criteria: SearchCriteria, page: SearchPage): Promise<{ rows: SubjectRow[]; total: number }> {
  if (criteria.q) {
    // Transaction-local: the threshold the `<%` operator (and so the index scan) uses.
    await tx.execute(sql`select set_config('pg_trgm.word_similarity_threshold', ${String(WORD_SIMILARITY_THRESHOLD)}, true)`);
  }
  // Both drivers return `{ rows }`; drizzle's shared PgDatabase type cannot say so.
  const result = (await tx.execute(hitsQuery(actor, criteria, page))) as unknown as { rows: (Hit | { id: null; total: number })[] };
  const total = Number(result.rows[0]?.total ?? 0);
  const ids = result.rows.flatMap((r) => (r.id ? [r.id] : []));
  if (ids.length === 0) return { rows: [], total };
  // The ids came from the actor's organisation only; the rows are loaded by id, in rank order.
  const loaded = await tx.select().from(subjects).where(inArray(subjects.id, ids));
  const byId = new Map(loaded.map((s) => [s.id, s]));
  return { rows: ids.flatMap((id) => byId.get(id) ?? []), total };
}

/**
 * Searches the actor's organisation's subjects. With no criteria this is the plain alphabetical
 * list (`viewSubjects`). The result list is one audited read (`personal_data.viewed` on the
 * organisation, with the ids of the people shown, so each one's "who has viewed this record" lists
 * it); the audit never holds what was searched for.
 */
export async function searchSubjects(
  db: Db,
  actor: Actor,
  raw: SearchCriteria,
  page: SearchPage,
  view: string,
): Promise<{ rows: SubjectRow[]; total: number }> {
  assertWorksWithRecords(actor);
  const criteria = parseSearchCriteria(raw);
  if (isEmpty(criteria)) return viewSubjects(db, actor, page, view);
  return inTransaction(db, async (tx, audit) => {
    const found = await findPage(tx, actor, criteria, page);
    audit.record(snapshotOf(actor), {
      type: "personal_data.viewed",
      entity: { type: "organisation", id: actor.organisationId },
      details: { view, count: found.rows.length, subjectIds: found.rows.map((r) => r.id) },
    });
    return found;
  });
}
