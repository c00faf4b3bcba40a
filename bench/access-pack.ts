import { seedDemoPartnership } from "../src/demo/seed-demo";
import { insertSyntheticItems } from "../src/demo/synthetic/seed-synthetic";
import { createSession } from "../src/features/sign-in/services/sessions";
import { migrateDatabase, openDatabase } from "../src/platform/db/client";
import { findPostgresBin, freePort, startCluster } from "../test/support/postgres-cluster";
import { median, round } from "./lib/measure";
import { launchUntil200, stopProcess } from "./lib/processes";
import { type BenchResult, ratioOf } from "./lib/result";
import { repoRoot } from "./startup";

/**
 * Compiling an access pack (issue 6): a child with `items` record items (some corrected) and
 * `disclosures` disclosures in the log, an access request with the child attached, and the IG lead
 * asking a real `safeshare start` on PostgreSQL 15 for the pack as JSON and as a PDF, one at a time,
 * `runs` times each (median reported). Baseline, in the same run: the same rows read with one plain
 * SELECT each through pg and serialised with JSON.stringify — the data's own cost, with none of the
 * pack's work.
 */

export interface AccessPackBenchOptions {
  items: number;
  disclosures: number;
  runs: number;
  log: (line: string) => void;
}

const GOAL_MS = 2000;

