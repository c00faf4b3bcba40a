import { spawn } from "node:child_process";
import { once } from "node:events";
import nodemailer from "nodemailer";
import pg from "pg";
import { deliverNotificationJob } from "../src/features/notifications";
import { notify } from "../src/features/notifications/services/notify";
import { type Database, migrateDatabase, openDatabase } from "../src/platform/db/client";
import { startJobs } from "../src/platform/jobs/queue";
import { smtpMailer } from "../src/platform/mail/mailer";
import { renderMail } from "../src/platform/mail/render";
import { newOrganisation, newUser } from "../test/support/factories";
import { findPostgresBin, freePort, startCluster } from "../test/support/postgres-cluster";
import { startSmtpCatcher } from "../test/support/smtp";
import { median, round } from "./lib/measure";
import { launchUntil200, stopProcess } from "./lib/processes";
import { type BenchResult, ratioOf } from "./lib/result";
import { postDecision, prepare, signIn } from "./sharing";
import { repoRoot } from "./startup";

/**
 * Notifications (issue 19), on a throwaway PostgreSQL 15 and a real SMTP server in this process (the
 * `smtp-server` package the tests use; no mock transport):
 *
 * 1. Queued per second: `notify` for one person, each in its own transaction as a feature calls it (the
 *    notification row and its delivery job). Baseline: a raw `pg` loop committing one single-row insert
 *    per transaction, one connection.
 * 2. Delivered per second: the queued backlog emailed by one node's job runner (pg-boss fetch, the
 *    delivery job's read, render, SMTP send over the mailer's pool of connections, the state change and
 *    its audit event). Baseline: raw nodemailer sending the same-sized message to the same server, one
 *    after another, a new SMTP connection per message; the same over nodemailer's pool in the details.
 * 3. Recording a share decision with notifications on against off, the same run: a real `safeshare
 *    start` recording decisions (each queues its recipient's notification job in the same transaction,
 *    always). "Off": the server runs no jobs (SAFESHARE_RUN_JOBS=false), so nothing is delivered during
 *    the load and the jobs wait in the queue. "On": the default single node, its workers telling
 *    recipients and emailing them to an SMTP server in another process while the same load runs,
 *    having first caught up with what the last "off" left. Phases alternate (on, off, off, on, on…) so
 *    a cold start or drift on this shared machine falls on both. One person records decisions
 *    with a pause between them (BENCH_NOTIFY_THINK_MS): what a person waits, not a saturated server.
 */

export interface NotificationsBenchOptions {
  notifications: number;
  /** Mean pause between one person's decisions, in ms. */
  thinkMs: number;
  seconds: number;
  rounds: number;
  log: (line: string) => void;
}

const GOAL_RATIO = 1.1;

async function createDatabase(adminUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/** The baseline for queueing: one connection committing one single-row insert per transaction. */
async function rawCommitsPerSecond(url: string, count: number): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("create table bench_raw_commit (id bigserial primary key, body text not null)");
    const started = performance.now();
    for (let i = 0; i < count; i++) {
      await client.query("begin");
      await client.query("insert into bench_raw_commit (body) values ($1)", [`/disclosures/${i}`]);
      await client.query("commit");
    }
    return round(count / ((performance.now() - started) / 1000), 1);
  } finally {
    await client.query("drop table if exists bench_raw_commit");
    await client.end();
  }
}

/** The baseline for delivery: raw nodemailer, the same kind of message, to the same server, one at a time. */
async function rawSendsPerSecond(smtpUrl: string, count: number, pool = false): Promise<number> {
  const transport = nodemailer.createTransport({ url: smtpUrl, pool });
  const mail = renderMail({
    subject: "Information has been shared with you",
    paragraphs: ["Someone has shared information with you in Safeshare.", "You are getting this email because you use Safeshare."],
    link: { text: "Sign in to Safeshare to see it", href: "https://safeshare.example/disclosures/00000000-0000-0000-0000-000000000000" },
  });
  try {
    const started = performance.now();
    for (let i = 0; i < count; i++) {
      await transport.sendMail({
        from: "Safeshare <safeshare@bench.test>",
        to: "practitioner@bench.test",
        ...mail,
        messageId: `<raw-${i}@bench.test>`,
      });
    }
    return round(count / ((performance.now() - started) / 1000), 1);
  } finally {
    transport.close();
  }
}

