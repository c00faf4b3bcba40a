import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import SwaggerParser from "@apidevtools/swagger-parser";
import { type App, buildApp } from "../../../src/app/build-app";
import { client, TEST_PUBLIC_URL, testApp } from "../../support/app";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation, newUser, TEST_PASSWORD } from "../../support/factories";
import { TestClient } from "../../support/http-client";
import { signedInAs } from "../../support/sign-in";

/** An operation of the OpenAPI document, as much of it as these tests read. */
interface Operation {
  operationId?: string;
  summary?: string;
  responses: Record<
    string,
    { content?: Record<string, unknown>; headers?: Record<string, { required?: boolean; schema?: { format?: string } }> }
  >;
}

describeEachDatabase("JSON API", (ctx) => {
  let app: App;
  before(async () => {
    app = await testApp(ctx.database);
  });
  after(() => app.close());

  test("health reports the database engine", async () => {
    const res = await app.inject({ method: "GET", url: "/api/v1/health" });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: "ok", database: ctx.kind });
  });

  test("a request still unanswered after the request timeout is a 503 with Retry-After, not a connection left hanging", async () => {
    const impatient = await buildApp({
      database: ctx.database,
      session: { idleMinutes: 30, absoluteHours: 12 },
      publicUrl: TEST_PUBLIC_URL,
      requestTimeoutMs: 100,
    });
    impatient.get("/api/v1/test/never", () => new Promise(() => {}));
    try {
      const res = await impatient.inject({ method: "GET", url: "/api/v1/test/never" });
      assert.equal(res.statusCode, 503);
      assert.match(String(res.headers["content-type"]), /application\/problem\+json/);
      assert.match(String(res.headers["retry-after"]), /^\d+$/);
      assert.equal(res.json().title, "The service is temporarily unavailable");
    } finally {
      await impatient.close();
    }
  });

  test("checking the audit log is answered however long the trail, not cut off by the request timeout that bounds other requests", async () => {
    // A request timeout too short for anything that touches the database: only the check's own, longer, limit lets it finish.
    const impatient = await buildApp({
      database: ctx.database,
      session: { idleMinutes: 30, absoluteHours: 12 },
      publicUrl: TEST_PUBLIC_URL,
      requestTimeoutMs: 1,
    });
    try {
      const auditor = await newUser(ctx.database.db, await newOrganisation(ctx.database.db), ["auditor"]);
      const signedIn = await signedInAs(app, ctx.database.db, auditor);
      const browser = new TestClient(impatient);
      for (const [name, value] of signedIn.cookies) browser.cookies.set(name, value);
      browser.csrfToken = signedIn.csrfToken;
      const api = await browser.api("GET", "/api/v1/audit/verify");
      assert.equal(api.statusCode, 200, api.body);
      assert.equal(api.json().ok, true);
      const page = await browser.post("/audit/verify", {});
      assert.equal(page.statusCode, 200, page.body);
    } finally {
      await impatient.close();
    }
  });

  test("the server's own time is sent in Server-Timing only when SAFESHARE_SERVER_TIMING enables it", async () => {
    // By default nothing tells a client how long the server spent (a timing side channel, and noise).
    const quiet = await app.inject({ method: "GET", url: "/api/v1/health" });
    assert.equal(quiet.headers["server-timing"], undefined);
    // Operators (and the benchmarks) who turn it on read it from the standard header.
    const timed = await testApp(ctx.database, { serverTiming: true });
    try {
      const res = await timed.inject({ method: "GET", url: "/api/v1/health" });
      assert.match(String(res.headers["server-timing"]), /^app;dur=\d+\.\d$/);
    } finally {
      await timed.close();
    }
  });

  test("no API response, error or success, and no page may be kept by a browser or proxy cache; static assets may", async () => {
    const org = await newOrganisation(ctx.database.db);
    const { email } = await newUser(ctx.database.db, org, ["practitioner"]);
    const browser = client(app);
    await browser.signIn(email, TEST_PASSWORD);
    const responses = {
      health: await app.inject({ method: "GET", url: "/api/v1/health" }),
      openapi: await app.inject({ method: "GET", url: "/api/v1/openapi.json" }),
      "signed out (401)": await app.inject({ method: "GET", url: "/api/v1/organisations" }),
      "unknown route (404)": await app.inject({ method: "GET", url: "/api/v1/nothing-here" }),
      "organisations (200)": await browser.api("GET", "/api/v1/organisations"),
      "bad id (400)": await browser.api("GET", "/api/v1/organisations/not-a-uuid"),
      "sign-in page": await app.inject({ method: "GET", url: "/sign-in" }),
      "agreements page": await browser.get("/agreements"),
      "page not found": await browser.get("/nothing-here"),
    };
    for (const [name, res] of Object.entries(responses)) {
      assert.ok(res.statusCode < 500, `${name}: ${res.statusCode}`);
      assert.equal(res.headers["cache-control"], "no-store", name);
    }
    // What a page loads (and the module its script imports) is kept for good under a path that changes
    // with it: a page load fetches nothing the browser already has.
    const page = responses["sign-in page"].body;
    const assets = [...page.matchAll(/(?:href|src)="(\/static\/[^"]+)"/g)].map((m) => m[1]!);
    assert.equal(assets.length, 5, "three stylesheets and two scripts");
    const script = assets.find((a) => a.endsWith("safeshare-init.mjs"))!;
    const imported = (await app.inject({ method: "GET", url: script })).body.match(/from "(\.\/[^"]+)"/)![1]!;
    for (const asset of [...assets, new URL(imported, `http://x${script}`).pathname]) {
      const res = await app.inject({ method: "GET", url: asset });
      assert.equal(res.statusCode, 200, asset);
      assert.equal(res.headers["cache-control"], "public, max-age=31536000, immutable", asset);
    }
    const favicon = await app.inject({ method: "GET", url: "/assets/images/favicon.ico" });
    assert.equal(favicon.headers["cache-control"], "public, max-age=86400");
  });

  test("OpenAPI document lists the resources", async () => {
    const res = await app.inject({ method: "GET", url: "/api/v1/openapi.json" });
    assert.equal(res.statusCode, 200);
    const doc = res.json();
    assert.equal(doc.openapi, "3.1.0");
    for (const path of [
      "/api/v1/organisations",
      "/api/v1/users/{id}",
      "/api/v1/audit/verify",
      "/api/v1/health",
      "/api/v1/health/live",
      "/api/v1/health/ready",
    ]) {
      assert.ok(doc.paths[path], `missing ${path}`);
    }
  });

  test("the OpenAPI document passes a standard validator (swagger-parser), as a partner's tooling reads it", async () => {
    const doc = (await app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json();
    // Throws, listing each error, on a document that breaks the OpenAPI 3.1 schema or has a $ref that does not resolve.
    const validated = await SwaggerParser.validate(doc);
    assert.ok("openapi" in validated && validated.openapi === "3.1.0");
  });

  test("the OpenAPI document describes the API alone: each operation named and summarised, errors as problem+json, a PDF as a PDF", async () => {
    const doc = (await app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json();
    assert.deepEqual(
      Object.keys(doc.paths).filter((path) => !path.startsWith("/api/v1/")),
      [],
      "pages are for people, not in the API's document",
    );
    const operations = Object.entries(doc.paths as Record<string, Record<string, Operation>>).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })),
    );
    assert.ok(operations.length >= 100, `${operations.length} operations`);
    const ids = operations.map(({ op }) => op.operationId);
    assert.deepEqual(
      operations.filter(({ op }) => !/^[a-z]+(?:[A-Z][a-z0-9]*)+$/.test(op.operationId ?? "")).map(({ name }) => name),
      [],
      "every operation has an operationId, a verb and a noun in camelCase",
    );
    assert.deepEqual(
      ids.filter((id, i) => ids.indexOf(id) !== i),
      [],
      "operationIds are unique",
    );
    assert.deepEqual(
      operations.filter(({ op }) => !op.summary?.trim()).map(({ name }) => name),
      [],
      "every operation has a summary",
    );
    const errorMediaTypes = new Set(
      operations.flatMap(({ op }) =>
        Object.entries(op.responses)
          .filter(([status]) => Number(status) >= 400)
          .flatMap(([, response]) => Object.keys(response.content ?? {})),
      ),
    );
    assert.deepEqual([...errorMediaTypes], ["application/problem+json"]);
    const pdf = doc.paths["/api/v1/agreements/{id}/document.pdf"].get as Operation;
    assert.deepEqual(Object.keys(pdf.responses["200"]!.content ?? {}), ["application/pdf"]);
    assert.deepEqual(doc.servers, [{ url: TEST_PUBLIC_URL }], "the configured public address, never the request's Host");
    assert.deepEqual(doc.components.securitySchemes.bearer, {
      type: "http",
      scheme: "bearer",
      description: doc.components.securitySchemes.bearer.description,
    });
    assert.deepEqual(doc.security, [{ bearer: [] }, { session: [] }]);
  });

  test("an error is sent with the media type the document declares for it", async () => {
    const doc = (await app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json();
    const org = await newOrganisation(ctx.database.db);
    const { email } = await newUser(ctx.database.db, org, ["practitioner"]);
    const browser = client(app);
    await browser.signIn(email, TEST_PASSWORD);
    const cases = [
      { path: "/api/v1/organisations", method: "get", status: 401, res: await app.inject({ method: "GET", url: "/api/v1/organisations" }) },
      { path: "/api/v1/organisations/{id}", method: "get", status: 400, res: await browser.api("GET", "/api/v1/organisations/not-a-uuid") },
      { path: "/api/v1/subjects/{id}", method: "get", status: 404, res: await browser.api("GET", `/api/v1/subjects/${randomUUID()}`) },
      {
        path: "/api/v1/organisations",
        method: "post",
        status: 403,
        res: await browser.api("POST", "/api/v1/organisations", { name: "Valid", type: "school", isPublicAuthority: true }),
      },
    ];
    for (const { path, method, status, res } of cases) {
      assert.equal(res.statusCode, status, `${method} ${path}: ${res.body}`);
      const declared = Object.keys((doc.paths[path][method] as Operation).responses[String(status)]?.content ?? {});
      assert.deepEqual(declared, [String(res.headers["content-type"]).split(";")[0]], `${method} ${path} ${status}`);
    }
  });

  test("every 201 the OpenAPI document declares has a required Location header, a URI reference", async () => {
    const doc = (await app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json();
    const created = Object.entries(doc.paths as Record<string, Record<string, Operation>>).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, op]) => op.responses["201"])
        .map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, location: op.responses["201"]!.headers?.Location })),
    );
    assert.ok(created.length >= 17, `${created.length} operations answer 201`);
    assert.deepEqual(
      created.filter(({ location }) => location?.required !== true || location.schema?.format !== "uri-reference").map(({ name }) => name),
      [],
    );
  });

  test("a 201's Location is a path where a GET reads what was made", async () => {
    const org = await newOrganisation(ctx.database.db);
    const { email } = await newUser(ctx.database.db, org, ["practitioner"]);
    const browser = client(app);
    await browser.signIn(email, TEST_PASSWORD);
    await browser.get("/"); // its page carries a token for the new session's CSRF secret
    const follow = async (made: Awaited<ReturnType<typeof browser.api>>) => {
      assert.equal(made.statusCode, 201, made.body);
      const location = String(made.headers.location);
      assert.match(location, /^\/api\/v1\//, "a path under the API, never built from the request's Host");
      const read = await browser.api("GET", location);
      assert.equal(read.statusCode, 200, `${location}: ${read.body}`);
      return read.json();
    };
    const person = { kind: "CHILD", givenNames: "Ada", familyName: "Okafor", dateOfBirth: "2015-03-01" };
    const subject = await browser.api("POST", "/api/v1/subjects", person);
    const subjectId = subject.json().id;
    assert.equal((await follow(subject)).id, subjectId);

    const fact = {
      category: "education",
      kind: "FACT",
      text: "Arrived without a coat.",
      eventDate: "2026-01-12",
      source: { name: "Class teacher", method: "OBSERVED", obtainedOn: "2026-01-14" },
    };
    const item = await browser.api("POST", `/api/v1/subjects/${subjectId}/items`, fact);
    assert.equal((await follow(item)).item.id, item.json().id);
    const correction = await browser.api("POST", `/api/v1/subjects/${subjectId}/items/${item.json().id}/corrections`, {
      ...fact,
      text: "Arrived without a coat or gloves.",
      reason: "The gloves were left out",
    });
    assert.equal((await follow(correction)).item.id, correction.json().id, "the new version");

    const concern = await browser.api("POST", `/api/v1/subjects/${subjectId}/concerns`, {
      category: "NEGLECT",
      description: "Often hungry at breakfast club.",
      levelOfNeed: "EARLY_HELP",
      noticedOn: "2026-01-15",
    });
    assert.equal((await follow(concern)).id, concern.json().id);

    // A link has no address of its own: Location is the first person's linked people, which list it.
    const parent = await browser.api("POST", "/api/v1/subjects", { kind: "PARENT_CARER", givenNames: "Grace", familyName: "Okafor" });
    const link = await browser.api("POST", "/api/v1/subject-links", {
      fromSubjectId: parent.json().id,
      toSubjectId: subjectId,
      kind: "PARENT_OF",
    });
    const linked = await follow(link);
    assert.ok(
      linked.items.some((p: { linkId: string }) => p.linkId === link.json().id),
      JSON.stringify(linked),
    );
  });

  test("every $ref in the OpenAPI document resolves, so a client generator can read it", async () => {
    const doc = (await app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json();
    const unresolved = new Set<string>();
    let refs = 0;
    const resolve = (ref: string) =>
      ref.startsWith("#/")
        ? ref
            .slice(2)
            .split("/")
            .reduce<unknown>(
              (node, key) => (node as Record<string, unknown> | undefined)?.[key.replace(/~1/g, "/").replace(/~0/g, "~")],
              doc,
            )
        : undefined;
    const walk = (node: unknown): void => {
      if (!node || typeof node !== "object") return;
      const ref = (node as { $ref?: unknown }).$ref;
      if (typeof ref === "string") {
        refs++;
        if (resolve(ref) === undefined) unresolved.add(ref);
      }
      for (const child of Object.values(node)) walk(child);
    };
    walk(doc);
    assert.ok(refs > 0, "the document shares its schemas by reference");
    assert.deepEqual([...unresolved], []);
  });

  test("every list in the OpenAPI document is one envelope, { items, total, page, pageSize }, and takes page and pageSize", async () => {
    const doc = (await app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json();
    type Schema = { $ref?: string; type?: string; properties?: Record<string, Schema>; required?: string[]; items?: Schema };
    const resolved = (schema: Schema | undefined): Schema | undefined =>
      schema?.$ref ? resolved(doc.components.schemas[schema.$ref.replace("#/components/schemas/", "")]) : schema;
    // A document whose items are its contents, not a list of resources: a disclosure, an access pack.
    const documents = new Set(["getDisclosure", "getAccessPack"]);
    const lists = Object.entries(doc.paths as Record<string, Record<string, Operation & { parameters?: { in: string; name: string }[] }>>)
      .flatMap(([path, methods]) => (methods.get ? [{ path, op: methods.get }] : []))
      .filter(({ op }) => !documents.has(op.operationId ?? ""))
      .map(({ path, op }) => {
        const content = op.responses["200"]?.content?.["application/json"] as { schema?: Schema } | undefined;
        return { name: `${op.operationId} (GET ${path})`, op, body: resolved(content?.schema) };
      })
      .filter(({ body }) => resolved(body?.properties?.items)?.type === "array");
    assert.ok(lists.length >= 17, `${lists.length} lists: ${lists.map((l) => l.name).join(", ")}`);
    const unlike = lists.flatMap(({ name, op, body }) => {
      const problems = ["total", "page", "pageSize"].flatMap((field) =>
        resolved(body?.properties?.[field])?.type === "integer" && body?.required?.includes(field)
          ? []
          : [`${field} is not a required integer`],
      );
      const query = new Set((op.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name));
      problems.push(...["page", "pageSize"].filter((p) => !query.has(p)).map((p) => `no ${p} query parameter`));
      return problems.map((problem) => `${name}: ${problem}`);
    });
    assert.deepEqual(unlike, []);
  });

  test("without a session the API answers 401 problem+json", async () => {
    const res = await app.inject({ method: "GET", url: "/api/v1/organisations" });
    assert.equal(res.statusCode, 401);
    assert.match(res.headers["content-type"] as string, /application\/problem\+json/);
    assert.equal(res.json().code, "NOT_SIGNED_IN");
  });

  test("bad input gets field paths, malformed JSON gets 400, never a 500", async () => {
    const org = await newOrganisation(ctx.database.db);
    const { email } = await newUser(ctx.database.db, org, ["practitioner", "safeguarding_lead"]);
    // partnership admins need MFA; a practitioner can still reach the API's validation layer
    const browser = client(app);
    await browser.signIn(email, TEST_PASSWORD);
    await browser.get("/"); // where sign-in leads: its page carries a token for the new session's CSRF secret
    const invalid = await browser.api("POST", "/api/v1/organisations", { name: "", type: "castle", isPublicAuthority: "maybe" });
    assert.equal(invalid.statusCode, 400);
    const problem = invalid.json();
    assert.equal(problem.code, "VALIDATION_FAILED");
    const paths = problem.errors.map((e: { path: string }) => e.path);
    for (const p of ["/name", "/type", "/isPublicAuthority"]) assert.ok(paths.includes(p), `expected ${p} in ${paths}`);

    const malformed = await app.inject({
      method: "POST",
      url: "/api/v1/organisations",
      headers: {
        "content-type": "application/json",
        cookie: [...browser.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
        "x-csrf-token": browser.csrfToken!,
      },
      payload: "{not json",
    });
    assert.equal(malformed.statusCode, 400);
    assert.match(malformed.headers["content-type"] as string, /problem\+json/);

    const badId = await browser.api("GET", "/api/v1/organisations/not-a-uuid");
    assert.equal(badId.statusCode, 400);
    assert.equal(badId.json().errors[0].path, "/id");

    const notAllowed = await browser.api("POST", "/api/v1/organisations", { name: "Valid", type: "school", isPublicAuthority: true });
    assert.equal(notAllowed.statusCode, 403);
    assert.match(notAllowed.json().detail, /partnership administrators/);
  });

  test("a field an API body does not know is refused with a problem naming it, not dropped in silence", async () => {
    const org = await newOrganisation(ctx.database.db);
    const { email } = await newUser(ctx.database.db, org, ["practitioner"]);
    const browser = client(app);
    await browser.signIn(email, TEST_PASSWORD);
    await browser.get("/"); // its page carries a token for the new session's CSRF secret
    const subject = { kind: "CHILD", givenNames: "Ada", familyName: "Okafor", dateOfBirth: "2015-03-01" };
    const misspelt = await browser.api("POST", "/api/v1/subjects", { ...subject, nhsNumbr: "9434765919", aliases: [] });
    assert.equal(misspelt.statusCode, 400, misspelt.body);
    assert.match(String(misspelt.headers["content-type"]), /^application\/problem\+json/);
    assert.equal(misspelt.json().code, "VALIDATION_FAILED");
    assert.deepEqual(misspelt.json().errors, [{ path: "/nhsNumbr", message: "Unknown field: remove it or check its spelling" }]);
    const [recorded] = await ctx.database.query<{ subjects: number }>(
      "SELECT count(*)::int AS subjects FROM subject WHERE organisation_id = $1",
      [org.id],
    );
    assert.equal(recorded!.subjects, 0, "nothing recorded");

    const spelt = await browser.api("POST", "/api/v1/subjects", subject);
    assert.equal(spelt.statusCode, 201, spelt.body);
    // And the document says so, for a client generator: no field beyond those it lists.
    const doc = (await app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json();
    assert.equal(doc.paths["/api/v1/subjects"].post.requestBody.content["application/json"].schema.additionalProperties, false);
  });

  test("unknown API routes are 404 problems; unknown pages are a GOV.UK 404 page", async () => {
    const api = await app.inject({ method: "GET", url: "/api/v1/nothing-here" });
    assert.equal(api.statusCode, 404);
    assert.equal(api.json().status, 404);
    const page = await app.inject({ method: "GET", url: "/nothing-here" });
    assert.equal(page.statusCode, 404);
    assert.match(page.body, /Page not found/);
    assert.doesNotMatch(page.body, /at .*\.ts:\d+/);
  });

  test("a 5,000-character path parameter (414) and a bad percent-encoding (400) are problem+json for the API and the GOV.UK error page for pages", async () => {
    const long = "a".repeat(5000);
    const cases = [
      { path: `/subjects/${long}`, status: 414 },
      { path: "/subjects/%E0%A4%A", status: 400 },
      { path: "/subjects/%ZZ/items", status: 400 },
    ];
    for (const { path, status } of cases) {
      const api = await app.inject({ method: "GET", url: `/api/v1${path}` });
      assert.equal(api.statusCode, status, `API ${path.slice(0, 30)}: ${api.body.slice(0, 200)}`);
      assert.match(String(api.headers["content-type"]), /^application\/problem\+json/);
      const problem = api.json();
      assert.equal(problem.status, status);
      assert.ok(problem.type && problem.title, "a problem with a type and a title");
      assert.doesNotMatch(api.body, /aaaaaaaaaa|%E0|%ZZ|FST_/, "the address is not echoed back, nor fastify's own codes");

      const page = await app.inject({ method: "GET", url: path });
      assert.equal(page.statusCode, status, `page ${path.slice(0, 30)}`);
      assert.match(String(page.headers["content-type"]), /^text\/html/);
      assert.match(page.body, /govuk-heading-l/, "the GOV.UK error page");
      assert.match(String(page.headers["content-security-policy"]), /frame-ancestors 'none'/, "with the same security headers as any page");
      assert.doesNotMatch(page.body, /aaaaaaaaaa|%E0|%ZZ|FST_/);
    }
  });
});
