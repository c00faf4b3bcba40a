import type { OrganisationType } from "../../features/organisations-and-users/domain";
import { ITEM_CATEGORIES, SOURCE_METHODS } from "../../features/records/domain";
import { recordEvent } from "../../platform/audit/write";
import type { Database } from "../../platform/db/client";
import { NotPermittedError } from "../../platform/errors";
import type {} from "../audit-events";
import { type OrganisationChoice, PeopleGenerator, type SyntheticSubject } from "./people";
import { CLOSED_CASE_YEARS, ITEM_TEXTS, MAIN_CATEGORY, RECORDS_WEIGHT, SOURCE_NAMES } from "./words";

/**
 * `safeshare seed-synthetic`: fills a demo database with fictional people and record items, fast,
 * for benchmarks and load testing. Rows go in by bulk SQL (`unnest` of arrays, and items generated
 * server-side by `generate_series`), thousands per statement, never one ORM insert per row. Each
 * item also gets its chronology entry, exactly as `recordItem` writes it, so chronologies are real.
 */

export interface SyntheticOptions {
  subjects: number;
  /** Mean record items per person (default 10: a million people, ten million items). */
  itemsPerSubject?: number;
  seed?: number;
  /** People per statement. */
  batchSize?: number;
  /** Statements in flight at once (default 2, for a 2-core database server). */
  concurrency?: number;
  log?: (line: string) => void;
  today?: Date;
}

export interface SyntheticResult {
  subjects: number;
  otherNames: number;
  addresses: number;
  items: number;
  seconds: number;
}

/** Only into a demo partnership: synthetic people must never be mixed into real records. */
async function assertDemoPartnership(database: Database): Promise<void> {
  const [demo] = await database.query("select 1 from audit_event where type = 'partnership.demo_seeded' limit 1");
  if (!demo) {
    throw new NotPermittedError(
      "Synthetic data can only be added to a database holding the demo partnership (safeshare seed-demo), never to real records",
    );
  }
}

