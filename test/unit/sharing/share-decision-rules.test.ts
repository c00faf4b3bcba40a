import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { agreementContentSchema } from "../../../src/features/agreements/domain/content";
import { compileAgreement } from "../../../src/features/agreements/domain/evaluate";
import { type ShareDecisionInputRaw, shareDecisionInput } from "../../../src/features/sharing/domain/decision-input";
import {
  blocksOf,
  type DecisionFacts,
  evaluateDecision,
  type ItemFacts,
  recordedWarnings,
  warningsByCode,
  warningsOf,
} from "../../../src/features/sharing/domain/evaluate-decision";

const SCHOOL = "33333333-3333-4333-8333-333333333333";
const COUNCIL = "22222222-2222-4222-8222-222222222222";
const SUBJECT = "77777777-7777-4777-8777-777777777777";
const ITEM_A = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
const ITEM_B = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
const ITEM_HEALTH = "cccccccc-cccc-4ccc-8ccc-cccccccccccc";
const ITEM_POLICE = "dddddddd-dddd-4ddd-8ddd-dddddddddddd";

const plainItem: ItemFacts = {
  label: "the education item dated 2 November 2026",
  protectedDetails: [],
  category: "education",
  specialCategory: false,
  criminalOffence: false,
  accuracy: "ACCURATE",
  restricted: false,
  receivedFrom: null,
};

/** A complete, lawful share from a school to children's social care with no agreement cited. */
const COMPLETE: ShareDecisionInputRaw = {
  subjectId: SUBJECT,
  purpose: { code: "CHILD_IN_NEED_S17", description: "Assessment of the child's needs", levelOfNeed: "CHILD_IN_NEED_S17" },
  information: { personal: true, confidential: true, thirdParty: false },
  recipient: { organisationId: COUNCIL, role: "SOCIAL_WORKER", routine: false },
  transparency: { informed: true, capacity: "NOT_CAPABLE", consentStatus: "NOT_SOUGHT", consentNotSoughtReason: "UNSAFE_TO_SEEK" },
  lawfulBasis: { article6: "A6_1E_PUBLIC_TASK", article9: [], commonLaw: "CL_PUBLIC_INTEREST", gateway: "CA2004_S11" },
  items: { items: [{ itemId: ITEM_A, share: true }], subjectDetails: ["dateOfBirth"] },
  advice: { sought: true, adviserName: "Siobhan O'Connor", adviserRole: "DSL", advice: "Share attendance", anonymised: true },
  decision: { outcome: "SHARE", reasons: "Attendance has fallen sharply", necessityAndProportionality: "Only attendance" },
};

type Patch = {
  [K in keyof ShareDecisionInputRaw]?: ShareDecisionInputRaw[K] extends object | undefined
    ? Partial<NonNullable<ShareDecisionInputRaw[K]>>
    : ShareDecisionInputRaw[K];
};

/** The complete decision with some steps' answers replaced (a step's keys merged, not replaced wholesale). */
function decision(patch: Patch = {}) {
  const merged: Record<string, unknown> = { ...COMPLETE };
  for (const [key, value] of Object.entries(patch)) {
    const base = (COMPLETE as Record<string, unknown>)[key];
    merged[key] =
      value && typeof value === "object" && !Array.isArray(value) && base && typeof base === "object" ? { ...base, ...value } : value;
  }
  return shareDecisionInput.parse(merged);
}

function facts(patch: Patch = {}, over: Partial<DecisionFacts> = {}): DecisionFacts {
  return {
    input: decision(patch),
    today: "2026-12-02",
    sender: { organisationId: SCHOOL, isPublicAuthority: true },
    deciderRoles: ["practitioner"],
    recipientUserRoles: null,
    items: new Map<string, ItemFacts>([
      [ITEM_A, plainItem],
      [ITEM_B, plainItem],
      [ITEM_HEALTH, { ...plainItem, category: "health", specialCategory: true }],
      [ITEM_POLICE, { ...plainItem, category: "police", criminalOffence: true }],
    ]),
    subjectHasProtectedAddress: false,
    protectedDetailsIn: { purpose: [], reasons: [] },
    processingStops: [],
    agreement: null,
    servesAgreement: null,
    ...over,
  };
}

