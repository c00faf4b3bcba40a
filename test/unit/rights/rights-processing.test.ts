import assert from "node:assert/strict";
import { test } from "node:test";
import { ARTICLE_6, type Article6 } from "../../../src/features/agreements/domain/lawful-basis";
import { processingDecisionInput, processingDecisionProblem, rightReaches } from "../../../src/features/rights/domain/processing";

test("an objection reaches public task and legitimate interests only; withdrawing consent reaches consent only", () => {
  const reached = (right: "OBJECTION" | "WITHDRAW_CONSENT") => ARTICLE_6.filter((b) => rightReaches(right, b).applies);
  assert.deepEqual(reached("OBJECTION"), ["A6_1E_PUBLIC_TASK", "A6_1F_LEGITIMATE_INTERESTS", "A6_1EA_RECOGNISED_LI_SAFEGUARDING"]);
  assert.deepEqual(reached("WITHDRAW_CONSENT"), ["A6_1A_CONSENT"]);
});

test("the screen says plainly what goes on: withdrawing consent does not stop sharing under a public task", () => {
  assert.match(rightReaches("WITHDRAW_CONSENT", "A6_1E_PUBLIC_TASK").why, /does not rest on consent.*does not stop it/);
  assert.match(rightReaches("OBJECTION", "A6_1C_LEGAL_OBLIGATION").why, /does not apply to sharing under Article 6\(1\)\(c\)/);
  assert.match(rightReaches("OBJECTION", "A6_1A_CONSENT").why, /withdraw consent/);
});

test("a decision is refused where the right does not reach the basis, or where consent-based sharing would continue", () => {
  const input = (article6: Article6, decision: "STOP" | "CONTINUE") =>
    processingDecisionInput.parse({ article6, decision, grounds: "The person's objection" });
  assert.equal(processingDecisionProblem("OBJECTION", input("A6_1C_LEGAL_OBLIGATION", "STOP"), null)?.path, "/article6");
  assert.equal(processingDecisionProblem("WITHDRAW_CONSENT", input("A6_1A_CONSENT", "CONTINUE"), null)?.path, "/decision");
  assert.equal(processingDecisionProblem("WITHDRAW_CONSENT", input("A6_1A_CONSENT", "STOP"), null), null);
  assert.equal(processingDecisionProblem("OBJECTION", input("A6_1E_PUBLIC_TASK", "CONTINUE"), null), null);
});

test("after a withdrawal, consent given again is recorded as a later decision to continue", () => {
  const again = processingDecisionInput.parse({
    article6: "A6_1A_CONSENT",
    decision: "CONTINUE",
    grounds: "Mother agreed again in writing, 3 Dec",
  });
  assert.equal(processingDecisionProblem("WITHDRAW_CONSENT", again, "STOP"), null);
  assert.equal(processingDecisionProblem("WITHDRAW_CONSENT", again, "CONTINUE")?.path, "/decision");
});

test("reasons are required either way", () => {
  const parsed = processingDecisionInput.safeParse({ article6: "A6_1E_PUBLIC_TASK", decision: "CONTINUE", grounds: "  " });
  assert.equal(parsed.success, false);
  assert.deepEqual(
    parsed.error?.issues.map((i) => i.path.join("/")),
    ["grounds"],
  );
});
