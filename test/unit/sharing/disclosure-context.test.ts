import assert from "node:assert/strict";
import { test } from "node:test";
import { DEFAULT_LEVELS_OF_NEED } from "../../../src/features/settings/domain";
import { shareDecisionInput } from "../../../src/features/sharing/domain/decision-input";
import { disclosureContext } from "../../../src/features/sharing/domain/disclosure-context";
import { whatYouWereTold } from "../../../src/features/sharing/web/what-you-were-told";

const SUBJECT = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
const ITEM = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
const OTHER = "cccccccc-cccc-4ccc-8ccc-cccccccccccc";
const decider = { roles: ["practitioner", "safeguarding_lead", "not_a_role"], email: "siobhan@northbrook.example" };

const decision = (answers: Record<string, unknown>) => shareDecisionInput.parse({ subjectId: SUBJECT, ...answers });

test("a partial share tells the recipient where consent stood, the level of need and what was held back", () => {
  const context = disclosureContext(
    decision({
      purpose: { levelOfNeed: "CHILD_IN_NEED_S17" },
      transparency: { consentStatus: "NOT_SOUGHT", consentNotSoughtReason: "UNSAFE_TO_SEEK" },
      items: {
        items: [
          { itemId: ITEM, share: true },
          { itemId: OTHER, share: false, withheldReason: "Not needed" },
        ],
        protectedAddressesLeftOut: 1,
      },
      decision: { outcome: "PARTIAL_SHARE" },
    }),
    decider,
    DEFAULT_LEVELS_OF_NEED,
  );
  assert.deepEqual(context, {
    consent: { status: "NOT_SOUGHT", notSoughtReason: "UNSAFE_TO_SEEK" },
    levelOfNeed: { code: "CHILD_IN_NEED_S17", label: "Child in need (s17)" },
    withheld: { partial: true, items: 1, protectedAddresses: 1 },
    // Only roles Safeshare knows: a stray code never reaches the recipient's page.
    sender: { roles: ["practitioner", "safeguarding_lead"], email: "siobhan@northbrook.example" },
  });
  assert.deepEqual(whatYouWereTold(context, { emergency: false, redactedItems: 1 }), {
    consent: "Consent was not sought, because seeking it would place the child at risk",
    levelOfNeed: "Child in need (s17)",
    withheld:
      "Yes. The sender decided to share only some of what they hold. 1 item they considered was not sent. A protected address was left out. " +
      "Words were taken out of 1 item, shown as [redacted]. Ask the sender a question below if you need to know more.",
    senderRole: "Practitioner, Safeguarding lead (DSL)",
    senderEmail: "siobhan@northbrook.example",
  });
});

test("an emergency share sent before consent was recorded says so, and a full share says nothing was held back", () => {
  const context = disclosureContext(
    decision({ emergency: { immediateRisk: true, reason: "Kai said he is afraid to go home" }, decision: { outcome: "SHARE" } }),
    decider,
    DEFAULT_LEVELS_OF_NEED,
  );
  assert.equal(context.consent, null);
  assert.equal(context.levelOfNeed, null);
  const told = whatYouWereTold(context, { emergency: true, redactedItems: 0 });
  assert.equal(told.consent, "Not recorded yet: this was sent in an emergency, before the sender recorded where consent stood");
  assert.equal(told.levelOfNeed, "Not given by the sender");
  assert.equal(told.withheld, "No. Nothing was held back.");
});

test("a disclosure from before the context was kept says it was not recorded, but still counts its redactions", () => {
  const notRecorded = "Not recorded: this was sent before Safeshare kept it";
  assert.deepEqual(whatYouWereTold(null, { emergency: false, redactedItems: 0 }), {
    consent: notRecorded,
    levelOfNeed: notRecorded,
    withheld: notRecorded,
    senderRole: notRecorded,
    senderEmail: null,
  });
  assert.equal(
    whatYouWereTold(null, { emergency: false, redactedItems: 2 }).withheld,
    "Yes. Some of it was held back. Words were taken out of 2 items, shown as [redacted]. Ask the sender a question below if you need to know more.",
  );
});

test("a level of need no longer on the partnership's scale is told in words, never as its code", () => {
  const context = disclosureContext(decision({ purpose: { levelOfNeed: "OLD_TIER_3" } }), decider, DEFAULT_LEVELS_OF_NEED);
  assert.equal(context.levelOfNeed?.label, "A level no longer on the partnership's scale of need");
});
