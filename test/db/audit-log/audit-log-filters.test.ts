import assert from "node:assert/strict";
import { before, test } from "node:test";
import type { App } from "../../../src/app/build-app";
import { exportAuditEvents, viewAuditEvents } from "../../../src/features/audit-log/services/audit-log";
import { subjects } from "../../../src/features/records/schema";
import { recentViews } from "../../../src/features/records/services/viewers";
import { snapshotOf } from "../../../src/platform/audit/events";
import { recordEvent } from "../../../src/platform/audit/write";
import type { Actor } from "../../../src/platform/auth/actor";
import { addDaysIso, today } from "../../../src/platform/dates/calendar";
import { ValidationError } from "../../../src/platform/errors";
import { testApp } from "../../support/app";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation, newUser } from "../../support/factories";
import { signedInAs } from "../../support/sign-in";

/**
 * The audit log as its readers use it (issue 18): entries in sentences, filtered by who, whose record,
 * which organisation, what happened and when, always inside the reader's scope, and downloaded as
 * CSV, the download itself on the record.
 */
describeEachDatabase("the audit log's filters and export", (ctx) => {
  let app: App;
  let auditor: Awaited<ReturnType<typeof newUser>>;
  let tomasz: Actor;
  let priya: Actor;
  let outsider: Actor;
  let kai: string;
  let hidden: string;
  let otherOrganisation: { id: string; name: string };

  before(async () => {
    const { db } = ctx.database;
    const school = await newOrganisation(db, { name: "Northbrook Primary" });
    otherOrganisation = await newOrganisation(db, { name: "Eastshire Police", type: "police" });
    auditor = await newUser(db, school, ["auditor"], { name: "Rosa Martínez" });
    tomasz = (await newUser(db, school, ["practitioner"], { name: "Tomasz Wójcik" })).actor;
    priya = (await newUser(db, school, ["safeguarding_lead"], { name: "Priya Shah" })).actor;
    outsider = (await newUser(db, otherOrganisation, ["practitioner"], { name: "Dan Okafor" })).actor;
    const [k, h] = await db
      .insert(subjects)
      .values([
        { organisationId: school.id, kind: "CHILD", givenNames: "Kai", familyName: "Brennan", dateOfBirth: "2016-04-02" },
        { organisationId: school.id, kind: "HOUSEHOLD_MEMBER", givenNames: "Jo", familyName: "Hidden", identityProtected: true },
      ])
      .returning({ id: subjects.id });
    kai = k!.id;
    hidden = h!.id;
    const viewed = (actor: Actor, id: string) =>
      recordEvent(db, snapshotOf(actor), {
        type: "personal_data.viewed",
        entity: { type: "subject", id },
        details: { view: "web.subject" },
      });
    await viewed(tomasz, kai);
    await viewed(priya, kai);
    await viewed(tomasz, hidden);
    await recordEvent(db, snapshotOf(tomasz), {
      type: "auth.signed_in",
      entity: { type: "user", id: tomasz.userId },
      details: { secondFactor: "none" },
    });
    // Another organisation's trail, with an id that even matches Kai's: never the auditor's to read.
    await viewed(outsider, kai);
    app = await testApp(ctx.database);
  });

  const sentences = async (filters: Parameters<typeof viewAuditEvents>[2]["filters"]) =>
    (await viewAuditEvents(ctx.database.db, auditor.actor, { view: "test", filters })).map((e) => e.sentence);

  test("entries read as sentences, naming a record only when the reader may see its name", async () => {
    assert.deepEqual(await sentences({ actorUserId: tomasz.userId }), [
      "Tomasz Wójcik signed in",
      "Tomasz Wójcik viewed a person's record",
      "Tomasz Wójcik viewed Kai Brennan's record",
    ]);
  });

  test("filters by record, event type and organisation stay inside the reader's organisation", async () => {
    assert.deepEqual(await sentences({ subjectId: kai }), [
      "Priya Shah viewed Kai Brennan's record",
      "Tomasz Wójcik viewed Kai Brennan's record",
    ]);
    assert.deepEqual(await sentences({ eventType: "auth.signed_in" }), ["Tomasz Wójcik signed in"]);
    assert.deepEqual(await sentences({ organisationId: otherOrganisation.id }), []);
    assert.deepEqual(await sentences({ actorUserId: outsider.userId }), []);
  });

  test("reading one person's trail is a read of their record: it shows in who has viewed it", async () => {
    const auditorViews = async () => (await recentViews(ctx.database.db, priya, kai)).filter((v) => v.userId === auditor.actor.userId);
    const before = (await auditorViews()).length;
    await sentences({ eventType: "auth.signed_in" });
    assert.equal((await auditorViews()).length, before, "a page that is not about Kai does not name him");
    await sentences({ subjectId: kai });
    assert.equal((await auditorViews()).length, before + 1);
  });

  test("a date range takes whole UK days, both ends included", async () => {
    const now = today();
    assert.equal((await sentences({ actorUserId: priya.userId, from: now, to: now })).length, 1);
    assert.equal((await sentences({ actorUserId: priya.userId, from: addDaysIso(now, 1) })).length, 0);
    assert.equal((await sentences({ actorUserId: priya.userId, to: addDaysIso(now, -1) })).length, 0);
  });

  test("an export holds every matching event and is itself recorded, with its filters", async () => {
    const entries = await exportAuditEvents(ctx.database.db, auditor.actor, { subjectId: kai });
    assert.equal(entries.length, 2);
    const [exported] = await viewAuditEvents(ctx.database.db, auditor.actor, { view: "test", filters: { eventType: "audit.exported" } });
    assert.equal(exported?.sentence, "Rosa Martínez downloaded part of the audit log");
    assert.deepEqual((exported?.event as { details: unknown }).details, { filters: { subjectId: kai }, count: 2 });
  });

  test("a download of more events than one file holds is refused with what to narrow, and nothing is recorded as exported", async () => {
    const before = await viewAuditEvents(ctx.database.db, auditor.actor, { view: "test", filters: { eventType: "audit.exported" } });
    await assert.rejects(exportAuditEvents(ctx.database.db, auditor.actor, { subjectId: kai }, 1), (e: unknown) => {
      assert.ok(e instanceof ValidationError);
      assert.match(e.message, /more than 1 events: choose dates, a person or a kind of event/);
      return true;
    });
    const after = await viewAuditEvents(ctx.database.db, auditor.actor, { view: "test", filters: { eventType: "audit.exported" } });
    assert.equal(after.length, before.length);
  });

  test("the page keeps the filters in its form and links, and the CSV is the filtered view", async () => {
    const browser = await signedInAs(app, ctx.database.db, auditor);
    const page = await browser.get(`/audit?person=${tomasz.userId}&type=personal_data.viewed`);
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Tomasz Wójcik viewed Kai Brennan&#39;s record/);
    assert.doesNotMatch(page.body, /Priya Shah viewed/);
    assert.match(page.body, new RegExp(`<option value="${tomasz.userId}" selected>`));
    const download = /href="(\/audit\/export\.csv\?[^"]+)"/.exec(page.body)?.[1]?.replaceAll("&amp;", "&");
    assert.equal(download, `/audit/export.csv?person=${tomasz.userId}&type=personal_data.viewed`);

    const csv = await browser.get(download!);
    assert.equal(csv.statusCode, 200);
    assert.match(csv.headers["content-type"] as string, /^text\/csv/);
    assert.match(csv.headers["content-disposition"] as string, /attachment; filename="audit-log.csv"/);
    const lines = csv.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    assert.equal(lines.length, 3, csv.body);
    assert.match(lines[0]!, /^"Number","When","What happened","Who"/);
    assert.match(lines[1]!, /"Tomasz Wójcik viewed a person's record","Tomasz Wójcik","Northbrook Primary"/);
    assert.match(lines[2]!, /"Tomasz Wójcik viewed Kai Brennan's record"/);
  });

  test("a filter that is not right comes back with an error and what was typed, not a 500", async () => {
    const browser = await signedInAs(app, ctx.database.db, auditor);
    const page = await browser.get("/audit?from-day=31&from-month=2&from-year=2026&to-day=1&to-month=1&to-year=2026&type=nonsense");
    assert.equal(page.statusCode, 400);
    assert.match(page.body, /There is a problem/);
    assert.match(page.body, /The start date must be a real date, like 27 3 2026/);
    assert.match(page.body, /Choose what happened from the list/);
    assert.match(page.body, /name="from-day" type="text" value="31"|value="31"/);
    const backwards = await browser.get("/audit?from-day=2&from-month=1&from-year=2026&to-day=1&to-month=1&to-year=2026");
    assert.equal(backwards.statusCode, 400);
    assert.match(backwards.body, /The end date must be the same as or after the start date/);
    const csv = await browser.get("/audit/export.csv?person=not-a-person");
    assert.equal(csv.statusCode, 302);
  });

  test("only those who read the audit log today may filter or download it", async () => {
    const practitioner = await newUser(ctx.database.db, await newOrganisation(ctx.database.db), ["practitioner"]);
    const browser = await signedInAs(app, ctx.database.db, practitioner);
    assert.equal((await browser.get("/audit?type=auth.signed_in")).statusCode, 403);
    assert.equal((await browser.get("/audit/export.csv")).statusCode, 403);
  });

  test("the API takes the same filters and gives each event's sentence; a filter that is not right is a 400 with its field", async () => {
    const browser = await signedInAs(app, ctx.database.db, auditor);
    const res = await browser.api("GET", `/api/v1/audit/events?subjectId=${kai}&eventType=personal_data.viewed`);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(
      res.json().items.map((i: { sentence: string }) => i.sentence),
      ["Priya Shah viewed Kai Brennan's record", "Tomasz Wójcik viewed Kai Brennan's record"],
    );
    const bad = await browser.api("GET", "/api/v1/audit/events?eventType=nonsense&from=2026-02-31");
    assert.equal(bad.statusCode, 400);
    assert.match(bad.headers["content-type"] as string, /problem\+json/);
    assert.match(bad.body, /eventType/);
  });
});
