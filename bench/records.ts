import { seedDemoPartnership } from "../src/demo/seed-demo";
import { insertSyntheticItems, seedSynthetic } from "../src/demo/synthetic/seed-synthetic";
import { CHRONOLOGY_PAGE_SIZE } from "../src/features/records/web/chronology";
import { createSession } from "../src/features/sign-in/services/sessions";
import { type Database, migrateDatabase, openDatabase } from "../src/platform/db/client";
import { findPostgresBin, freePort, startCluster } from "../test/support/postgres-cluster";
import { concurrentLatency, getBody, type Latency, pacedLatency, sequentialLatency } from "./lib/load";
import { round } from "./lib/measure";
import { launchUntil200, stopProcess } from "./lib/processes";
import { type BenchResult, ratioOf } from "./lib/result";
import { repoRoot } from "./startup";

/**
 * Records at scale (issue 4): `safeshare seed-synthetic` fills a throwaway PostgreSQL 15 with N
 * people and ~10 items each (each with its chronology entry), then a real `safeshare start`
 * process serves them and we measure over loopback, signed in as a practitioner of the
 * organisation holding the most records:
 *   - name search (GET /subjects?q=…, the page a practitioner uses): p95 with one person searching,
 *     across five kinds of query, and with 20 searching at once;
 *   - a child's chronology with 1,000 entries at 20 concurrent users (autocannon): the page
 *     (GET /subjects/{id}/chronology, MOJ timeline, the newest 50), its JSON, and the print view of
 *     all 1,000; p95 of the server's own time (Server-Timing) and of the client's.
 * Baseline, in the same run and the same way: GET /api/v1/health on the same server (HTTP, Node and
 * loopback with no database work), so ratio = how many times the cost of an empty request.
 */

export interface RecordsBenchOptions {
  subjects: number;
  itemsPerSubject: number;
  chronologyEntries: number;
  connections: number;
  seconds: number;
  log: (line: string) => void;
}

const GOALS = { searchP95Ms: 100, chronologyP95Ms: 50 };
/** Mean pause between one page arriving and a user asking for the next, in the paced run: a fast reader. */
const PACED_THINK_MS = 1000;
/** Production-like memory for a 24 GiB machine (durability is off in test clusters only to build faster). */
export const CLUSTER_SETTINGS = ["shared_buffers=4GB", "effective_cache_size=12GB", "work_mem=16MB", "maintenance_work_mem=1GB"];

interface Person {
  id: string;
  given_names: string;
  family_name: string;
  date_of_birth: string | null;
  nhs_number: string | null;
}

/** One letter dropped from the middle of the surname: the typo search must forgive. */
const misspell = (name: string) => (name.length > 4 ? name.slice(0, 2) + name.slice(3) : `${name}e`);
const q = (params: Record<string, string>) => `/subjects?${new URLSearchParams(params)}`;

interface Search {
  path: string;
  /** The person the search is for, who must be among the results (on the first page, unless broad). */
  personId: string;
  /** A surname alone matches many people: the person may be on a later page. */
  broad?: boolean;
}

