import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { and, eq } from "drizzle-orm";
import type { App } from "../../../src/app/build-app";
import { formDrafts } from "../../../src/features/form-drafts/schema";
import { auditEvents } from "../../../src/platform/db/schema";
import { testApp } from "../../support/app";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation, newUser } from "../../support/factories";
import type { TestClient } from "../../support/http-client";
import { registeredRoutes } from "../../support/routes";
import { signedInAs } from "../../support/sign-in";

/**
 * The records pages (issue 4 review): another organisation's person, item or concern is "Page not
 * found" on every page and every form, whatever the user's roles; within the organisation, the
 * oversight pages are refused to practitioners; and the pages show what the API shows about an item's
 * accuracy and who has seen a person.
 */

const item = (overrides: Record<string, unknown> = {}) => ({
  category: "education",
  kind: "FACT",
  text: "Arrived at school without a coat on three days this week.",
  eventDate: "2026-01-12",
  source: { name: "Class teacher", method: "OBSERVED", obtainedOn: "2026-01-14" },
  ...overrides,
});

/** A form body with an answer for every records form, so a refusal is never down to a missing field. */
const anyForm = {
  reason: "Because",
  followUpAction: "Speak to the parent",
  outcome: "Early help started",
  category: "NEGLECT",
  kind: "FACT",
  text: "Something happened",
  description: "A worry",
  levelOfNeed: "EARLY_HELP",
  otherId: "00000000-0000-4000-8000-000000000000",
  relationship: "SIBLING_OF:in",
  "eventDate-day": "12",
  "eventDate-month": "1",
  "eventDate-year": "2026",
  "noticedOn-day": "12",
  "noticedOn-month": "1",
  "noticedOn-year": "2026",
  "closedOn-day": "12",
  "closedOn-month": "1",
  "closedOn-year": "2026",
};