async function waitUntil(check: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting until ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Parts 1 and 2: queue `count` notifications, then time one node's runner emailing them all. */
async function queueAndDeliver(url: string, smtp: Awaited<ReturnType<typeof startSmtpCatcher>>, count: number) {
  const database: Database = await openDatabase({ url });
  try {
    await migrateDatabase(database);
    const organisation = await newOrganisation(database.db);
    const { user } = await newUser(database.db, organisation, ["practitioner"], { email: "practitioner@bench.test" });
    const queueOne = (i: number) =>
      database.db.transaction((tx) => notify(tx, { userIds: [user.id], kind: "share_received", href: `/disclosures/bench-${i}` }));
    for (let i = 0; i < 20; i++) await queueOne(-i - 1); // warm-up, delivered with the rest
    const queueStarted = performance.now();
    for (let i = 0; i < count; i++) await queueOne(i);
    const queuedPerSecond = round(count / ((performance.now() - queueStarted) / 1000), 1);
    const expected = count + 20;
    const mailer = smtpMailer(smtp.url, "Safeshare <safeshare@bench.test>");
    const before = smtp.received.length;
    const deliverStarted = performance.now();
    const runner = await startJobs({ database, db: database.db, mailer, publicUrl: "https://safeshare.example" }, [deliverNotificationJob]);
    try {
      const markedSent = async () =>
        (await database.query<{ n: number }>("select count(*)::int as n from notification where email_state = 'sent'"))[0]!.n;
      // Delivered is emailed and marked sent: the mail arrives a moment before its job marks it.
      await waitUntil(
        async () => smtp.received.length - before >= expected && (await markedSent()) >= expected,
        300_000,
        `${expected} emails arrived and were marked sent`,
      );
      const deliveredPerSecond = round(expected / ((performance.now() - deliverStarted) / 1000), 1);
      const sent = await markedSent();
      if (sent !== expected) throw new Error(`${sent} of ${expected} notifications marked sent`);
      const ids = smtp.received.slice(before).map((m) => m.messageId);
      if (new Set(ids).size !== ids.length) throw new Error("a notification was emailed twice");
      return { queuedPerSecond, deliveredPerSecond, emailed: expected };
    } finally {
      await runner.stop();
      mailer.close();
    }
  } finally {
    await database.close();
  }
}

/**
 * One person recording decisions: each POST timed on our own clock, then a pause of random length
 * (exponential, mean `thinkMs`) before the next, for `seconds`. Fails on anything but 201.
 */
async function pacedDecisions(
  base: string,
  fixture: { cookie: string; csrfToken: string; body: string },
  seconds: number,
  thinkMs: number,
) {
  const ms: number[] = [];
  const serverMs: number[] = [];
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end) {
    const started = performance.now();
    const response = await postDecision(base, fixture);
    await response.arrayBuffer();
    if (response.status !== 201) throw new Error(`a decision was not recorded: ${response.status}`);
    ms.push(performance.now() - started);
    const server = /app;dur=([\d.]+)/.exec(response.headers.get("server-timing") ?? "");
    if (server) serverMs.push(Number(server[1]));
    await new Promise((resolve) => setTimeout(resolve, -Math.log(1 - Math.random()) * thinkMs));
  }
  const sorted = ms.sort((a, b) => a - b);
  const at = (p: number) => round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!, 1);
  return {
    decisions: sorted.length,
    perSecond: round(sorted.length / seconds, 1),
    p50: at(50),
    p95: at(95),
    p99: at(99),
    // The server's own time (its Server-Timing header), without the network and this client.
    serverP50: round(median(serverMs), 1),
  };
}

