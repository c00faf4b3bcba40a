import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import fc from "fast-check";
import type { App } from "../../../src/app/build-app";
import { seedDemoPartnership } from "../../../src/demo/seed-demo";
import type { Database } from "../../../src/platform/db/client";
import { testApp } from "../../support/app";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation, newUser } from "../../support/factories";
import type { TestClient } from "../../support/http-client";
import { signedInAs } from "../../support/sign-in";

/**
 * Property-based fuzzing of every write route the API documents (issue 16): the routes are read from
 * the served OpenAPI document, so a route added later is fuzzed without touching this file. Each input
 * is one request: a route, its path parameters (ids of rows that exist, in this organisation or another,
 * random UUIDs, and malformed strings) and a body (built from the route's own request schema, the same
 * with one field replaced by anything, or any JSON at all). The properties:
 *   - never a 5xx;
 *   - every 4xx is problem+json with `type`, `title` and `status`;
 *   - a rejected (4xx) request adds no row to any table and no audit event, except the events that
 *     record a refusal itself (REFUSAL_EVENTS). Counts are taken before and after each request, so a
 *     row written and kept by a request that then answered 4xx is caught, whatever the table.
 * The document holds the API only: pages, web forms included, are left out of it. This file never fuzzed
 * the forms (it kept to /api/ paths from the start: a form route declares no body schema to generate
 * from), so nothing was lost when they left; the forms are exercised by the features' page tests instead.
 * `FUZZ_RUNS` and `FUZZ_SEED` override the run count and seed. In CI the seed is fixed, so a failure
 * there is reproduced by running the file again; elsewhere it is random, to explore. Either way the
 * seed is printed with the run count (and fast-check prints it with a failure).
 */

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);
const CI_SEED = 16;
const SEED =
  process.env.FUZZ_SEED !== undefined
    ? Number(process.env.FUZZ_SEED)
    : process.env.CI === "true"
      ? CI_SEED
      : Math.floor(Math.random() * 0x7fffffff);

/** Audit events that record the refusal itself, so a rejected request may add them (a wrong password when signing). */
const REFUSAL_EVENTS = new Set(["auth.sign_in_failed", "auth.locked_out", "auth.second_factor_locked_out", "access.denied"]);
/** Tables a rejected request may legitimately change: the session's and the rate limiter's bookkeeping, and the audit log (checked by event type). */
const UNCOUNTED_TABLES = new Set(["session", "rate_limit_bucket", "audit_event", "audit_head"]);

/** The table a path parameter names, by the path segment before it. */
const TABLE_OF_SEGMENT: Record<string, string> = {
  organisations: "organisation",
  users: "app_user",
  agreements: "agreement",
  subjects: "subject",
  items: "record_item",
  concerns: "concern",
  "share-decisions": "share_decision",
  "information-requests": "information_request",
  "recipient-notices": "recipient_notice",
  disclosures: "disclosure",
  recipients: "disclosure",
  "rights-requests": "rights_request",
  holds: "legal_hold",
};

/** Path parameters no router or validator should choke on, sent as they are (not percent-encoded). */
const MALFORMED_PARAMS = [
  "a".repeat(5000),
  "%E0%A4%A",
  "%ZZ",
  "%00",
  "..%2F..%2Fetc%2Fpasswd",
  "1'%20OR%20'1'%3D'1",
  "00000000-0000-0000-0000-000000000000",
  "ffffffff-ffff-ffff-ffff-ffffffffffff",
  "-1",
  "99999999999999999999",
  "%F0%9F%92%A5",
  "null",
];

/** Strings that have broken services elsewhere: control characters, SQL, markup, astral characters, blanks. */
const AWKWARD_STRINGS = ["\u0000", "' OR 1=1 --", "<script>alert(1)</script>", "../../", "💥", " ", "", "a".repeat(20_000)];

type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
};
type OpenApi = {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>>;
};

interface WriteRoute {
  method: "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  body?: JsonSchema;
}

function writeRoutes(doc: OpenApi): WriteRoute[] {
  return Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations)
      .filter(([method]) => ["post", "put", "patch", "delete"].includes(method))
      .map(([method, op]) => ({
        method: method.toUpperCase() as WriteRoute["method"],
        path,
        body: op.requestBody?.content?.["application/json"]?.schema,
      })),
  );
}

const isoDay = (daysSince2000: number) => new Date(Date.UTC(2000, 0, 1) + daysSince2000 * 86_400_000).toISOString().slice(0, 10);

/**
 * A fast-check arbitrary for the subset of JSON Schema our OpenAPI uses: values that mostly pass
 * validation, so the requests reach the services and not only the validator.
 */
