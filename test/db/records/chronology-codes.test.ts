import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import type { App } from "../../../src/app/build-app";
import { chronologyEntries } from "../../../src/features/records/schema";
import { testApp } from "../../support/app";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation, newUser } from "../../support/factories";
import type { TestClient } from "../../support/http-client";
import { signedInAs } from "../../support/sign-in";

/**
 * Chronology entries are stored as a message key and its parameters, not as English, so they can be
 * read in another language; read back, they say exactly what they said when they were sentences.
 */
describeEachDatabase("chronology: entries stored as codes and parameters, read as the same sentences", (ctx) => {
  let app: App;
  let practitioner: TestClient;
  let childId: string;

  before(async () => {
    app = await testApp(ctx.database);
    const db = ctx.database.db;
    const school = await newOrganisation(db, { name: "Northbrook Primary School", type: "school" });
    practitioner = await signedInAs(app, db, await newUser(db, school, ["practitioner"]));
    childId = (
      await practitioner.api("POST", "/api/v1/subjects", {
        kind: "CHILD",
        givenNames: "Kai",
        familyName: "Adeyemi",
        dateOfBirth: "2016-05-04",
      })
    ).json().id;
  });
  after(() => app.close());

  test("an item recorded, then corrected, and a concern raised are stored as codes and read as before", async () => {
    const source = { name: "Class teacher", method: "OBSERVED", obtainedOn: "2026-01-14" };
    const recorded = await practitioner.api("POST", `/api/v1/subjects/${childId}/items`, {
      category: "education",
      kind: "FACT",
      text: "Arrived without a coat.",
      eventDate: "2026-01-12",
      source,
    });
    assert.equal(recorded.statusCode, 201, recorded.body);
    const corrected = await practitioner.api("POST", `/api/v1/subjects/${childId}/items/${recorded.json().id}/corrections`, {
      category: "education",
      kind: "OPINION",
      text: "Seemed cold.",
      eventDate: "2026-01-12",
      source,
      reason: "It was an impression, not a fact",
    });
    assert.equal(corrected.statusCode, 201, corrected.body);
    const raised = await practitioner.api("POST", `/api/v1/subjects/${childId}/concerns`, {
      category: "NEGLECT",
      description: "Often hungry at breakfast club.",
      levelOfNeed: "EARLY_HELP",
      noticedOn: "2026-01-15",
    });
    assert.equal(raised.statusCode, 201, raised.body);

    const stored = await ctx.database.db.select().from(chronologyEntries).where(eq(chronologyEntries.subjectId, childId));
    assert.deepEqual(stored.map((e) => [e.code, e.params, e.summary, e.summaryCode]).sort(), [
      ["chronology.concernRaised", { category: "NEGLECT" }, "Often hungry at breakfast club.", null],
      ["chronology.itemCorrected", { category: "education", kind: "OPINION", version: 2 }, "Seemed cold.", null],
      ["chronology.itemRecorded", { category: "education", kind: "FACT" }, "Arrived without a coat.", null],
    ]);
    assert.ok(
      stored.every((e) => !("title" in e)),
      "no sentence is stored",
    );

    const read = (await practitioner.api("GET", `/api/v1/subjects/${childId}/chronology`)).json().items as {
      title: string;
      summary: string;
    }[];
    assert.deepEqual(read.map((e) => e.title).sort(), [
      "Concern raised: Neglect",
      "Education: fact recorded",
      "Education: opinion corrected (version 2)",
    ]);
    const page = (await practitioner.get(`/subjects/${childId}/chronology`)).body;
    assert.match(page, /Education: opinion corrected \(version 2\)/);
    assert.match(page, /Concern raised: Neglect/);
  });

  test("an entry from before titles were codes reads as it was written", async () => {
    const [any] = await ctx.database.db.select().from(chronologyEntries).where(eq(chronologyEntries.subjectId, childId)).limit(1);
    await ctx.database.db.insert(chronologyEntries).values({
      ...any!,
      id: undefined,
      code: "chronology.legacy",
      params: { text: "A title from an older version" },
      summary: "Kept as written",
    });
    const read = (await practitioner.api("GET", `/api/v1/subjects/${childId}/chronology`)).json().items as {
      title: string;
      summary: string;
    }[];
    assert.ok(read.some((e) => e.title === "A title from an older version" && e.summary === "Kept as written"));
  });

  test("the API gives each entry's message codes and parameters beside its words, for a client reading it in another language", async () => {
    const [any] = await ctx.database.db.select().from(chronologyEntries).where(eq(chronologyEntries.subjectId, childId)).limit(1);
    // A decision's entry: its summary is a message too, with what the practitioner wrote as its {text}.
    await ctx.database.db.insert(chronologyEntries).values({
      ...any!,
      id: undefined,
      category: "decision",
      code: "decisionTitle.shareWith",
      params: { recipient: "Westshire Police", purpose: "EARLY_HELP" },
      summary: "to plan support",
      summaryCode: "sharingChronologySummary.purpose",
    });
    type Entry = { title: string; summary: string; code: string; params: unknown; summaryCode: string | null; summaryText: string };
    const read = (await practitioner.api("GET", `/api/v1/subjects/${childId}/chronology`)).json().items as Entry[];
    const byCode = (code: string) => read.find((e) => e.code === code);

    assert.deepEqual(byCode("chronology.itemCorrected"), {
      ...byCode("chronology.itemCorrected"),
      title: "Education: opinion corrected (version 2)",
      params: { category: "education", kind: "OPINION", version: 2 },
      summary: "Seemed cold.",
      summaryCode: null,
      summaryText: "Seemed cold.",
    });
    assert.deepEqual(byCode("chronology.concernRaised")?.params, { category: "NEGLECT" });
    assert.deepEqual(byCode("decisionTitle.shareWith"), {
      ...byCode("decisionTitle.shareWith"),
      title: "Decided to share with Westshire Police",
      params: { recipient: "Westshire Police", purpose: "EARLY_HELP" },
      summary: "Early help: to plan support",
      summaryCode: "sharingChronologySummary.purpose",
      summaryText: "to plan support",
    });

    const doc = (await app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json();
    const declared = doc.components.schemas.ChronologyEntry;
    for (const field of ["code", "params", "summaryCode", "summaryText", "title", "summary"]) {
      assert.ok(declared.properties[field], `ChronologyEntry declares ${field}`);
      assert.ok(declared.required.includes(field), `ChronologyEntry requires ${field}`);
    }
  });
});