/** Part 3: one phase, a fresh `safeshare start` with notifications on or off, loaded for `seconds`. */
async function decisionPhase(
  url: string,
  body: string,
  practitionerId: string,
  on: boolean,
  smtpUrl: string,
  options: NotificationsBenchOptions,
) {
  const port = await freePort();
  const server = await launchUntil200(process.execPath, ["bin/safeshare.js", "start", "--no-demo"], {
    env: {
      ...process.env,
      DATABASE_URL: url,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      SAFESHARE_SERVER_TIMING: "true",
      ...(on ? { SAFESHARE_SMTP_URL: smtpUrl, SAFESHARE_RUN_JOBS: "true" } : { SAFESHARE_SMTP_URL: "", SAFESHARE_RUN_JOBS: "false" }),
    },
    cwd: repoRoot,
    readyUrl: `http://127.0.0.1:${port}/api/v1/health`,
  });
  const base = `http://127.0.0.1:${port}`;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // Jobs due now (a cron duty's next run, or an escalation, waits for its time and is not counted).
  const jobsDue = async () =>
    (
      await client.query<{ n: number }>(
        "select count(*)::int as n from pgboss.job where state in ('created', 'retry', 'active') and start_after <= now()",
      )
    ).rows[0]!.n;
  try {
    const fixture = { body, ...(await signIn(url, base, practitionerId)) };
    // "On" is measured as it runs day to day, keeping up: what the previous "off" phase left waiting
    // is delivered first, before the clock starts (with it, the first seconds of "on" measured a
    // backlog no running node has).
    if (on) await waitUntil(async () => (await jobsDue()) === 0, 120_000, "the jobs left by the last phase were done");
    await pacedDecisions(base, fixture, 2, options.thinkMs);
    const started = new Date();
    const run = await pacedDecisions(base, fixture, options.seconds, options.thinkMs);
    const emailed = (await client.query<{ n: number }>("select count(*)::int as n from notification where emailed_at >= $1", [started]))
      .rows[0]!.n;
    return { on, ...run, emailedDuringLoad: emailed, jobsWaitingAfter: await jobsDue() };
  } finally {
    await client.end();
    await stopProcess(server.child);
  }
}

/** The mail sink's process and its address; closing its stdin stops it. */
async function startSink(): Promise<{ url: string; close: () => void }> {
  const child = spawn(process.execPath, ["--import", "tsx", "bench/lib/smtp-sink.ts"], {
    cwd: repoRoot,
    stdio: ["pipe", "pipe", "inherit"],
  });
  const [line] = (await once(child.stdout, "data")) as [Buffer];
  return { url: line.toString().trim(), close: () => child.stdin.end() };
}