function arbitraryFor(schema: JsonSchema, doc: OpenApi, knownIds: string[]): fc.Arbitrary<unknown> {
  const of = (s: JsonSchema) => arbitraryFor(s, doc, knownIds);
  if (schema.$ref) {
    const target = schema.$ref
      .slice(2)
      .split("/")
      .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], doc);
    return of(target as JsonSchema);
  }
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) return fc.oneof(...choices.map(of));
  if (Array.isArray(schema.type)) return fc.oneof(...schema.type.map((type) => of({ ...schema, type })));
  switch (schema.type) {
    case "object": {
      const properties = Object.fromEntries(Object.entries(schema.properties ?? {}).map(([key, s]) => [key, of(s)]));
      return fc.record(properties, { requiredKeys: schema.required ?? [] });
    }
    case "array":
      return fc.array(of(schema.items ?? {}), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, 3)),
      });
    case "string":
      return stringFor(schema, knownIds);
    case "integer":
      return fc.integer({ min: schema.minimum ?? -1, max: Math.min(schema.maximum ?? 1000, 2 ** 31) });
    case "number":
      return fc.double({ min: schema.minimum ?? -1, max: schema.maximum ?? 1000, noNaN: true });
    case "boolean":
      return fc.boolean();
    case "null":
      return fc.constant(null);
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}

function stringFor(schema: JsonSchema, knownIds: string[]): fc.Arbitrary<string> {
  switch (schema.format) {
    case "uuid":
      return fc.oneof({ arbitrary: fc.constantFrom(...knownIds), weight: 4 }, fc.uuid());
    case "date":
      return fc.oneof(
        { arbitrary: fc.integer({ min: 0, max: 11_000 }).map(isoDay), weight: 4 },
        fc.constantFrom("0000-01-01", "2026-02-30", "9999-12-31"),
      );
    case "date-time":
      return fc.date({ min: new Date("1990-01-01"), max: new Date("2040-01-01"), noInvalidDate: true }).map((d) => d.toISOString());
    case "email":
      return fc.emailAddress();
    default: {
      const likely = schema.pattern
        ? fc.stringMatching(new RegExp(schema.pattern), { size: "xsmall" })
        : fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 40) });
      return fc.oneof({ arbitrary: likely, weight: 4 }, fc.constantFrom(...AWKWARD_STRINGS));
    }
  }
}

/** A body that is mostly right: one field (or the whole body) replaced by any JSON value. */
function mutated(valid: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  return fc.tuple(valid, fc.jsonValue({ maxDepth: 2 }), fc.nat()).map(([body, replacement, pick]) => {
    if (!body || typeof body !== "object" || Array.isArray(body)) return replacement;
    const keys = Object.keys(body);
    if (keys.length === 0) return replacement;
    return { ...body, [keys[pick % keys.length]!]: replacement };
  });
}

function bodyFor(route: WriteRoute, doc: OpenApi, knownIds: string[]): fc.Arbitrary<unknown> {
  const anything = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.constantFrom(null, [], 1, "x", {}));
  if (!route.body) return fc.option(anything, { nil: undefined });
  const valid = arbitraryFor(route.body, doc, knownIds);
  return fc.oneof({ arbitrary: valid, weight: 4 }, { arbitrary: mutated(valid), weight: 3 }, { arbitrary: anything, weight: 2 });
}

function paramFor(segment: string | undefined, idsByTable: Map<string, string[]>): fc.Arbitrary<string> {
  const known = idsByTable.get(TABLE_OF_SEGMENT[segment ?? ""] ?? "") ?? [];
  const valid = segment === "versions" ? fc.integer({ min: -1, max: 4 }).map(String) : known.length ? fc.constantFrom(...known) : fc.uuid();
  return fc.oneof(
    { arbitrary: valid, weight: 5 },
    { arbitrary: fc.uuid(), weight: 2 },
    { arbitrary: fc.constantFrom(...MALFORMED_PARAMS), weight: 2 },
    { arbitrary: fc.string({ unit: "binary", maxLength: 60 }).map(encodeURIComponent), weight: 1 },
  );
}

/** The route with each `{param}` replaced, each drawn for the table the segment before it names. */
function urlFor(route: WriteRoute, idsByTable: Map<string, string[]>): fc.Arbitrary<string> {
  const segments = route.path.split("/");
  const parts = segments.map((segment, i) => (/^\{.+\}$/.test(segment) ? paramFor(segments[i - 1], idsByTable) : fc.constant(segment)));
  return fc.tuple(...parts).map((filled) => filled.join("/"));
}

/**
 * Rows in every counted table, in one statement: objects of up to 50 tables each (a function takes at
 * most 100 arguments), joined into one.
 */
async function countRows(database: Database, tables: string[]): Promise<Record<string, number>> {
  const parts: string[] = [];
  for (let i = 0; i < tables.length; i += 50) {
    parts.push(
      `jsonb_build_object(${tables
        .slice(i, i + 50)
        .map((t) => `'${t}', (SELECT count(*) FROM "${t}")`)
        .join(", ")})`,
    );
  }
  const [row] = await database.query<{ counts: Record<string, number> }>(`SELECT ${parts.join(" || ") || "'{}'::jsonb"} AS counts`);
  return row!.counts;
}

