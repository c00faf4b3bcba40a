import assert from "node:assert/strict";
import { before, test } from "node:test";
import { demoActors } from "../../../src/demo/demo-actors";
import { seedDemoPartnership } from "../../../src/demo/seed-demo";
import { loadRightsRequests } from "../../../src/features/rights/services/load-requests";
import { viewRightsWork } from "../../../src/features/rights/services/load-work";
import { acknowledgeNotice, viewNoticesReceived } from "../../../src/features/rights/services/recipient-notices";
import { transitionRightsRequest } from "../../../src/features/rights/services/transition-request";
import type { Actor } from "../../../src/platform/auth/actor";
import { describeEachDatabase } from "../../support/databases";

/** Rights' part of "Your work" (issue 18): notices to acknowledge, and for IG leads each request against its clock. */
describeEachDatabase("rights' work for the home page", (ctx) => {
  let people: Record<"joanna" | "dafydd" | "bernard" | "tomasz" | "sean", Actor>;
  const work = (actor: Actor) => viewRightsWork(ctx.database.db, actor, "web.home.recipient_notices");

  before(async () => {
    await seedDemoPartnership(ctx.database.db);
    people = await demoActors(ctx.database.db, {
      joanna: "joanna.kowalczyk@westshire.example",
      dafydd: "dafydd.pryce@westshire.example",
      bernard: "bernard.hale@northbrook.example",
      tomasz: "tomasz.wojcik@northbrook.example",
      sean: "sean.obriain@eastmoor.nhs.example",
    });
  });

  test("the council's DSL has the school's correction to act on and acknowledge, until she does", async () => {
    const [notice, ...rest] = await work(people.joanna);
    assert.deepEqual(rest, []);
    assert.deepEqual(notice, {
      kind: "recipient_notice",
      title: "Northbrook Primary School told you of a change to what it shared about Kai Brennan-Nowak: corrected",
      href: "/disclosures",
      dueOn: null,
    });
    const [received] = await viewNoticesReceived(ctx.database.db, people.joanna, "test");
    await acknowledgeNotice(ctx.database.db, people.joanna, received!.id);
    assert.deepEqual(await work(people.joanna), []);
  });

  test("each IG lead sees their own organisation's requests, due on the clock's date; a teacher sees none", async () => {
    const [complaint] = await loadRightsRequests(ctx.database.db, people.dafydd);
    assert.deepEqual(await work(people.dafydd), [
      {
        kind: "rights_request",
        title: `Answer rights request ${complaint!.publicReference}: A data protection complaint (Data (Use and Access) Act 2025)`,
        href: `/rights/${complaint!.id}`,
        dueOn: complaint!.dueOn,
      },
    ]);
    assert.deepEqual(
      (await work(people.sean)).map((w) => w.title.replace(/SR-\w+/, "SR-…")),
      ["Answer rights request SR-…: Access to their information (Article 15)"],
    );
    assert.deepEqual(await work(people.tomasz), []);
  });

  test("a clock stopped for clarification says it is paused and has no due date", async () => {
    const [correction] = await loadRightsRequests(ctx.database.db, people.bernard);
    assert.equal((await work(people.bernard))[0]?.dueOn, correction!.dueOn, "running: due on its date");
    await transitionRightsRequest(ctx.database.db, people.bernard, correction!.id, { to: "AWAITING_CLARIFICATION" });
    const [paused] = await work(people.bernard);
    assert.equal(paused?.paused, true);
    assert.equal(paused?.dueOn, null);
  });
});