const codes = (list: { code: string }[]) => list.map((f) => f.code);
const blockCodes = (f: DecisionFacts) => codes(blocksOf(evaluateDecision(f)));
const warningCodes = (f: DecisionFacts) => codes(warningsOf(evaluateDecision(f)));

test("a complete, lawful one-off share has no blocks, only the warning that no agreement is cited", () => {
  const findings = evaluateDecision(facts());
  assert.deepEqual(codes(blocksOf(findings)), []);
  assert.deepEqual(codes(warningsOf(findings)), ["ICO6-AGREEMENT"]);
});

describe("each rule blocks what it should, naming the answer to fix", () => {
  const cases: { name: string; facts: DecisionFacts; code: string; path: string }[] = [
    { name: "no purpose", facts: facts({ purpose: { code: undefined } }), code: "P-PURPOSE", path: "/purpose/code" },
    { name: "purpose not described", facts: facts({ purpose: { description: " " } }), code: "P-PURPOSE", path: "/purpose/description" },
    { name: "no decision", facts: facts({ decision: { outcome: undefined } }), code: "GR7-RECORD", path: "/decision/outcome" },
    { name: "no reasons", facts: facts({ decision: { reasons: "" } }), code: "GR7-RECORD", path: "/decision/reasons" },
    {
      name: "no necessity statement",
      facts: facts({ decision: { necessityAndProportionality: undefined } }),
      code: "P-NECESSARY-PROPORTIONATE",
      path: "/decision/necessityAndProportionality",
    },
    { name: "a share of nothing", facts: facts({ items: { items: [] } }), code: "GR7-RECORD", path: "/items/items" },
    {
      name: "no recipient",
      facts: facts({ recipient: { organisationId: undefined } }),
      code: "GR7-RECORD",
      path: "/recipient/organisationId",
    },
    { name: "to itself", facts: facts({ recipient: { organisationId: SCHOOL } }), code: "GR7-RECORD", path: "/recipient/organisationId" },
    { name: "recipient role unknown", facts: facts({ recipient: { role: undefined } }), code: "GR6-MINIMISE", path: "/recipient/role" },
    {
      name: "recipient without a safeguarding role",
      facts: facts({ recipient: { role: "ADMINISTRATIVE" } }),
      code: "GR6-MINIMISE",
      path: "/recipient/role",
    },
    {
      name: "named person without a case role",
      facts: facts({ recipient: { userId: ITEM_B } }, { recipientUserRoles: ["auditor"] }),
      code: "GR6-MINIMISE",
      path: "/recipient/userId",
    },
    {
      name: "not said whether told",
      facts: facts({ transparency: { informed: undefined } }),
      code: "GR2-ENGAGE",
      path: "/transparency/informed",
    },
    {
      name: "not told, no reason",
      facts: facts({ transparency: { informed: false } }),
      code: "GR2-ENGAGE",
      path: "/transparency/notInformedReason",
    },
    {
      name: "consent not sought, no reason",
      facts: facts({ transparency: { consentNotSoughtReason: undefined } }),
      code: "GR7-RECORD",
      path: "/transparency/consentNotSoughtReason",
    },
    { name: "no Article 6", facts: facts({ lawfulBasis: { article6: null } }), code: "L-NO-ART6", path: "/lawfulBasis/article6" },
    {
      name: "consent basis without consent",
      facts: facts({ lawfulBasis: { article6: "A6_1A_CONSENT" } }),
      code: "L-NO-ART6",
      path: "/lawfulBasis/article6",
    },
    {
      name: "legitimate interests by a public authority",
      facts: facts({ lawfulBasis: { article6: "A6_1F_LEGITIMATE_INTERESTS" } }),
      code: "L-LI-PUBLIC-AUTHORITY",
      path: "/lawfulBasis/article6",
    },
    {
      name: "health information without Article 9",
      facts: facts({ items: { items: [{ itemId: ITEM_HEALTH, share: true }] } }),
      code: "L-NO-ART9",
      path: "/lawfulBasis/article9",
    },
    {
      name: "police information with only a special category condition",
      facts: facts({
        items: { items: [{ itemId: ITEM_POLICE, share: true }] },
        lawfulBasis: { article9: ["A9_2B_S1P1_SOCIAL_PROTECTION"] },
      }),
      code: "L-NO-ART9",
      path: "/lawfulBasis/article9",
    },
    {
      name: "para 18 without an APD",
      facts: facts({ lawfulBasis: { article9: ["A9_2G_S1P18_SAFEGUARDING"], para18Reason: "OBTAINING_WOULD_PREJUDICE" } }),
      code: "L-S1P18-INCOMPLETE",
      path: "/lawfulBasis/apdReference",
    },
    {
      name: "para 18 without its reason",
      facts: facts({ lawfulBasis: { article9: ["A9_2G_S1P18_SAFEGUARDING"], apdReference: "APD-2026" } }),
      code: "L-S1P18-INCOMPLETE",
      path: "/lawfulBasis/para18Reason",
    },
    {
      name: "vital interests for someone who can consent",
      facts: facts({ lawfulBasis: { article9: ["A9_2C_VITAL_INTERESTS_INCAPABLE"] }, transparency: { capacity: "CAPABLE" } }),
      code: "L-VITAL-CAPABLE",
      path: "/transparency/capacity",
    },
    {
      name: "confidential with no common law route",
      facts: facts({ lawfulBasis: { commonLaw: null } }),
      code: "L-CONFIDENCE",
      path: "/lawfulBasis/commonLaw",
    },
    {
      name: "restricted item",
      facts: facts({}, { items: new Map([[ITEM_A, { ...plainItem, restricted: true }]]) }),
      code: "R-RESTRICTED",
      path: "/items/items/0",
    },
    {
      name: "a corrected version",
      facts: facts({}, { items: new Map([[ITEM_A, { ...plainItem, accuracy: "CORRECTED" }]]) }),
      code: "P-ACCURATE",
      path: "/items/items/0",
    },
    {
      name: "received from another organisation, not to be passed on",
      facts: facts(
        {},
        { items: new Map([[ITEM_A, { ...plainItem, receivedFrom: { organisationName: "Westshire Police", onward: "NOT_PERMITTED" } }]]) },
      ),
      code: "DSA-ONWARD",
      path: "/items/items/0",
    },
    {
      name: "a partial share without saying why an item is withheld",
      facts: facts({
        decision: { outcome: "PARTIAL_SHARE" },
        items: {
          items: [
            { itemId: ITEM_A, share: true },
            { itemId: ITEM_B, share: false },
          ],
        },
      }),
      code: "GR7-RECORD",
      path: "/items/items/1/withheldReason",
    },
    {
      name: "a full share that withholds an item",
      facts: facts({
        items: {
          items: [
            { itemId: ITEM_A, share: true },
            { itemId: ITEM_B, share: false, withheldReason: "Not relevant" },
          ],
        },
      }),
      code: "GR7-RECORD",
      path: "/decision/outcome",
    },
    {
      name: "consent as the basis after the person withdrew it",
      facts: facts(
        {
          transparency: { consentStatus: "GIVEN", consentDetails: "Mother, in person, 1 Nov" },
          lawfulBasis: { article6: "A6_1A_CONSENT" },
        },
        { processingStops: [{ article6: "A6_1A_CONSENT", right: "WITHDRAW_CONSENT", reference: "SR-1" }] },
      ),
      code: "R-CONSENT-WITHDRAWN",
      path: "/lawfulBasis/article6",
    },
    {
      name: "explicit consent as the Article 9 condition after consent was withdrawn",
      facts: facts(
        {
          transparency: { consentStatus: "GIVEN", consentDetails: "Mother, in person, 1 Nov" },
          lawfulBasis: { article9: ["A9_2A_EXPLICIT_CONSENT"] },
        },
        { processingStops: [{ article6: "A6_1A_CONSENT", right: "WITHDRAW_CONSENT", reference: "SR-1" }] },
      ),
      code: "R-CONSENT-WITHDRAWN",
      path: "/lawfulBasis/article9",
    },
    {
      name: "a decision not to share that shares",
      facts: facts({ decision: { outcome: "DO_NOT_SHARE" } }),
      code: "GR7-RECORD",
      path: "/items/items",
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const blocks = blocksOf(evaluateDecision(c.facts));
      assert.ok(
        blocks.some((b) => b.code === c.code && b.path === c.path),
        `expected ${c.code} at ${c.path}, got ${JSON.stringify(blocks.map((b) => [b.code, b.path]))}`,
      );
      for (const b of blocks) assert.ok(b.message.length > 10, "every finding says why in plain English");
    });
  }
});

