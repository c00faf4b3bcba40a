import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import type { App } from "../../../src/app/build-app";
import { breachSubjects } from "../../../src/features/breaches/schema";
import { testApp } from "../../support/app";
import { auditEventsOfType } from "../../support/audit";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation, newUser } from "../../support/factories";
import type { TestClient } from "../../support/http-client";
import { pageText as words } from "../../support/page-text";
import { registeredRoutes } from "../../support/routes";
import { signedInAs } from "../../support/sign-in";

const HOUR = 3_600_000;
const hoursAgo = (h: number) => new Date(Date.now() - h * HOUR).toISOString();

/**
 * "People affected" (issue 22): an IG lead names the people a breach affected on a page of its own,
 * finding them by name in the organisation's own records, and removes them; each change re-computes
 * the partners to tell and is audited as a change of the facts, and the notices to the people affected
 * are then offered for them. Auditors change nothing; another organisation finds none of it.
 */
describeEachDatabase("the people affected by a breach, on their own page", (ctx) => {
  let app: App;
  let ig: TestClient;
  let auditor: TestClient;
  let otherIg: TestClient;
  let kai: string;
  let grace: string;
  let mia: string;
  let stranger: string;

  const events = (type: string) => auditEventsOfType(ctx.database.db, type);
  const linked = async (breachId: string) =>
    (await ctx.database.db.select({ id: breachSubjects.subjectId }).from(breachSubjects).where(eq(breachSubjects.breachId, breachId)))
      .map((r) => r.id)
      .sort();
  /** A breach recorded without anyone named, as the "Record a breach" form leaves it. */
  const newBreach = async () => {
    const res = await ig.api("POST", "/api/v1/breaches", {
      awareAt: hoursAgo(6),
      howDiscovered: "The receiving school rang",
      whatHappened: "A child protection summary was emailed to the wrong school",
      types: ["CONFIDENTIALITY"],
      kinds: ["UNAUTHORISED_DISCLOSURE"],
      cyber: false,
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().id as string;
  };
  /** The ids of the checkboxes' people on a page, by the name shown beside each. */
  const checkboxFor = (html: string, name: string) =>
    new RegExp(`name="subjectIds" type="checkbox" value="([0-9a-f-]{36})"[^>]*>\\s*<label[^>]*>\\s*${name}`).exec(html)?.[1];

  before(async () => {
    app = await testApp(ctx.database);
    const db = ctx.database.db;
    const school = await newOrganisation(db, { name: "Northbrook Primary", type: "school" });
    const police = await newOrganisation(db, { name: "Westshire Police", type: "police" });
    ig = await signedInAs(app, db, await newUser(db, school, ["ig_lead"], { name: "Bernard Hale" }));
    auditor = await signedInAs(app, db, await newUser(db, school, ["auditor"]));
    const practitioner = await signedInAs(app, db, await newUser(db, school, ["practitioner"]));
    otherIg = await signedInAs(app, db, await newUser(db, police, ["ig_lead"]));
    const officer = await signedInAs(app, db, await newUser(db, police, ["practitioner"]));
    const person = async (client: TestClient, kind: string, givenNames: string, familyName: string, dateOfBirth?: string) => {
      const res = await client.api("POST", "/api/v1/subjects", { kind, givenNames, familyName, ...(dateOfBirth ? { dateOfBirth } : {}) });
      assert.equal(res.statusCode, 201, res.body);
      return res.json().id as string;
    };
    kai = await person(practitioner, "CHILD", "Kai", "Okonkwo", "2012-05-01");
    grace = await person(practitioner, "PARENT_CARER", "Grace", "Okonkwo");
    mia = await person(practitioner, "CHILD", "Mia", "Thornton", "2013-09-14");
    stranger = await person(officer, "CHILD", "Kai", "Okonkwo-Reyes", "2012-05-02");
  });
  after(() => app.close());

  test("an IG lead finds two people by name and adds them, removes one, and the breach and its notices then name them", async () => {
    const id = await newBreach();
    const breachPage = await ig.get(`/breaches/${id}`);
    assert.match(words(breachPage.body), /People named None linked/);
    assert.match(breachPage.body, new RegExp(`href="/breaches/${id}/people">Change the people affected</a>`));
    // With no one named, there is no one to draft a notice for: the page says where to name them.
    assert.match(
      (await ig.get(`/breaches/${id}/notices/new`)).body,
      new RegExp(`href="/breaches/${id}/people">Name the people this breach affected`),
    );

    const empty = await ig.get(`/breaches/${id}/people`);
    assert.equal(empty.statusCode, 200);
    assert.match(empty.body, /<title>People affected: breach BR-\d+ – Safeshare<\/title>/);
    assert.match(words(empty.body), /No one is named on this breach yet\./);
    assert.match(words(empty.body), /Find a person by name/);

    // Searching changes nothing; it shows who matches in the organisation's own records, with dates of birth in words.
    const found = await ig.post(`/breaches/${id}/people`, { q: "Okonkwo", action: "search" });
    assert.equal(found.statusCode, 200, found.body);
    const foundText = words(found.body);
    assert.match(foundText, /Kai Okonkwo Born 1 May 2012/);
    assert.match(foundText, /Grace Okonkwo Date of birth not recorded/);
    assert.doesNotMatch(foundText, /Okonkwo-Reyes/, "another organisation's records are not searched");
    assert.doesNotMatch(foundText, /2012-05-01/);
    assert.equal(checkboxFor(found.body, "Kai Okonkwo"), kai);
    assert.equal(checkboxFor(found.body, "Grace Okonkwo"), grace);
    assert.deepEqual(await linked(id), []);

    const added = await ig.post(`/breaches/${id}/people`, { q: "Okonkwo", action: "add", subjectIds: [kai, grace] });
    assert.equal(added.statusCode, 303, added.body);
    assert.equal(added.headers.location, `/breaches/${id}/people?done=added`);
    assert.deepEqual(await linked(id), [kai, grace].sort());
    const listed = await ig.get(added.headers.location as string);
    const listedText = words(listed.body);
    assert.match(listedText, /The people affected are changed/);
    assert.match(listedText, /Grace Okonkwo Date of birth not recorded Remove Grace Okonkwo/);
    assert.match(listedText, /Kai Okonkwo Born 1 May 2012 Remove Kai Okonkwo/);
    assert.doesNotMatch(listed.body, new RegExp(`value="${kai}"[^>]*type="checkbox"|type="checkbox" value="${kai}"`));

    // Those already named are not offered again.
    const again = await ig.post(`/breaches/${id}/people`, { q: "Okonkwo", action: "search" });
    assert.match(words(again.body), /Everyone who matches is already named on this breach\./);

    const miaFound = await ig.post(`/breaches/${id}/people`, { q: "Mia Thornton", action: "search" });
    assert.equal(checkboxFor(miaFound.body, "Mia Thornton"), mia);
    assert.equal((await ig.post(`/breaches/${id}/people`, { q: "Mia Thornton", action: "add", subjectIds: mia })).statusCode, 303);
    assert.deepEqual(await linked(id), [kai, grace, mia].sort());

    const removed = await ig.post(`/breaches/${id}/people/remove`, { subjectId: mia });
    assert.equal(removed.statusCode, 303, removed.body);
    assert.equal(removed.headers.location, `/breaches/${id}/people?done=removed`);
    assert.deepEqual(await linked(id), [kai, grace].sort());
    assert.match(words((await ig.get(removed.headers.location as string)).body), /the person is removed/);
    // A second press finds nothing to remove.
    assert.equal((await ig.post(`/breaches/${id}/people/remove`, { subjectId: mia })).headers.location, `/breaches/${id}/people`);

    // Each change was the whole list through the facts' service: audited as a change of the facts.
    const changes = (await events("breach.facts_changed")).filter((e) => e.entity.id === id);
    assert.equal(changes.length, 3);
    assert.deepEqual(changes[0].details, { fields: ["subjectIds"], subjectIds: [kai, grace].sort() });
    // Reading the page named them: a read of their records, labelled.
    const reads = (await events("personal_data.viewed")).filter((e) => e.details.view === "web.breaches.people");
    assert.ok(reads.some((e) => e.entity.id === id && e.details.subjectIds.includes(kai)));
    // Kai's "Who has viewed this record" says so in words, not by the view's name.
    const viewers = await ig.get(`/subjects/${kai}/viewers`);
    assert.equal(viewers.statusCode, 200);
    assert.match(words(viewers.body), /Choosing the people affected by a personal data breach/);
    assert.doesNotMatch(viewers.body, /web\.breaches\.people/);

    const page = words((await ig.get(`/breaches/${id}`)).body);
    assert.match(page, /People named Grace Okonkwo, Kai Okonkwo/);
    assert.doesNotMatch(page, /Mia Thornton/);

    // The notices to the people affected are now offered for them.
    await ig.post(`/breaches/${id}/risk`, { risk: "HIGH_RISK", reasoning: "A child's address could reach an abuser" });
    const choices = await ig.api("GET", `/api/v1/breaches/${id}/notice-choices`);
    assert.equal(choices.statusCode, 200, choices.body);
    const offered = choices.json().items as { subject: { id: string }; addressee: { id: string } }[];
    assert.deepEqual([...new Set(offered.map((c) => c.subject.id))].sort(), [kai, grace].sort());
    assert.ok(offered.some((c) => c.subject.id === kai && c.addressee.id === kai));
    const choose = words((await ig.get(`/breaches/${id}/notices/new`)).body);
    assert.match(choose, /Kai Okonkwo, the person affected/);
    assert.match(choose, /Grace Okonkwo, the person affected/);
  });

  test("refusals come back on the page: nothing selected, another organisation's person, a name too short, a closed breach", async () => {
    const id = await newBreach();
    await ig.get(`/breaches/${id}/people`);

    const nothing = await ig.post(`/breaches/${id}/people`, { q: "Okonkwo", action: "add" });
    assert.equal(nothing.statusCode, 400, nothing.body);
    assert.match(words(nothing.body), /There is a problem Select the people to add/);
    assert.match(nothing.body, /<a href="#subjectIds">Select the people to add<\/a>/);
    assert.match(nothing.body, /id="subjectIds-error"/, "the message at the list of people found");
    assert.match(nothing.body, /value="Okonkwo"/, "the name typed is kept");

    const foreign = await ig.post(`/breaches/${id}/people`, { q: "Okonkwo", action: "add", subjectIds: [kai, stranger] });
    assert.equal(foreign.statusCode, 400, foreign.body);
    assert.match(words(foreign.body), /There is a problem Select people from your organisation's records/);
    assert.match(foreign.body, /<a href="#subjectIds">Select people from your organisation&#39;s records<\/a>/);
    assert.match(foreign.body, /id="subjectIds-error"/);
    assert.match(foreign.body, new RegExp(`value="${kai}" checked`), "the choice is kept");
    assert.deepEqual(await linked(id), [], "no one is added");

    const notAnId = await ig.post(`/breaches/${id}/people`, { action: "add", subjectIds: "not-a-person" });
    assert.equal(notAnId.statusCode, 400);
    assert.match(words(notAnId.body), /Select people from your organisation's records/);

    const short = await ig.post(`/breaches/${id}/people`, { q: "K", action: "search" });
    assert.equal(short.statusCode, 400);
    assert.match(short.body, /<a href="#q">Enter at least 2 letters of the name<\/a>/);

    assert.equal((await ig.post(`/breaches/${id}/people`, { action: "add", subjectIds: kai })).statusCode, 303);
    await ig.post(`/breaches/${id}/risk`, { risk: "NO_RISK", reasoning: "The school deleted it unread" });
    await ig.post(`/breaches/${id}/not-reported`, { reasons: "Deleted unread" });
    assert.equal((await ig.post(`/breaches/${id}/close`, { lessonsLearned: "Check the address" })).statusCode, 303);
    const closedPage = await ig.get(`/breaches/${id}`);
    assert.doesNotMatch(closedPage.body, /Change the people affected/);
    const readOnly = await ig.get(`/breaches/${id}/people`);
    assert.equal(readOnly.statusCode, 200);
    assert.match(words(readOnly.body), /Kai Okonkwo .*This breach is closed and can no longer be changed\./);
    assert.doesNotMatch(readOnly.body, /Find a person by name|>Remove</);
    for (const [path, form] of [
      ["people", { action: "add", subjectIds: grace }],
      ["people/remove", { subjectId: kai }],
    ] as const) {
      const res = await ig.post(`/breaches/${id}/${path}`, form);
      assert.equal(res.statusCode, 409, `${path}: ${res.body}`);
      assert.match(words(res.body), /There is a problem This breach is closed and can no longer be changed/);
    }
    assert.deepEqual(await linked(id), [kai]);
  });

  test("an auditor is offered nothing and refused; another organisation's IG lead finds none of the routes", async () => {
    const id = await newBreach();
    assert.equal((await ig.post(`/breaches/${id}/people`, { action: "add", subjectIds: kai })).statusCode, 303);

    const routes = registeredRoutes(app)
      .filter((r) => /^\/breaches\/:id\/people/.test(r.url) && r.method !== "HEAD")
      .map((r) => `${r.method} ${r.url}`)
      .sort();
    assert.deepEqual(routes, ["GET /breaches/:id/people", "POST /breaches/:id/people", "POST /breaches/:id/people/remove"]);
    const forms: Record<string, Record<string, string>> = {
      "/breaches/:id/people": { q: "Okonkwo", action: "add", subjectIds: grace },
      "/breaches/:id/people/remove": { subjectId: kai },
    };

    const auditorPage = await auditor.get(`/breaches/${id}`);
    assert.equal(auditorPage.statusCode, 200);
    assert.doesNotMatch(auditorPage.body, /Change the people affected|\/people"/);
    assert.ok(auditor.csrfToken);
    await otherIg.get("/breaches");
    assert.ok(otherIg.csrfToken);
    for (const route of routes) {
      const [method, url] = route.split(" ") as [string, string];
      const path = url.replace(":id", id);
      if (method === "GET") {
        assert.equal((await auditor.get(path)).statusCode, 403, `auditor ${route}`);
        assert.equal((await otherIg.get(path)).statusCode, 404, `other organisation ${route}`);
      } else {
        assert.equal((await auditor.post(path, forms[url]!)).statusCode, 403, `auditor ${route}`);
        assert.equal((await otherIg.post(path, forms[url]!)).statusCode, 404, `other organisation ${route}`);
        assert.equal(
          (await otherIg.post(path, { q: "Okonkwo", action: "search" })).statusCode,
          404,
          `other organisation ${route}, searching`,
        );
      }
    }
    assert.deepEqual(await linked(id), [kai], "nothing changed");
  });
});
