import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { addDays, format } from "date-fns";
import type { App } from "../../../src/app/build-app";
import { testApp } from "../../support/app";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation, newUser } from "../../support/factories";
import type { TestClient } from "../../support/http-client";
import { signedInAs } from "../../support/sign-in";

/**
 * What people and programs type into records (issue 4 review): dates the database cannot hold, control
 * characters it refuses, flags that are not booleans, dates that contradict each other. Each is a 400
 * naming the field (or, on a page, the form again with the error summary and what was typed): never a
 * 500, and never quietly saved as something else.
 */

type Problem = { code: string; errors?: { path: string; message: string }[] };
const paths = (res: { json: () => unknown }) => ((res.json() as Problem).errors ?? []).map((e) => e.path);
const messages = (res: { json: () => unknown }) => ((res.json() as Problem).errors ?? []).map((e) => e.message);

const NUL = "\u0000";
const item = (overrides: Record<string, unknown> = {}) => ({
  category: "health",
  kind: "FACT",
  text: "Missed a dental appointment.",
  eventDate: "2026-01-12",
  source: { name: "Dental practice letter", method: "DOCUMENT", obtainedOn: "2026-01-14" },
  ...overrides,
});
const source = (overrides: Record<string, unknown>) => ({ ...item().source, ...overrides });
const concern = (overrides: Record<string, unknown> = {}) => ({
  category: "NEGLECT",
  description: "Often hungry at breakfast club.",
  levelOfNeed: "EARLY_HELP",
  noticedOn: "2026-01-15",
  ...overrides,
});

