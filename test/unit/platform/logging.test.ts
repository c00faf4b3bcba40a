import assert from "node:assert/strict";
import { test } from "node:test";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { loggableError, RepeatedErrorThrottle, redactUrl } from "../../../src/platform/http/logging";

/** A failed query as drizzle reports it: the driver's error (with SQLSTATE) as its cause. */
function failedQuery(code: string, message: string) {
  const cause = Object.assign(new Error(message), { code, severity: "ERROR", detail: "Key (lines)=(Flat 7, Quiet Mews) exists" });
  return new DrizzleQueryError("insert into subject_address (lines) values ($1)", ["Flat 7, Quiet Mews"], cause);
}

test("an error is logged as class, SQLSTATE and cause: never a failed query's SQL, parameters or the row it quotes", () => {
  const logged = loggableError(failedQuery("23505", "duplicate key value violates unique constraint"));
  assert.equal(logged.type, "DrizzleQueryError");
  assert.equal(logged.sqlState, "23505");
  assert.deepEqual(logged.cause, { type: "Error", code: "23505", message: "duplicate key value violates unique constraint" });
  assert.doesNotMatch(JSON.stringify(logged), /Quiet Mews|insert into|\$1/);
  assert.equal(loggableError(new TypeError("x is undefined")).message, "x is undefined");
});

test("a request line keeps the path and nothing of the query string; invitation tokens are cut out", () => {
  assert.equal(redactUrl("/subjects?q=Featherstone&nhsNumber=9434765919"), "/subjects?[redacted]");
  assert.equal(redactUrl("/api/v1/subjects/7b0e/chronology"), "/api/v1/subjects/7b0e/chronology");
  assert.equal(redactUrl("/invitations/abc123?x=1"), "/invitations/[redacted]?[redacted]");
});

test("the same error is logged once per interval, the next line counting the repeats left out; a different error is logged at once", () => {
  const throttle = new RepeatedErrorThrottle(10_000);
  assert.deepEqual(throttle.admit("ECONNREFUSED", 0), { log: true, repeatsSuppressed: 0 });
  for (let ms = 1; ms <= 9_999; ms += 1_111) assert.equal(throttle.admit("ECONNREFUSED", ms).log, false);
  assert.deepEqual(throttle.admit("57014", 5_000), { log: true, repeatsSuppressed: 0 });
  assert.deepEqual(throttle.admit("ECONNREFUSED", 10_000), { log: true, repeatsSuppressed: 9 });
  assert.deepEqual(throttle.admit("ECONNREFUSED", 10_001), { log: false, repeatsSuppressed: 0 });
});