describe("warnings", () => {
  test("consent as the basis where the child may be at risk of significant harm", () => {
    const f = facts({
      purpose: { code: "CHILD_PROTECTION_S47" },
      transparency: { consentStatus: "GIVEN", consentDetails: "Mother, in person, 1 Dec" },
      lawfulBasis: { article6: "A6_1A_CONSENT" },
    });
    assert.deepEqual(blockCodes(f), []);
    assert.ok(warningCodes(f).includes("GR3-NO-CONSENT-NEEDED"));
  });

  test("a protected address shared with a safeguarding lead's reason", () => {
    const f = facts(
      { items: { items: [{ itemId: ITEM_A, share: true }], subjectDetails: ["addresses"], protectedAddressReason: "Police visit today" } },
      { subjectHasProtectedAddress: true, deciderRoles: ["safeguarding_lead"] },
    );
    assert.deepEqual(blockCodes(f), []);
    assert.ok(warningCodes(f).includes("GR5-PROTECT-IDENTITIES"));
  });

  test("no advice recorded, and a disputed item", () => {
    const f = facts({ advice: { sought: false } }, { items: new Map([[ITEM_A, { ...plainItem, accuracy: "DISPUTED" }]]) });
    assert.deepEqual(blockCodes(f), []);
    assert.deepEqual(warningCodes(f).sort(), ["GR4-SEEK-ADVICE", "ICO6-AGREEMENT", "P-ACCURATE"]);
  });
});