async function build(url: string, options: AccessPackBenchOptions) {
  const database = await openDatabase({ url });
  try {
    await migrateDatabase(database);
    await seedDemoPartnership(database.db);
    const one = async <T>(text: string, params: unknown[] = []) => (await database.query<T>(text, params))[0]!;
    const ig = await one<{ id: string; organisation_id: string }>(
      "select id, organisation_id from app_user where email = 'bernard.hale@northbrook.example'",
    );
    const practitioner = await one<{ id: string }>("select id from app_user where email = 'tomasz.wojcik@northbrook.example'");
    const council = await one<{ id: string }>(
      "select organisation_id as id from app_user where email = 'joanna.kowalczyk@westshire.example'",
    );
    const child = await one<{ id: string }>(
      "insert into subject (organisation_id, kind, given_names, family_name, date_of_birth) values ($1, 'CHILD', 'Zoë', 'Ní Bhriain', '2012-04-01') returning id",
      [ig.organisation_id],
    );
    await insertSyntheticItems(database, [
      {
        subjectId: child.id,
        organisationId: ig.organisation_id,
        items: options.items,
        mainCategory: "education",
        earliest: "2012-04-01",
        recorder: practitioner.id,
      },
    ]);
    // Every tenth item has been corrected: the pack shows both versions.
    await database.query(
      `insert into record_item (lineage_id, organisation_id, subject_id, version, supersedes_id, category, kind, text, event_date, source_name,
                                source_method, source_obtained_on, correction_reason, recorded_by_user_id)
       select lineage_id, organisation_id, subject_id, 2, id, category, kind, text || ' (corrected)', event_date, source_name, source_method,
              source_obtained_on, 'Corrected for the benchmark', recorded_by_user_id
         from (select *, row_number() over (order by id) as n from record_item where subject_id = $1) i where n % 10 = 0`,
      [child.id],
    );
    // The disclosure log: decisions each sending two of the child's items to children's social care.
    await database.query(
      `with d as (
         insert into share_decision (organisation_id, subject_id, idempotency_key, request_hash, status, outcome, purpose_code,
                                     recipient_organisation_id, record, findings, decided_by_user_id, decided_by_name, decided_by_roles,
                                     decided_at, retention_review_on)
         select $1, $2, 'bench-' || g, 'x', 'RECORDED', 'SHARE', 'CHILD_IN_NEED_S17', $3, '{}'::jsonb, '[]'::jsonb, $4, 'Tomasz Wójcik',
                array['practitioner'], now() - g * interval '1 day', current_date + 365
           from generate_series(1, $5::int) g
         returning id, decided_at
       ), disc as (
         insert into disclosure (decision_id, sender_organisation_id, recipient_organisation_id, recipient_role, subject, purpose_code, purpose,
                                 sent_by_name, onward_disclosure, sent_at, expires_at)
         select id, $1, $3, 'SOCIAL_WORKER', '{"name":"Zoë Ní Bhriain","kind":"CHILD"}'::jsonb, 'CHILD_IN_NEED_S17', 'Assessment',
                'Tomasz Wójcik', 'WITH_ORIGINATOR_CONSENT', decided_at, decided_at + interval '90 days'
           from d returning id
       ), picked as (
         select disc.id as disclosure_id, p.position, i.*
           from (select id, row_number() over () as n from disc) disc
           cross join generate_series(0, 1) as p(position)
           join lateral (select * from record_item where subject_id = $2 order by id offset (disc.n * 2 + p.position) % $6 limit 1) i on true
       )
       insert into disclosure_item (disclosure_id, position, source_item_id, category, kind, text, event_date, source_name, source_method,
                                    source_obtained_on, historical, special_category, criminal_offence, accuracy)
       select disclosure_id, position, id, category, kind, text, event_date, source_name, source_method, source_obtained_on, historical,
              special_category, criminal_offence, accuracy from picked`,
      [ig.organisation_id, child.id, council.id, practitioner.id, options.disclosures, options.items],
    );
    const request = await one<{ id: string }>(
      `insert into rights_request (public_reference, organisation_id, type, requester, relationship, about, received_via, received_on,
                                   clock_started_on, due_on, created_by_user_id)
       values ('SR-BENCH001', $1, 'ACCESS', '{"name":"Siobhán Ní Bhriain"}', 'PARENTAL_RESPONSIBILITY', '{"name":"Zoë Ní Bhriain"}', 'EMAIL',
               current_date, current_date, current_date + 30, $2) returning id`,
      [ig.organisation_id, ig.id],
    );
    await database.query("insert into rights_request_subject (request_id, subject_id) values ($1, $2)", [request.id, child.id]);
    await database.query("analyze");
    const cookie = `safeshare_session=${await createSession(database.db, ig.id, true)}`;
    const [counts] = await database.query<{ items: number; disclosures: number }>(
      `select (select count(*)::int from record_item where subject_id = $1) as items,
              (select count(*)::int from disclosure d join share_decision s on s.id = d.decision_id where s.subject_id = $1) as disclosures`,
      [child.id],
    );
    return { requestId: request.id, childId: child.id, cookie, counts: counts! };
  } finally {
    await database.close();
  }
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

export async function benchAccessPack(options: AccessPackBenchOptions): Promise<BenchResult[]> {
  const bin = findPostgresBin();
  if (!bin) throw new Error("PostgreSQL 15 binaries not found (set PG_BIN)");
  const cluster = await startCluster(bin);
  try {
    options.log(`access pack: a child with ${options.items} items and ${options.disclosures} disclosures`);
    const { requestId, childId, cookie, counts } = await build(cluster.url, options);
    const port = await freePort();
    const server = await launchUntil200(process.execPath, ["bin/safeshare.js", "start", "--no-demo"], {
      env: { ...process.env, DATABASE_URL: cluster.url, PORT: String(port), HOST: "127.0.0.1", LOG_LEVEL: "warn" },
      cwd: repoRoot,
      readyUrl: `http://127.0.0.1:${port}/api/v1/health`,
    });
    try {
      const base = `http://127.0.0.1:${port}/api/v1/rights-requests/${requestId}`;
      const get = async (path: string) => {
        const res = await fetch(`${base}${path}`, { headers: { cookie } });
        if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
        return Buffer.from(await res.arrayBuffer());
      };
      // Untimed check that the pack is the whole record.
      const pack = JSON.parse((await get("/pack")).toString()) as { items: unknown[]; recipients: unknown[] };
      if (pack.items.length !== counts.items || pack.recipients.length !== counts.disclosures) {
        throw new Error(
          `the pack has ${pack.items.length} items and ${pack.recipients.length} recipients, not ${counts.items} and ${counts.disclosures}`,
        );
      }
      await get("/pack.pdf");
      const json: number[] = [];
      const pdf: number[] = [];
      let pdfBytes = 0;
      for (let i = 0; i < options.runs; i++) {
        json.push(await timed(() => get("/pack")));
        pdf.push(await timed(async () => (pdfBytes = (await get("/pack.pdf")).length)));
      }
      const database = await openDatabase({ url: cluster.url });
      const raw: number[] = [];
      try {
        for (let i = 0; i < options.runs; i++) {
          raw.push(
            await timed(async () => {
              const items = await database.query("select * from record_item where subject_id = $1 order by event_date", [childId]);
              const sent = await database.query(
                `select d.*, o.name from disclosure d join share_decision s on s.id = d.decision_id
                   join organisation o on o.id = d.recipient_organisation_id where s.subject_id = $1 order by sent_at`,
                [childId],
              );
              JSON.stringify({ items, sent });
            }),
          );
        }
      } finally {
        await database.close();
      }
      const baseline = {
        name: "the same rows read by plain SELECTs through pg and JSON.stringify'd",
        value: round(median(raw), 1),
        unit: "ms",
      };
      const result = (name: string, ms: number[], what: string): BenchResult => ({
        name,
        value: round(median(ms), 1),
        unit: "ms",
        baseline,
        ratio: ratioOf(median(ms), median(raw)),
        better: "lower",
        goal: { value: `< ${GOAL_MS} ms`, met: median(ms) < GOAL_MS },
        notes: `GET ${what} for an access request about a child with ${counts.items} record items (${options.items} and every tenth corrected) and ${counts.disclosures} disclosures, from a real server on PostgreSQL 15, one request at a time; median of ${options.runs}.`,
        details: {
          runsMs: ms.map((m) => round(m, 1)),
          max: round(Math.max(...ms), 1),
          ...counts,
          ...(name.includes("pdf") ? { pdfBytes } : {}),
        },
      });
      return [
        result("access_pack_json_ms", json, "/rights-requests/{id}/pack (JSON)"),
        result("access_pack_pdf_ms", pdf, "/rights-requests/{id}/pack.pdf"),
      ];
    } finally {
      await stopProcess(server.child);
    }
  } finally {
    cluster.stop();
  }
}