/** Five kinds of search a practitioner makes, each for people who really are in the records. */
function searches(people: Person[]): Record<string, Search[]> {
  const each = (list: Person[], params: (p: Person) => Record<string, string>) => list.map((p) => ({ path: q(params(p)), personId: p.id }));
  return {
    fullName: each(people, (p) => ({ q: `${p.given_names} ${p.family_name}` })),
    surnameOnly: each(people, (p) => ({ q: p.family_name })).map((s) => ({ ...s, broad: true })),
    misspeltSurname: each(people, (p) => ({ q: `${p.given_names.split(" ")[0]} ${misspell(p.family_name)}` })),
    nameAndDateOfBirth: each(
      people.filter((p) => p.date_of_birth),
      (p) => {
        const [year, month, day] = p.date_of_birth!.split("-") as [string, string, string];
        return { q: p.family_name, "dateOfBirth-day": day, "dateOfBirth-month": month, "dateOfBirth-year": year };
      },
    ),
    nhsNumber: each(
      people.filter((p) => p.nhs_number),
      (p) => ({ nhsNumber: p.nhs_number! }),
    ),
  };
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * What a first page of results must show for the timing to count: the person themselves for a
 * precise search (date of birth, NHS number); for a name, someone of that name (there may be more
 * people called William Smith than fit on a page). A misspelt search types only the first given
 * name, so any "George … Wilson" will do: with a million people, page 1 may be all plain George Wilsons.
 */
function expectedOnPage(kind: string, search: Search, people: Person[]): RegExp {
  const person = people.find((p) => p.id === search.personId)!;
  const literal = (text: string) => new RegExp(escapeRegExp(text));
  if (kind === "surnameOnly") return literal(escapeHtml(person.family_name));
  if (kind === "fullName") return literal(escapeHtml(`${person.given_names} ${person.family_name}`));
  if (kind === "misspeltSurname") {
    const first = escapeHtml(person.given_names.split(" ")[0]!);
    return new RegExp(`${escapeRegExp(first)}[^<]* ${escapeRegExp(escapeHtml(person.family_name))}`);
  }
  return literal(`/subjects/${person.id}`);
}

interface Prepared {
  cookie: string;
  childId: string;
  people: Person[];
  organisationSubjects: number;
}

/**
 * The searcher, a practitioner (and safeguarding lead) at the council, which holds the most
 * records; 20 of its people to search for; and a child whose chronology is topped up to exactly
 * `chronologyEntries` entries. Idempotent, so it also works on a database built earlier.
 */
async function prepare(database: Database, chronologyEntries: number): Promise<Prepared> {
  const [searcher] = await database.query<{ id: string; organisation_id: string }>(
    "select id, organisation_id from app_user where email = 'joanna.kowalczyk@westshire.example'",
  );
  if (!searcher) throw new Error("the demo partnership is missing: build the database with safeshare seed-synthetic");
  const org = searcher.organisation_id;
  // One signed-in session for every client (sessions are touched at most once a minute, so
  // sharing one changes nothing measurable).
  const cookie = `safeshare_session=${await createSession(database.db, searcher.id, true)}`;
  const people = await database.query<Person>(
    `select id, given_names, family_name, date_of_birth::text, nhs_number from subject
      where organisation_id = $1 and kind in ('CHILD', 'PARENT_CARER') order by md5(id::text) limit 20`,
    [org],
  );
  const child = people.find((p) => p.date_of_birth)!;
  const [entries] = await database.query<{ n: number }>("select count(*)::int as n from chronology_entry where subject_id = $1", [
    child.id,
  ]);
  await insertSyntheticItems(database, [
    {
      subjectId: child.id,
      organisationId: org,
      items: Math.max(0, chronologyEntries - entries!.n),
      mainCategory: "social_care",
      earliest: child.date_of_birth!,
      recorder: searcher.id,
    },
  ]);
  await database.query("analyze record_item, chronology_entry");
  const [held] = await database.query<{ n: number }>("select count(*)::int as n from subject where organisation_id = $1", [org]);
  return { cookie, childId: child.id, people, organisationSubjects: held!.n };
}

async function tableSizes(database: Database) {
  return database.query<{ relation: string; rows: number; size: string }>(
    `select relname as relation, reltuples::bigint as rows, pg_size_pretty(pg_total_relation_size(oid)) as size
       from pg_class where relname in ('subject', 'subject_name', 'record_item', 'chronology_entry', 'audit_event') order by relname`,
  );
}

/** Starts `safeshare start` on the database and measures it over loopback. */
async function measure(url: string, prepared: Prepared, options: RecordsBenchOptions, scale: string, build: Record<string, unknown>) {
  const { log, connections, seconds } = options;
  const { cookie, childId, people } = prepared;
  const port = await freePort();
  const server = await launchUntil200(process.execPath, ["bin/safeshare.js", "start", "--no-demo"], {
    env: { ...process.env, DATABASE_URL: url, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn", SAFESHARE_SERVER_TIMING: "true" },
    cwd: repoRoot,
    readyUrl: `http://127.0.0.1:${port}/api/v1/health`,
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    const health = ["/api/v1/health"];
    log("records: one person searching (five kinds of query)");
    const kinds = searches(people);
    // Untimed check that every query finds what it should, so the timings are of real answers.
    for (const [kind, list] of Object.entries(kinds)) {
      for (const search of list) {
        const body = await getBody(base, search.path, cookie);
        if (!expectedOnPage(kind, search, people).test(body)) throw new Error(`${search.path} did not find what it was for`);
      }
    }
    const byKind: Record<string, Latency> = {};
    for (const [kind, list] of Object.entries(kinds)) {
      byKind[kind] = await sequentialLatency(
        base,
        list.map((s) => s.path),
        cookie,
        5,
      );
    }
    const allSearches = Object.values(kinds).flatMap((list) => list.map((s) => s.path));
    const searchOne = await sequentialLatency(base, allSearches, cookie, 3, 0);
    const healthOne = await sequentialLatency(base, health, cookie, 500, 50);
    log(`records: ${connections} people searching at once`);
    const searchMany = await concurrentLatency(base, allSearches, cookie, connections, seconds);
    const healthMany = await concurrentLatency(base, health, cookie, connections, seconds);
    log(`records: chronology with ${options.chronologyEntries} entries, ${connections} users at once`);
    const chronology = `/subjects/${childId}/chronology`;
    const print = `${chronology}/print`;
    const api = `/api/v1/subjects/${childId}/chronology`;
    // Untimed check that the pages timed are the whole chronology, a page at a time and in print.
    const n = options.chronologyEntries;
    const first = `Entries 1 to ${CHRONOLOGY_PAGE_SIZE} of ${n}`;
    if (!(await getBody(base, chronology, cookie)).includes(first)) throw new Error(`${chronology} does not show ${first}`);
    if (!(await getBody(base, print, cookie)).includes(`All categories. ${n} entries`)) throw new Error(`${print} is not all ${n}`);
    const chronologyPage = await concurrentLatency(base, [chronology], cookie, connections, seconds);
    // The same users at a brisk working pace: each opens the next page about a second after the last arrived.
    const chronologyPaced = await pacedLatency(base, chronology, cookie, connections, seconds, PACED_THINK_MS);
    const healthPaced = await pacedLatency(base, health[0]!, cookie, connections, seconds, PACED_THINK_MS);
    const chronologyApi = await concurrentLatency(base, [api], cookie, connections, seconds);
    const chronologyPrint = await concurrentLatency(base, [print], cookie, connections, seconds);
    const healthBaseline = (l: Latency, c: number) => ({
      name: `GET /api/v1/health p95, ${c} client${c > 1 ? "s" : ""}`,
      value: l.p95,
      unit: "ms",
    });
    return [
      {
        name: "records_search_p95",
        value: searchOne.p95,
        unit: "ms",
        baseline: healthBaseline(healthOne, 1),
        ratio: ratioOf(searchOne.p95, healthOne.p95),
        better: "lower",
        goal: { value: `< ${GOALS.searchP95Ms} ms`, met: searchOne.p95 < GOALS.searchP95Ms },
        notes: `GET /subjects?q=… (the search page, rendered, audited) by one practitioner, one request at a time, over ${scale}; queries: full name, surname only, misspelt surname, surname + date of birth, NHS number, for 20 people held by the organisation (${prepared.organisationSubjects} people). details.byKind gives each kind; details.concurrent the same mix with ${connections} people searching at once.`,
        details: { byKind, sequential: searchOne, concurrent: { connections, ...searchMany }, healthConcurrent: healthMany, build },
      },
      {
        name: "records_chronology_page_p95",
        value: chronologyPage.server!.p95,
        unit: "ms",
        baseline: { name: `GET /api/v1/health server time p95, ${connections} clients`, value: healthMany.server!.p95, unit: "ms" },
        ratio: ratioOf(chronologyPage.server!.p95, healthMany.server!.p95),
        better: "lower",
        goal: { value: `< ${GOALS.chronologyP95Ms} ms`, met: chronologyPage.server!.p95 < GOALS.chronologyP95Ms },
        notes: `GET /subjects/{id}/chronology for a child with ${n} entries: the page a practitioner opens (the newest ${CHRONOLOGY_PAGE_SIZE}, rendered and audited), ${connections} users at once with no pause between requests for ${seconds} s (autocannon, keep-alive), over ${scale}. value is the server's time (its Server-Timing header: request read to response ready); details.page.p95 is the same requests timed by the client over loopback, which adds the wait in the socket while the 2-core machine serves the other ${connections - 1}. details.api is the JSON of the same page, details.print the print view of all ${n} entries.`,
        details: { page: chronologyPage, api: chronologyApi, print: chronologyPrint, health: healthMany, connections },
      },
      {
        name: "records_chronology_page_paced_p95",
        value: chronologyPaced.server!.p95,
        unit: "ms",
        baseline: {
          name: `GET /api/v1/health server time p95, ${connections} users at the same pace`,
          value: healthPaced.server!.p95,
          unit: "ms",
        },
        ratio: ratioOf(chronologyPaced.server!.p95, healthPaced.server!.p95),
        better: "lower",
        goal: { value: `< ${GOALS.chronologyP95Ms} ms`, met: chronologyPaced.server!.p95 < GOALS.chronologyP95Ms },
        notes: `The same chronology page for ${connections} users at once, each on their own connection, at a working pace rather than back to back: each asks for the next page a random while (exponential, mean ${PACED_THINK_MS} ms) after the last arrived, so requests overlap as people's clicks do. value is the server's time (Server-Timing) p95; details.page is the client's. records_chronology_page_p95 is the saturated case, every user sending again the instant a page arrives.`,
        details: { page: chronologyPaced, health: healthPaced, users: connections, meanThinkMs: PACED_THINK_MS },
      },
    ].map((r) => ({ ...r, value: round(r.value, 2) }) as BenchResult);
  } finally {
    await stopProcess(server.child);
  }
}

/**
 * The records benchmark's database: the demo partnership and `subjects` synthetic people with
 * ~`itemsPerSubject` items each, as `safeshare seed-synthetic` builds it. Shared with the backup benchmark.
 */
export async function buildRecordsDatabase(
  database: Database,
  options: Pick<RecordsBenchOptions, "subjects" | "itemsPerSubject" | "log">,
  name: string,
): Promise<{ seconds: number; subjects: number; items: number }> {
  const { log } = options;
  await migrateDatabase(database);
  await seedDemoPartnership(database.db);
  log(`${name}: generating ${options.subjects} people with ~${options.itemsPerSubject} items each`);
  let lastLog = 0;
  const built = await seedSynthetic(database, {
    subjects: options.subjects,
    itemsPerSubject: options.itemsPerSubject,
    log: (line) => {
      if (performance.now() - lastLog < 30_000) return;
      log(`${name}: ${line}`);
      lastLog = performance.now();
    },
  });
  log(`${name}: built ${built.subjects} people and ${built.items} items in ${built.seconds} s`);
  return built;
}

export async function benchRecords(options: RecordsBenchOptions): Promise<BenchResult[]> {
  const { log } = options;
  const existing = process.env.BENCH_RECORDS_DATABASE_URL;
  if (existing) {
    // Measuring again on a database built earlier (seed-synthetic): building 10M items takes ~12 minutes.
    log("records: measuring on BENCH_RECORDS_DATABASE_URL (built earlier)");
    const database = await openDatabase({ url: existing });
    let prepared: Prepared;
    let build: Record<string, unknown>;
    try {
      await migrateDatabase(database);
      prepared = await prepare(database, options.chronologyEntries);
      build = { reused: true, tables: await tableSizes(database) };
    } finally {
      await database.close();
    }
    return measure(existing, prepared, options, "a database built earlier (see details.build.tables)", build);
  }
  const bin = findPostgresBin();
  if (!bin) throw new Error("PostgreSQL 15 binaries not found (set PG_BIN): the records benchmark needs initdb and pg_ctl");
  const cluster = await startCluster(bin, CLUSTER_SETTINGS);
  try {
    const database = await openDatabase({ url: cluster.url });
    let prepared: Prepared;
    let build: Record<string, unknown>;
    try {
      const built = await buildRecordsDatabase(database, options, "records");
      prepared = await prepare(database, options.chronologyEntries);
      build = { seconds: built.seconds, subjects: built.subjects, items: built.items, tables: await tableSizes(database) };
    } finally {
      await database.close();
    }
    return await measure(
      cluster.url,
      prepared,
      options,
      `${build.subjects} people, ${build.items} items (PostgreSQL 15, shared_buffers 4GB)`,
      build,
    );
  } finally {
    cluster.stop();
  }
}