describeEachDatabase("records input: bad dates, control characters and flags are 400s naming the field, never 500s", (ctx) => {
  let app: App;
  let practitioner: TestClient;
  let dsl: TestClient;
  let partnershipAdmin: TestClient;
  let igLead: TestClient;
  let childId: string;
  let itemId: string;
  let concernId: string;

  const itemCount = async () => (await practitioner.api("GET", `/api/v1/subjects/${childId}/items`)).json().items.length as number;
  const expect400 = async (res: Awaited<ReturnType<TestClient["api"]>>, path: string, what: string) => {
    assert.equal(res.statusCode, 400, `${what}: ${res.statusCode} ${res.body}`);
    assert.equal(res.json().code, "VALIDATION_FAILED", what);
    assert.ok(paths(res).includes(path), `${what}: ${paths(res).join(", ")} should include ${path}`);
  };

  before(async () => {
    app = await testApp(ctx.database);
    const db = ctx.database.db;
    const school = await newOrganisation(db, { name: "Northbrook Primary" });
    const police = await newOrganisation(db, { name: "Westshire Police", type: "police" });
    practitioner = await signedInAs(app, db, await newUser(db, school, ["practitioner"]));
    dsl = await signedInAs(app, db, await newUser(db, school, ["safeguarding_lead"]));
    partnershipAdmin = await signedInAs(app, db, await newUser(db, police, ["partnership_admin"]));
    igLead = await signedInAs(app, db, await newUser(db, school, ["ig_lead"]));
    const child = await practitioner.api("POST", "/api/v1/subjects", {
      kind: "CHILD",
      givenNames: "Kai",
      familyName: "Okonkwo",
      dateOfBirth: "2016-09-01",
    });
    assert.equal(child.statusCode, 201, child.body);
    childId = child.json().id;
    const recorded = await practitioner.api("POST", `/api/v1/subjects/${childId}/items`, item());
    assert.equal(recorded.statusCode, 201, recorded.body);
    itemId = recorded.json().id;
    const raised = await practitioner.api("POST", `/api/v1/subjects/${childId}/concerns`, concern());
    assert.equal(raised.statusCode, 201, raised.body);
    concernId = raised.json().id;
  });
  after(() => app.close());

  test('a body that is not an object (null, [], 1, "x") is a 400 for the whole body (path /) on every item write, never a 500', async () => {
    const before = await itemCount();
    const writes: [TestClient, string][] = [
      [practitioner, `/api/v1/subjects/${childId}/items`],
      [practitioner, `/api/v1/subjects/${childId}/items/${itemId}/corrections`],
      [igLead, `/api/v1/rights-requests/${randomUUID()}/items/${itemId}/correct`],
    ];
    for (const [who, url] of writes) {
      for (const body of [null, [], 1, "x"]) {
        const res = await who.api("POST", url, body);
        const what = `POST ${url} with ${JSON.stringify(body)}`;
        assert.match(String(res.headers["content-type"]), /application\/problem\+json/, what);
        await expect400(res, "/", what);
      }
    }
    assert.equal(await itemCount(), before, "nothing saved");
  });

  test("year 0000, or any date before 1900, is a field error on every date input of the API", async () => {
    const before = await itemCount();
    for (const date of ["0000-01-01", "1899-12-31"]) {
      await expect400(
        await practitioner.api("POST", `/api/v1/subjects/${childId}/items`, item({ eventDate: date })),
        "/eventDate",
        `eventDate ${date}`,
      );
      await expect400(
        await practitioner.api("POST", `/api/v1/subjects/${childId}/items`, item({ source: source({ obtainedOn: date }) })),
        "/source/obtainedOn",
        `obtainedOn ${date}`,
      );
      await expect400(
        await practitioner.api(
          "POST",
          `/api/v1/subjects/${childId}/items/${itemId}/corrections`,
          item({ eventDate: date, reason: "Wrong" }),
        ),
        "/eventDate",
        `correction eventDate ${date}`,
      );
      await expect400(
        await practitioner.api("POST", `/api/v1/subjects/${childId}/concerns`, concern({ noticedOn: date })),
        "/noticedOn",
        `noticedOn ${date}`,
      );
      await expect400(await practitioner.api("GET", `/api/v1/subjects/${childId}/chronology?from=${date}`), "/from", `from ${date}`);
      await expect400(await practitioner.api("GET", `/api/v1/subjects/${childId}/chronology?to=${date}`), "/to", `to ${date}`);
      await expect400(
        await practitioner.api("POST", "/api/v1/subjects", { kind: "CHILD", givenNames: "A", familyName: "B", dateOfBirth: date }),
        "/dateOfBirth",
        `dateOfBirth ${date}`,
      );
      await expect400(
        await practitioner.api("POST", "/api/v1/subjects", { kind: "UNBORN_CHILD", givenNames: "A", familyName: "B", expectedDate: date }),
        "/expectedDate",
        `expectedDate ${date}`,
      );
    }
    const res = await practitioner.api("POST", `/api/v1/subjects/${childId}/items`, item({ eventDate: "0000-01-01" }));
    assert.match(messages(res).join(" "), /1 January 1900 or later/);
    assert.equal(await itemCount(), before, "nothing saved");
  });

  test("year 0000 on a page is the form again with the error summary and what was typed, not a 500", async () => {
    const res = await practitioner.post(`/subjects/${childId}/concerns/new`, {
      category: "NEGLECT",
      description: "Came to school hungry.",
      levelOfNeed: "EARLY_HELP",
      "noticedOn-day": "1",
      "noticedOn-month": "1",
      "noticedOn-year": "0000",
    });
    assert.equal(res.statusCode, 400, res.body);
    assert.match(res.body, /govuk-error-summary/);
    assert.match(res.body, /1 January 1900 or later/);
    assert.match(res.body, /Came to school hungry\./);
    assert.match(res.body, /name="noticedOn-year"[^>]*value="0000"/);

    const chronology = await practitioner.get(`/subjects/${childId}/chronology?from-day=1&from-month=1&from-year=0000`);
    assert.equal(chronology.statusCode, 400);
    assert.match(chronology.body, /govuk-error-summary/);
  });

  test("a NUL or other control character in any text is a field error; tabs and line breaks are kept", async () => {
    const before = await itemCount();
    const cases: [string, Parameters<TestClient["api"]>[0], string, unknown, TestClient?][] = [
      ["/text", "POST", `/api/v1/subjects/${childId}/items`, item({ text: `Bruise${NUL}` })],
      ["/source/name", "POST", `/api/v1/subjects/${childId}/items`, item({ source: source({ name: `Ms${NUL}Ní` }) })],
      ["/reason", "POST", `/api/v1/subjects/${childId}/items/${itemId}/corrections`, item({ reason: `Wrong${NUL}` })],
      ["/reason", "POST", `/api/v1/subjects/${childId}/items/${itemId}/disputes`, { reason: "Parent says\u0007 wrong" }],
      ["/description", "POST", `/api/v1/subjects/${childId}/concerns`, concern({ description: `Hungry${NUL}` })],
      [
        "/followUpAction",
        "POST",
        `/api/v1/subjects/${childId}/concerns/${concernId}/acknowledgement`,
        { followUpAction: `Call${NUL}` },
        dsl,
      ],
      ["/givenNames", "POST", "/api/v1/subjects", { kind: "CHILD", givenNames: `Kai${NUL}`, familyName: "Okonkwo" }],
      ["/familyName", "POST", "/api/v1/subjects", { kind: "CHILD", givenNames: "Kai", familyName: "Oko\u001bnkwo" }],
      ["/aliases/0", "POST", "/api/v1/subjects", { kind: "CHILD", givenNames: "Kai", familyName: "O", aliases: [`K${NUL}`] }],
      ["/sexGender", "POST", "/api/v1/subjects", { kind: "CHILD", givenNames: "Kai", familyName: "O", sexGender: `M${NUL}` }],
      [
        "/addresses/0/lines",
        "POST",
        "/api/v1/subjects",
        { kind: "PARENT_CARER", givenNames: "Ada", familyName: "O", addresses: [{ lines: `Flat 7${NUL}`, protected: true }] },
      ],
      ["/q", "GET", `/api/v1/subjects?q=Kai${encodeURIComponent(NUL)}`, undefined],
      [
        "/levels/0/label",
        "PUT",
        "/api/v1/settings/levels-of-need",
        {
          levels: [
            { code: "ONE", label: `One${NUL}` },
            { code: "TWO", label: "Two" },
          ],
        },
        partnershipAdmin,
      ],
    ];
    for (const [path, method, url, body, who] of cases) {
      const res = await (who ?? practitioner).api(method, url, body);
      await expect400(res, path, `${method} ${url} ${path}`);
      assert.match(messages(res).join(" "), /control characters/, `${path} says why`);
    }
    assert.equal(await itemCount(), before, "nothing saved");
    const concernNow = (await practitioner.api("GET", `/api/v1/subjects/${childId}/concerns/${concernId}`)).json();
    assert.equal(concernNow.status, "OPEN");

    const spaced = await practitioner.api("POST", `/api/v1/subjects/${childId}/items`, item({ text: "Line one\n\tLine two\r\nEnd" }));
    assert.equal(spaced.statusCode, 201, spaced.body);
    assert.equal(spaced.json().text, "Line one\n\tLine two\r\nEnd");
  });

  test("a NUL typed into a page is the form again with the error summary, and nothing is saved (the item draft too)", async () => {
    const person = await practitioner.post("/subjects/new", {
      kind: "CHILD",
      givenNames: `Kai${NUL}`,
      familyName: "Featherstone",
      "address-count": "1",
    });
    assert.equal(person.statusCode, 400, person.body);
    assert.match(person.body, /Given names must not contain control characters/);
    assert.match(person.body, /value="Featherstone"/);

    const base = `/subjects/${childId}/items/new`;
    const task = await practitioner.post(`${base}/what-happened`, {
      category: "health",
      kind: "FACT",
      text: `Seen at the walk-in centre${NUL}`,
      "eventDate-day": "3",
      "eventDate-month": "2",
      "eventDate-year": "2026",
    });
    assert.equal(task.statusCode, 400, task.body);
    assert.match(task.body, /govuk-error-summary/);
    assert.match(task.body, /What is being recorded must not contain control characters/);
    assert.match(task.body, /Seen at the walk-in centre/, "what was typed is shown again");
    assert.match(task.body, /name="eventDate-year"[^>]*value="2026"/);
    const tasks = await practitioner.get(base);
    assert.equal(tasks.statusCode, 200);
    assert.doesNotMatch(tasks.body, /Incomplete|Completed/, "the draft was not saved");

    const saved = await practitioner.post(`${base}/where-it-came-from`, {
      "source-name": "Walk-in centre\tnurse",
      "source-method": "DOCUMENT",
      "source-obtainedOn-day": "4",
      "source-obtainedOn-month": "2",
      "source-obtainedOn-year": "2026",
    });
    assert.equal(saved.statusCode, 303, "a tab is fine");
    await practitioner.post(`${base}/discard`, {});
  });

  test('flags take real booleans: 1, "TRUE", "true" or null are 400s naming the flag, never quietly false', async () => {
    const before = await itemCount();
    for (const [flag, value] of [
      ["specialCategory", 1],
      ["specialCategory", "TRUE"],
      ["criminalOffence", "true"],
      ["historical", "on"],
      ["historical", null],
    ] as const) {
      const res = await practitioner.api("POST", `/api/v1/subjects/${childId}/items`, item({ [flag]: value }));
      await expect400(res, `/${flag}`, `${flag}: ${JSON.stringify(value)}`);
      assert.match(messages(res).join(" "), /true or false/);
    }
    assert.equal(await itemCount(), before);
    const yes = await practitioner.api("POST", `/api/v1/subjects/${childId}/items`, item({ specialCategory: true }));
    assert.equal(yes.statusCode, 201, yes.body);
    assert.deepEqual([yes.json().specialCategory, yes.json().criminalOffence, yes.json().historical], [true, false, false]);

    // The page's checkboxes still become booleans: a correction with one ticked.
    const corrected = await practitioner.post(`/subjects/${childId}/items/${yes.json().id}/correct`, {
      reason: "Criminal offence information too",
      category: "health",
      kind: "FACT",
      text: "Missed a dental appointment.",
      "eventDate-day": "12",
      "eventDate-month": "1",
      "eventDate-year": "2026",
      "source-name": "Dental practice letter",
      "source-method": "DOCUMENT",
      "source-obtainedOn-day": "14",
      "source-obtainedOn-month": "1",
      "source-obtainedOn-year": "2026",
      flags: ["specialCategory", "criminalOffence"],
    });
    assert.equal(corrected.statusCode, 303, corrected.body);
    const newId = /items\/([0-9a-f-]{36})/.exec(corrected.headers.location as string)![1];
    const v2 = (await practitioner.api("GET", `/api/v1/subjects/${childId}/items/${newId}`)).json().item;
    assert.deepEqual([v2.specialCategory, v2.criminalOffence, v2.historical], [true, true, false]);
  });

  test("an expected date is for an unborn child only", async () => {
    const expected = format(addDays(new Date(), 60), "yyyy-MM-dd");
    const child = await practitioner.api("POST", "/api/v1/subjects", {
      kind: "CHILD",
      givenNames: "Ife",
      familyName: "Okonkwo",
      dateOfBirth: "2019-02-11",
      expectedDate: expected,
    });
    await expect400(child, "/expectedDate", "a child with an expected date");
    assert.match(messages(child).join(" "), /Only an unborn child/);
    const parent = await practitioner.api("POST", "/api/v1/subjects", {
      kind: "PARENT_CARER",
      givenNames: "Ada",
      familyName: "Okonkwo",
      expectedDate: expected,
    });
    await expect400(parent, "/expectedDate", "a parent with an expected date");
    const found = await practitioner.api("GET", "/api/v1/subjects?q=Okonkwo");
    assert.equal(found.json().total, 1, "neither was saved");
    const unborn = await practitioner.api("POST", "/api/v1/subjects", {
      kind: "UNBORN_CHILD",
      givenNames: "Baby",
      familyName: "Okonkwo",
      expectedDate: expected,
    });
    assert.equal(unborn.statusCode, 201, unborn.body);

    const page = await practitioner.post("/subjects/new", {
      kind: "SIBLING",
      givenNames: "Ife",
      familyName: "Okonkwo",
      "expectedDate-day": "1",
      "expectedDate-month": "2",
      "expectedDate-year": "2027",
      "address-count": "1",
    });
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /href="#expectedDate-day"[^>]*>Only an unborn child/);
  });

  test("information is obtained on or after the day of the event, with the reason given on the date obtained", async () => {
    const early = await practitioner.api(
      "POST",
      `/api/v1/subjects/${childId}/items`,
      item({ eventDate: "2026-01-12", source: source({ obtainedOn: "2026-01-11" }) }),
    );
    assert.equal(early.statusCode, 400);
    assert.deepEqual(paths(early), ["/source/obtainedOn"]);
    assert.match(messages(early)[0]!, /same as or after the event date/);
    const correction = await practitioner.api(
      "POST",
      `/api/v1/subjects/${childId}/items/${itemId}/corrections`,
      item({ eventDate: "2026-01-20", reason: "Wrong date" }),
    );
    assert.deepEqual(paths(correction), ["/source/obtainedOn"], "a correction too");
    const bothBad = await practitioner.api("POST", `/api/v1/subjects/${childId}/items`, item({ eventDate: "2026-02-30" }));
    assert.deepEqual(paths(bothBad), ["/eventDate"], "no comparison with a date that is not real");
    const sameDay = await practitioner.api(
      "POST",
      `/api/v1/subjects/${childId}/items`,
      item({ eventDate: "2026-01-14", source: source({ obtainedOn: "2026-01-14" }) }),
    );
    assert.equal(sameDay.statusCode, 201, sameDay.body);
  });

  test("a chronology range that ends before it starts is a field error on the end date, in the API as on the page", async () => {
    const res = await practitioner.api("GET", `/api/v1/subjects/${childId}/chronology?from=2026-02-01&to=2026-01-01`);
    assert.equal(res.statusCode, 400);
    assert.deepEqual(paths(res), ["/to"]);
    assert.match(messages(res)[0]!, /same as or after the start date/);
    const page = await practitioner.get(
      `/subjects/${childId}/chronology?from-day=1&from-month=2&from-year=2026&to-day=1&to-month=1&to-year=2026`,
    );
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /href="#to-day"[^>]*>The end date must be the same as or after the start date/);
    const sameDay = await practitioner.api("GET", `/api/v1/subjects/${childId}/chronology?from=2026-01-12&to=2026-01-12`);
    assert.equal(sameDay.statusCode, 200);
  });
});
