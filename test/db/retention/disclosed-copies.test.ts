import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { addMonths, format } from "date-fns";
import { eq } from "drizzle-orm";
import type { App } from "../../../src/app/build-app";
import { disclosureItems, disclosures } from "../../../src/features/sharing/schema";
import { testApp } from "../../support/app";
import { describeEachDatabase } from "../../support/databases";
import type { TestClient } from "../../support/http-client";
import { sharedCopy } from "../../support/shared-copy";

type Copy = { disclosureId: string; reference: string; name: string; from: string; dueOn: string; byAgreement: boolean };

describeEachDatabase("retention: a recipient's copy follows the agreement's retention term, and its sender sees it disposed of", (ctx) => {
  let app: App;
  let practitioner: TestClient;
  let councilIg: TestClient;
  let secondCouncilIg: TestClient;
  let schoolIg: TestClient;
  let councilLead: TestClient;
  let disclosureId: string;
  let decisionId: string;

  before(async () => {
    app = await testApp(ctx.database);
    const shared = await sharedCopy(app, ctx.database.db, { retentionMonths: 18 });
    ({ practitioner, schoolIg, councilIg, councilLead, secondCouncilIg, disclosureId, decisionId } = shared);
  });
  after(() => app.close());

  const copies = async (client = councilIg) => {
    const res = await client.api("GET", "/api/v1/retention/review-queue?category=DISCLOSED_COPY");
    assert.equal(res.statusCode, 200, res.body);
    return res.json().groups[0].copies as Copy[];
  };

  test("the copy is kept for the agreement's term from the day it was sent, and both sides see until when", async () => {
    const expected = format(addMonths(new Date(), 18), "yyyy-MM-dd");
    const received = (await councilLead.api("GET", `/api/v1/disclosures/${disclosureId}`)).json();
    assert.equal(received.retainUntil, expected);
    assert.equal((await practitioner.api("GET", `/api/v1/share-decisions/${decisionId}`)).json().disclosure.retainUntil, expected);
    assert.deepEqual(await copies(), [], "not due for 18 months");
  });

  test("once its term has passed it is in the recipient's queue, and only there", async () => {
    // Eighteen months on: the term ended last month.
    await ctx.database.db.update(disclosures).set({ retainUntil: "2025-06-30" }).where(eq(disclosures.id, disclosureId));
    const [copy] = await copies();
    assert.equal(copy?.disclosureId, disclosureId);
    assert.equal(copy?.name, "Tomasz Lewandowski-Reid");
    assert.equal(copy?.from, "Northbrook Primary");
    assert.equal(copy?.byAgreement, true);
    assert.equal(copy?.dueOn, "2025-06-30");
    assert.deepEqual(await copies(schoolIg), [], "the sender's queue holds its own copies only");
  });

  test("disposed of by two of the recipient's IG leads, the copy is gone from the recipient, kept as the sender's record, and the sender sees when", async () => {
    const proposed = await councilIg.api("POST", "/api/v1/retention/disposals", {
      category: "DISCLOSED_COPY",
      action: "DESTROY",
      reason: "The agreement's 18 months have passed and the assessment is complete",
      disclosureIds: [disclosureId],
    });
    assert.equal(proposed.statusCode, 201, proposed.body);
    assert.equal(proposed.json().copyList[0].name, "Tomasz Lewandowski-Reid");
    const sender = await schoolIg.api("POST", `/api/v1/retention/disposals/${proposed.json().id}/approval`);
    assert.equal(sender.statusCode, 404, "the sender's IG lead cannot approve the recipient's disposal");
    const done = await secondCouncilIg.api("POST", `/api/v1/retention/disposals/${proposed.json().id}/approval`);
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(done.json().certificate.disclosedCopies, 1);
    assert.equal(done.json().certificate.items, 1);
    assert.ok(!JSON.stringify(done.json().certificate).includes("Tomasz"));

    // The recipient can never open it again, nor find it in its inbox…
    assert.equal((await councilLead.api("GET", `/api/v1/disclosures/${disclosureId}`)).statusCode, 404);
    const inbox = (await councilLead.api("GET", "/api/v1/disclosures?box=received")).json();
    assert.ok(!inbox.items.some((d: { id: string }) => d.id === disclosureId));
    // …while the sender keeps its own record of what it sent (GR7-RECORD), under its own schedule.
    const items = await ctx.database.db
      .select({ text: disclosureItems.text })
      .from(disclosureItems)
      .where(eq(disclosureItems.disclosureId, disclosureId));
    assert.deepEqual(
      items.map((i) => i.text),
      ["Tomasz has missed eleven days this half term."],
    );
    const seen = (await practitioner.api("GET", `/api/v1/share-decisions/${decisionId}`)).json().disclosure;
    assert.ok(seen.disposedAt, "the sender sees the recipient disposed of its copy");
    assert.equal(seen.state, "DISPOSED");
    assert.deepEqual(await copies(), []);
  });

  test("a copy must be proposed under the rule for copies, and a file id is not a copy", async () => {
    const res = await councilIg.api("POST", "/api/v1/retention/disposals", {
      category: "DISCLOSED_COPY",
      action: "DESTROY",
      reason: "x",
      subjectIds: [randomUUID()],
    });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
      ["/disclosureIds", "/subjectIds"],
    );
  });
});