async function organisationChoices(
  database: Database,
): Promise<(OrganisationChoice & { recorder: string | null; type: OrganisationType })[]> {
  const rows = await database.query<{ id: string; type: OrganisationType; recorder: string | null }>(
    `select o.id, o.type,
            (select u.id from app_user u where u.organisation_id = o.id and u.roles && array['practitioner','safeguarding_lead']::role[]
              order by u.created_at limit 1) as recorder
       from organisation o order by o.created_at, o.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    weight: RECORDS_WEIGHT[r.type],
    isSchool: r.type === "school",
    closedCaseYears: CLOSED_CASE_YEARS[r.type],
    recorder: r.recorder,
    type: r.type,
  }));
}

async function insertSubjects(database: Database, batch: SyntheticSubject[], recorders: Map<string, string | null>): Promise<void> {
  const col = <T>(f: (s: SyntheticSubject) => T) => batch.map(f);
  await database.query(
    `insert into subject (id, organisation_id, kind, given_names, family_name, date_of_birth, expected_date, sex_gender, nhs_number, upn, phone,
                          created_by_user_id, case_closed_on, case_closed_by_user_id)
     select p.*, case when p.case_closed_on is not null then p.created_by_user_id end
       from unnest($1::uuid[], $2::uuid[], $3::text[]::subject_kind[], $4::text[], $5::text[], $6::date[], $7::date[], $8::text[], $9::text[],
                   $10::text[], $11::text[], $12::uuid[], $13::date[])
         as p(id, organisation_id, kind, given_names, family_name, date_of_birth, expected_date, sex_gender, nhs_number, upn, phone,
              created_by_user_id, case_closed_on)`,
    [
      col((s) => s.id),
      col((s) => s.organisationId),
      col((s) => s.kind),
      col((s) => s.givenNames),
      col((s) => s.familyName),
      col((s) => s.dateOfBirth),
      col((s) => s.expectedDate),
      col((s) => s.sexGender),
      col((s) => s.nhsNumber),
      col((s) => s.upn),
      col((s) => s.phone),
      col((s) => recorders.get(s.organisationId) ?? null),
      col((s) => s.caseClosedOn),
    ],
  );
  const names = batch.flatMap((s) => s.otherNames.map((n) => ({ subjectId: s.id, ...n })));
  if (names.length) {
    await database.query(
      `insert into subject_name (subject_id, kind, name) select * from unnest($1::uuid[], $2::text[]::subject_name_kind[], $3::text[])`,
      [names.map((n) => n.subjectId), names.map((n) => n.kind), names.map((n) => n.name)],
    );
  }
  await database.query(
    `insert into subject_address (subject_id, lines, postcode, protected) select * from unnest($1::uuid[], $2::text[], $3::text[], $4::boolean[])`,
    [col((s) => s.id), col((s) => s.address.lines), col((s) => s.address.postcode), col((s) => s.address.protected)],
  );
}

/** The item texts flattened category by category (six each), with whether each is an opinion. */
const TEXTS = ITEM_CATEGORIES.flatMap((c) => ITEM_TEXTS[c]);
const TEXTS_PER_CATEGORY = ITEM_TEXTS.education.length;
const KINDS = TEXTS.map((t) => (/\b(thinks|believes|worried|may be)\b/.test(t) ? "OPINION" : "FACT"));

/**
 * Record items and their chronology entries for a batch of people, generated by the server: for each
 * person `n` items, half in their organisation's main category, dated between their birth (or ten
 * years before the latest) and the latest date their record may carry (today, or when their case
 * closed or their part ended). Titles match `recordItem`'s ("Health: fact recorded").
 */
const ITEMS_SQL = `
  with people as (
    select subject_id, organisation_id, n, main_category, earliest, recorder, least(coalesce(latest, current_date), current_date) as latest
      from unnest($1::uuid[], $2::uuid[], $3::int[], $4::int[], $5::date[], $6::uuid[], $12::date[])
        as p(subject_id, organisation_id, n, main_category, earliest, recorder, latest)
  ), drawn as (
    select p.subject_id, p.organisation_id, p.recorder, gen_random_uuid() as id,
           case when random() < 0.5 then p.main_category else floor(random() * 7)::int end as c,
           floor(random() * ${TEXTS_PER_CATEGORY})::int as t,
           p.latest - floor(random() * greatest(1, least(3650, p.latest - p.earliest)))::int as event_date,
           random() as r
      from people p cross join lateral generate_series(1, p.n)
  ), items as (
    insert into record_item (id, lineage_id, organisation_id, subject_id, category, kind, text, event_date, source_name,
                             source_method, source_obtained_on, historical, special_category, criminal_offence,
                             recorded_by_user_id, recorded_at)
    select id, id, organisation_id, subject_id, ($7::text[])[c + 1]::item_category,
           ($9::text[])[c * ${TEXTS_PER_CATEGORY} + t + 1]::record_item_kind, ($8::text[])[c * ${TEXTS_PER_CATEGORY} + t + 1],
           event_date, ($10::text[])[1 + floor(r * 1000)::int % cardinality($10::text[])],
           ($11::text[])[1 + floor(r * 10000)::int % cardinality($11::text[])]::source_method,
           least(current_date, event_date + floor(r * 4)::int),
           event_date < current_date - 1095 and r < 0.5,
           ($7::text[])[c + 1] = 'health' or r > 0.95,
           ($7::text[])[c + 1] = 'police' and r < 0.6,
           recorder, event_date + time '09:00' + (r * interval '9 hours')
      from drawn
    returning id, organisation_id, subject_id, category, kind, text, event_date, recorded_by_user_id, recorded_at
  )
  insert into chronology_entry (organisation_id, subject_id, occurred_on, category, kind, code, params, summary, ref_type, ref_id,
                                recorded_by_user_id, recorded_at)
  select organisation_id, subject_id, event_date, category::text, 'ITEM_RECORDED',
         'chronology.itemRecorded', jsonb_build_object('category', category::text, 'kind', kind::text),
         text, 'record_item', id, recorded_by_user_id, recorded_at
    from items`;

export interface ItemBatch {
  subjectId: string;
  organisationId: string;
  items: number;
  mainCategory: string;
  /** Earliest event date for this person. */
  earliest: string;
  /** Latest event date for this person (default today). */
  latest?: string;
  recorder: string | null;
}

/** Bulk-inserts synthetic items (and chronology entries) for these people; also used by the benchmark. */
export async function insertSyntheticItems(database: Database, batch: ItemBatch[]): Promise<void> {
  const people = batch.filter((b) => b.items > 0);
  if (!people.length) return;
  await database.query(ITEMS_SQL, [
    people.map((b) => b.subjectId),
    people.map((b) => b.organisationId),
    people.map((b) => b.items),
    people.map((b) => ITEM_CATEGORIES.indexOf(b.mainCategory as never)),
    people.map((b) => b.earliest),
    people.map((b) => b.recorder),
    [...ITEM_CATEGORIES],
    TEXTS,
    KINDS,
    [...SOURCE_NAMES],
    [...SOURCE_METHODS],
    people.map((b) => b.latest ?? null),
  ]);
}

const isoDaysFrom = (date: Date | string, days: number) =>
  new Date(new Date(date).getTime() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The earliest an event in this person's record may be: birth, ten years before their latest entry,
 * or (unborn) about when the pregnancy became known.
 */
const earliestFor = (s: SyntheticSubject): string => {
  if (s.expectedDate) return isoDaysFrom(s.expectedDate, -250);
  const tenYearsBefore = isoDaysFrom(s.latestEntryOn, -3650);
  return s.dateOfBirth && s.dateOfBirth > tenYearsBefore ? s.dateOfBirth : tenYearsBefore;
};

export async function seedSynthetic(database: Database, options: SyntheticOptions): Promise<SyntheticResult> {
  const started = performance.now();
  const today = options.today ?? new Date();
  const batchSize = options.batchSize ?? 10_000;
  await assertDemoPartnership(database);
  const organisations = await organisationChoices(database);
  const recorders = new Map(organisations.map((o) => [o.id, o.recorder]));
  const mainCategory = new Map(organisations.map((o) => [o.id, MAIN_CATEGORY[o.type]]));
  const people = new PeopleGenerator(options.seed ?? 1, organisations, options.itemsPerSubject ?? 10, today);
  const result: SyntheticResult = { subjects: 0, otherNames: 0, addresses: 0, items: 0, seconds: 0 };
  const insertBatch = async (batch: SyntheticSubject[]) => {
    await insertSubjects(database, batch, recorders);
    await insertSyntheticItems(
      database,
      batch.map((s) => ({
        subjectId: s.id,
        organisationId: s.organisationId,
        items: s.items,
        mainCategory: mainCategory.get(s.organisationId)!,
        earliest: earliestFor(s),
        latest: s.latestEntryOn,
        recorder: recorders.get(s.organisationId) ?? null,
      })),
    );
    result.subjects += batch.length;
    result.addresses += batch.length;
    result.otherNames += batch.reduce((n, s) => n + s.otherNames.length, 0);
    result.items += batch.reduce((n, s) => n + s.items, 0);
    options.log?.(`${result.subjects} people, ${result.items} items`);
  };
  // Each statement keeps one server process busy: run as many at once as there are cores to use
  // (PGlite has one connection and simply queues them).
  const inFlight = new Set<Promise<void>>();
  let generated = 0;
  let failure: unknown;
  while (generated < options.subjects && failure === undefined) {
    const batch = Array.from({ length: Math.min(batchSize, options.subjects - generated) }, () => people.next());
    generated += batch.length;
    const running: Promise<void> = insertBatch(batch)
      .catch((error: unknown) => {
        failure ??= error;
      })
      .finally(() => inFlight.delete(running));
    inFlight.add(running);
    if (inFlight.size >= (options.concurrency ?? 2)) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);
  if (failure !== undefined) throw failure;
  // Fresh statistics, so the planner uses the search and chronology indexes at the new size.
  await database.query("analyze subject, subject_name, subject_address, record_item, chronology_entry");
  result.seconds = Number(((performance.now() - started) / 1000).toFixed(1));
  await recordEvent(
    database.db,
    { kind: "system", name: "safeshare seed-synthetic" },
    {
      type: "partnership.synthetic_seeded",
      details: { subjects: result.subjects, items: result.items },
    },
  );
  return result;
}
