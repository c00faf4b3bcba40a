import assert from "node:assert/strict";
import { test } from "node:test";
import { failureReasonOf, loggableJobError } from "../../../src/platform/jobs/failure";

/**
 * What pg-boss keeps of a thrown error in the job's output: serialize-error's plain copy of its name,
 * message, stack and own properties (its `cause`, not enumerable, is not kept by the version pg-boss 10 uses).
 */
const stored = (error: Error) => JSON.parse(JSON.stringify({ ...error, name: error.name, message: error.message, stack: error.stack }));
const mailError = (props: Record<string, unknown>) => stored(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:25"), props));

test("pg-boss's own reasons: a job that ran past its time, and one whose node stopped under it", () => {
  assert.equal(failureReasonOf({ value: { message: "job failed by timeout in active state" } }), "timed_out");
  assert.equal(failureReasonOf({ value: "pg-boss shut down while active" }), "interrupted");
});

test("a mail server not reached is told from one that answered no", () => {
  assert.equal(failureReasonOf(mailError({ code: "ESOCKET", command: "CONN", originalCode: "ECONNREFUSED" })), "mail_server_unreachable");
  assert.equal(failureReasonOf(mailError({ code: "ETIMEDOUT", command: "CONN" })), "mail_server_unreachable");
  assert.equal(failureReasonOf(mailError({ code: "EENVELOPE", command: "RCPT TO", responseCode: 550 })), "mail_refused");
  assert.equal(failureReasonOf(mailError({ code: "EAUTH", command: "AUTH PLAIN", responseCode: 535 })), "mail_refused");
});

test("the database not answering, by its SQLSTATE or a refused connection, also as the cause of another error where one is kept", () => {
  const shuttingDown = Object.assign(new Error("terminating connection due to administrator command"), {
    code: "57P01",
    severity: "FATAL",
  });
  assert.equal(failureReasonOf(stored(shuttingDown)), "database_unavailable");
  assert.equal(failureReasonOf({ ...stored(new Error("Failed query")), cause: stored(shuttingDown) }), "database_unavailable");
  assert.equal(
    failureReasonOf(stored(Object.assign(new Error("connect ECONNREFUSED 10.0.0.5:5432"), { code: "ECONNREFUSED" }))),
    "database_unavailable",
  );
});

test("anything else is unexpected, whatever its text says", () => {
  assert.equal(failureReasonOf(stored(new TypeError("Cannot read properties of undefined (reading 'email')"))), "unexpected");
  const unique = Object.assign(new Error("duplicate key value violates unique constraint"), { code: "23505", severity: "ERROR" });
  assert.equal(failureReasonOf(stored(unique)), "unexpected");
  assert.equal(failureReasonOf(null), "unexpected");
  assert.equal(failureReasonOf({ message: "Kai Brennan's record could not be found" }), "unexpected");
});

test("a mail server's refusal is logged by its codes, never its words, which quote the address it refused", () => {
  const refused = Object.assign(
    new Error("Can't send mail - all recipients were rejected: 550 5.1.1 <ffion.hughes@northbrook.example>: unknown"),
    {
      code: "EENVELOPE",
      command: "RCPT TO",
      responseCode: 550,
    },
  );
  const logged = JSON.stringify(loggableJobError(refused));
  assert.doesNotMatch(logged, /ffion|northbrook/);
  assert.deepEqual(JSON.parse(logged), { reason: "mail_refused", type: "Error", code: "EENVELOPE", command: "RCPT TO", responseCode: 550 });
  // Anything else keeps what the log already shows of errors (src/platform/http/logging.ts).
  assert.equal((loggableJobError(new Error("something else")) as { message?: string }).message, "something else");
});