async function auditHead(database: Database): Promise<number> {
  const [row] = await database.query<{ seq: number }>("SELECT coalesce(max(seq), 0)::int AS seq FROM audit_event");
  return row!.seq;
}

describeEachDatabase("API fuzzing: every write route with generated bodies and malformed addresses", (ctx) => {
  let app: App;
  let doc: OpenApi;
  let clients: TestClient[];
  let requests: fc.Arbitrary<{ route: Omit<WriteRoute, "body">; url: string; body: unknown; who: number }>;
  let tables: string[];

  before(async () => {
    const db = ctx.database.db;
    app = await testApp(ctx.database);
    await seedDemoPartnership(db);
    const idsByTable = new Map<string, string[]>();
    for (const table of new Set(Object.values(TABLE_OF_SEGMENT))) {
      const rows = await ctx.database.query<{ id: string }>(`SELECT id FROM "${table}" ORDER BY id LIMIT 20`);
      idsByTable.set(
        table,
        rows.map((r) => r.id),
      );
    }
    const knownIds = [...idsByTable.values()].flat();
    // The fuzzing users are made after the ids are read, so no request demotes the user sending it.
    const [school] = await ctx.database.query<{ id: string; name: string }>(
      "SELECT id, name FROM organisation WHERE name = 'Northbrook Primary School'",
    );
    const elsewhere = await newOrganisation(db, { name: "Fuzzing Academy" });
    clients = [
      await signedInAs(
        app,
        db,
        await newUser(db, school!, ["practitioner", "safeguarding_lead", "ig_lead", "org_admin", "partnership_admin"]),
      ),
      await signedInAs(app, db, await newUser(db, elsewhere, ["practitioner"])),
    ];
    doc = (await app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json();
    const routes = writeRoutes(doc);
    requests = fc.oneof(
      ...routes.map((route) =>
        fc.record({
          route: fc.constant({ method: route.method, path: route.path }), // a short counterexample: no schema in it
          url: urlFor(route, idsByTable),
          body: bodyFor(route, doc, knownIds),
          who: fc.nat({ max: clients.length - 1 }),
        }),
      ),
    );
    tables = (await ctx.database.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public'"))
      .map((r) => r.tablename)
      .filter((t) => !UNCOUNTED_TABLES.has(t));
  });
  after(() => app.close());

  test('every write route answers a body of null, [], 1 or "x" with a 4xx problem, never a 5xx', async () => {
    const failures: string[] = [];
    for (const route of writeRoutes(doc).filter((r) => r.body)) {
      const url = route.path.replaceAll(/\{[^}]+\}/g, (_, i: number) =>
        route.path.slice(0, i).endsWith("versions/") ? "1" : randomUUID(),
      );
      for (const body of [null, [], 1, "x"]) {
        const res = await clients[0]!.api(route.method, url, body);
        const problem = /^application\/problem\+json/.test(String(res.headers["content-type"]));
        if (res.statusCode >= 500 || res.statusCode < 400 || !problem)
          failures.push(`${route.method} ${route.path} ${JSON.stringify(body)} → ${res.statusCode}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  test("no input is a 5xx, every error is problem+json, and a rejected request saves nothing", async (t) => {
    const routeCount = writeRoutes(doc).length;
    assert.ok(routeCount >= 40, `the OpenAPI document lists the write routes (${routeCount})`);
    let inputs = 0;
    const statuses = new Map<number, number>();
    await fc.assert(
      fc.asyncProperty(requests, async ({ route, url, body, who }) => {
        inputs++;
        const countsBefore = await countRows(ctx.database, tables);
        const seqBefore = await auditHead(ctx.database);
        const res = await clients[who]!.api(route.method, url, body);
        statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
        const what = `${route.method} ${url.slice(0, 200)} ${JSON.stringify(body)?.slice(0, 300)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
        assert.ok(res.statusCode < 500, what);
        if (res.statusCode < 400) return;
        assert.match(String(res.headers["content-type"]), /^application\/problem\+json/, what);
        const problem = res.json();
        assert.equal(problem.status, res.statusCode, what);
        assert.ok(typeof problem.type === "string" && typeof problem.title === "string", what);
        assert.deepEqual(await countRows(ctx.database, tables), countsBefore, `no rows from a rejected request: ${what}`);
        const added = await ctx.database.query<{ type: string }>("SELECT type FROM audit_event WHERE seq > $1", [seqBefore]);
        assert.deepEqual(
          added.map((e) => e.type).filter((type) => !REFUSAL_EVENTS.has(type)),
          [],
          `no audit events from a rejected request: ${what}`,
        );
      }),
      { numRuns: RUNS, seed: SEED },
    );
    t.diagnostic(
      `${inputs} inputs (seed ${SEED}) across ${routeCount} write routes; statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
  });
});