test("a decision not to share needs its purpose and reasons, but no lawful basis, recipient role or items", () => {
  const f = facts({
    decision: { outcome: "DO_NOT_SHARE", necessityAndProportionality: undefined },
    items: { items: [] },
    lawfulBasis: { article6: null, commonLaw: null },
    recipient: { role: undefined },
    transparency: { informed: undefined },
  });
  assert.deepEqual(blockCodes(f), []);
  assert.deepEqual(warningCodes(f), []);
  assert.deepEqual(blockCodes(facts({ decision: { outcome: "DO_NOT_SHARE", reasons: "" }, items: { items: [] } })), ["GR7-RECORD"]);
});

describe("what an objection or a withdrawal of consent stopped", () => {
  const withdrawn = [{ article6: "A6_1A_CONSENT" as const, right: "WITHDRAW_CONSENT" as const, reference: "SR-1" }];
  const objected = [{ article6: "A6_1E_PUBLIC_TASK" as const, right: "OBJECTION" as const, reference: "SR-2" }];

  test("withdrawn consent does not stop sharing under public task, such as to protect the child", () => {
    assert.deepEqual(blockCodes(facts({}, { processingStops: withdrawn })), []);
  });

  test("an upheld objection blocks the same basis, naming the request, and not another", () => {
    const [block] = blocksOf(evaluateDecision(facts({}, { processingStops: objected })));
    assert.equal(block?.code, "R-OBJECTION-UPHELD");
    assert.equal(block?.path, "/lawfulBasis/article6");
    assert.match(block!.message, /SR-2/);
    const other = facts({ lawfulBasis: { article6: "A6_1C_LEGAL_OBLIGATION" } }, { processingStops: objected });
    assert.deepEqual(blockCodes(other), []);
  });

  test("withdrawn consent cannot be the common-law route either", () => {
    const f = facts({ lawfulBasis: { commonLaw: "CL_CONSENT" } }, { processingStops: withdrawn });
    assert.ok(blocksOf(evaluateDecision(f)).some((b) => b.code === "R-CONSENT-WITHDRAWN" && b.path === "/lawfulBasis/commonLaw"));
  });

  test("in an emergency even withdrawn consent does not stop the share: it is a warning to answer in the full record", () => {
    const f = facts(
      {
        emergency: { immediateRisk: true, reason: "Child missing tonight" },
        transparency: { consentStatus: "GIVEN", consentDetails: "Mother, 1 Nov" },
        lawfulBasis: { article6: "A6_1A_CONSENT" },
      },
      { processingStops: withdrawn },
    );
    assert.deepEqual(blockCodes(f), []);
    assert.ok(warningCodes(f).includes("R-CONSENT-WITHDRAWN"));
  });
});

