import assert from "node:assert/strict";
import { test } from "node:test";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { z } from "zod";
import { organisationInput } from "../../../src/features/organisations-and-users/domain/inputs";
import { ConflictError, NotFoundError, RulesBlockedError, ValidationError } from "../../../src/platform/errors";
import { toProblem } from "../../../src/platform/http/problem";
import { errorSummary, fieldErrorsOf } from "../../../src/platform/web-kit/forms";

test("domain errors map to RFC 9457 problems with stable codes", () => {
  assert.equal(toProblem(new NotFoundError()).status, 404);
  const v = toProblem(new ValidationError([{ path: "/email", message: "Enter an email" }]));
  assert.deepEqual([v.status, v.code, v.errors?.[0]?.path], [400, "VALIDATION_FAILED", "/email"]);
  assert.equal(toProblem(new ConflictError("dup")).status, 409);
});

test("unexpected errors become a 500 that reveals nothing", () => {
  const p = toProblem(new TypeError("Cannot read properties of undefined (reading 'secret')"));
  assert.equal(p.status, 500);
  assert.doesNotMatch(JSON.stringify(p), /secret|TypeError/);
});

test("zod issues become field paths and GOV.UK error summary links", () => {
  const result = organisationInput.safeParse({ name: "", type: "castle" });
  assert.equal(result.success, false);
  const problem = toProblem(result.error);
  const paths = problem.errors!.map((e) => e.path);
  assert.deepEqual(paths.slice(0, 2), ["/name", "/type"]);
  const { errorList, errors } = errorSummary(problem.errors!);
  assert.equal(errorList[0]!.href, "#name");
  assert.equal(errors.type!.text, "Select the type of organisation");
});

test("ICO registration numbers are checked; blank optional fields become undefined", () => {
  const ok = organisationInput.parse({ name: "A", type: "school", isPublicAuthority: "yes", icoRegistration: "za123456", dpoEmail: "" });
  assert.equal(ok.isPublicAuthority, true);
  assert.equal(ok.dpoEmail, undefined);
  assert.throws(
    () => organisationInput.parse({ name: "A", type: "school", isPublicAuthority: "yes", icoRegistration: "12345" }),
    z.ZodError,
  );
});

test("rule findings on a form read as reasons, never rule codes: a block at the answer it is about, a warning at the box that acknowledges it", () => {
  const found = fieldErrorsOf(
    new RulesBlockedError([
      { code: "L-NO-ART6", severity: "block", path: "/lawfulBasis/article6", message: "Select the Article 6 lawful basis" },
      { code: "GR5-PROTECT-IDENTITIES", severity: "warning", path: "/text", message: "What you have written mentions a protected address" },
    ]),
  );
  assert.equal(found?.status, 422);
  assert.deepEqual(found?.fieldErrors, [
    { path: "/lawfulBasis/article6", message: "Select the Article 6 lawful basis" },
    { path: "/acknowledged", message: "What you have written mentions a protected address" },
  ]);
  const told = fieldErrorsOf(
    new RulesBlockedError([{ code: "GR5-PROTECT-IDENTITIES", severity: "warning", path: "/text", message: "It mentions a refuge." }]),
    "Tick the box to save it as written.",
  );
  assert.deepEqual(told?.fieldErrors, [{ path: "/acknowledged", message: "It mentions a refuge. Tick the box to save it as written." }]);
});

test("a database that is down, restarting or too slow is a 503 'temporarily unavailable', however the driver words it", () => {
  const server = (code: string, severity = "FATAL") => Object.assign(new Error("terminating connection"), { code, severity });
  const unavailable = [
    Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" }),
    new DrizzleQueryError("select 1", [], server("57P01")), // the server is shutting down
    new DrizzleQueryError("select 1", [], server("57014", "ERROR")), // statement timeout
    new Error("timeout exceeded when trying to connect"), // no pooled connection free in time
    new Error("Connection terminated unexpectedly"),
    new Error("Query read timeout"),
    Object.assign(new Error("Request timed out after 60000 ms on route '/x'"), { code: "FST_ERR_HANDLER_TIMEOUT", statusCode: 503 }),
  ];
  for (const error of unavailable) {
    const problem = toProblem(error);
    assert.deepEqual([problem.status, problem.title], [503, "The service is temporarily unavailable"], error.message);
    assert.doesNotMatch(JSON.stringify(problem), /ECONNREFUSED|127\.0\.0\.1|terminat|timeout|57P01/);
  }
  assert.equal(toProblem(new DrizzleQueryError("select 1", [], server("42883", "ERROR"))).status, 500, "a broken query is still our fault");
});
