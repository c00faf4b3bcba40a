import assert from "node:assert/strict";
import { before, test } from "node:test";
import { demoActors } from "../../src/services/demo-actors";
import { noticesReceived } from "../../src/services/rights/item-actions";
import { listRightsRequests } from "../../src/services/rights/requests";
import { seedDemoPartnership } from "../../src/services/seed-demo";
import { describeEachDatabase } from "../support/databases";

describeEachDatabase("the demo partnership's rights requests", (ctx) => {
  before(() => seedDemoPartnership(ctx.database.db));

  test("the school's correction reached the council's inbox to acknowledge; the council has a complaint to acknowledge", async () => {
    const { joanna, bernard, dafydd } = await demoActors(ctx.database.db, {
      joanna: "joanna.kowalczyk@westshire.example",
      bernard: "bernard.hale@northbrook.example",
      dafydd: "dafydd.pryce@westshire.example",
    });
    const notices = await noticesReceived(ctx.database.db, joanna, "test");
    assert.deepEqual(
      notices.map((n) => [n.kind, n.personName, n.senderName, n.acknowledgedAt]),
      [["CORRECTED", "Kai Brennan-Nowak", "Northbrook Primary School", null]],
    );
    assert.match(notices[0]!.text, /hospital appointments/);
    assert.deepEqual(
      (await listRightsRequests(ctx.database.db, bernard)).map((r) => [r.type, r.state]),
      [["RECTIFICATION", "IN_PROGRESS"]],
    );
    const [complaint] = await listRightsRequests(ctx.database.db, dafydd);
    assert.equal(complaint?.type, "COMPLAINT");
    assert.equal(complaint?.acknowledgedOn, null);
    assert.ok(complaint?.acknowledgeBy, "it shows when it must be acknowledged by");
  });
});
