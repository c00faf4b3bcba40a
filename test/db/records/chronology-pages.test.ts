import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { App } from "../../../src/app/build-app";
import { insertSyntheticItems } from "../../../src/demo/synthetic/seed-synthetic";
import { CHRONOLOGY_PAGE_SIZE } from "../../../src/features/records/web/chronology";
import { testApp } from "../../support/app";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation, newUser } from "../../support/factories";
import type { TestClient } from "../../support/http-client";
import { signedInAs } from "../../support/sign-in";

/**
 * A long chronology (issue 4): the page shows it a page at a time, newest first, with the filters
 * carried from page to page; the print view has every entry; the API pages the same way.
 */
describeEachDatabase("chronology: a long timeline a page at a time, and whole to print", (ctx) => {
  const ENTRIES = 2 * CHRONOLOGY_PAGE_SIZE + 7;
  let app: App;
  let practitioner: TestClient;
  let childId: string;

  type Entry = { id: string; occurredOn: string; category: string };
  const apiPage = async (query: string) => {
    const res = await practitioner.api("GET", `/api/v1/subjects/${childId}/chronology?${query}`);
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { items: Entry[]; total: number; page: number; pageSize: number };
  };
  const timelineItems = (html: string) => html.match(/class="moj-timeline__item"/g)?.length ?? 0;

  before(async () => {
    app = await testApp(ctx.database);
    const db = ctx.database.db;
    const council = await newOrganisation(db, { name: "Westshire Children's Services", type: "childrens_social_care" });
    const worker = await newUser(db, council, ["practitioner"]);
    practitioner = await signedInAs(app, db, worker);
    childId = (
      await practitioner.api("POST", "/api/v1/subjects", {
        kind: "CHILD",
        givenNames: "Lena",
        familyName: "Nowak",
        dateOfBirth: "2015-03-02",
      })
    ).json().id;
    await insertSyntheticItems(ctx.database, [
      {
        subjectId: childId,
        organisationId: council.id,
        items: ENTRIES,
        mainCategory: "social_care",
        earliest: "2016-01-01",
        recorder: worker.user.id,
      },
    ]);
  });
  after(() => app.close());

  test("the API pages through every entry once, newest first, with the total", async () => {
    const pages = [await apiPage("pageSize=50&page=1"), await apiPage("pageSize=50&page=2"), await apiPage("pageSize=50&page=3")];
    assert.deepEqual(
      pages.map((p) => p.items.length),
      [50, 50, ENTRIES - 100],
    );
    assert.ok(pages.every((p) => p.total === ENTRIES));
    const all = pages.flatMap((p) => p.items);
    assert.equal(new Set(all.map((e) => e.id)).size, ENTRIES, "no entry twice, none missed");
    const dates = all.map((e) => e.occurredOn);
    assert.deepEqual(dates, [...dates].sort().reverse(), "newest first across pages");
    assert.equal((await apiPage("pageSize=50&page=4")).items.length, 0);
    const bad = await practitioner.api("GET", `/api/v1/subjects/${childId}/chronology?pageSize=5000`);
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].path, "/pageSize");
  });

  test("the page shows one page with previous and next links that keep the filters; the print view shows them all", async () => {
    const first = (await practitioner.get(`/subjects/${childId}/chronology`)).body;
    assert.equal(timelineItems(first), CHRONOLOGY_PAGE_SIZE);
    assert.match(first, new RegExp(`Entries 1 to ${CHRONOLOGY_PAGE_SIZE} of ${ENTRIES}`));
    assert.match(first, /govuk-pagination__next/);
    assert.doesNotMatch(first, /govuk-pagination__prev/);

    const last = (await practitioner.get(`/subjects/${childId}/chronology?page=3`)).body;
    assert.equal(timelineItems(last), ENTRIES - 2 * CHRONOLOGY_PAGE_SIZE);
    assert.match(last, /govuk-pagination__prev/);
    assert.doesNotMatch(last, /govuk-pagination__next/);

    // Filtered from a date: the pagination and print links carry the filter. (A date before every
    // entry, so the filtered total is known however the synthetic categories fell.)
    const from = "from-day=1&from-month=1&from-year=1900";
    const filtered = (await practitioner.get(`/subjects/${childId}/chronology?${from}`)).body;
    assert.match(filtered, new RegExp(`Entries 1 to ${CHRONOLOGY_PAGE_SIZE} of ${ENTRIES}`));
    assert.match(
      filtered,
      new RegExp(`href="/subjects/${childId}/chronology\\?from-day=1&amp;from-month=1&amp;from-year=1900&amp;page=2"`),
    );
    assert.match(filtered, new RegExp(`href="/subjects/${childId}/chronology/print\\?from-day=1&amp;from-month=1&amp;from-year=1900"`));
    const { total: social } = await apiPage("category=social_care&pageSize=1");
    const print = (await practitioner.get(`/subjects/${childId}/chronology/print`)).body;
    assert.equal(timelineItems(print), ENTRIES);
    assert.doesNotMatch(print, /govuk-pagination/);
    const printFiltered = (await practitioner.get(`/subjects/${childId}/chronology/print?category=social_care`)).body;
    assert.equal(timelineItems(printFiltered), social);
  });
});
