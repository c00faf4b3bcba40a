import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { after, before, test } from "node:test";
import { sql } from "drizzle-orm";
import { type App, buildApp } from "../../../src/app/build-app";
import { logSerializers } from "../../../src/platform/http/logging";
import { TEST_PUBLIC_URL } from "../../support/app";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation, newUser } from "../../support/factories";
import type { TestClient } from "../../support/http-client";
import { signedInAs } from "../../support/sign-in";

/**
 * The server log never holds what was searched for or what a failed query was given (issue 4 review):
 * request lines keep the path and nothing of the query string, and an unexpected error is logged as
 * its class, SQLSTATE and cause, never the query's parameters. A value the database cannot store is
 * the request's fault, so a 400, even where no input rule caught it first.
 */

const REFUGE = "Flat 7, 3 Quiet Mews, Eastmoor";
const SEARCHED_NAME = "Featherstonehaugh";
const NHS_NUMBER = "9434765919";

describeEachDatabase("server log: no search terms, no query parameters; data exceptions are 400s", (ctx) => {
  const lines: string[] = [];
  let app: App;
  let practitioner: TestClient;

  before(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    // The server's own serialisers (src/server.ts), at the most talkative level, writing to memory.
    app = await buildApp({
      database: ctx.database,
      session: { idleMinutes: 30, absoluteHours: 12 },
      publicUrl: TEST_PUBLIC_URL,
      signInRateLimit: 1000,
      logger: { level: "trace", stream: sink, serializers: logSerializers },
    });
    const db = ctx.database.db;
    // Failures no input rule stands in front of: a query that fails with a protected address among
    // its parameters, and one whose value the database cannot store.
    app.get("/api/v1/test/failing-query", async () => db.execute(sql`select safeshare_no_such_function(${REFUGE})`));
    app.get("/test/failing-query", async () => db.execute(sql`select safeshare_no_such_function(${REFUGE})`));
    app.get("/api/v1/test/year-zero", async () => db.execute(sql`select ${"0000-01-01"}::date`));
    app.get("/api/v1/test/nul", async () => db.execute(sql`select ${`Quiet${"\u0000"}Mews`}::text`));
    await app.ready();
    const org = await newOrganisation(db, { name: "Eastmoor Health Visiting", type: "health_trust" });
    practitioner = await signedInAs(app, db, await newUser(db, org, ["practitioner"]));
  });
  after(() => app.close());

  test("a search's name and NHS number appear nowhere in the log, whichever way they were searched", async () => {
    const created = await practitioner.api("POST", "/api/v1/subjects", {
      kind: "CHILD",
      givenNames: "Kai",
      familyName: SEARCHED_NAME,
      nhsNumber: NHS_NUMBER,
    });
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id;
    const before = lines.length;
    for (const url of [
      `/api/v1/subjects?q=${SEARCHED_NAME}&nhsNumber=${NHS_NUMBER}`,
      `/subjects?q=${SEARCHED_NAME}&nhsNumber=943+476+5919`,
      `/subjects/${id}/people/link?q=${SEARCHED_NAME}`,
    ]) {
      assert.equal((await practitioner.get(url)).statusCode, 200, url);
    }
    const logged = lines.slice(before);
    assert.ok(
      logged.some((l) => l.includes('"url":"/api/v1/subjects?[redacted]"')),
      "the request is logged, its query is not",
    );
    assert.ok(logged.some((l) => l.includes(`"url":"/subjects/${id}/people/link?[redacted]"`)));
    for (const secret of [SEARCHED_NAME, NHS_NUMBER, "943+476", "943 476"]) {
      assert.ok(!lines.some((l) => l.includes(secret)), `server log holds ${secret}`);
    }
  });

  test("an unexpected database error is logged as its class and SQLSTATE, never with the query's parameters", async () => {
    const before = lines.length;
    const api = await practitioner.api("GET", "/api/v1/test/failing-query");
    assert.equal(api.statusCode, 500);
    assert.doesNotMatch(api.body, /Quiet Mews|safeshare_no_such_function/, "nothing of it in the response");
    const page = await practitioner.get("/test/failing-query");
    assert.equal(page.statusCode, 500);
    const logged = lines.slice(before).map((l) => JSON.parse(l) as { msg?: string; error?: Record<string, unknown> });
    const errors = logged.filter((l) => l.msg === "unhandled error");
    assert.equal(errors.length, 1, "logged once: the same failure again within ten seconds is counted, not logged again");
    for (const { error } of errors) {
      assert.equal(error!.type, "DrizzleQueryError");
      assert.equal(error!.sqlState, "42883", "undefined function");
      assert.match((error!.cause as { message: string }).message, /safeshare_no_such_function/);
      assert.match(error!.stack as string, /^\s+at /, "the stack's frames, without the message that heads it");
    }
    for (const secret of ["Quiet Mews", "params"]) {
      assert.ok(!lines.some((l) => l.includes(secret)), `server log holds ${secret}`);
    }
  });

  test("a value the database cannot store (year 0, a NUL) is a 400 problem, not a 500, even past the input rules", async () => {
    for (const url of ["/api/v1/test/year-zero", "/api/v1/test/nul"]) {
      const res = await practitioner.api("GET", url);
      assert.equal(res.statusCode, 400, `${url}: ${res.body}`);
      assert.match(res.headers["content-type"] as string, /application\/problem\+json/);
      assert.equal(res.json().code, "INVALID_VALUE");
      assert.doesNotMatch(res.body, /0000-01-01|Quiet|Mews/, "the database's message, which can quote the value, is not passed on");
    }
  });
});
