import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { addDays, format } from "date-fns";
import { and, eq } from "drizzle-orm";
import type { App } from "../../../src/app/build-app";
import { auditEvents } from "../../../src/platform/db/schema";
import { testApp } from "../../support/app";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation, newUser } from "../../support/factories";
import type { TestClient } from "../../support/http-client";
import { signedInAs } from "../../support/sign-in";

const REFUGE = "Flat 2, 14 Hidden Lane, Westshire";

describeEachDatabase("subjects: a person's record, scoped, audited, protected addresses withheld", (ctx) => {
  let app: App;
  let practitioner: TestClient;
  let dsl: TestClient;
  let outsider: TestClient;
  let admin: TestClient;
  let id: string;

  before(async () => {
    app = await testApp(ctx.database);
    const db = ctx.database.db;
    const school = await newOrganisation(db, { name: "Northbrook Primary" });
    const police = await newOrganisation(db, { name: "Westshire Police", type: "police" });
    practitioner = await signedInAs(app, db, await newUser(db, school, ["practitioner"]));
    dsl = await signedInAs(app, db, await newUser(db, school, ["safeguarding_lead"]));
    outsider = await signedInAs(app, db, await newUser(db, police, ["practitioner", "safeguarding_lead"]));
    admin = await signedInAs(app, db, await newUser(db, police, ["partnership_admin"]));
  });
  after(() => app.close());

  const child = {
    kind: "CHILD",
    givenNames: "Zoë",
    familyName: "Ní Bhriain",
    aliases: ["Zoe Brien"],
    dateOfBirth: "2017-05-03",
    nhsNumber: "943 476 5919",
    addresses: [
      { lines: "3 Orchard Row, Northbrook", postcode: "ws1 2ab" },
      { lines: REFUGE, postcode: "WS9 9ZZ", protected: true },
    ],
  };

  test("a practitioner adds a child; identifiers are normalised; the protected address is not in their response at all", async () => {
    const res = await practitioner.api("POST", "/api/v1/subjects", child);
    assert.equal(res.statusCode, 201, res.body);
    const body = res.json();
    id = body.id;
    assert.equal(body.nhsNumber, "9434765919");
    assert.deepEqual(body.aliases, ["Zoe Brien"]);
    assert.deepEqual(
      body.addresses.map((a: { postcode: string }) => a.postcode),
      ["WS1 2AB"],
    );
    assert.equal(body.protectedAddressesWithheld, 1);
    assert.ok(!res.body.includes("Hidden Lane"));
  });

  test("the safeguarding lead sees the protected address, and the read is audited", async () => {
    const res = await dsl.api("GET", `/api/v1/subjects/${id}`);
    assert.equal(res.statusCode, 200);
    assert.ok(res.json().addresses.some((a: { lines: string; protected: boolean }) => a.lines === REFUGE && a.protected));
    const views = await ctx.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.type, "personal_data.viewed"), eq(auditEvents.entityId, id)));
    assert.ok(views.length >= 1);
    const all = await ctx.database.db.select({ body: auditEvents.body }).from(auditEvents);
    assert.ok(!all.some((e) => e.body.includes("Hidden Lane")), "addresses never reach the audit log");
  });

  test("bad identifiers and a future date of birth are field errors naming the rule, and nothing is saved", async () => {
    const before = (await practitioner.api("GET", "/api/v1/subjects")).json().total;
    const tomorrow = format(addDays(new Date(), 1), "yyyy-MM-dd");
    const res = await practitioner.api("POST", "/api/v1/subjects", {
      ...child,
      nhsNumber: "943 476 5918",
      dateOfBirth: tomorrow,
      addresses: [{ lines: "1 Street", postcode: "NOT A POSTCODE" }],
    });
    assert.equal(res.statusCode, 400);
    const errors = res.json().errors as { path: string; message: string }[];
    assert.deepEqual(errors.map((e) => e.path).sort(), ["/addresses/0/postcode", "/dateOfBirth", "/nhsNumber"]);
    assert.match(errors.find((e) => e.path === "/nhsNumber")!.message, /check digit/i);
    assert.match(errors.find((e) => e.path === "/dateOfBirth")!.message, /today or in the past/);
    assert.equal((await practitioner.api("GET", "/api/v1/subjects")).json().total, before);
  });

  test("an unborn child has an expected date, not a date of birth", async () => {
    const res = await practitioner.api("POST", "/api/v1/subjects", { kind: "UNBORN_CHILD", givenNames: "Baby", familyName: "Ní Bhriain" });
    assert.equal(res.statusCode, 400);
    assert.equal(res.json().errors[0].path, "/expectedDate");
  });

  test("a person, or one of their other names, is marked identity-protected from the form or the API, and read back so", async () => {
    const api = await practitioner.api("POST", "/api/v1/subjects", {
      kind: "HOUSEHOLD_MEMBER",
      givenNames: "Sam",
      familyName: "Carter",
      identityProtected: true,
      aliases: ["Sammy C"],
      protectedAliases: ["Sam Hollis"],
    });
    assert.equal(api.statusCode, 201, api.body);
    assert.equal(api.json().identityProtected, true);
    assert.deepEqual(api.json().aliases, ["Sam Hollis", "Sammy C"]);
    assert.deepEqual(api.json().protectedAliases, ["Sam Hollis"]);

    const form = await practitioner.get("/subjects/new");
    assert.match(form.body, /name="identityProtected"/);
    assert.match(form.body, /name="protectedAliases"/);
    const posted = await practitioner.post("/subjects/new", {
      kind: "CHILD",
      givenNames: "Lily",
      familyName: "Carter",
      protectedAliases: "Lily Hollis\n",
      identityProtected: "yes",
      "address-count": "1",
    });
    assert.equal(posted.statusCode, 303, posted.body);
    const id = /\/subjects\/([0-9a-f-]{36})/.exec(String(posted.headers.location))?.[1];
    const read = (await practitioner.api("GET", `/api/v1/subjects/${id}`)).json();
    assert.equal(read.identityProtected, true);
    assert.deepEqual(read.protectedAliases, ["Lily Hollis"]);
    const summary = await practitioner.get(`/subjects/${id}`);
    assert.match(summary.body, /Identity protected/);
  });

  test("another organisation's practitioner gets 404 and never sees the subject listed; partnership admins hold no case role", async () => {
    assert.equal((await outsider.api("GET", `/api/v1/subjects/${id}`)).statusCode, 404);
    assert.equal((await outsider.api("GET", "/api/v1/subjects")).json().total, 0);
    assert.equal((await admin.api("GET", `/api/v1/subjects/${id}`)).statusCode, 403);
    assert.equal((await admin.api("GET", "/api/v1/subjects")).statusCode, 403);
  });
});
