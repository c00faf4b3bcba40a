import { randomUUID } from "node:crypto";
import autocannon from "autocannon";
import pg from "pg";
import { seedDemoPartnership } from "../src/demo/seed-demo";
import { createSession } from "../src/features/sign-in/services/sessions";
import { migrateDatabase, openDatabase } from "../src/platform/db/client";
import { newSignedAgreement } from "../test/support/factories";
import { findPostgresBin, freePort, startCluster } from "../test/support/postgres-cluster";
import { concurrentLatency } from "./lib/load";
import { round } from "./lib/measure";
import { launchUntil200, stopProcess } from "./lib/processes";
import { type BenchResult, ratioOf } from "./lib/result";
import { repoRoot } from "./startup";

/**
 * Recording share decisions (issue 5): a practitioner at Northbrook Primary shares three items about
 * a demo child with children's social care under a signed agreement, through a real `safeshare
 * start` on PostgreSQL 15 over loopback, by 20 and 50 clients at once (autocannon, each request with
 * its own Idempotency-Key). Each request is the whole thing: session, CSRF, zod validation, the
 * facts loaded in scope, every rule and the agreement's terms, and one transaction writing the
 * decision, the disclosure and its items, two chronology entries and two audit events.
 * Baseline, in the same run on the same cluster: a raw `pg` loop inserting one row of the same JSON
 * body at a time, one connection, no framework (what the database alone does per round trip).
 */

export interface SharingBenchOptions {
  connections: number[];
  seconds: number;
  log: (line: string) => void;
}

const GOAL = { perSecond: 1000, ratio: 0.25 };

interface Fixture {
  cookie: string;
  csrfToken: string;
  body: string;
}

export async function prepare(url: string): Promise<Omit<Fixture, "cookie" | "csrfToken"> & { practitionerId: string }> {
  const database = await openDatabase({ url });
  try {
    await migrateDatabase(database);
    await seedDemoPartnership(database.db);
    const one = async <T>(text: string, params: unknown[] = []) => (await database.query<T>(text, params))[0]!;
    const tomasz = await one<{ id: string; organisation_id: string }>(
      "select id, organisation_id from app_user where email = 'tomasz.wojcik@northbrook.example'",
    );
    const joanna = await one<{ id: string; organisation_id: string }>(
      "select id, organisation_id from app_user where email = 'joanna.kowalczyk@westshire.example'",
    );
    const kai = await one<{ id: string }>("select id from subject where given_names = 'Kai' and organisation_id = $1", [
      tomasz.organisation_id,
    ]);
    const items = await database.query<{ id: string }>(
      "select id from record_item where subject_id = $1 and accuracy = 'ACCURATE' order by recorded_at",
      [kai.id],
    );
    const agreement = await newSignedAgreement(
      database.db,
      { id: joanna.organisation_id },
      {
        documentControl: { title: "Bench: Northbrook to children's services", tier: "STRATEGIC" },
        parties: [
          { organisationId: tomasz.organisation_id, controllerRelationship: "SEPARATE" },
          { organisationId: joanna.organisation_id, controllerRelationship: "SEPARATE" },
        ],
        purposes: { items: [{ code: "CHILD_IN_NEED_S17" }] },
        legalBasis: [{ organisationId: tomasz.organisation_id, article6: ["A6_1E_PUBLIC_TASK"], article9: ["A9_2G_S1P18_SAFEGUARDING"] }],
        dataItems: [
          { key: "education", name: "Education", category: "education", kind: "FACT_AND_OPINION" },
          { key: "family", name: "Family circumstances", category: "family_circumstances", kind: "FACT_AND_OPINION" },
        ],
        flows: [{ key: "referral", fromOrganisationIds: [tomasz.organisation_id], toOrganisationIds: [joanna.organisation_id] }],
      },
    );
    const body = JSON.stringify({
      subjectId: kai.id,
      purpose: { code: "CHILD_IN_NEED_S17", description: "Referral for an assessment of Kai's needs", levelOfNeed: "CHILD_IN_NEED_S17" },
      information: { personal: true, confidential: true, thirdParty: true },
      recipient: {
        organisationId: joanna.organisation_id,
        role: "SOCIAL_WORKER",
        userId: joanna.id,
        routine: true,
        agreementId: agreement.id,
      },
      transparency: {
        informed: false,
        notInformedReason: "Telling the mother now could place Kai at risk from her partner",
        capacity: "NOT_CAPABLE",
        parentalResponsibility: "Mother (Megan Brennan)",
        consentStatus: "NOT_SOUGHT",
        consentNotSoughtReason: "UNSAFE_TO_SEEK",
      },
      lawfulBasis: {
        article6: "A6_1E_PUBLIC_TASK",
        article9: ["A9_2G_S1P18_SAFEGUARDING"],
        para18Reason: "OBTAINING_WOULD_PREJUDICE",
        apdReference: "WSS-APD-1",
        commonLaw: "CL_PUBLIC_INTEREST",
        gateway: "CA2004_S11",
      },
      items: {
        items: items.map((i) => ({ itemId: i.id, share: true, redactions: [] })),
        subjectDetails: ["dateOfBirth", "upn", "addresses"],
      },
      advice: {
        sought: true,
        adviserName: "Siobhán O'Connor",
        adviserRole: "Designated safeguarding lead",
        advice: "Refer today",
        anonymised: false,
      },
      decision: {
        outcome: "SHARE",
        reasons: "Kai's account of violence at home, with his withdrawal and attendance, meets the threshold for a referral",
        necessityAndProportionality: "Only what the school knows that bears on Kai's safety; nothing about his siblings",
      },
      acknowledgedWarnings: ["GR5-PROTECT-IDENTITIES"],
    });
    return { body, practitionerId: tomasz.id };
  } finally {
    await database.close();
  }
}

