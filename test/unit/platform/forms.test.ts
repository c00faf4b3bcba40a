import assert from "node:assert/strict";
import { test } from "node:test";
import type { FastifyReply } from "fastify";
import { z } from "zod";
import { ConflictError, NotFoundError, RulesBlockedError, ValidationError } from "../../../src/platform/errors";
import { toProblem } from "../../../src/platform/http/problem";
import {
  type ErrorSummary,
  errorSummary,
  fieldErrorsOf,
  parseForm,
  type Refusal,
  withFormErrors,
} from "../../../src/platform/web-kit/forms";

/** Just enough of a reply to see the status a refused form is given. */
function fakeReply() {
  const reply = {
    statusCode: 200,
    status(code: number) {
      reply.statusCode = code;
      return reply;
    },
  };
  return reply;
}

/** Runs a form action through the kit; what the page would be rendered with, if it was refused. */
async function submit(action: () => Promise<unknown>, options: Parameters<typeof withFormErrors>[3] = {}) {
  const reply = fakeReply();
  const values = { name: "Ana Souza", email: "ana@" };
  let rendered: (ErrorSummary & { values: typeof values; refusal: Refusal }) | undefined;
  const result = await withFormErrors(
    reply as unknown as FastifyReply,
    (summary, refusal) => {
      rendered = { ...summary, values, refusal };
      return "page";
    },
    action,
    options,
  );
  return { result, status: reply.statusCode, rendered };
}

test("field paths become GOV.UK error summary links to the field's id, one message per field where asked", () => {
  const summary = errorSummary([
    { path: "/email", message: "Enter an email address" },
    { path: "/parties/0/signatoryUserId", message: "Choose who signs" },
    { path: "/flows/0/dataItemKeys/2", message: "Choose a data item from the list" },
    { path: "/", message: "Something about the whole form" },
  ]);
  assert.deepEqual(
    summary.errorList.map((e) => e.href),
    ["#email", "#parties-0-signatoryUserId", "#flows-0-dataItemKeys", "#form"],
  );
  assert.equal(summary.errors.email?.text, "Enter an email address");

  const twice = [
    { path: "/dateOfBirth", message: "Enter a real date of birth, like 2019-03-27" },
    { path: "/dateOfBirth", message: "Date of birth must be in the past" },
  ];
  assert.equal(errorSummary(twice).errorList.length, 2, "every distinct message, unless the form asks for one per field");
  const dated = errorSummary(twice, { onePerField: true, dateFields: ["dateOfBirth"] });
  assert.deepEqual(dated.errorList, [{ text: "Enter a real date of birth, like 27 3 2019", href: "#dateOfBirth-day" }]);
  assert.equal(dated.errors.dateOfBirth?.text, "Enter a real date of birth, like 27 3 2019", "no ISO date where a person types boxes");

  const elsewhere = errorSummary([{ path: "/purpose/code", message: "Select a purpose" }], {
    hrefFor: (path, id) => `/share/steps/purpose#${id}${path === "/purpose/code" ? "" : "-other"}`,
  });
  assert.equal(elsewhere.errorList[0]?.href, "/share/steps/purpose#purpose-code");
});

test("a refused form is rendered again with what was typed, the summary, and the API's status for the same error", async () => {
  const schema = z.object({ name: z.string().min(1), email: z.email({ error: "Enter an email address in the correct format" }) });
  const refused = await submit(async () => parseForm(schema, { name: "Ana Souza", email: "ana@" }));
  assert.equal(refused.result, "page");
  assert.equal(refused.status, 400);
  assert.equal(refused.status, toProblem(new ValidationError([])).status, "a validation error is the API's status");
  assert.deepEqual(refused.rendered?.values, { name: "Ana Souza", email: "ana@" });
  assert.deepEqual(refused.rendered?.errorList, [{ text: "Enter an email address in the correct format", href: "#email" }]);

  const duplicate = await submit(async () => {
    throw new ConflictError("A user with this email address already exists", [{ path: "/email", message: "Already in use" }]);
  });
  assert.equal(duplicate.status, 409);
  assert.equal(duplicate.status, toProblem(new ConflictError("x")).status);

  const blocked = await submit(async () => {
    throw new RulesBlockedError([{ code: "GR5-PROTECT-IDENTITIES", severity: "warning", path: "/text", message: "It names a refuge." }]);
  });
  assert.equal(blocked.status, toProblem(new RulesBlockedError([])).status);
  assert.deepEqual(blocked.rendered?.errorList, [{ text: "It names a refuge.", href: "#acknowledged" }]);

  const saved = await submit(async () => "redirected");
  assert.deepEqual([saved.result, saved.status, saved.rendered], ["redirected", 200, undefined], "an accepted form is not touched");
});

test("the form's own wording and paths: a conflict's sentence first, a refusal with no field put at one, paths renamed", async () => {
  const conflict = () => {
    throw new ConflictError("This agreement cannot be changed now", [{ path: "/documentControl/title", message: "Enter a title" }]);
  };
  const led = await submit(async () => conflict(), { leadWithMessage: true, mapPath: (p) => p.replace("/documentControl", "") });
  assert.deepEqual(led.rendered?.errorList, [{ text: "This agreement cannot be changed now:" }, { text: "Enter a title", href: "#title" }]);

  const nowhere = await submit(
    async () => {
      throw new ConflictError("A dispute is recorded once");
    },
    { orAt: { path: "/reason", message: "Check the reason" } },
  );
  assert.deepEqual(nowhere.rendered?.errorList, [{ text: "A dispute is recorded once", href: "#reason" }]);
});

test("anything not about what was typed goes to the error pages: not found, a conflict the form cannot show, or one it hands on", async () => {
  await assert.rejects(
    submit(async () => {
      throw new NotFoundError();
    }),
    NotFoundError,
  );
  await assert.rejects(
    submit(async () => {
      throw new ConflictError("Already recorded");
    }),
    ConflictError,
    "no field to show it at, and no sentence at the top",
  );
  await assert.rejects(
    submit(
      async () => {
        throw new ConflictError("The key was used with other answers", [{ path: "/key", message: "Used" }]);
      },
      { conflictsAreErrors: true },
    ),
    ConflictError,
  );
  assert.equal(fieldErrorsOf(new Error("boom")), undefined);
});
