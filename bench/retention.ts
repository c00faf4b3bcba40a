import { randomUUID } from "node:crypto";
import pg from "pg";
import { categoriesHeldBy, type RetentionCategory } from "../src/features/retention/domain/schedule";
import { type Database, migrateDatabase, openDatabase } from "../src/platform/db/client";
import { findPostgresBin, freePort, startCluster } from "../test/support/postgres-cluster";
import { getBody, type Latency, sequentialLatency } from "./lib/load";
import { round } from "./lib/measure";
import { launchUntil200, stopProcess } from "./lib/processes";
import { type BenchResult, ratioOf } from "./lib/result";
import { buildRecordsDatabase, CLUSTER_SETTINGS } from "./records";
import { signIn } from "./sharing";
import { repoRoot } from "./startup";

/**
 * Retention at scale (issue 21, "Measure"), on the records benchmark's database (1M people, 10M items,
 * built by `safeshare seed-synthetic`, whose children's cases at the council and early help close over
 * the years and whose adults' last entries go years back, so thousands of files are due), through a
 * real `safeshare start` over loopback, signed in as the council's IG lead (the largest organisation):
 *   - the review queue: p95 of its page (GET /retention/review) and of its JSON, every group's first page
 *     (GET /api/v1/retention/review-queue; each category alone in details), one request at a time;
 *   - disposal: files due in the council's queue whose items add up to 10,000, proposed as one batch
 *     (POST /api/v1/retention/disposals) by the IG lead and approved by a second IG lead
 *     (POST /api/v1/retention/disposals/{id}/approval), which runs it: the approval is timed.
 * Baselines, in the same run: GET /api/v1/health p95 on the same server and client (the cost of an
 * empty request), and one raw `pg` transaction leaving the same end state in another, alike set of due
 * files with 10,000 items (the floor for those writes, without the service around them).
 * Disposal is for good: every run takes files not yet disposed of, so the database is used up slowly
 * (about 20,000 of its due items a run; the disposal's details.dueFilesLeft says how many files remain).
 */

export interface RetentionBenchOptions {
  /** For building a database when BENCH_RECORDS_DATABASE_URL is not set. */
  subjects: number;
  itemsPerSubject: number;
  /** Timed requests per path for the queue (after two untimed). */
  queueRounds: number;
  /** Record items in the disposal batch, and in the baseline's set. */
  disposalItems: number;
  log: (line: string) => void;
}

const GOALS = { queueP95Ms: 200, disposalSeconds: 30 };
/** The council's IG lead in the demo partnership (src/demo/seed-demo.ts): proposes the batch. */
const PROPOSER_EMAIL = "dafydd.pryce@westshire.example";
/** The second IG lead the approval needs (RET-SECOND-PERSON): the demo's council has one, so the benchmark adds her. */
const APPROVER = { email: "bench.approver@westshire.example", name: "Gwenllian Rees" };
/** The queue's first page as an IG lead opens it; and the largest page the API gives, for choosing the files to dispose of. */
const PAGE_SIZE = 50;
const GATHER_PAGE_SIZE = 200;
/**
 * The server's time limits are raised for the run so that a disposal slower than the defaults (a
 * statement 30 s, a request 60 s) is measured rather than cut off; details say whether it would have been.
 */
const TIMEOUTS_MS = { statement: 900_000, request: 900_000 };
const DEFAULT_TIMEOUTS_MS = { statement: 30_000, request: 60_000 };

interface QueueFile {
  subjectId: string;
  reference: string;
  name: string;
  dueOn: string | null;
  heldBy: { id: string; name: string }[];
  proposedIn: { id: string; reference: number } | null;
}

interface QueueGroup {
  rule: { category: RetentionCategory; trigger: string; periodMonths: number; action: string };
  total: number;
  files: QueueFile[];
}