describe("protected details (GR5-PROTECT-IDENTITIES)", () => {
  const refugeItem: ItemFacts = {
    ...plainItem,
    label: "the family circumstances item dated 20 November 2026",
    protectedDetails: [{ kind: "address", ofSubject: false }],
  };
  const withRefuge = { items: new Map([[ITEM_A, refugeItem]]) };
  const LEAVE_IN = "The social worker visits the refuge today";
  const gr5 = (f: DecisionFacts) => evaluateDecision(f).filter((x) => x.code === "GR5-PROTECT-IDENTITIES");

  test("a protected detail written in a chosen item is a warning naming the item: it is taken out unless a lead says why it must go", () => {
    const [finding, ...rest] = gr5(facts({}, withRefuge));
    assert.deepEqual(rest, []);
    assert.equal(finding?.severity, "warning");
    assert.equal(finding?.path, "/items/items/0");
    assert.equal(
      finding?.message,
      "The family circumstances item dated 20 November 2026 mentions a protected address of someone linked to this person: it is taken out of the text and its source, shown as [redacted], before it goes. Only a safeguarding lead or IG lead can leave it in, by recording why the recipient needs it",
    );
    const byLead = gr5(
      facts(
        { items: { items: [{ itemId: ITEM_A, share: true, protectedDetailsReason: LEAVE_IN }] } },
        { ...withRefuge, deciderRoles: ["ig_lead"] },
      ),
    );
    assert.deepEqual(
      byLead.map((x) => [x.severity, x.path]),
      [["warning", "/items/items/0"]],
    );
    assert.match(byLead[0]!.message, /goes as written, for the reason recorded/);
    assert.deepEqual(
      gr5(facts({ items: { items: [{ itemId: ITEM_A, share: false }] }, decision: { outcome: "DO_NOT_SHARE" } }, withRefuge)),
      [],
    );
  });

  test("a practitioner's reason to let a protected detail go is refused, in an emergency too, for an item or the address", () => {
    const item = { items: { items: [{ itemId: ITEM_A, share: true, protectedDetailsReason: LEAVE_IN }] } };
    for (const f of [
      facts(item, withRefuge),
      facts({ ...item, emergency: { immediateRisk: true, reason: "Found the refuge" } }, withRefuge),
    ]) {
      assert.deepEqual(
        blocksOf(evaluateDecision(f)).map((x) => [x.code, x.path]),
        [["GR5-PROTECT-IDENTITIES", "/items/items/0/protectedDetailsReason"]],
      );
    }
    const address = facts(
      { items: { items: [{ itemId: ITEM_A, share: true }], subjectDetails: ["addresses"], protectedAddressReason: LEAVE_IN } },
      { subjectHasProtectedAddress: true },
    );
    assert.deepEqual(
      blocksOf(evaluateDecision(address)).map((x) => [x.code, x.path]),
      [["GR5-PROTECT-IDENTITIES", "/items/protectedAddressReason"]],
    );
  });

  test("a protected detail in the purpose the recipient is sent is a warning that it is taken out, at the answer that goes", () => {
    const inPurpose = { protectedDetailsIn: { purpose: [{ kind: "address" as const, ofSubject: false }], reasons: [] } };
    assert.deepEqual(
      gr5(facts({}, inPurpose)).map((x) => [x.severity, x.path]),
      [["warning", "/purpose/description"]],
    );
    assert.match(
      gr5(facts({}, inPurpose))[0]!.message,
      /^The purpose mentions a protected address of someone linked to this person: it is taken out/,
    );
    const emergency = facts(
      { emergency: { immediateRisk: true, reason: "Dad found the refuge" }, purpose: { description: undefined } },
      inPurpose,
    );
    assert.deepEqual(
      gr5(emergency).map((x) => [x.severity, x.path]),
      [["warning", "/emergency/reason"]],
      "in an emergency without a description, the reason is what the recipient is told",
    );
    assert.deepEqual(gr5(facts({ decision: { outcome: "DO_NOT_SHARE" }, items: { items: [] } }, inPurpose)), [], "nothing is sent");
  });

  test("reasons an organisation that asked will read: a protected detail in them stops a practitioner and warns a lead; without a request they stay with the sender", () => {
    const inReasons = { protectedDetailsIn: { purpose: [], reasons: [{ kind: "name" as const, ofSubject: false }] } };
    const refusal = {
      informationRequestId: "44444444-4444-4444-8444-444444444444",
      decision: { outcome: "DO_NOT_SHARE" as const },
      items: { items: [] },
    };
    assert.deepEqual(
      gr5(facts(refusal, inReasons)).map((x) => [x.severity, x.path]),
      [["block", "/decision/reasons"]],
    );
    assert.match(gr5(facts(refusal, inReasons))[0]!.message, /the name of someone whose identity is protected/);
    assert.deepEqual(
      gr5(facts(refusal, { ...inReasons, deciderRoles: ["safeguarding_lead"] })).map((x) => [x.severity, x.path]),
      [["warning", "/decision/reasons"]],
    );
    assert.deepEqual(gr5(facts({}, inReasons)), [], "a decision answering no request keeps its reasons in the sender's record");
  });

  test("protected details taken out count as redaction: a partial share of that item needs nothing else held back", () => {
    const partial = facts({ decision: { outcome: "PARTIAL_SHARE" } }, withRefuge);
    assert.deepEqual(blockCodes(partial), []);
  });
});

