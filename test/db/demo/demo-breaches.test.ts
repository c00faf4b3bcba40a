import assert from "node:assert/strict";
import { before, test } from "node:test";
import { demoActors } from "../../../src/demo/demo-actors";
import { seedDemoPartnership } from "../../../src/demo/seed-demo";
import { loadBreachRequestsWork } from "../../../src/features/breaches";
import { loadBreaches, viewBreach } from "../../../src/features/breaches/services/register";
import { openReceived } from "../../../src/features/sharing/services/disclosures";
import { NotFoundError } from "../../../src/platform/errors";
import { describeEachDatabase } from "../../support/databases";

/**
 * Breaches in the demo (issue 22's "Done when"): a misdirected disclosure raised as a breach, its
 * recipient's access withdrawn and the 72 hours running; and a closed breach that was not reported,
 * with its reasons.
 */
describeEachDatabase("the demo partnership's breaches", (ctx) => {
  before(() => seedDemoPartnership(ctx.database.db));

  test("Eastmoor's misdirected share is a breach on its register, Haven's access withdrawn and the clock running", async () => {
    const db = ctx.database.db;
    const { sean, nia } = await demoActors(db, { sean: "sean.obriain@eastmoor.nhs.example", nia: "nia.williams@haven.example" });
    const { rows } = await loadBreaches(db, sean, { page: 1, pageSize: 50 });
    assert.equal(rows.length, 1);
    const breach = await viewBreach(db, sean, rows[0]!.id, "test");
    assert.equal(breach.risk, "RISK");
    assert.equal(breach.clock.state, "DUE");
    assert.deepEqual(
      breach.people.map((p) => p.name),
      ["Yusuf Rahman"],
    );
    assert.ok(breach.disclosureId);
    // Haven, the wrong recipient, can no longer open it.
    await assert.rejects(openReceived(db, nia, breach.disclosureId!), NotFoundError);
    // Haven is asked to confirm it deleted every copy.
    const work = await loadBreachRequestsWork(db, nia);
    assert.deepEqual(
      work.map((w) => w.title),
      ["Confirm you deleted information Eastmoor NHS Foundation Trust sent by mistake"],
    );
  });

  test("Westshire Council's closed breach was not reported to the ICO, and says why and what was learned", async () => {
    const db = ctx.database.db;
    const { dafydd } = await demoActors(db, { dafydd: "dafydd.pryce@westshire.example" });
    const { rows } = await loadBreaches(db, dafydd, { page: 1, pageSize: 50 });
    assert.equal(rows.length, 1);
    const breach = await viewBreach(db, dafydd, rows[0]!.id, "test");
    assert.equal(breach.state, "CLOSED");
    assert.equal(breach.risk, "NO_RISK");
    assert.match(breach.notReportedReasons ?? "", /deleted it unread/);
    assert.match(breach.lessonsLearned ?? "", /address suggestions/i);
    assert.equal(breach.reports.length, 0);
  });
});
