import assert from "node:assert/strict";
import { test } from "node:test";
import { notToldBecauseOfRisk } from "../../../src/features/rights/domain/pack-safety";

test("a decision recording the family was not told, or consent not sought because asking was unsafe or would prejudice an investigation, counts as not told because of risk", () => {
  const cases: [string, Parameters<typeof notToldBecauseOfRisk>[0], RegExp[]][] = [
    [
      "not told, with its reason",
      { informed: false, notInformedReason: "Telling his mother could place Kai at risk from her partner" },
      [/not told: Telling his mother could place Kai at risk from her partner/],
    ],
    [
      "consent not sought as unsafe, even though told",
      { informed: true, consentStatus: "NOT_SOUGHT", consentNotSoughtReason: "UNSAFE_TO_SEEK" },
      [/Consent was not sought: seeking it would place the child at risk/],
    ],
    [
      "both",
      {
        informed: false,
        notInformedReason: "Operation Encompass",
        consentStatus: "NOT_SOUGHT",
        consentNotSoughtReason: "WOULD_PREJUDICE_INVESTIGATION",
      },
      [/not told: Operation Encompass/, /would prejudice a police or child protection investigation/],
    ],
  ];
  for (const [name, transparency, expected] of cases) {
    const grounds = notToldBecauseOfRisk(transparency);
    assert.equal(grounds.length, expected.length, name);
    for (const [i, pattern] of expected.entries()) assert.match(grounds[i]!, pattern, name);
  }
});

test("a decision where the family was told, and consent given or not sought for other reasons, does not count", () => {
  const none: Parameters<typeof notToldBecauseOfRisk>[0][] = [
    undefined,
    {},
    { informed: true, consentStatus: "GIVEN", consentDetails: "Mother agreed" },
    { informed: true, consentStatus: "NOT_SOUGHT", consentNotSoughtReason: "CANNOT_BE_GIVEN" },
    { informed: true, consentStatus: "NOT_SOUGHT", consentNotSoughtReason: "EMERGENCY_DELAY" },
    // A reason left behind from an earlier answer does not count once consent was given.
    { informed: true, consentStatus: "GIVEN", consentNotSoughtReason: "UNSAFE_TO_SEEK" },
  ];
  for (const transparency of none) assert.deepEqual(notToldBecauseOfRisk(transparency), [], JSON.stringify(transparency));
});