describe("emergency", () => {
  const emergency = (patch: Patch = {}, over: Partial<DecisionFacts> = {}) =>
    facts({ emergency: { immediateRisk: true, reason: "Child says she will be taken abroad tonight" }, ...patch }, over);

  test("nothing blocks but the reason, the recipient and what is shared: the rest become warnings to complete later", () => {
    const f = emergency({
      lawfulBasis: { article6: null },
      advice: { sought: false },
      decision: { outcome: undefined, reasons: undefined },
    });
    assert.deepEqual(blockCodes(f), []);
    const warnings = warningCodes(f);
    for (const code of ["ICO9-EMERGENCY", "L-NO-ART6", "GR4-SEEK-ADVICE", "ICO6-AGREEMENT"]) assert.ok(warnings.includes(code), code);
  });

  test("a restricted item may go in an emergency, with a warning", () => {
    const f = emergency({}, { items: new Map([[ITEM_A, { ...plainItem, restricted: true }]]) });
    assert.deepEqual(blockCodes(f), []);
    assert.ok(warningCodes(f).includes("R-RESTRICTED"));
  });

  test("but not without its one-line reason, a recipient or anything to share", () => {
    assert.deepEqual(blockCodes(emergency({ emergency: { immediateRisk: true, reason: "" } })), ["ICO9-EMERGENCY"]);
    assert.deepEqual(blockCodes(emergency({ recipient: { organisationId: undefined } })), ["GR7-RECORD"]);
    assert.deepEqual(blockCodes(emergency({ items: { items: [] } })), ["GR7-RECORD"]);
  });
});

