import assert from "node:assert/strict";
import { test } from "node:test";
import { AGREEMENT_STATUSES, agreementStanding, isOperating, notInForceReason } from "../../../src/features/agreements/domain/lifecycle";

test("an agreement is operating when signed and active or under review, whatever its review date", () => {
  const operating = AGREEMENT_STATUSES.filter((status) => isOperating({ status, inForceVersion: 1 }));
  assert.deepEqual(operating, ["ACTIVE", "UNDER_REVIEW"]);
  assert.equal(isOperating({ status: "ACTIVE", inForceVersion: null }), false);
  // Lapsed: operating (a review can be recorded, bringing it back), but not in force.
  const lapsed = { status: "ACTIVE" as const, inForceVersion: 1, nextReviewDate: "2026-01-01" };
  assert.equal(isOperating(lapsed), true);
  assert.match(notInForceReason(lapsed, null, "2026-06-01") ?? "", /more than 3 months past its review date/);
  assert.equal(agreementStanding(lapsed, null, "2026-06-01"), "LAPSED");
  // The tag shows a status that is not operating as it is.
  assert.equal(agreementStanding({ ...lapsed, status: "SUSPENDED" }, null, "2026-06-01"), "SUSPENDED");
});