/** A signed-in session for the practitioner, and the CSRF cookie and token a page load gives a browser. */
export async function signIn(url: string, base: string, practitionerId: string): Promise<{ cookie: string; csrfToken: string }> {
  const database = await openDatabase({ url });
  const session = `safeshare_session=${await createSession(database.db, practitionerId, true)}`;
  await database.close();
  const home = await fetch(`${base}/`, { headers: { cookie: session } });
  const csrfToken = /name="_csrf" value="([^"]+)"/.exec(await home.text())?.[1];
  const csrfCookie = /safeshare_csrf=[^;]+/.exec(home.headers.get("set-cookie") ?? "")?.[0];
  if (!csrfToken || !csrfCookie) throw new Error("no CSRF token on the home page");
  return { cookie: `${session}; ${csrfCookie}`, csrfToken };
}

/** One new decision posted as a signed-in client posts it (its own Idempotency-Key): the response, unread. */
export function postDecision(base: string, fixture: Fixture): Promise<Response> {
  return fetch(`${base}/api/v1/share-decisions`, {
    method: "POST",
    headers: {
      cookie: fixture.cookie,
      "x-csrf-token": fixture.csrfToken,
      "content-type": "application/json",
      "idempotency-key": randomUUID(),
    },
    body: fixture.body,
  });
}

export async function decisionsPerSecond(base: string, fixture: Fixture, connections: number, seconds: number) {
  let created = 0;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections,
        duration: seconds,
        requests: [
          {
            method: "POST",
            path: "/api/v1/share-decisions",
            headers: { cookie: fixture.cookie, "x-csrf-token": fixture.csrfToken, "content-type": "application/json" },
            body: fixture.body,
            // A new decision each time: its own key, as a client recording a new decision sends.
            setupRequest: (request) => ({ ...request, headers: { ...request.headers, "idempotency-key": randomUUID() } }),
          },
        ],
      },
      (error, done) => (error ? reject(error) : resolve(done)),
    );
    instance.on("response", (_client, status) => {
      if (status === 201) created++;
    });
  });
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > 0) throw new Error(`${failed} of ${result.requests.total} decisions failed (non-2xx, errors or timeouts)`);
  return { perSecond: round(created / seconds, 1), created, p50: result.latency.p50, p97_5: result.latency.p97_5, p99: result.latency.p99 };
}

function healthPerSecond(base: string, cookie: string, connections: number, seconds: number) {
  return concurrentLatency(base, ["/api/v1/health"], cookie, connections, seconds);
}

async function countDecisions(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ n: number }>("select count(*)::int as n from share_decision")).rows[0]!.n;
  } finally {
    await client.end();
  }
}