interface Queue {
  endsOn: string;
  groups: QueueGroup[];
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

interface Prepared {
  proposerId: string;
  approverId: string;
  organisationId: string;
  organisationSubjects: number;
}

/** The council's IG lead, and a second IG lead there to approve (added once, idempotently). */
async function prepare(database: Database): Promise<Prepared> {
  const [proposer] = await database.query<{ id: string; organisation_id: string }>(
    "select id, organisation_id from app_user where lower(email) = $1 and 'ig_lead' = any(roles)",
    [PROPOSER_EMAIL],
  );
  if (!proposer) throw new Error("the demo partnership is missing: build the database with safeshare seed-synthetic");
  await database.query(
    `insert into app_user (organisation_id, email, name, roles) values ($1, $2, $3, array['ig_lead']::role[])
     on conflict do nothing`,
    [proposer.organisation_id, APPROVER.email, APPROVER.name],
  );
  const [approver] = await database.query<{ id: string }>("select id from app_user where lower(email) = $1", [APPROVER.email]);
  const [held] = await database.query<{ n: number }>("select count(*)::int as n from subject where organisation_id = $1", [
    proposer.organisation_id,
  ]);
  return { proposerId: proposer.id, approverId: approver!.id, organisationId: proposer.organisation_id, organisationSubjects: held!.n };
}

async function tableSizes(database: Database) {
  return database.query<{ relation: string; rows: number; size: string }>(
    `select relname as relation, reltuples::bigint as rows, pg_size_pretty(pg_total_relation_size(oid)) as size
       from pg_class where relname in ('subject', 'record_item', 'chronology_entry', 'disposal_batch', 'disposal_batch_file') order by relname`,
  );
}

interface Client {
  cookie: string;
  csrfToken: string;
}

const queuePath = (category: RetentionCategory, page = 1, pageSize = PAGE_SIZE) =>
  `/api/v1/retention/review-queue?${new URLSearchParams({ category, page: String(page), pageSize: String(pageSize) })}`;

async function getJson<T>(base: string, path: string, client: Client): Promise<T> {
  return JSON.parse(await getBody(base, path, client.cookie)) as T;
}

async function post(base: string, path: string, client: Client, body?: unknown): Promise<{ status: number; json: unknown; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${base}${path}`, {
    method: "POST",
    headers: {
      cookie: client.cookie,
      "x-csrf-token": client.csrfToken,
      "idempotency-key": randomUUID(),
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const ms = performance.now() - started;
  let json: unknown = text;
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: response.status, json, ms };
}

/** The council's due files of one category, in the queue's order, page by page until `enough` items are covered (or none are left). */
async function dueFiles(base: string, client: Client, category: RetentionCategory, pg_: pg.Client, enough: number) {
  const files: { subjectId: string; items: number }[] = [];
  let items = 0;
  let total = 0;
  for (let page = 1; items < enough; page++) {
    const queue = await getJson<Queue>(base, queuePath(category, page, GATHER_PAGE_SIZE), client);
    const group = queue.groups.find((g) => g.rule.category === category);
    total = group?.total ?? 0;
    if (!group?.files.length) break;
    const counts = await pg_.query<{ subject_id: string; n: number }>(
      `select subject_id, count(*)::int as n from record_item where subject_id = any($1::uuid[]) and erased_at is null group by subject_id`,
      [group.files.map((f) => f.subjectId)],
    );
    const n = new Map(counts.rows.map((r) => [r.subject_id, r.n]));
    for (const f of group.files) {
      const count = n.get(f.subjectId) ?? 0;
      // A held file cannot be disposed of, nor one an earlier, unfinished run already proposed.
      if (count === 0 || f.heldBy.length || f.proposedIn) continue;
      files.push({ subjectId: f.subjectId, items: count });
      items += count;
    }
    if (page * GATHER_PAGE_SIZE >= total) break;
  }
  return { files, total };
}

/**
 * Two sets of files of `target` items each (exactly, where the counts allow), alike: the files in the
 * queue's order go to whichever set has fewer items so far, so both get the same mix of small and large
 * files (the oldest due files tend to be small ones: a few entries long ago).
 */
function twoSets(pool: { subjectId: string; items: number }[], target: number) {
  const sets = [
    { subjectIds: [] as string[], items: 0 },
    { subjectIds: [] as string[], items: 0 },
  ];
  for (const file of pool) {
    const [fewer, more] = sets[0]!.items <= sets[1]!.items ? [sets[0]!, sets[1]!] : [sets[1]!, sets[0]!];
    const into = fewer.items + file.items <= target ? fewer : more.items + file.items <= target ? more : undefined;
    if (!into) continue;
    into.subjectIds.push(file.subjectId);
    into.items += file.items;
    if (sets.every((set) => set.items === target)) break;
  }
  return sets as [(typeof sets)[0], (typeof sets)[0]];
}

/**
 * The baseline: what disposing of these files leaves, written as one raw transaction through `pg` and
 * nothing else: every version of every item erased (text, dispute note, correction reason, erased_at),
 * the files' chronology entries deleted, their concerns' words erased, the person's other names,
 * addresses, links and review decisions deleted, and the person's row made a tombstone. The same end
 * state as the service's disposal (services/dispose-files.ts), by the shortest way there.
 */
async function rawDisposal(client: pg.Client, organisationId: string, subjectIds: string[]) {
  const started = performance.now();
  const run = (text: string, params: unknown[] = [organisationId, subjectIds]) => client.query(text, params);
  await client.query("begin");
  try {
    const items = await run(
      `update record_item set text = '[erased]', erased_at = now(),
              dispute_note = case when dispute_note is null then null else '[erased]' end,
              correction_reason = case when correction_reason is null then null else '[erased]' end
        where organisation_id = $1 and subject_id = any($2::uuid[]) and erased_at is null`,
    );
    const entries = await run("delete from chronology_entry where organisation_id = $1 and subject_id = any($2::uuid[])");
    await run(
      `update concern set description = '[erased]', follow_up_action = case when follow_up_action is null then null else '[erased]' end,
              outcome = case when outcome is null then null else '[erased]' end
        where organisation_id = $1 and subject_id = any($2::uuid[])`,
    );
    await run("delete from subject_name where subject_id = any($1::uuid[])", [subjectIds]);
    await run("delete from subject_address where subject_id = any($1::uuid[])", [subjectIds]);
    await run(
      "delete from subject_link where organisation_id = $1 and (from_subject_id = any($2::uuid[]) or to_subject_id = any($2::uuid[]))",
    );
    await run("delete from retention_keep where organisation_id = $1 and subject_id = any($2::uuid[])");
    await run(
      `update subject set given_names = 'Disposed record', family_name = 'F-' || upper(left(id::text, 8)), date_of_birth = null,
              expected_date = null, sex_gender = null, nhs_number = null, upn = null, phone = null, email = null,
              identity_protected = false, disposed_at = now(), updated_at = now()
        where organisation_id = $1 and id = any($2::uuid[])`,
    );
    await client.query("commit");
    return { seconds: (performance.now() - started) / 1000, items: items.rowCount ?? 0, entries: entries.rowCount ?? 0 };
  } catch (error) {
    await client.query("rollback");
    throw error;
  }
}

/** Starts `safeshare start` on the database and measures the queue, then one disposal, over loopback. */
async function measure(url: string, prepared: Prepared, options: RetentionBenchOptions, build: Record<string, unknown>) {
  const { log, queueRounds, disposalItems } = options;
  const port = await freePort();
  const server = await launchUntil200(process.execPath, ["bin/safeshare.js", "start", "--no-demo"], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      SAFESHARE_SERVER_TIMING: "true",
      SAFESHARE_DB_STATEMENT_TIMEOUT_MS: String(TIMEOUTS_MS.statement),
      SAFESHARE_REQUEST_TIMEOUT_MS: String(TIMEOUTS_MS.request),
    },
    cwd: repoRoot,
    readyUrl: `http://127.0.0.1:${port}/api/v1/health`,
  });
  const raw = new pg.Client({ connectionString: url });
  await raw.connect();
  try {
    const base = `http://127.0.0.1:${port}`;
    const proposer = await signIn(url, base, prepared.proposerId);
    const approver = await signIn(url, base, prepared.approverId);
    // The council's categories of people's files (copies of what others shared are a category of their own, with no files).
    const categories = categoriesHeldBy("childrens_social_care").filter((c) => c !== "DISCLOSED_COPY");

    log("retention: the council's review queue, one request at a time");
    // Untimed check that the queue has files to review in every category timed, and that the page shows them.
    const firstPages: Record<string, { total: number; firstDueOn: string | null }> = {};
    for (const category of categories) {
      const queue = await getJson<Queue>(base, queuePath(category), proposer);
      const group = queue.groups.find((g) => g.rule.category === category);
      if (!group?.files.length)
        throw new Error(`the council's queue has no ${category} files due: build the database with this seed-synthetic`);
      firstPages[category] = { total: group.total, firstDueOn: group.files[0]!.dueOn };
    }
    const page = "/retention/review";
    const pageStatus = (await fetch(`${base}${page}`, { headers: { cookie: proposer.cookie } })).status;
    if (pageStatus !== 200 && pageStatus !== 404) throw new Error(`GET ${page} answered ${pageStatus}`);
    const pageShown = pageStatus === 200;
    if (pageShown) {
      const pageBody = await getBody(base, page, proposer.cookie);
      const first = (await getJson<Queue>(base, queuePath(categories[0]!), proposer)).groups[0]!.files[0]!;
      if (!pageBody.includes(first.reference) && !pageBody.includes(escapeHtml(first.name)))
        throw new Error(`${page} does not show the first file due (${first.reference})`);
    } else log(`retention: ${page} is not served yet (404): timing the JSON only`);
    // The JSON as a client first asks for it (every group's first page), and each category's alone, to see which costs what.
    const api = `/api/v1/retention/review-queue?page=1&pageSize=${PAGE_SIZE}`;
    const byPath: Record<string, Latency> = {};
    for (const path of [...(pageShown ? [page] : []), api, ...categories.map((c) => queuePath(c))])
      byPath[path] = await sequentialLatency(base, [path], proposer.cookie, queueRounds, 2);
    const health = await sequentialLatency(base, ["/api/v1/health"], proposer.cookie, 500, 50);
    const queueP95 = Math.max(byPath[page]?.p95 ?? 0, byPath[api]!.p95);

    log(`retention: choosing due files with ${disposalItems} items, twice (the batch and the baseline's)`);
    // The category with the most due files gives both sets, so they are alike; the other one if it runs short.
    const ordered = [...categories].sort((a, b) => firstPages[b]!.total - firstPages[a]!.total);
    let category = ordered[0]!;
    let pool = await dueFiles(base, proposer, category, raw, 2 * disposalItems);
    if (pool.files.reduce((n, f) => n + f.items, 0) < 2 * disposalItems && ordered[1]) {
      category = ordered[1];
      pool = await dueFiles(base, proposer, category, raw, 2 * disposalItems);
    }
    const [batch, similar] = twoSets(pool.files, disposalItems);
    if (batch.items < disposalItems * 0.99 || similar.items < disposalItems * 0.99)
      throw new Error(`not enough ${category} files due at the council for two sets of ${disposalItems} items: rebuild the database`);

    log(`retention: proposing ${batch.subjectIds.length} ${category} files (${batch.items} items) for disposal`);
    const proposed = await post(base, "/api/v1/retention/disposals", proposer, {
      category,
      action: "DESTROY",
      reason: "Benchmark: past the retention period and reviewed; nothing requires them to be kept",
      subjectIds: batch.subjectIds,
    });
    const batchId = (proposed.json as { id?: string }).id;
    if (proposed.status !== 201 || !batchId)
      throw new Error(`proposing the batch answered ${proposed.status}: ${JSON.stringify(proposed.json)}`);

    log("retention: the second IG lead approves it (timed)");
    const approved = await post(base, `/api/v1/retention/disposals/${batchId}/approval`, approver);
    const answer = approved.json as { certificate?: Record<string, unknown>; certificateHash?: string };
    if (approved.status !== 200 || !answer.certificate || !answer.certificateHash)
      throw new Error(`approving the batch answered ${approved.status}: ${JSON.stringify(approved.json).slice(0, 2000)}`);
    const [left] = (
      await raw.query<{ items: number; erased: number }>(
        `select count(*) filter (where erased_at is null)::int as items, count(*) filter (where text = '[erased]')::int as erased
           from record_item where subject_id = any($1::uuid[])`,
        [batch.subjectIds],
      )
    ).rows;
    if (left!.items !== 0) throw new Error(`${left!.items} items of the approved batch were not erased`);
    const disposalSeconds = approved.ms / 1000;

    log(`retention: raw pg transaction over another ${similar.subjectIds.length} files (${similar.items} items), the baseline`);
    const baseline = await rawDisposal(raw, prepared.organisationId, similar.subjectIds);
    if (baseline.items < similar.items) throw new Error(`the baseline erased ${baseline.items} items, not ${similar.items}`);

    const dueFilesLeft = Object.fromEntries(
      await Promise.all(
        categories.map(async (c) => [
          c,
          (await getJson<Queue>(base, queuePath(c), proposer)).groups.find((g) => g.rule.category === c)?.total,
        ]),
      ),
    );
    const scale = `a database built earlier by seed-synthetic (details.build.tables), where the council holds ${prepared.organisationSubjects} people`;
    return [
      {
        name: "retention_review_queue_p95",
        value: queueP95,
        unit: "ms",
        baseline: { name: "GET /api/v1/health p95, one client", value: health.p95, unit: "ms" },
        ratio: ratioOf(queueP95, health.p95),
        better: "lower",
        goal: { value: `< ${GOALS.queueP95Ms} ms`, met: queueP95 < GOALS.queueP95Ms },
        notes: `The council's IG lead's review queue, one request at a time over ${scale}: the slower p95 of the page (GET ${page}, rendered${pageShown ? "" : "; not served by this build, so not timed"}) and of the JSON (GET ${api}: the first ${PAGE_SIZE} files of each category the council holds, ${categories.join(" and ")}, with each category's total, and the copies of shared information due), ${queueRounds} timed requests each after two untimed. details.byPath also gives each category's JSON alone (?category=…); details.queue the files due in each category when the run began.`,
        details: { page: byPath[page] ?? null, api: byPath[api], byPath, queue: firstPages, health, build },
      },
      {
        name: "retention_disposal_seconds",
        value: round(disposalSeconds, 2),
        unit: "s",
        baseline: {
          name: `one raw pg transaction leaving the same end state in another ${similar.subjectIds.length} due ${category} files (${baseline.items} items)`,
          value: round(baseline.seconds, 2),
          unit: "s",
        },
        ratio: ratioOf(disposalSeconds, baseline.seconds),
        better: "lower",
        goal: { value: `< ${GOALS.disposalSeconds} s`, met: disposalSeconds < GOALS.disposalSeconds },
        notes: `POST /api/v1/retention/disposals/{id}/approval by a second IG lead for a batch of ${batch.subjectIds.length} ${category} files due in the council's queue with ${batch.items} record items, proposed (DESTROY) by the first IG lead: holds and due dates checked again, the files described for the certificate, every item version erased, chronology entries, names, addresses and links removed, each person's row made a tombstone, the batch and its audit event written, in one transaction; timed by the client from sending to the answer. The server's statement and request time limits were raised for the run (defaults ${DEFAULT_TIMEOUTS_MS.statement / 1000} s and ${DEFAULT_TIMEOUTS_MS.request / 1000} s; details.withinDefaultStatementTimeout). The files are disposed of for good: each run takes others.`,
        details: {
          category,
          files: batch.subjectIds.length,
          items: batch.items,
          erasedItems: left!.erased,
          batchId,
          proposeSeconds: round(proposed.ms / 1000, 2),
          // The whole approval inside the default statement limit: no statement of it can have reached it.
          withinDefaultStatementTimeout: approved.ms < DEFAULT_TIMEOUTS_MS.statement,
          certificateHash: answer.certificateHash,
          baseline: { files: similar.subjectIds.length, ...baseline, seconds: round(baseline.seconds, 3) },
          dueFilesLeft,
        },
      },
    ].map((r) => ({ ...r, value: round(r.value, 2) }) as BenchResult);
  } finally {
    await raw.end();
    await stopProcess(server.child);
  }
}