export async function benchNotifications(options: NotificationsBenchOptions): Promise<BenchResult[]> {
  const { log } = options;
  const bin = findPostgresBin();
  if (!bin) throw new Error("PostgreSQL 15 binaries not found (set PG_BIN): the notifications benchmark needs initdb and pg_ctl");
  const cluster = await startCluster(bin);
  const smtp = await startSmtpCatcher();
  // While decisions are timed, mail goes to a sink in another process (bench/lib/smtp-sink.ts): taking
  // each message in this one would slow the client whose clock measures the server.
  const sink = await startSink();
  try {
    log(`notifications: queueing ${options.notifications} and delivering them to a local SMTP server`);
    const throughput = await queueAndDeliver(await createDatabase(cluster.url, "bench_notify"), smtp, options.notifications);
    log("notifications: baselines (raw pg commits, raw nodemailer sends)");
    const rawCommits = await rawCommitsPerSecond(cluster.url, options.notifications);
    const rawSends = await rawSendsPerSecond(smtp.url, options.notifications);
    // For scale: the same sends over nodemailer's pool, which keeps its connections open between messages.
    const pooledSends = await rawSendsPerSecond(smtp.url, options.notifications, true);

    log("notifications: seeding the demo partnership and an agreement for recording decisions");
    const { body, practitionerId } = await prepare(cluster.url);
    const phases: Awaited<ReturnType<typeof decisionPhase>>[] = [];
    for (let round = 0; round < options.rounds; round++) {
      // On, off, then off, on, …: neither goes first every time, so a cold start or drift on this
      // shared machine falls on both alike.
      for (const on of round % 2 ? [false, true] : [true, false]) {
        log(`notifications: one person recording decisions for ${options.seconds} s, notifications ${on ? "on" : "off"}`);
        phases.push(await decisionPhase(cluster.url, body, practitionerId, on, sink.url, options));
      }
    }
    const p50 = (on: boolean) => median(phases.filter((p) => p.on === on).map((p) => p.p50));
    const [onP50, offP50] = [p50(true), p50(false)];
    const ratio = ratioOf(onP50, offP50);
    return [
      {
        name: "notifications_queued_per_second",
        value: throughput.queuedPerSecond,
        unit: "notifications/s",
        baseline: {
          name: "raw pg loop, one single-row insert committed per transaction, one connection",
          value: rawCommits,
          unit: "commits/s",
        },
        ratio: ratioOf(throughput.queuedPerSecond, rawCommits),
        better: "higher",
        notes: `${options.notifications} calls of notify() one after another, each in its own transaction on the app's pool: the person and their preference read, the notification inserted and its delivery job queued (pg-boss insert) in that transaction.`,
      },
      {
        name: "notifications_delivered_per_second",
        value: throughput.deliveredPerSecond,
        unit: "emails/s",
        baseline: { name: "raw nodemailer sends to the same SMTP server, one after another", value: rawSends, unit: "emails/s" },
        ratio: ratioOf(throughput.deliveredPerSecond, rawSends),
        better: "higher",
        notes: `${throughput.emailed} queued notifications emailed by one node's job runner (one worker per queue, taking up to ten jobs a poll and running them one after another: pg-boss fetch, the notification and its person read, the email rendered and sent over the mailer's pool of SMTP connections, marked sent with its audit event in one transaction, the job completed), timed from the runner's start until the last email arrived at the local smtp-server; none twice. The baseline opens a connection per message, and the mail server here (smtp-server) waits 100 ms before greeting each, as many do to catch clients that talk too soon, which bounds it at about 9 a second; details.pooledNodemailerSendsPerSecond is the same baseline over nodemailer's connection pool.`,
        details: { emailed: throughput.emailed, pooledNodemailerSendsPerSecond: pooledSends },
      },
      {
        name: "share_decision_latency_notifications_on_vs_off",
        value: onP50,
        unit: "ms (p50)",
        baseline: { name: "the same decisions with no jobs running (SAFESHARE_RUN_JOBS=false)", value: offP50, unit: "ms (p50)" },
        ratio,
        better: "lower",
        goal: { ratio: `<= ${GOAL_RATIO}`, met: ratio <= GOAL_RATIO },
        notes: `One person recording share decisions (POST /api/v1/share-decisions, each timed; then a pause averaging ${options.thinkMs} ms) for ${options.seconds} s per phase against a fresh \`safeshare start\` on PostgreSQL; ${options.rounds} rounds, on then off, then off then on, and so on; value and baseline are the medians of the phases' p50. Each decision queues its recipient's notification job in its own transaction in both phases: the enqueue is part of recording and is in "off" too. Off: the server runs no jobs (SAFESHARE_RUN_JOBS=false), nothing is told or emailed during the load and the jobs wait. On: the default single node, its workers telling recipients and emailing them to a local SMTP server (another process) while the load runs, after first delivering what the previous off phase left waiting, untimed (details.phases: emails sent during each timed phase and the jobs still due after it).`,
        details: { phases },
      },
    ];
  } finally {
    await smtp.close();
    sink.close();
    cluster.stop();
  }
}
