import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { desc, eq } from "drizzle-orm";
import type { App } from "../../../src/app/build-app";
import { scheduleOf } from "../../../src/features/retention/services/schedule";
import { auditEvents } from "../../../src/platform/db/schema";
import { testApp } from "../../support/app";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation, newUser } from "../../support/factories";
import type { TestClient } from "../../support/http-client";
import { signedInAs } from "../../support/sign-in";

/**
 * An organisation's retention schedule (issue 21): the shipped defaults with their sources, changed by
 * its IG lead (every change audited; a period shorter than the recommended minimum is saved with a
 * warning), read by its auditors, refused to anyone else, and never another organisation's business.
 */
describeEachDatabase("retention schedule", (ctx) => {
  let app: App;
  let schoolId: string;
  let ig: TestClient;
  let auditor: TestClient;
  let practitioner: TestClient;
  let policeIg: TestClient;
  let igUserId: string;

  const change = {
    trigger: "DATE_OF_BIRTH",
    periodMonths: 30 * 12,
    action: "REVIEW",
    disposalMethod: "Secure deletion, with a certificate",
    source: "Westshire schools' retention policy 2026",
  };

  const lastEvent = async (type: string) => {
    const [row] = await ctx.database.db
      .select({ body: auditEvents.body })
      .from(auditEvents)
      .where(eq(auditEvents.type, type))
      .orderBy(desc(auditEvents.seq))
      .limit(1);
    return row ? JSON.parse(row.body) : undefined;
  };

  before(async () => {
    app = await testApp(ctx.database);
    const db = ctx.database.db;
    const school = await newOrganisation(db, { name: "Northbrook Primary", type: "school" });
    schoolId = school.id;
    const police = await newOrganisation(db, { name: "Westshire Police", type: "police" });
    const lead = await newUser(db, school, ["ig_lead"], { name: "Bernard Hale" });
    igUserId = lead.user.id;
    ig = await signedInAs(app, db, lead);
    auditor = await signedInAs(app, db, await newUser(db, school, ["auditor"]));
    practitioner = await signedInAs(app, db, await newUser(db, school, ["practitioner", "safeguarding_lead"]));
    policeIg = await signedInAs(app, db, await newUser(db, police, ["ig_lead"]));
  });
  after(() => app.close());

  test("the shipped defaults are shown with their sources: a school's child protection file, date of birth + 25 years, then review", async () => {
    const res = await ig.api("GET", "/api/v1/retention/schedule");
    assert.equal(res.statusCode, 200, res.body);
    const rules = res.json().rules;
    assert.deepEqual(
      rules.map((r: { category: string }) => r.category),
      ["SCHOOL_CHILD_PROTECTION_FILE", "ADULT_RECORD", "DISCLOSED_COPY"],
      "only the categories a school holds: its files, and copies of what others shared with it",
    );
    assert.deepEqual(
      { ...rules[0], source: undefined },
      {
        category: "SCHOOL_CHILD_PROTECTION_FILE",
        trigger: "DATE_OF_BIRTH",
        periodMonths: 300,
        action: "REVIEW",
        disposalMethod: "Secure deletion of the electronic record and any copies",
        source: undefined,
        isDefault: true,
        belowMinimum: false,
        minimumMonths: 300,
      },
    );
    assert.match(rules[0].source, /IRMS Information Management Toolkit for Schools/);

    // The police hold children's safeguarding records and adults' records, under their own defaults.
    const police = (await policeIg.api("GET", "/api/v1/retention/schedule")).json().rules;
    assert.deepEqual(
      police.map((r: { category: string }) => r.category),
      ["CHILD_RECORD", "ADULT_RECORD", "DISCLOSED_COPY"],
    );

    const page = await ig.get("/retention");
    assert.equal(page.statusCode, 200);
    assert.match(page.body, /Child protection file \(school\)/);
    assert.match(page.body, /The child&#39;s date of birth|The child's date of birth/);
    assert.match(page.body, /25 years/);
    assert.match(page.body, /IRMS Information Management Toolkit for Schools/);
    assert.match(page.body, /href="\/retention\/holds"/);
    assert.doesNotMatch(page.body, /SCHOOL_CHILD_PROTECTION_FILE<|DATE_OF_BIRTH|RET-MINIMUM/, "no codes where people read");
  });

  test("an IG lead's change is saved, used for the organisation's schedule and audited in the same transaction", async () => {
    const res = await ig.api("PUT", "/api/v1/retention/schedule/SCHOOL_CHILD_PROTECTION_FILE", change);
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json().warnings, []);
    assert.equal(res.json().rule.periodMonths, 360);
    assert.equal(res.json().rule.isDefault, false);

    const { rules: schedule } = await scheduleOf(ctx.database.db, schoolId);
    assert.equal(schedule[0]!.periodMonths, 360, "the queue and disposal read the organisation's own rule");
    assert.equal(schedule[0]!.source, change.source);
    assert.equal(schedule[1]!.isDefault, true);

    const event = await lastEvent("retention.rule_changed");
    assert.equal(event.actor.userId, igUserId);
    assert.equal(event.organisationId, schoolId);
    assert.deepEqual(event.details, {
      category: "SCHOOL_CHILD_PROTECTION_FILE",
      trigger: "DATE_OF_BIRTH",
      periodMonths: 360,
      action: "REVIEW",
      belowMinimum: false,
    });

    // Putting back the default removes the organisation's rule, and is audited.
    const reset = await ig.api("DELETE", "/api/v1/retention/schedule/SCHOOL_CHILD_PROTECTION_FILE");
    assert.equal(reset.statusCode, 204);
    const after = (await ig.api("GET", "/api/v1/retention/schedule")).json().rules[0];
    assert.equal(after.periodMonths, 300);
    assert.equal(after.isDefault, true);
    assert.deepEqual((await lastEvent("retention.rule_reset")).details, { category: "SCHOOL_CHILD_PROTECTION_FILE" });
  });

  test("a period shorter than the recommended minimum is saved with a RET-MINIMUM warning in plain English", async () => {
    const res = await ig.api("PUT", "/api/v1/retention/schedule/SCHOOL_CHILD_PROTECTION_FILE", { ...change, periodMonths: 120 });
    assert.equal(res.statusCode, 200, res.body);
    const [warning] = res.json().warnings;
    assert.equal(warning.code, "RET-MINIMUM");
    assert.match(warning.message, /shorter than the recommended minimum of 25 years/);
    assert.equal(res.json().rule.belowMinimum, true);
    assert.equal((await lastEvent("retention.rule_changed")).details.belowMinimum, true);

    // The form: saved, with the warning on the page and the code only in the IG leads' panel.
    const form = await ig.post("/retention/rules/SCHOOL_CHILD_PROTECTION_FILE", {
      trigger: "DATE_OF_BIRTH",
      years: "10",
      months: "6",
      action: "DESTROY",
      disposalMethod: "Shredding",
      source: "Local decision",
    });
    assert.equal(form.statusCode, 303, form.body);
    const saved = await ig.get(String(form.headers.location));
    assert.match(saved.body, /Rule saved/);
    assert.match(saved.body, /shorter than the recommended minimum of 25 years/);
    assert.match(saved.body, /data-details-for="ig"[\s\S]*RET-MINIMUM/);
    assert.match(saved.body, /Put back the default/);
    const rule = (await ig.api("GET", "/api/v1/retention/schedule")).json().rules[0];
    assert.equal(rule.periodMonths, 126);
    assert.equal(rule.action, "DESTROY");

    const reset = await ig.post("/retention/rules/SCHOOL_CHILD_PROTECTION_FILE/reset", {});
    assert.equal(reset.statusCode, 303);
    assert.equal((await ig.api("GET", "/api/v1/retention/schedule")).json().rules[0].isDefault, true);
  });

  test("bad input is refused with field paths (problem+json), and the form keeps what was typed", async () => {
    const res = await ig.api("PUT", "/api/v1/retention/schedule/ADULT_RECORD", {
      trigger: "BIRTHDAY",
      periodMonths: 1201,
      action: "REVIEW",
      disposalMethod: "",
      source: "x".repeat(501),
    });
    assert.equal(res.statusCode, 400);
    assert.match(String(res.headers["content-type"]), /application\/problem\+json/);
    const paths = res
      .json()
      .errors.map((e: { path: string }) => e.path)
      .sort();
    assert.deepEqual(paths, ["/disposalMethod", "/periodMonths", "/source", "/trigger"]);
    assert.equal((await ig.api("PUT", "/api/v1/retention/schedule/ADULT_RECORD", { ...change, periodMonths: 1.5 })).statusCode, 400);
    assert.equal((await ig.api("PUT", "/api/v1/retention/schedule/ADULT_RECORD", { ...change, extra: 1 })).statusCode, 400);

    const form = await ig.post("/retention/rules/ADULT_RECORD", {
      trigger: "LAST_ENTRY",
      years: "six",
      months: "0",
      action: "REVIEW",
      disposalMethod: "Shredding typed by me",
      source: "",
    });
    assert.equal(form.statusCode, 400);
    assert.match(form.body, /There is a problem/);
    assert.match(form.body, /Enter the period in whole years and months/);
    assert.match(form.body, /Shredding typed by me/);
    assert.match(form.body, /value="six"/);
  });

  test("a category the organisation does not hold is not found, and an unknown one is a 400", async () => {
    assert.equal((await ig.api("PUT", "/api/v1/retention/schedule/COUNCIL_CHILD_PROTECTION_RECORD", change)).statusCode, 404);
    assert.equal((await ig.api("DELETE", "/api/v1/retention/schedule/COUNCIL_CHILD_PROTECTION_RECORD")).statusCode, 404);
    assert.equal((await ig.api("PUT", "/api/v1/retention/schedule/NOT_A_CATEGORY", change)).statusCode, 400);
    assert.equal((await ig.get("/retention/rules/COUNCIL_CHILD_PROTECTION_RECORD")).statusCode, 404);
  });

  test("auditors read the schedule but cannot change it; other roles are refused", async () => {
    assert.equal((await auditor.api("GET", "/api/v1/retention/schedule")).statusCode, 200);
    assert.equal((await auditor.get("/retention")).statusCode, 200);
    const refused = await auditor.api("PUT", "/api/v1/retention/schedule/ADULT_RECORD", change);
    assert.equal(refused.statusCode, 403);
    assert.match(refused.json().detail, /Only an IG lead can change the retention schedule/);
    assert.equal((await auditor.api("DELETE", "/api/v1/retention/schedule/ADULT_RECORD")).statusCode, 403);
    assert.equal((await auditor.get("/retention/rules/ADULT_RECORD")).statusCode, 403);
    assert.equal((await practitioner.api("GET", "/api/v1/retention/schedule")).statusCode, 403);
    assert.equal((await practitioner.api("PUT", "/api/v1/retention/schedule/ADULT_RECORD", change)).statusCode, 403);
    assert.equal((await practitioner.get("/retention")).statusCode, 403);
  });

  test("another organisation's IG lead neither sees nor changes this organisation's rules", async () => {
    await ig.api("PUT", "/api/v1/retention/schedule/ADULT_RECORD", { ...change, trigger: "LAST_ENTRY", periodMonths: 96 });
    const before = await lastEvent("retention.rule_changed");
    const theirs = (await policeIg.api("GET", "/api/v1/retention/schedule")).json().rules;
    assert.equal(theirs.find((r: { category: string }) => r.category === "ADULT_RECORD").periodMonths, 72, "their own default, not ours");
    // Their change is to their own schedule only.
    await policeIg.api("PUT", "/api/v1/retention/schedule/ADULT_RECORD", { ...change, trigger: "LAST_ENTRY", periodMonths: 84 });
    const ours = (await ig.api("GET", "/api/v1/retention/schedule")).json().rules;
    assert.equal(ours.find((r: { category: string }) => r.category === "ADULT_RECORD").periodMonths, 96);
    assert.notEqual((await lastEvent("retention.rule_changed")).seq, before.seq);
    // Their reset leaves ours in place.
    await policeIg.api("DELETE", "/api/v1/retention/schedule/ADULT_RECORD");
    const still = (await ig.api("GET", "/api/v1/retention/schedule")).json().rules;
    assert.equal(still.find((r: { category: string }) => r.category === "ADULT_RECORD").periodMonths, 96);
  });
});