export async function benchRetention(options: RetentionBenchOptions): Promise<BenchResult[]> {
  const { log } = options;
  const existing = process.env.BENCH_RECORDS_DATABASE_URL;
  if (existing) {
    log("retention: measuring on BENCH_RECORDS_DATABASE_URL (built earlier)");
    const database = await openDatabase({ url: existing });
    let prepared: Prepared;
    let build: Record<string, unknown>;
    try {
      await migrateDatabase(database);
      prepared = await prepare(database);
      build = { reused: true, tables: await tableSizes(database) };
    } finally {
      await database.close();
    }
    return measure(existing, prepared, options, build);
  }
  const bin = findPostgresBin();
  if (!bin) throw new Error("PostgreSQL 15 binaries not found (set PG_BIN): the retention benchmark needs initdb and pg_ctl");
  const cluster = await startCluster(bin, CLUSTER_SETTINGS);
  try {
    const database = await openDatabase({ url: cluster.url });
    let prepared: Prepared;
    let build: Record<string, unknown>;
    try {
      const built = await buildRecordsDatabase(database, options, "retention");
      prepared = await prepare(database);
      build = { ...built, tables: await tableSizes(database) };
    } finally {
      await database.close();
    }
    return await measure(cluster.url, prepared, options, build);
  } finally {
    cluster.stop();
  }
}
