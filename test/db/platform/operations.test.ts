import assert from "node:assert/strict";
import fs from "node:fs";
import { Writable } from "node:stream";
import { after, before, describe, test } from "node:test";
import { sql } from "drizzle-orm";
import pg from "pg";
import { type App, buildApp } from "../../../src/app/build-app";
import { seedDemoPartnership } from "../../../src/demo/seed-demo";
import { type Database, migrateDatabase, openDatabase } from "../../../src/platform/db/client";
import { isDatabaseUnavailable } from "../../../src/platform/db/sqlstate";
import { logSerializers } from "../../../src/platform/http/logging";
import { TEST_PUBLIC_URL } from "../../support/app";
import { createPostgresTestDatabase, postgresSkipReason, TEST_SECRET_KEYS } from "../../support/databases";
import { newOrganisation, newUser } from "../../support/factories";
import type { TestClient } from "../../support/http-client";
import { signedInAs } from "../../support/sign-in";
import { tcpProxy } from "../../support/tcp-proxy";

/**
 * Operations (issue 16): several nodes starting on one PostgreSQL, a database that is stopped or
 * frozen, and what the log holds meanwhile.
 */

const migrationCount = JSON.parse(fs.readFileSync("drizzle/meta/_journal.json", "utf8")).entries.length;

describe("two nodes starting at once on an empty PostgreSQL", { skip: postgresSkipReason() }, () => {
  test("both start: the schema is migrated once and the demo partnership seeded once", async () => {
    const empty = await createPostgresTestDatabase();
    const nodes = [await openDatabase({ url: empty.url }), await openDatabase({ url: empty.url })];
    try {
      // What `safeshare start` does on each node: migrate, then seed the demo partnership into an empty database.
      const seeded = await Promise.all(
        nodes.map(async (database) => {
          await migrateDatabase(database);
          return database.exclusively(() => seedDemoPartnership(database.db));
        }),
      );
      assert.equal(seeded.filter(Boolean).length, 1, "exactly one node seeds the demo partnership");
      const [applied] = await nodes[0]!.query<{ n: number }>("select count(*)::int as n from drizzle.__drizzle_migrations");
      assert.equal(applied!.n, migrationCount);
      const [organisations] = await nodes[0]!.query<{ rows: number; names: number }>(
        "select count(*)::int as rows, count(distinct name)::int as names from organisation",
      );
      assert.ok(organisations!.rows > 0);
      assert.equal(organisations!.rows, organisations!.names, "no organisation seeded twice");
    } finally {
      await Promise.all(nodes.map((database) => database.close()));
      await empty.drop();
    }
  });
});

