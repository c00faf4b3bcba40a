import assert from "node:assert/strict";
import { test } from "node:test";
import { TRANSITIONS, transitionProblem } from "../../src/domain/rights/transitions";
import { RIGHTS_STATES } from "../../src/domain/rights/vocabulary";

test("only the listed transitions are possible; every other pair is refused with a reason", () => {
  for (const from of RIGHTS_STATES) {
    for (const to of RIGHTS_STATES) {
      const problem = transitionProblem(from, to, { identityVerified: true });
      assert.equal(problem === null, TRANSITIONS[from].includes(to), `${from} → ${to}`);
    }
  }
  assert.match(transitionProblem("CLOSED", "IN_PROGRESS", { identityVerified: true })!, /closed cannot become in progress/);
});

test("a response cannot go to a requester whose identity is not verified", () => {
  assert.match(transitionProblem("IN_PROGRESS", "RESPONDED", { identityVerified: false })!, /identity has not been verified/);
  assert.equal(transitionProblem("IN_PROGRESS", "RESPONDED", { identityVerified: true }), null);
});
