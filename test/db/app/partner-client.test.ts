import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { after, before, test } from "node:test";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { eq } from "drizzle-orm";
import type { App } from "../../../src/app/build-app";
import { demoActors } from "../../../src/demo/demo-actors";
import { seedDemoPartnership } from "../../../src/demo/seed-demo";
import { agreements } from "../../../src/features/agreements/schema";
import { apiClientFor } from "../../support/api-client";
import { testApp } from "../../support/app";
import { describeEachDatabase } from "../../support/databases";

/**
 * Issue 20's proof that the API is a product: a partner system's typed client, generated from the
 * served OpenAPI document with openapi-typescript, type-checked, and used end to end with bearer
 * tokens only (test/partner-client/scenario.ts). Before that, the document is linted with Redocly's
 * recommended rules (0 errors). Every response the client receives is validated against the schema
 * its operation declares for that status and media type (ajv, JSON Schema 2020-12 as OpenAPI 3.1 has it),
 * and so are the headers it declares (such as a 201's Location), which must be sent when required.
 */

const HERE = path.resolve("test/partner-client");
const GENERATED = path.join(HERE, "generated");
const TOOLS = path.resolve("tools/partner-client/node_modules/.bin");

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { encoding: "utf8" });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

type DeclaredResponse = {
  content?: Record<string, { schema: unknown }>;
  headers?: Record<string, { required?: boolean; schema: unknown }>;
};
type OpenApi = {
  components: { schemas: Record<string, unknown> };
  paths: Record<string, Record<string, { responses: Record<string, DeclaredResponse> }>>;
};
type DeclaredHeader = { name: string; required: boolean; validate: ValidateFunction };

/** Each operation's declared response schemas and headers, compiled once: `${method} ${path} ${status} ${media type}`. */
function responseValidators(doc: OpenApi) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  // The document's components under one id, so each response schema's `#/components/…` refs resolve.
  ajv.addSchema({ $id: "safeshare", components: doc.components });
  const retarget = (schema: unknown) =>
    JSON.parse(JSON.stringify(schema).replaceAll('"$ref":"#/components/', '"$ref":"safeshare#/components/'));
  const compiled = new Map<string, { body: ValidateFunction; headers: DeclaredHeader[] }>();
  return (method: string, template: string, status: number, mediaType: string) => {
    const key = `${method} ${template} ${status} ${mediaType}`;
    if (!compiled.has(key)) {
      const declared = doc.paths[template]?.[method.toLowerCase()]?.responses[String(status)];
      assert.ok(declared, `${method} ${template} answered ${status}, which it does not declare`);
      const content = declared.content?.[mediaType];
      assert.ok(content, `${method} ${template} ${status} answered ${mediaType}, which it does not declare`);
      const headers = Object.entries(declared.headers ?? {}).map(([name, header]) => ({
        name,
        required: header.required === true,
        validate: ajv.compile(retarget(header.schema)),
      }));
      compiled.set(key, { body: ajv.compile(retarget(content.schema)), headers });
    }
    return compiled.get(key)!;
  };
}

describeEachDatabase("a partner system's generated client, end to end with bearer tokens", (ctx) => {
  let app: App;
  let baseUrl: string;
  let doc: OpenApi;

  before(async () => {
    await seedDemoPartnership(ctx.database.db);
    app = await testApp(ctx.database);
    await app.listen({ host: "127.0.0.1", port: 0 });
    baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    doc = (await app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json();
    fs.mkdirSync(GENERATED, { recursive: true });
    fs.writeFileSync(path.join(GENERATED, "openapi.json"), JSON.stringify(doc, null, 2));
  });
  after(() => app.close());

  // The document does not depend on the database: it is linted, and the client generated and
  // type-checked, once (with the PGlite run); the round trip below runs on both.
  if (ctx.kind === "pglite") {
    test("the served document lints with no errors under Redocly's recommended rules", () => {
      const lint = run(path.join(TOOLS, "redocly"), [
        "lint",
        "--format=summary",
        "--max-problems=1000",
        path.join(GENERATED, "openapi.json"),
      ]);
      const counts = (lint.output.match(/^(error|warning) +\S+: \d+$/gm) ?? []).map((line) => line.replace(/ +/, " "));
      console.log(`redocly lint: ${counts.length ? counts.join("; ") : "no problems"}`);
      assert.equal(lint.status, 0, lint.output);
    });

    test("openapi-typescript generates a client that type-checks with the partner system's code", () => {
      const generated = run(path.join(TOOLS, "openapi-typescript"), [
        path.join(GENERATED, "openapi.json"),
        "-o",
        path.join(GENERATED, "safeshare.d.ts"),
      ]);
      assert.equal(generated.status, 0, generated.output);
      const checked = run(path.resolve("node_modules/.bin/tsc"), ["-p", HERE]);
      assert.equal(checked.status, 0, checked.output);
    });
  }

  test("a school's system shares with children's social care, whose system reads, acknowledges and files it; every response as declared", async () => {
    const db = ctx.database.db;
    const people = await demoActors(db, { siobhan: "siobhan.oconnor@northbrook.example", joanna: "joanna.kowalczyk@westshire.example" });
    const [agreement] = await db
      .select({ id: agreements.id })
      .from(agreements)
      .where(eq(agreements.title, "Westshire Safeguarding Partnership information sharing agreement"));
    const school = await apiClientFor(app, db, { actor: people.siobhan }, [
      "subjects:write",
      "concerns:write",
      "items:write",
      "share-decisions:write",
    ]);
    const council = await apiClientFor(app, db, { actor: people.joanna }, ["disclosures:write"]);

    const validator = responseValidators(doc);
    let checked = 0;
    let headersChecked = 0;
    const check = async ({ request, response, schemaPath }: { request: Request; response: Response; schemaPath: string }) => {
      const mediaType = (response.headers.get("content-type") ?? "").split(";")[0]!.trim();
      if (response.status === 204) {
        assert.equal(await response.clone().text(), "", `${request.method} ${schemaPath} 204 with a body`);
      } else {
        const declared = validator(request.method, schemaPath, response.status, mediaType);
        const valid = declared.body(await response.clone().json());
        assert.ok(valid, `${request.method} ${schemaPath} ${response.status}: ${JSON.stringify(declared.body.errors)}`);
        for (const header of declared.headers) {
          const value = response.headers.get(header.name);
          const named = `${request.method} ${schemaPath} ${response.status} header ${header.name}`;
          if (value === null) {
            assert.ok(!header.required, `${named} is required but was not sent`);
            continue;
          }
          assert.ok(header.validate(value), `${named} "${value}": ${JSON.stringify(header.validate.errors)}`);
          headersChecked++;
        }
      }
      checked++;
      return undefined;
    };
    const { partnerClient } = await import(path.join(HERE, "client.ts"));
    const { schoolSharesWithCouncil } = await import(path.join(HERE, "scenario.ts"));
    const result = await schoolSharesWithCouncil(
      partnerClient(baseUrl, school.token, check),
      partnerClient(baseUrl, council.token, check),
      {
        councilOrganisationId: people.joanna.organisationId,
        agreementId: agreement!.id,
      },
    );
    assert.notEqual(result.filedAs, result.subjectId, "filed as the council's own record of the child");
    assert.ok(checked >= 9, `${checked} responses checked against their schemas`);
    assert.ok(headersChecked >= 5, `${headersChecked} declared headers checked, one for each 201`);
  });
});