describe("when PostgreSQL stops or freezes", { skip: postgresSkipReason(), timeout: 20_000 }, () => {
  const lines: string[] = [];
  let empty: Awaited<ReturnType<typeof createPostgresTestDatabase>>;
  let proxy: Awaited<ReturnType<typeof tcpProxy>>;
  let database: Database;
  let app: App;
  let practitioner: TestClient;

  before(async () => {
    empty = await createPostgresTestDatabase();
    proxy = await tcpProxy(empty.url);
    // Short timeouts, so that the test waits a fraction of a second where production would wait tens.
    database = await openDatabase(
      { url: proxy.url, timeouts: { connectMs: 1000, statementMs: 500, idleInTransactionMs: 5000 } },
      { secretKeys: TEST_SECRET_KEYS },
    );
    await migrateDatabase(database);
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    app = await buildApp({
      database,
      session: { idleMinutes: 30, absoluteHours: 12 },
      publicUrl: TEST_PUBLIC_URL,
      signInRateLimit: 1000,
      logger: { level: "info", stream: sink, serializers: logSerializers },
    });
    await app.ready();
    const org = await newOrganisation(database.db);
    practitioner = await signedInAs(app, database.db, await newUser(database.db, org, ["practitioner"]));
  });
  after(async () => {
    await app?.close();
    await database?.close();
    await proxy?.stop(); // its listening socket would keep the test process alive
    await empty?.drop();
  });

  /** What someone using the API is told while the database cannot answer: come back shortly. */
  const assertUnavailable = (
    res: { statusCode: number; headers: Record<string, unknown>; json: () => { title: string } },
    what: string,
  ) => {
    assert.equal(res.statusCode, 503, what);
    assert.match(String(res.headers["content-type"]), /application\/problem\+json/, what);
    assert.match(String(res.headers["retry-after"]), /^\d+$/, what);
    assert.equal(res.json().title, "The service is temporarily unavailable", what);
  };

  test("a frozen database (a table locked by another session) is answered 503 once the statement timeout passes, not left hanging", async () => {
    const locker = new pg.Client({ connectionString: empty.url });
    await locker.connect();
    try {
      await locker.query("BEGIN");
      await locker.query("LOCK TABLE organisation IN ACCESS EXCLUSIVE MODE");
      const started = performance.now();
      const res = await practitioner.api("GET", "/api/v1/organisations");
      assert.ok(performance.now() - started < 3000, `answered after ${Math.round(performance.now() - started)} ms`);
      assertUnavailable(res, "organisations while frozen");
    } finally {
      await locker.end();
    }
    assert.equal((await practitioner.api("GET", "/api/v1/organisations")).statusCode, 200, "thawed");
  });

  test("a write whose database froze mid-transaction is not committed later, and the next request gets a clean connection", async () => {
    await database.query("create table if not exists frozen_write (note text not null)");
    const abandoned = database.db.transaction(async (tx) => {
      proxy.pause(); // the server freezes after BEGIN, before it reads the INSERT
      await tx.execute(sql`insert into frozen_write (note) values ('answered 503')`);
    });
    await assert.rejects(abandoned, (error) => isDatabaseUnavailable(error), "the caller is told the write failed");
    proxy.resume();
    // The next transactions on the pool: one of them would reuse the connection of the abandoned one.
    for (let i = 0; i < 3; i++) {
      await database.db.transaction(async (tx) => {
        await tx.execute(sql`insert into frozen_write (note) values ('committed')`);
      });
    }
    assert.equal((await practitioner.api("GET", "/api/v1/organisations")).statusCode, 200, "thawed");
    const direct = new pg.Client({ connectionString: empty.url });
    await direct.connect();
    try {
      const { rows } = await direct.query("select note, count(*)::int as n from frozen_write group by note order by note");
      assert.deepEqual(rows, [{ note: "committed", n: 3 }], "the write answered as failed was never committed");
    } finally {
      await direct.end();
    }
  });

  test("with the database stopped, health is 503 with Retry-After at once, liveness stays up, and every request is a 503 logged once", async () => {
    const before = lines.length;
    await proxy.stop();
    try {
      const started = performance.now();
      const health = await app.inject({ method: "GET", url: "/api/v1/health" });
      assert.ok(performance.now() - started < 2000, `health answered after ${Math.round(performance.now() - started)} ms`);
      assertUnavailable(health, "health");
      assertUnavailable(await app.inject({ method: "GET", url: "/api/v1/health/ready" }), "readiness");
      const live = await app.inject({ method: "GET", url: "/api/v1/health/live" });
      assert.equal(live.statusCode, 200, "the process is up: no reason to restart it");
      assert.deepEqual(live.json(), { status: "ok" });

      for (let i = 0; i < 30; i++) assertUnavailable(await practitioner.api("GET", "/api/v1/organisations"), `request ${i}`);
      const page = await practitioner.get("/agreements");
      assert.equal(page.statusCode, 503);
      assert.match(page.body, /Sorry, the service is unavailable/);
      // 33 failures, but each distinct error (a dropped connection, then refused ones) logged once.
      const errors = lines
        .slice(before)
        .map((line) => JSON.parse(line))
        .filter((entry) => entry.level >= 50);
      const signatures = errors.map((entry) => JSON.stringify([entry.error.type, entry.error.cause?.code, entry.error.message]));
      assert.ok(errors.length >= 1 && errors.length <= 3, `${errors.length} error lines for 33 failed requests`);
      assert.equal(new Set(signatures).size, signatures.length, "no error logged twice");
    } finally {
      await proxy.start();
    }
    const health = await app.inject({ method: "GET", url: "/api/v1/health" });
    assert.equal(health.statusCode, 200, "back as soon as the database is");
    assert.deepEqual(health.json(), { status: "ok", database: "postgres" });
  });
});