describe("against a cited agreement", () => {
  const content = agreementContentSchema.parse({
    documentControl: { title: "School to social care", tier: "STRATEGIC" },
    parties: [
      { organisationId: SCHOOL, controllerRelationship: "SEPARATE" },
      { organisationId: COUNCIL, controllerRelationship: "SEPARATE" },
    ],
    purposes: { items: [{ code: "CHILD_IN_NEED_S17" }] },
    legalBasis: [{ organisationId: SCHOOL, article6: ["A6_1E_PUBLIC_TASK"] }],
    dataItems: [{ key: "attendance", name: "Attendance", category: "education", kind: "FACT" }],
    flows: [{ key: "school-to-council", fromOrganisationIds: [SCHOOL], toOrganisationIds: [COUNCIL] }],
  });
  const agreement = compileAgreement({
    agreementId: "99999999-9999-4999-8999-999999999999",
    reference: "DSA-0009",
    version: 2,
    status: "ACTIVE",
    inForceVersion: 2,
    nextReviewDate: "2027-06-01",
    parent: null,
    content,
  });

  test("a share within its terms has no findings at all", () => {
    assert.deepEqual(evaluateDecision(facts({}, { agreement })), []);
  });

  test("its terms block, with the agreement version named", () => {
    const f = facts({ purpose: { code: "MASH_CHECK" }, items: { items: [{ itemId: ITEM_HEALTH, share: true }] } }, { agreement });
    const blocks = blocksOf(evaluateDecision(f));
    assert.ok(blocks.some((b) => b.code === "DSA-PURPOSE" && b.message.includes("DSA-0009 version 2")));
    assert.ok(blocks.some((b) => b.code === "DSA-ITEM"));
  });

  test("an agreement past its review reads as a sentence saying why it is not in force and what to do next", () => {
    const lapsed = compileAgreement({ ...agreement.snapshot, nextReviewDate: "2026-01-31" });
    const block = blocksOf(evaluateDecision(facts({}, { agreement: lapsed }))).find((b) => b.code === "DSA-NOT-IN-FORCE");
    assert.equal(
      block?.message,
      "DSA-0009 version 2 is not in force: the agreement is more than 3 months past its review date (31 January 2026). " +
        "Ask your IG lead to review it, choose another agreement in force, or use the emergency route if a child is at immediate risk",
    );
  });

  test("an emergency share citing it is checked against it before its purpose is recorded: every term but the purpose, as warnings", () => {
    const lapsed = compileAgreement({ ...agreement.snapshot, nextReviewDate: "2026-01-31" });
    const f = facts(
      {
        emergency: { immediateRisk: true, reason: "Child says she will be taken abroad tonight" },
        purpose: { code: undefined, description: undefined },
        items: { items: [{ itemId: ITEM_HEALTH, share: true }] },
        lawfulBasis: { article6: "A6_1C_LEGAL_OBLIGATION" },
      },
      { agreement: lapsed },
    );
    const findings = evaluateDecision(f);
    assert.deepEqual(codes(blocksOf(findings)), []);
    const dsa = codes(warningsOf(findings)).filter((c) => c.startsWith("DSA-"));
    assert.deepEqual(dsa, ["DSA-NOT-IN-FORCE", "DSA-ITEM", "DSA-BASIS"]);
  });

  test("a partner system serving the agreement shares under it; citing none or another is blocked, even in an emergency", () => {
    const serves = { id: agreement.snapshot.agreementId, reference: "DSA-0009" };
    const cited = { recipient: { agreementId: serves.id } };
    assert.deepEqual(evaluateDecision(facts(cited, { agreement, servesAgreement: serves })), []);
    const none = blocksOf(evaluateDecision(facts({}, { servesAgreement: serves })));
    assert.deepEqual(codes(none), ["DSA-API-CLIENT"]);
    assert.equal(none[0]!.path, "/recipient/agreementId");
    assert.match(none[0]!.message, /^This system may share only under DSA-0009, the agreement it serves\. Cite the agreement/);
    const emergency = facts(
      {
        emergency: { immediateRisk: true, reason: "Child says she will be taken abroad tonight" },
        purpose: { code: undefined, description: undefined },
      },
      { servesAgreement: serves },
    );
    assert.deepEqual(codes(blocksOf(evaluateDecision(emergency))), ["DSA-API-CLIENT"], "a person can still make the emergency share");
  });

  test("items outside the agreement may go with a recorded exception, as a warning", () => {
    const f = facts(
      {
        items: { items: [{ itemId: ITEM_HEALTH, share: true }], itemException: "The GP asked for it today" },
        lawfulBasis: { article9: ["A9_2B_S1P1_SOCIAL_PROTECTION"] },
      },
      { agreement },
    );
    const findings = evaluateDecision(f);
    assert.ok(!blocksOf(findings).some((b) => b.code === "DSA-ITEM"));
    assert.ok(warningsOf(findings).some((w) => w.code === "DSA-ITEM" && w.message.includes("The GP asked for it today")));
  });
});

