import assert from "node:assert/strict";
import { before, test } from "node:test";
import { demoActors } from "../../../src/demo/demo-actors";
import { seedDemoPartnership } from "../../../src/demo/seed-demo";
import { compileAccessPack } from "../../../src/features/rights/services/compile-access-pack";
import { loadRightsRequest, loadRightsRequests } from "../../../src/features/rights/services/load-requests";
import { viewPackSafety } from "../../../src/features/rights/services/pack-safety";
import { viewNoticesReceived } from "../../../src/features/rights/services/recipient-notices";
import { describeEachDatabase } from "../../support/databases";

describeEachDatabase("the demo partnership's rights requests", (ctx) => {
  before(() => seedDemoPartnership(ctx.database.db));

  test("the school's correction reached the council's inbox to acknowledge; the council has a complaint to acknowledge", async () => {
    const { joanna, bernard, dafydd } = await demoActors(ctx.database.db, {
      joanna: "joanna.kowalczyk@westshire.example",
      bernard: "bernard.hale@northbrook.example",
      dafydd: "dafydd.pryce@westshire.example",
    });
    const notices = await viewNoticesReceived(ctx.database.db, joanna, "test");
    assert.deepEqual(
      notices.map((n) => [n.kind, n.personName, n.senderName, n.acknowledgedAt]),
      [["CORRECTED", "Kai Brennan-Nowak", "Northbrook Primary School", null]],
    );
    assert.match(notices[0]!.text, /hospital appointments/);
    assert.deepEqual(
      (await loadRightsRequests(ctx.database.db, bernard)).map((r) => [r.type, r.state]),
      [["RECTIFICATION", "IN_PROGRESS"]],
    );
    const [complaint] = await loadRightsRequests(ctx.database.db, dafydd);
    assert.equal(complaint?.type, "COMPLAINT");
    assert.equal(complaint?.acknowledgedOn, null);
    assert.ok(complaint?.acknowledgeBy, "it shows when it must be acknowledged by");
  });

  test("at Eastmoor, a father's access request warns of the referral made without telling the family, and its pack starts as a draft", async () => {
    const db = ctx.database.db;
    const { sean } = await demoActors(db, { sean: "sean.obriain@eastmoor.nhs.example" });
    const [listed] = (await loadRightsRequests(db, sean)).filter((r) => r.requester.name === "Ryan Carter");
    assert.ok(listed, "the request is on Seán's dashboard");
    const request = await loadRightsRequest(db, sean, listed.id);
    assert.equal(request.harmRisk, true);
    const safety = await viewPackSafety(db, sean, request, "test");
    assert.equal(safety.notTold.length, 1);
    assert.deepEqual(
      safety.allegedPerpetrator.map((l) => `${l.perpetrator} → ${l.towards}`),
      ["Ryan Carter → Lily Carter"],
    );
    const pack = await compileAccessPack(db, sean, request.id);
    assert.equal(pack.draft, true);
    assert.deepEqual(pack.unreviewed, { items: 2, recipients: 1 });
  });
});
