import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { and, asc, eq } from "drizzle-orm";
import type { App } from "../../../src/app/build-app";
import { auditEvents } from "../../../src/platform/db/schema";
import { testApp } from "../../support/app";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation, newUser } from "../../support/factories";
import type { TestClient } from "../../support/http-client";
import { signedInAs } from "../../support/sign-in";

interface Found {
  items: { id: string; givenNames: string; familyName: string; dateOfBirth: string | null }[];
  total: number;
  page: number;
}

describeEachDatabase("subject search: by name, alias, date of birth, NHS number, UPN; own organisation only; audited", (ctx) => {
  let app: App;
  let practitioner: TestClient;
  let outsider: TestClient;
  let admin: TestClient;
  let zoe: string;
  let theirZoe: string;

  const search = async (who: TestClient, query: Record<string, string | number>) => {
    const params = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
    const res = await who.api("GET", `/api/v1/subjects?${params}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as Found;
  };
  const ids = (found: Found) => found.items.map((s) => s.id);

  before(async () => {
    app = await testApp(ctx.database);
    const db = ctx.database.db;
    const school = await newOrganisation(db, { name: "Northbrook Primary" });
    const police = await newOrganisation(db, { name: "Westshire Police", type: "police" });
    practitioner = await signedInAs(app, db, await newUser(db, school, ["practitioner"]));
    outsider = await signedInAs(app, db, await newUser(db, police, ["practitioner"]));
    admin = await signedInAs(app, db, await newUser(db, school, ["partnership_admin"]));

    const add = async (who: TestClient, subject: Record<string, unknown>) => {
      const res = await who.api("POST", "/api/v1/subjects", { kind: "CHILD", ...subject });
      assert.equal(res.statusCode, 201, res.body);
      return res.json().id as string;
    };
    zoe = await add(practitioner, {
      givenNames: "Zoë",
      familyName: "Ní Bhriain",
      aliases: ["Zoe Brien"],
      previousNames: ["Zoë Kowalczyk"],
      dateOfBirth: "2017-05-03",
      nhsNumber: "9434765919",
      upn: "B801200005001",
    });
    await add(practitioner, { givenNames: "Oliver", familyName: "Pryce", dateOfBirth: "2016-01-20" });
    await add(practitioner, { givenNames: "Amelia", familyName: "Wójcik", dateOfBirth: "2017-05-03" });
    for (const given of ["Aleksander", "Bartosz", "Celina", "Dorota", "Emil"])
      await add(practitioner, { givenNames: given, familyName: "Nowak" });
    // Another organisation's child with exactly the same name and identifiers.
    theirZoe = await add(outsider, { givenNames: "Zoë", familyName: "Ní Bhriain", dateOfBirth: "2017-05-03", nhsNumber: "9434765919" });
  });
  after(() => app.close());

  test("finds a name whatever the case and accents", async () => {
    for (const q of ["zoe ni bhriain", "ZOË NÍ BHRIAIN", "ZOE", "bhriain"]) {
      const found = await search(practitioner, { q });
      assert.equal(found.items[0]?.id, zoe, q);
      assert.equal(found.items[0]?.givenNames, "Zoë", "names come back exactly as typed");
      assert.ok(!ids(found).includes(theirZoe), q);
    }
  });

  test("tolerates small misspellings", async () => {
    for (const q of ["Zoe Ni Bhrian", "zoey ni bhriain", "Bhriane"]) assert.equal((await search(practitioner, { q })).items[0]?.id, zoe, q);
    assert.equal((await search(practitioner, { q: "Wojcick" })).items[0]?.familyName, "Wójcik");
  });

  test("a misspelt surname finds the nearest spelling first; every word typed must match", async () => {
    // By word similarity "Pary" is as near Parker as Parry, and "Jonson" nearer Jones than Johnson.
    const db = ctx.database.db;
    const nursery = await signedInAs(app, db, await newUser(db, await newOrganisation(db, { name: "Oakfield Nursery" }), ["practitioner"]));
    const add = (familyName: string) => nursery.api("POST", "/api/v1/subjects", { kind: "CHILD", givenNames: "Leo", familyName });
    for (const familyName of ["Parker", "Parkes", "Parry", "Jones", "Johnson", "Powell"])
      assert.equal((await add(familyName)).statusCode, 201);
    assert.equal((await search(nursery, { q: "Leo Pary" })).items[0]?.familyName, "Parry");
    assert.equal((await search(nursery, { q: "Leo Jonson" })).items[0]?.familyName, "Johnson");
    assert.equal((await search(nursery, { q: "Leo Poell" })).items[0]?.familyName, "Powell", "a letter missing from a short word");
    // Every word must match: a surname alone is not a "Leo Parry" (though a surname search finds them all).
    const amara = await nursery.api("POST", "/api/v1/subjects", { kind: "CHILD", givenNames: "Amara", familyName: "Parry" });
    assert.ok(!ids(await search(nursery, { q: "Leo Parry" })).includes(amara.json().id));
    assert.ok(ids(await search(nursery, { q: "Parry" })).includes(amara.json().id));
  });

  test("finds a person by an alias or a previous name", async () => {
    assert.deepEqual(ids(await search(practitioner, { q: "Zoe Brien" })), [zoe]);
    assert.deepEqual(ids(await search(practitioner, { q: "Kowalczyk" })), [zoe]);
  });

  test("finds a person by NHS number typed with spaces or hyphens, by UPN and by date of birth", async () => {
    assert.deepEqual(ids(await search(practitioner, { nhsNumber: "943 476 5919" })), [zoe]);
    assert.deepEqual(ids(await search(practitioner, { nhsNumber: "943-476-5919" })), [zoe]);
    assert.deepEqual(ids(await search(practitioner, { upn: "b801200005001" })), [zoe]);
    const born = await search(practitioner, { dateOfBirth: "2017-05-03" });
    assert.deepEqual(
      born.items.map((s) => s.familyName),
      ["Ní Bhriain", "Wójcik"],
    );
    assert.deepEqual(ids(await search(practitioner, { q: "zoe", dateOfBirth: "2017-05-03" })), [zoe], "criteria combine");
    assert.equal((await search(practitioner, { q: "zoe", dateOfBirth: "2016-01-20" })).total, 0);
  });

  test("never returns another organisation's subject, even with the same name and NHS number", async () => {
    assert.deepEqual(ids(await search(outsider, { q: "Zoë Ní Bhriain" })), [theirZoe]);
    assert.deepEqual(ids(await search(outsider, { nhsNumber: "9434765919" })), [theirZoe]);
    assert.equal((await search(outsider, { q: "Zoe Brien" })).total, 0, "the other organisation's alias is not theirs to find");
    assert.equal((await search(outsider, { q: "Nowak" })).total, 0);
    assert.equal((await admin.api("GET", "/api/v1/subjects?q=Nowak")).statusCode, 403, "administrators hold no case role");
  });

  test("results come a page at a time, with the total", async () => {
    const pages = [];
    for (const page of [1, 2, 3]) pages.push(await search(practitioner, { q: "Nowak", page, pageSize: 2 }));
    assert.deepEqual(
      pages.map((p) => p.total),
      [5, 5, 5],
    );
    assert.deepEqual(
      pages.map((p) => p.page),
      [1, 2, 3],
    );
    assert.deepEqual(
      pages.flatMap((p) => p.items.map((s) => s.givenNames)),
      ["Aleksander", "Bartosz", "Celina", "Dorota", "Emil"],
    );
    const beyond = await search(practitioner, { q: "Nowak", page: 4, pageSize: 2 });
    assert.deepEqual(beyond.items, []);
    assert.equal(beyond.total, 5);
    const everyone = await search(practitioner, { pageSize: 3 });
    assert.equal(everyone.total, 8, "no criteria: the whole list");
    assert.equal(everyone.items.length, 3);
  });

  test("an invalid NHS number, UPN or date of birth is a 400 naming the field and the rule", async () => {
    const res = await practitioner.api("GET", "/api/v1/subjects?nhsNumber=943%20476%205918&upn=B801200005002&dateOfBirth=2017-02-30&q=z");
    assert.equal(res.statusCode, 400);
    assert.match(res.headers["content-type"] as string, /application\/problem\+json/);
    const errors = res.json().errors as { path: string; message: string }[];
    assert.deepEqual(errors.map((e) => e.path).sort(), ["/dateOfBirth", "/nhsNumber", "/q", "/upn"]);
    assert.match(errors.find((e) => e.path === "/nhsNumber")!.message, /check digit/);
    assert.match(errors.find((e) => e.path === "/upn")!.message, /check letter/);
    assert.match(errors.find((e) => e.path === "/dateOfBirth")!.message, /real date/);
  });

  test("a search is an audited read of the organisation's records, and the audit never holds what was searched for", async () => {
    const viewsOfOrganisation = async () =>
      ctx.database.db
        .select({ body: auditEvents.body })
        .from(auditEvents)
        .where(and(eq(auditEvents.type, "personal_data.viewed"), eq(auditEvents.entityType, "organisation")))
        .orderBy(asc(auditEvents.seq));
    const before = (await viewsOfOrganisation()).length;
    await search(practitioner, { q: "Bhriain", nhsNumber: "9434765919" });
    const after = await viewsOfOrganisation();
    assert.equal(after.length, before + 1);
    const event = JSON.parse(after.at(-1)!.body);
    // Who was shown, so Zoë's "who has viewed this record" lists the search.
    assert.deepEqual(event.details, { view: "api.subjects.list", count: 1, subjectIds: [zoe] });
    const listed = await search(practitioner, { pageSize: 3 });
    const listEvent = JSON.parse((await viewsOfOrganisation()).at(-1)!.body);
    assert.deepEqual(listEvent.details, { view: "api.subjects.list", count: 3, subjectIds: ids(listed) }, "the plain list too");
    assert.ok(!after.some((e) => /bhriain|9434765919/i.test(e.body)));
  });
});
