import assert from "node:assert/strict";
import { before, test } from "node:test";
import { demoActors } from "../../../src/demo/demo-actors";
import { seedDemoPartnership } from "../../../src/demo/seed-demo";
import { loadDisposals } from "../../../src/features/retention/services/disposal";
import { loadHolds } from "../../../src/features/retention/services/holds";
import { viewReviewQueue } from "../../../src/features/retention/services/review-queue";
import { describeEachDatabase } from "../../support/databases";

/**
 * Retention in the demo (issue 21's "Done when"): Northbrook's review queue holds former pupils' child
 * protection files past date of birth + 25 years, one of them under a legal hold, and a disposal was
 * carried out with its certificate.
 */
describeEachDatabase("the demo partnership's retention", (ctx) => {
  before(() => seedDemoPartnership(ctx.database.db));

  test("Northbrook's queue has two files awaiting review and one under a legal hold; one disposal is done", async () => {
    const db = ctx.database.db;
    const { olusegun } = await demoActors(db, { olusegun: "olusegun.adebayo@northbrook.example" });
    const queue = await viewReviewQueue(db, olusegun, { category: "SCHOOL_CHILD_PROTECTION_FILE", page: 1, pageSize: 50 }, "test");
    const files = queue.groups.flatMap((g) => g.files);
    assert.deepEqual(files.map((f) => [f.name, f.heldBy.map((h) => h.name)]).sort(), [
      ["Daniel Kerr", ["Civil claim about a former football coach"]],
      ["Jade Whitmore", []],
      ["Liam Osei", []],
    ]);
    const holds = await loadHolds(db, olusegun, { page: 1, pageSize: 50 });
    assert.deepEqual(
      holds.rows.map((h) => [h.name, h.scope, h.subjects, h.setBy]),
      [["Civil claim about a former football coach", "SUBJECTS", 1, "Olusegun Adebayo"]],
    );
    const { rows } = await loadDisposals(db, olusegun, { page: 1, pageSize: 50 });
    assert.deepEqual(
      rows.map((d) => [d.status, d.files]),
      [["EXECUTED", 1]],
    );
  });
});