/** The baseline: one connection inserting one row of the same body at a time, as fast as it can. */
async function rawInsertsPerSecond(url: string, body: string, seconds: number) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("create table if not exists bench_raw_insert (id bigserial primary key, body jsonb not null)");
    for (let i = 0; i < 200; i++) await client.query("insert into bench_raw_insert (body) values ($1)", [body]);
    let n = 0;
    const end = performance.now() + seconds * 1000;
    while (performance.now() < end) {
      await client.query("insert into bench_raw_insert (body) values ($1)", [body]);
      n++;
    }
    return round(n / seconds, 1);
  } finally {
    await client.query("drop table if exists bench_raw_insert");
    await client.end();
  }
}

export async function benchSharing(options: SharingBenchOptions): Promise<BenchResult[]> {
  const { log, seconds } = options;
  const bin = findPostgresBin();
  if (!bin) throw new Error("PostgreSQL 15 binaries not found (set PG_BIN): the sharing benchmark needs initdb and pg_ctl");
  const cluster = await startCluster(bin);
  try {
    log("sharing: seeding the demo partnership and an agreement");
    const { body, practitionerId } = await prepare(cluster.url);
    const port = await freePort();
    const server = await launchUntil200(process.execPath, ["bin/safeshare.js", "start", "--no-demo"], {
      env: {
        ...process.env,
        DATABASE_URL: cluster.url,
        PORT: String(port),
        HOST: "127.0.0.1",
        LOG_LEVEL: "warn",
        SAFESHARE_SERVER_TIMING: "true",
      },
      cwd: repoRoot,
      readyUrl: `http://127.0.0.1:${port}/api/v1/health`,
    });
    const base = `http://127.0.0.1:${port}`;
    try {
      const fixture = { body, ...(await signIn(cluster.url, base, practitionerId)) };
      // Untimed check that what is timed is a decision recorded and delivered, not an error page.
      const check = await postDecision(base, fixture);
      const checked = (await check.json()) as { disclosure?: { state: string } };
      if (check.status !== 201 || checked.disclosure?.state !== "SENT")
        throw new Error(`the benchmark decision was not recorded: ${check.status} ${JSON.stringify(checked)}`);
      await decisionsPerSecond(base, fixture, options.connections[0]!, 3);
      const runs: Record<number, Awaited<ReturnType<typeof decisionsPerSecond>>> = {};
      for (const connections of options.connections) {
        log(`sharing: ${connections} clients recording decisions for ${seconds} s`);
        runs[connections] = await decisionsPerSecond(base, fixture, connections, seconds);
      }
      const counted = await countDecisions(cluster.url);
      // For scale: the cheapest request the same server answers (session, one SELECT 1), at the same concurrency.
      const health: Record<number, number> = {};
      for (const connections of options.connections)
        health[connections] = (await healthPerSecond(base, fixture.cookie, connections, seconds)).rps ?? 0;
      log("sharing: raw pg insert loop (baseline)");
      const raw = await rawInsertsPerSecond(cluster.url, body, seconds);
      return options.connections.map((connections) => {
        const run = runs[connections]!;
        return {
          name: `sharing_decisions_per_second_${connections}_clients`,
          value: run.perSecond,
          unit: "decisions/s",
          baseline: { name: "raw pg single-row insert loop, same JSON body, one connection", value: raw, unit: "rows/s" },
          ratio: ratioOf(run.perSecond, raw),
          better: "higher",
          goal: {
            value: `>= ${GOAL.perSecond}/s and ratio >= ${GOAL.ratio}`,
            met: run.perSecond >= GOAL.perSecond && ratioOf(run.perSecond, raw) >= GOAL.ratio,
          },
          notes: `POST /api/v1/share-decisions (${Buffer.byteLength(body)} bytes: three items, an agreement cited, every rule run) by ${connections} clients at once for ${seconds} s, each decision recorded and its disclosure delivered in one transaction. Latency in ms in details, and the same server's GET /api/v1/health rate at the same concurrency (healthRequestsPerSecond), the ceiling of any request that reads a session. ${counted} decisions were in the database afterwards (the runs and the check).`,
          details: {
            ...run,
            bodyBytes: Buffer.byteLength(body),
            decisionsInDatabase: counted,
            healthRequestsPerSecond: health[connections],
          },
        } satisfies BenchResult;
      });
    } finally {
      await stopProcess(server.child);
    }
  } finally {
    cluster.stop();
  }
}
