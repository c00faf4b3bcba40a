/**
 * `npm test`: the import rules, the dead-code check (knip), unit tests, database tests on PGlite and a throwaway
 * PostgreSQL cluster this script starts and stops itself, then the Playwright browser suite.
 * `npm test -- layout|dead|unit|db|e2e` runs one tier; test files named after it narrow the tier to them.
 * With CI=true nothing may be skipped: missing Postgres binaries or Chromium fail the run.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateDatabase, openDatabase } from "../src/platform/db/client";
import { findPostgresBin, startCluster } from "../test/support/postgres-cluster";

const ci = process.env.CI === "true";
const tiers = process.argv.slice(2).filter((a) => ["layout", "dead", "unit", "db", "e2e"].includes(a));
const selected = tiers.length ? tiers : ["layout", "dead", "unit", "db", "e2e"];

/** `npm test -- db test/db/x.test.ts …`: only these files of the tier (with its PostgreSQL cluster started as usual). */
const only = process.argv
  .slice(2)
  .filter((a) => a.endsWith(".test.ts"))
  .map((a) => path.normalize(a));

function testFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".test.ts"))
    .map((f) => path.join(dir, f))
    .filter((f) => !only.length || only.includes(f))
    .sort();
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const result = spawnSync(command, args, { stdio: "inherit", env });
  return result.status ?? 1;
}

let failed = false;
/** Notes a tier's exit status. (With `failed ||= run(…)`, once a tier had failed every later tier was skipped.) */
const record = (status: number) => {
  if (status !== 0) failed = true;
};

if (selected.includes("layout")) {
  // The import rules of the layout (scripts/check-imports.ts): a feature is reached through its face,
  // its domain stays pure, the platform sits below every feature. Quick, so first.
  console.log("\n== Import rules ==");
  record(run(process.execPath, ["--import", "tsx", "scripts/check-imports.ts"]));
}

if (selected.includes("dead")) {
  // First because it is quick (seconds) and a finding is a reason to fail however the tests go:
  // an unused file, export, type or dependency (knip.jsonc says what counts as used).
  console.log("\n== Dead code (knip) ==");
  const started = performance.now();
  const status = run(process.execPath, [path.resolve("node_modules/knip/bin/knip.js"), "--no-progress"]);
  console.log(
    `${status === 0 ? "No dead code" : "Dead code found (above)"}: knip took ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );
  record(status);
}

if (selected.includes("unit")) {
  console.log("\n== Unit tests ==");
  // Two files at a time: a file's own tests take milliseconds, loading it through tsx about a second,
  // and half of that is waiting (measured: 51 s against 67 s one at a time, on two cores).
  record(run(process.execPath, ["--import", "tsx", "--test", "--test-concurrency=2", ...testFiles("test/unit")]));
}

if (selected.includes("db")) {
  console.log("\n== Database tests (PGlite and PostgreSQL 15) ==");
  const bin = findPostgresBin();
  let cluster: Awaited<ReturnType<typeof startCluster>> | undefined;
  if (bin) {
    cluster = await startCluster(bin);
    console.log(`Started a throwaway PostgreSQL cluster at ${cluster.url}`);
  } else if (ci) {
    console.error("CI=true but PostgreSQL 15 binaries were not found (apt-get install postgresql-15): failing.");
    process.exit(1);
  } else {
    console.warn("\n!!! PostgreSQL binaries not found: the PostgreSQL half of the database suite will be SKIPPED !!!\n");
  }
  // One migrated embedded database, dumped for every PGlite suite to start from (test/support/databases.ts).
  const template = path.join(os.tmpdir(), `safeshare-pglite-template-${process.pid}.tar.gz`);
  const database = await openDatabase({ memory: true });
  await migrateDatabase(database);
  fs.writeFileSync(template, Buffer.from(await (await database.dumpDataDir!()).arrayBuffer()));
  await database.close();
  try {
    const env = {
      ...process.env,
      SAFESHARE_TEST_PGLITE_TEMPLATE: template,
      ...(cluster ? { SAFESHARE_TEST_PG_URL: cluster.url } : {}),
    };
    record(run(process.execPath, ["--import", "tsx", "--test", "--test-concurrency=2", ...testFiles("test/db")], env));
  } finally {
    cluster?.stop();
    fs.rmSync(template, { force: true });
  }
}

if (selected.includes("e2e")) {
  console.log("\n== Browser tests (Playwright on Debian chromium) ==");
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!fs.existsSync(chromium)) {
    if (ci) {
      console.error(`CI=true but ${chromium} is missing (apt-get install chromium): failing.`);
      process.exit(1);
    }
    console.warn(`\n!!! ${chromium} not found: browser tests SKIPPED (apt-get install chromium) !!!\n`);
  } else {
    record(run(process.execPath, [path.resolve("node_modules/@playwright/test/cli.js"), "test"]));
  }
}

process.exit(failed ? 1 : 0);