describeEachDatabase("records pages: other organisations, roles, accuracy and who has viewed", (ctx) => {
  let app: App;
  let practitioner: TestClient;
  let dsl: TestClient;
  let ig: TestClient;
  let outsider: TestClient;
  let dslId: string;
  let outsiderId: string;
  let childId: string;
  let itemId: string;
  let concernId: string;
  let outsiderChildId: string;

  const viewEvents = async (where = {} as { actorUserId?: string }) => {
    const rows = await ctx.database.db
      .select({ body: auditEvents.body })
      .from(auditEvents)
      .where(
        and(eq(auditEvents.type, "personal_data.viewed"), where.actorUserId ? eq(auditEvents.actorUserId, where.actorUserId) : undefined),
      );
    return rows.map(
      (r) => JSON.parse(r.body) as { entity: { type: string; id: string }; details: { view: string; subjectIds?: string[] } },
    );
  };

  before(async () => {
    app = await testApp(ctx.database);
    const db = ctx.database.db;
    const school = await newOrganisation(db, { name: "Northbrook Primary" });
    const police = await newOrganisation(db, { name: "Westshire Police", type: "police" });
    practitioner = await signedInAs(app, db, await newUser(db, school, ["practitioner"], { name: "Tomasz Wójcik" }));
    const d = await newUser(db, school, ["safeguarding_lead"], { name: "Siân Prydderch" });
    dslId = d.user.id;
    dsl = await signedInAs(app, db, d);
    ig = await signedInAs(app, db, await newUser(db, school, ["ig_lead"]));
    // Every records role: refused nothing for want of a role, so each refusal is for the organisation.
    const o = await newUser(db, police, ["practitioner", "safeguarding_lead", "ig_lead"]);
    outsiderId = o.user.id;
    outsider = await signedInAs(app, db, o);

    const child = await practitioner.api("POST", "/api/v1/subjects", {
      kind: "CHILD",
      givenNames: "Kai",
      familyName: "Okonkwo",
      dateOfBirth: "2016-09-01",
    });
    childId = child.json().id;
    itemId = (await practitioner.api("POST", `/api/v1/subjects/${childId}/items`, item())).json().id;
    const raised = await practitioner.api("POST", `/api/v1/subjects/${childId}/concerns`, {
      category: "NEGLECT",
      description: "Often hungry at breakfast club.",
      levelOfNeed: "EARLY_HELP",
      noticedOn: "2026-01-15",
    });
    concernId = raised.json().id;
    const theirs = await outsider.api("POST", "/api/v1/subjects", { kind: "CHILD", givenNames: "Ana", familyName: "Other" });
    outsiderChildId = theirs.json().id;
  });
  after(() => app.close());

  describe("another organisation", () => {
    test("every records page and form is 404 for another organisation's person, item and concern, and changes nothing", async () => {
      const routes = registeredRoutes(app).filter((r) => r.url.startsWith("/subjects/:id") && (r.method === "GET" || r.method === "POST"));
      // The parse found the pages the review listed: a guard against the route tree's format changing.
      for (const expected of [
        "GET /subjects/:id",
        "GET /subjects/:id/people",
        "POST /subjects/:id/people/link",
        "GET /subjects/:id/viewers",
        "POST /subjects/:id/items/:itemId/correct",
        "POST /subjects/:id/items/:itemId/dispute",
        "POST /subjects/:id/items/new/:task",
        "POST /subjects/:id/items/new/check",
        "POST /subjects/:id/items/new/discard",
        "POST /subjects/:id/concerns/new",
        "POST /subjects/:id/concerns/:concernId/acknowledge",
        "POST /subjects/:id/concerns/:concernId/close",
        "GET /subjects/:id/chronology",
        "GET /subjects/:id/case-closure",
        "POST /subjects/:id/case-closure",
        "POST /subjects/:id/case-closure/reopen",
      ]) {
        assert.ok(
          routes.some((r) => `${r.method} ${r.url}` === expected),
          `${expected} found among ${routes.length} routes`,
        );
      }
      assert.ok(routes.length >= 25, `only ${routes.length} routes found`);

      const itemsBefore = (await practitioner.api("GET", `/api/v1/subjects/${childId}/items`)).json().items;
      const fill = (url: string, subjectId: string) =>
        url.replace(":id", subjectId).replace(":itemId", itemId).replace(":concernId", concernId).replace(":task", "what-happened");
      const requests = routes.flatMap((r) => [
        { method: r.method, url: fill(r.url, childId) },
        // Their own person, with this organisation's item or concern: still nothing.
        ...(/:itemId|:concernId/.test(r.url) ? [{ method: r.method, url: fill(r.url, outsiderChildId) }] : []),
      ]);
      for (const { method, url } of requests) {
        const res = method === "GET" ? await outsider.get(url) : await outsider.post(url, anyForm);
        assert.equal(res.statusCode, 404, `${method} ${url} gave ${res.statusCode}`);
        assert.match(res.body, /Page not found/, `${method} ${url}`);
        assert.doesNotMatch(res.body, /Okonkwo/, `${method} ${url} names no one`);
      }

      assert.deepEqual((await practitioner.api("GET", `/api/v1/subjects/${childId}/items`)).json().items, itemsBefore, "no item changed");
      assert.equal((await practitioner.api("GET", `/api/v1/subjects/${childId}/concerns/${concernId}`)).json().status, "OPEN");
      assert.deepEqual((await practitioner.api("GET", `/api/v1/subjects/${childId}/people`)).json().items, []);
      assert.deepEqual(await ctx.database.db.select().from(formDrafts).where(eq(formDrafts.userId, outsiderId)), [], "no draft kept");
      assert.ok(
        !(await viewEvents({ actorUserId: outsiderId })).some((e) => e.entity.id === childId || e.details.subjectIds?.includes(childId)),
        "a refused page is not a view",
      );
    });
  });

  describe("roles within the organisation", () => {
    test("a practitioner is refused who has viewed, acknowledging and closing (403), and a safeguarding lead is not", async () => {
      const pages = [
        ["GET", `/subjects/${childId}/viewers`],
        ["GET", `/subjects/${childId}/concerns/${concernId}/acknowledge`],
        ["POST", `/subjects/${childId}/concerns/${concernId}/acknowledge`],
        ["GET", `/subjects/${childId}/concerns/${concernId}/close`],
        ["POST", `/subjects/${childId}/concerns/${concernId}/close`],
      ] as const;
      for (const [method, url] of pages) {
        const res = method === "GET" ? await practitioner.get(url) : await practitioner.post(url, anyForm);
        assert.equal(res.statusCode, 403, `${method} ${url} gave ${res.statusCode}`);
      }
      assert.equal((await practitioner.api("GET", `/api/v1/subjects/${childId}/concerns/${concernId}`)).json().status, "OPEN");
      for (const [method, url] of pages.filter(([m, u]) => m === "GET" && !u.endsWith("/close"))) {
        assert.equal((await dsl.get(url)).statusCode, 200, `${method} ${url} for the safeguarding lead`);
      }
    });

    test("an IG lead's home page offers Records, as the navigation does", async () => {
      const home = await ig.get("/");
      assert.equal(home.statusCode, 200);
      assert.match(home.body, /<h2 class="govuk-heading-m">Records<\/h2>/);
      assert.match(home.body, /href="\/subjects">Find or add a person/);
    });
  });

  describe("who has viewed", () => {
    test("the safeguarding lead's dashboard is an audited read naming the children it lists", async () => {
      const before = (await viewEvents({ actorUserId: dslId })).length;
      const home = await dsl.get("/");
      assert.match(home.body, /Kai Okonkwo/);
      const events = await viewEvents({ actorUserId: dslId });
      assert.equal(events.length, before + 1);
      const shown = events.at(-1)!;
      assert.deepEqual(shown.entity.type, "organisation");
      assert.deepEqual([shown.details.view, shown.details.subjectIds], ["web.home.concerns", [childId]]);
    });

    test("the viewers page is itself audited, and lists searches and the dashboard in plain English", async () => {
      assert.equal((await practitioner.get("/subjects?q=Okonkwo")).statusCode, 200);
      const before = (await viewEvents({ actorUserId: dslId })).filter((e) => e.entity.id === childId).length;
      const page = await dsl.get(`/subjects/${childId}/viewers`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Search results or the list of people/);
      assert.match(page.body, /Concerns awaiting acknowledgement, on the home page/);
      assert.match(page.body, /Record items, through the API/);
      assert.doesNotMatch(page.body, /(web|api)\.(subjects|home|concerns)\./, "no raw view codes");
      const after = (await viewEvents({ actorUserId: dslId })).filter((e) => e.entity.id === childId);
      assert.equal(after.length, before + 1);
      assert.equal(after.at(-1)!.details.view, "web.subjects.viewers");
      assert.match((await dsl.get(`/subjects/${childId}/viewers`)).body, /Who has viewed this record<\/td>/, "and then listed");
    });
  });

  describe("protected details typed into the record (GR5-PROTECT-IDENTITIES)", () => {
    test("a new item, a correction or a concern naming a protected address is shown again with a warning to tick before it is saved", async () => {
      const ruby = (await practitioner.api("POST", "/api/v1/subjects", { kind: "CHILD", givenNames: "Ruby", familyName: "Okafor" })).json()
        .id;
      const mother = await dsl.api("POST", "/api/v1/subjects", {
        kind: "PARENT_CARER",
        givenNames: "Grace",
        familyName: "Okafor",
        addresses: [{ lines: "Flat 7, 3 Quiet Mews, Eastmoor", postcode: "WS7 7QQ", protected: true }],
      });
      await practitioner.api("POST", "/api/v1/subject-links", { fromSubjectId: mother.json().id, toSubjectId: ruby, kind: "PARENT_OF" });
      const text = "Ruby is staying with her mum at 3 Quiet Mews.";
      const warned = (res: { statusCode: number; body: string }) => {
        assert.equal(res.statusCode, 422, res.body.slice(0, 400));
        assert.match(res.body, /govuk-error-summary/);
        assert.match(res.body, /href="#acknowledged"/);
        assert.match(res.body, /mentions a protected address of someone linked to this person/);
        assert.doesNotMatch(res.body, /GR5-PROTECT-IDENTITIES:/, "people read the reason, not the rule's code");
        assert.match(res.body, /name="acknowledged" type="checkbox" value="GR5-PROTECT-IDENTITIES"/);
      };

      const base = `/subjects/${ruby}/items/new`;
      await practitioner.post(`${base}/what-happened`, {
        category: "family_circumstances",
        kind: "FACT",
        text,
        "eventDate-day": "12",
        "eventDate-month": "1",
        "eventDate-year": "2026",
      });
      await practitioner.post(`${base}/where-it-came-from`, {
        "source-name": "Mother",
        "source-method": "TOLD_DIRECTLY",
        "source-obtainedOn-day": "12",
        "source-obtainedOn-month": "1",
        "source-obtainedOn-year": "2026",
      });
      await practitioner.post(`${base}/sensitivity`, {});
      warned(await practitioner.post(`${base}/check`, {}));
      const saved = await practitioner.post(`${base}/check`, { acknowledged: "GR5-PROTECT-IDENTITIES" });
      assert.equal(saved.statusCode, 303, saved.body.slice(0, 400));
      const savedId = /items\/([0-9a-f-]{36})/.exec(saved.headers.location as string)![1]!;

      const correction = {
        reason: "The date was wrong",
        category: "family_circumstances",
        kind: "FACT",
        text,
        "eventDate-day": "11",
        "eventDate-month": "1",
        "eventDate-year": "2026",
        "source-name": "Mother",
        "source-method": "TOLD_DIRECTLY",
        "source-obtainedOn-day": "12",
        "source-obtainedOn-month": "1",
        "source-obtainedOn-year": "2026",
      };
      const refused = await practitioner.post(`/subjects/${ruby}/items/${savedId}/correct`, correction);
      warned(refused);
      assert.match(refused.body, /The date was wrong/, "what was typed is kept");
      const corrected = await practitioner.post(`/subjects/${ruby}/items/${savedId}/correct`, {
        ...correction,
        acknowledged: "GR5-PROTECT-IDENTITIES",
      });
      assert.equal(corrected.statusCode, 303, corrected.body.slice(0, 400));

      const concern = {
        category: "NEGLECT",
        description: text,
        levelOfNeed: "EARLY_HELP",
        "noticedOn-day": "12",
        "noticedOn-month": "1",
        "noticedOn-year": "2026",
      };
      warned(await practitioner.post(`/subjects/${ruby}/concerns/new`, concern));
      const raised = await practitioner.post(`/subjects/${ruby}/concerns/new`, { ...concern, acknowledged: "GR5-PROTECT-IDENTITIES" });
      assert.equal(raised.statusCode, 303, raised.body.slice(0, 400));
    });
  });

  describe("accuracy on the pages", () => {
    test("disputing a corrected item keeps why it was corrected on the page, and the chronology tags each entry", async () => {
      const correct = await practitioner.post(`/subjects/${childId}/items/${itemId}/correct`, {
        reason: "The teacher saw one day, not three",
        category: "education",
        kind: "OPINION",
        text: "Seemed cold; may not own a coat.",
        "eventDate-day": "12",
        "eventDate-month": "1",
        "eventDate-year": "2026",
        "source-name": "Class teacher",
        "source-method": "OBSERVED",
        "source-obtainedOn-day": "14",
        "source-obtainedOn-month": "1",
        "source-obtainedOn-year": "2026",
        flags: "historical",
      });
      assert.equal(correct.statusCode, 303, correct.body);
      const v2 = /items\/([0-9a-f-]{36})/.exec(correct.headers.location as string)![1]!;
      const dispute = await practitioner.post(`/subjects/${childId}/items/${v2}/dispute`, {
        reason: "Kai's mother says he has a coat and chose not to wear it",
      });
      assert.equal(dispute.statusCode, 303, dispute.body);

      const shown = (await practitioner.get(`/subjects/${childId}/items/${v2}`)).body;
      assert.match(shown, /Why the previous version was corrected/);
      assert.match(shown, /The teacher saw one day, not three/);
      assert.match(shown, /What is disputed: Kai&#39;s mother says he has a coat and chose not to wear it/);
      assert.match(shown, /Marked as disputed by Tomasz Wójcik/);
      const again = await practitioner.post(`/subjects/${childId}/items/${v2}/dispute`, { reason: "Someone else" });
      assert.equal(again.statusCode, 409, "a dispute is recorded once: the form says so");
      assert.match(again.body, /already marked as disputed/);
      assert.match(again.body, /Someone else/);

      const chronology = (await practitioner.get(`/subjects/${childId}/chronology?category=education`)).body;
      const entry = (id: string) => new RegExp(`id="entry-[^"]+"(?:(?!moj-timeline__item).)*href="/subjects/${childId}/items/${id}"`, "s");
      const recorded = entry(itemId).exec(chronology)?.[0] ?? "";
      const corrected = entry(v2).exec(chronology)?.[0] ?? "";
      assert.match(recorded, /govuk-tag--grey">Corrected</, "the original entry is marked corrected");
      assert.doesNotMatch(recorded, /Historical/);
      assert.match(corrected, /govuk-tag--yellow">Disputed</);
      assert.match(corrected, /govuk-tag--grey">Historical</);
    });
  });
});