describe("which warnings the record says were acknowledged", () => {
  const warning = (code: "GR4-SEEK-ADVICE" | "ICO6-AGREEMENT" | "P-PURPOSE", path = "/advice/sought") =>
    ({ code, severity: "warning", message: `About ${code}`, path }) as const;

  test("each warning is acknowledged by its code; one not ticked is recorded as not acknowledged", () => {
    const shown = [warning("GR4-SEEK-ADVICE"), warning("P-PURPOSE", "/purpose/code"), warning("P-PURPOSE", "/purpose/description")];
    assert.deepEqual(
      recordedWarnings(shown, ["P-PURPOSE"]).map((w) => [w.code, w.path, w.acknowledged]),
      [
        ["GR4-SEEK-ADVICE", "/advice/sought", false],
        ["P-PURPOSE", "/purpose/code", true],
        ["P-PURPOSE", "/purpose/description", true],
      ],
    );
  });

  test("two items mentioning a protected detail are two warnings under one code: one box to tick, both reasons under it", () => {
    const refuge = (date: string): ItemFacts => ({
      ...plainItem,
      label: `the family circumstances item dated ${date}`,
      protectedDetails: [{ kind: "address", ofSubject: false }],
    });
    const both = facts(
      {
        items: {
          items: [
            { itemId: ITEM_A, share: true },
            { itemId: ITEM_B, share: true },
          ],
        },
      },
      {
        items: new Map([
          [ITEM_A, refuge("20 November 2026")],
          [ITEM_B, refuge("21 November 2026")],
        ]),
      },
    );
    const shown = warningsOf(evaluateDecision(both));
    const groups = warningsByCode(recordedWarnings(shown, ["GR5-PROTECT-IDENTITIES"]));
    assert.deepEqual(
      groups.map((g) => g.code),
      ["GR5-PROTECT-IDENTITIES", "ICO6-AGREEMENT"],
      "one group per code, in the order first raised",
    );
    const [gr5, agreement] = groups;
    assert.deepEqual(
      gr5!.warnings.map((w) => w.path),
      ["/items/items/0", "/items/items/1"],
    );
    assert.match(gr5!.warnings[0]!.message, /dated 20 November 2026 mentions/);
    assert.match(gr5!.warnings[1]!.message, /dated 21 November 2026 mentions/);
    assert.equal(gr5!.acknowledged, true, "ticking the code acknowledges each warning under it");
    assert.equal(agreement!.acknowledged, false);
  });

  test("a record kept before the flag was stored is read against the acknowledgements its own answers hold", () => {
    const stored = [warning("GR4-SEEK-ADVICE"), warning("ICO6-AGREEMENT", "/recipient/agreementId")];
    assert.deepEqual(
      recordedWarnings(stored, ["ICO6-AGREEMENT"]).map((w) => w.acknowledged),
      [false, true],
    );
    // A flag once stored is what the record says, whatever else the answers hold.
    assert.equal(recordedWarnings([{ ...warning("GR4-SEEK-ADVICE"), acknowledged: false }], ["GR4-SEEK-ADVICE"])[0]!.acknowledged, false);
  });
});
