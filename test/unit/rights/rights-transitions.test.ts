import assert from "node:assert/strict";
import { test } from "node:test";
import { changeProblem, TRANSITIONS, transitionProblem } from "../../../src/features/rights/domain/transitions";
import { RIGHTS_STATES } from "../../../src/features/rights/domain/vocabulary";

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

test("nothing is changed for a requester until their identity is verified and work has started, nor once answered", () => {
  const verified = new Date("2026-12-01T10:00:00Z");
  assert.match(changeProblem({ state: "IN_PROGRESS", identityVerifiedAt: null })!, /identity/);
  assert.match(changeProblem({ state: "AWAITING_CLARIFICATION", identityVerifiedAt: verified })!, /Start work/);
  assert.match(changeProblem({ state: "RESPONDED", identityVerifiedAt: verified })!, /answered/);
  for (const state of ["IN_PROGRESS", "EXTENDED", "EXEMPTION_REVIEW"] as const)
    assert.equal(changeProblem({ state, identityVerifiedAt: verified }), null, state);
});

test("an access request cannot be marked responded while its pack is a draft; the reason says what is left to review", () => {
  const draft = { identityVerified: true, packUnreviewed: { items: 2, recipients: 1 } };
  assert.match(
    transitionProblem("IN_PROGRESS", "RESPONDED", draft)!,
    /still a draft: 2 items and 1 record of who it was shared with have not been reviewed/,
  );
  assert.match(
    transitionProblem("EXEMPTION_REVIEW", "RESPONDED", { identityVerified: true, packUnreviewed: { items: 1, recipients: 0 } })!,
    /still a draft: 1 item has not been reviewed/,
  );
  assert.equal(transitionProblem("IN_PROGRESS", "EXEMPTION_REVIEW", draft), null, "work on it goes on");
  assert.equal(
    transitionProblem("IN_PROGRESS", "RESPONDED", { identityVerified: true, packUnreviewed: { items: 0, recipients: 0 } }),
    null,
  );
});

test("an access request with no one attached is answered only as a refusal or on confirming the records hold nothing about the person", () => {
  const none = { identityVerified: true, attached: 0, packUnreviewed: { items: 0, recipients: 0 } };
  assert.match(
    transitionProblem("IN_PROGRESS", "RESPONDED", { ...none, outcome: "FULL" })!,
    /No one from your records is attached to this access request/,
  );
  assert.equal(transitionProblem("IN_PROGRESS", "RESPONDED", { ...none, outcome: "REFUSED" }), null);
  assert.equal(transitionProblem("IN_PROGRESS", "RESPONDED", { ...none, outcome: "FULL", nothingHeld: true }), null);
  assert.match(
    transitionProblem("IN_PROGRESS", "RESPONDED", { ...none, attached: 1, outcome: "FULL", nothingHeld: true })!,
    /someone from your records is attached/i,
  );
  assert.equal(transitionProblem("IN_PROGRESS", "EXEMPTION_REVIEW", { ...none, outcome: "FULL" }), null, "work on it goes on");
});
