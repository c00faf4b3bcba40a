import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { addDays, format, parseISO } from "date-fns";
import { type AgreementContentInput, agreementContentSchema } from "../../../src/features/agreements/domain/content";
import {
  type AgreementVersionSnapshot,
  compileAgreement,
  evaluateShare,
  type ProposedItem,
  type ProposedShare,
} from "../../../src/features/agreements/domain/evaluate";
import { lapseDate, notInForceReason, reviewState } from "../../../src/features/agreements/domain/lifecycle";
import type { DsaCode } from "../../../src/platform/rules";

// ---- Fixture: four parties and an outsider, with flows covering every shape of from/to/items ----

const POLICE = "11111111-1111-4111-8111-111111111111";
const COUNCIL = "22222222-2222-4222-8222-222222222222";
const SCHOOL = "33333333-3333-4333-8333-333333333333";
const HEALTH = "44444444-4444-4444-8444-444444444444";
const OUTSIDER = "55555555-5555-4555-8555-555555555555";
const OTHER_OUTSIDER = "66666666-6666-4666-8666-666666666666";

const NAMES: Record<string, string> = {
  [POLICE]: "Westshire Police",
  [COUNCIL]: "Westshire Council",
  [SCHOOL]: "Hill Primary School",
  [HEALTH]: "Westshire NHS Trust",
  [OUTSIDER]: "Eastshire Police",
  [OTHER_OUTSIDER]: "Eastshire Council",
};

const party = (organisationId: string) => ({ organisationId, controllerRelationship: "SEPARATE" as const });

const CONTENT: AgreementContentInput = {
  documentControl: { title: "Westshire MASH", tier: "STRATEGIC" },
  parties: [party(POLICE), party(COUNCIL), party(SCHOOL), party(HEALTH)],
  purposes: { items: [{ code: "MASH_CHECK" }, { code: "CHILD_PROTECTION_S47" }] },
  legalBasis: [
    { organisationId: POLICE, article6: ["A6_1E_PUBLIC_TASK"], article9: ["LE_S35_SCH8P4_SAFEGUARDING", "A10_SCHEDULE1_CRIMINAL"] },
    { organisationId: COUNCIL, article6: ["A6_1E_PUBLIC_TASK", "A6_1C_LEGAL_OBLIGATION"], article9: ["A9_2G_S1P18_SAFEGUARDING"] },
    { organisationId: SCHOOL, article6: ["A6_1E_PUBLIC_TASK"] },
    // HEALTH has no legal basis entry: it lists nothing.
  ],
  dataItems: [
    { key: "police-intel", name: "Police intelligence", category: "police", criminalOffence: true, kind: "FACT_AND_OPINION" },
    { key: "health-summary", name: "Health summary", category: "health", specialCategory: true, kind: "FACT" },
    { key: "attendance", name: "Attendance", category: "education", kind: "FACT" },
    { key: "family", name: "Family circumstances", category: "family_circumstances", kind: "FACT_AND_OPINION" },
    { key: "sc-record", name: "Social care record", category: "social_care", specialCategory: true, criminalOffence: true, kind: "FACT" },
  ],
  flows: [
    // named from and to, named items, no onward disclosure
    { key: "police-to-council", fromOrganisationIds: [POLICE], toOrganisationIds: [COUNCIL], dataItemKeys: ["police-intel", "family"] },
    // empty to = any party; onward only with the originator's agreement
    { key: "health-out", fromOrganisationIds: [HEALTH], dataItemKeys: ["health-summary"], onwardDisclosure: "WITH_ORIGINATOR_CONSENT" },
    {
      key: "school-out",
      fromOrganisationIds: [SCHOOL],
      toOrganisationIds: [COUNCIL, POLICE],
      dataItemKeys: ["attendance"],
      onwardDisclosure: "PERMITTED",
    },
    // empty to and empty items = any party, every item
    { key: "council-out", fromOrganisationIds: [COUNCIL], onwardDisclosure: "PERMITTED" },
    // empty from = any party
    { key: "to-school", toOrganisationIds: [SCHOOL], dataItemKeys: ["family"] },
  ],
};

function snapshot(
  overrides: Partial<AgreementVersionSnapshot> = {},
  content: Partial<AgreementContentInput> = {},
): AgreementVersionSnapshot {
  return {
    agreementId: "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa",
    reference: "DSA-0003",
    version: 2,
    status: "ACTIVE",
    inForceVersion: 2,
    nextReviewDate: "2026-06-30",
    parent: null,
    content: agreementContentSchema.parse({ ...CONTENT, ...content }),
    organisationNames: NAMES,
    ...overrides,
  };
}

const item = (category: ProposedItem["category"], extra: Partial<ProposedItem> = {}): ProposedItem => ({
  category,
  specialCategory: false,
  criminalOffence: false,
  ...extra,
});

/** Police to council, criminal offence intelligence, every basis listed: allowed. */
function share(overrides: Partial<ProposedShare> = {}): ProposedShare {
  return {
    senderOrganisationId: POLICE,
    recipientOrganisationId: COUNCIL,
    purpose: "MASH_CHECK",
    items: [item("police", { criminalOffence: true })],
    article6: "A6_1E_PUBLIC_TASK",
    article9: ["LE_S35_SCH8P4_SAFEGUARDING"],
    date: "2026-03-01",
    ...overrides,
  };
}

const PARENT_IN_FORCE = { reference: "DSA-0001", status: "ACTIVE" as const, inForceVersion: 1, nextReviewDate: "2026-09-01" };

interface Case {
  name: string;
  snapshot?: AgreementVersionSnapshot;
  share?: Partial<ProposedShare>;
  /** Finding codes in the order they are reported; empty means ALLOW. */
  codes: DsaCode[];
}

function run(c: Case) {
  return evaluateShare(compileAgreement(c.snapshot ?? snapshot()), share(c.share));
}

function check(cases: Case[]) {
  for (const c of cases) {
    test(c.name, () => {
      const result = run(c);
      assert.deepEqual(
        result.findings.map((f) => f.code),
        c.codes,
        JSON.stringify(result.findings),
      );
      assert.equal(result.outcome, c.codes.length ? "BLOCK" : "ALLOW");
    });
  }
}

// ---- The tables ----

describe("ALLOW: a share inside every term", () => {
  check([
    { name: "named flow, named items, listed purpose and bases", codes: [] },
    { name: "the other listed purpose", share: { purpose: "CHILD_PROTECTION_S47" }, codes: [] },
    { name: "an item less sensitive than the data item (police, not criminal)", share: { items: [item("police")] }, codes: [] },
    {
      name: "empty to and empty items: any recipient, every item, up to its sensitivity",
      share: {
        senderOrganisationId: COUNCIL,
        recipientOrganisationId: HEALTH,
        items: [
          item("social_care", { specialCategory: true, criminalOffence: true }),
          item("education"),
          item("health", { specialCategory: true }),
        ],
        article6: "A6_1C_LEGAL_OBLIGATION",
        article9: ["A9_2G_S1P18_SAFEGUARDING"],
      },
      codes: [],
    },
    {
      name: "empty from: any party may send to the named recipient",
      share: { senderOrganisationId: POLICE, recipientOrganisationId: SCHOOL, items: [item("family_circumstances")], article9: [] },
      codes: [],
    },
    {
      name: "a party with no legal basis entry that claims no basis",
      share: {
        senderOrganisationId: HEALTH,
        recipientOrganisationId: SCHOOL,
        items: [item("health", { specialCategory: true })],
        article6: null,
        article9: [],
      },
      codes: [],
    },
    { name: "no items proposed", share: { items: [] }, codes: [] },
    { name: "status under review is still in force", snapshot: snapshot({ status: "UNDER_REVIEW" }), codes: [] },
    { name: "no review date set", snapshot: snapshot({ nextReviewDate: null }), codes: [] },
    { name: "review overdue but inside the grace period", snapshot: snapshot({ nextReviewDate: "2026-01-15" }), codes: [] },
    {
      name: "review lapse: the last day of grace",
      snapshot: snapshot({ nextReviewDate: "2025-11-30" }),
      share: { date: "2026-02-28" },
      codes: [],
    },
    { name: "tier 2 under a parent in force", snapshot: snapshot({ parent: PARENT_IN_FORCE }), codes: [] },
    {
      name: "tier 2 whose parent's review is overdue but inside grace",
      snapshot: snapshot({ parent: { ...PARENT_IN_FORCE, nextReviewDate: "2025-12-01" } }),
      share: { date: "2026-03-01" },
      codes: [],
    },
    {
      name: "onward: the originator's flow permits it",
      share: { items: [item("family_circumstances", { originOrganisationId: SCHOOL })] },
      codes: [],
    },
    {
      name: "onward: needs the originator's agreement, and it is recorded",
      share: {
        senderOrganisationId: COUNCIL,
        recipientOrganisationId: SCHOOL,
        items: [item("health", { specialCategory: true, originOrganisationId: HEALTH, originAgreed: true })],
        article9: ["A9_2G_S1P18_SAFEGUARDING"],
      },
      codes: [],
    },
    {
      name: "an origin equal to the sender is not onward disclosure",
      share: { items: [item("police", { originOrganisationId: POLICE })] },
      codes: [],
    },
  ]);
});

describe("DSA-NOT-IN-FORCE", () => {
  check([
    { name: "suspended", snapshot: snapshot({ status: "SUSPENDED" }), codes: ["DSA-NOT-IN-FORCE"] },
    { name: "expired", snapshot: snapshot({ status: "EXPIRED" }), codes: ["DSA-NOT-IN-FORCE"] },
    { name: "terminated", snapshot: snapshot({ status: "TERMINATED" }), codes: ["DSA-NOT-IN-FORCE"] },
    {
      name: "never signed (awaiting signatures, no version in force)",
      snapshot: snapshot({ status: "AWAITING_SIGNATURES", inForceVersion: null, version: 1 }),
      codes: ["DSA-NOT-IN-FORCE"],
    },
    { name: "draft", snapshot: snapshot({ status: "DRAFT", inForceVersion: null, version: 1 }), codes: ["DSA-NOT-IN-FORCE"] },
    {
      name: "review lapse: the first day after grace",
      snapshot: snapshot({ nextReviewDate: "2025-11-30" }),
      share: { date: "2026-03-01" },
      codes: ["DSA-NOT-IN-FORCE"],
    },
    { name: "review a year past", snapshot: snapshot({ nextReviewDate: "2025-03-01" }), codes: ["DSA-NOT-IN-FORCE"] },
    { name: "superseded version", snapshot: snapshot({ version: 1, inForceVersion: 2 }), codes: ["DSA-NOT-IN-FORCE"] },
    { name: "unsigned variation", snapshot: snapshot({ version: 3, inForceVersion: 2 }), codes: ["DSA-NOT-IN-FORCE"] },
    {
      name: "superseded and lapsed: both reported",
      snapshot: snapshot({ version: 1, inForceVersion: 2, nextReviewDate: "2025-01-01" }),
      codes: ["DSA-NOT-IN-FORCE", "DSA-NOT-IN-FORCE"],
    },
    {
      name: "tier 2 with a lapsed parent",
      snapshot: snapshot({ parent: { ...PARENT_IN_FORCE, nextReviewDate: "2025-11-30" } }),
      share: { date: "2026-03-01" },
      codes: ["DSA-NOT-IN-FORCE"],
    },
    {
      name: "tier 2 with a suspended parent",
      snapshot: snapshot({ parent: { ...PARENT_IN_FORCE, status: "SUSPENDED" } }),
      codes: ["DSA-NOT-IN-FORCE"],
    },
    {
      name: "tier 2 lapsed itself and under a terminated parent",
      snapshot: snapshot({ nextReviewDate: "2025-01-01", parent: { ...PARENT_IN_FORCE, status: "TERMINATED" } }),
      codes: ["DSA-NOT-IN-FORCE", "DSA-NOT-IN-FORCE"],
    },
  ]);
});

describe("DSA-NOT-PARTY", () => {
  check([
    { name: "sender not a party", share: { senderOrganisationId: OUTSIDER }, codes: ["DSA-NOT-PARTY"] },
    { name: "recipient not a party", share: { recipientOrganisationId: OUTSIDER }, codes: ["DSA-NOT-PARTY"] },
    {
      name: "neither a party: one finding each",
      share: { senderOrganisationId: OUTSIDER, recipientOrganisationId: OTHER_OUTSIDER },
      codes: ["DSA-NOT-PARTY", "DSA-NOT-PARTY"],
    },
    { name: "both parties, no flow from sender to recipient", share: { recipientOrganisationId: HEALTH }, codes: ["DSA-NOT-PARTY"] },
    {
      name: "council to police: council's flow goes to any party",
      share: {
        senderOrganisationId: COUNCIL,
        recipientOrganisationId: POLICE,
        items: [item("education")],
        article6: "A6_1E_PUBLIC_TASK",
        article9: [],
      },
      codes: [],
    },
    {
      name: "school to health: school's flow names council and police only",
      share: { senderOrganisationId: SCHOOL, recipientOrganisationId: HEALTH, items: [item("education")], article9: [] },
      codes: ["DSA-NOT-PARTY"],
    },
    {
      name: "an agreement with no flows at all",
      snapshot: snapshot({}, { flows: [] }),
      codes: ["DSA-NOT-PARTY"],
    },
  ]);
});

describe("DSA-PURPOSE", () => {
  check([
    { name: "purpose not listed", share: { purpose: "EARLY_HELP" }, codes: ["DSA-PURPOSE"] },
    { name: "OTHER is not a wildcard", share: { purpose: "OTHER" }, codes: ["DSA-PURPOSE"] },
    { name: "agreement lists no purposes", snapshot: snapshot({}, { purposes: { items: [] } }), codes: ["DSA-PURPOSE"] },
  ]);
});

describe("DSA-ITEM", () => {
  check([
    { name: "category not carried by the flow", share: { items: [item("health")] }, codes: ["DSA-ITEM"] },
    {
      name: "category in the agreement but not in the flow's items",
      share: { items: [item("social_care")] },
      codes: ["DSA-ITEM"],
    },
    {
      name: "special category on a non-special data item",
      share: { items: [item("family_circumstances", { specialCategory: true })] },
      codes: ["DSA-ITEM"],
    },
    {
      name: "criminal offence on a non-criminal data item",
      share: { items: [item("family_circumstances", { criminalOffence: true })] },
      codes: ["DSA-ITEM"],
    },
    {
      name: "special category and criminal when the data item is criminal only",
      share: { items: [item("police", { specialCategory: true, criminalOffence: true })] },
      codes: ["DSA-ITEM"],
    },
    {
      name: "special category and criminal covered by a data item that is both",
      share: {
        senderOrganisationId: COUNCIL,
        recipientOrganisationId: POLICE,
        items: [item("social_care", { specialCategory: true, criminalOffence: true })],
        article9: ["A9_2G_S1P18_SAFEGUARDING"],
      },
      codes: [],
    },
    {
      name: "two items of the same uncovered kind: one finding",
      share: { items: [item("housing"), item("housing"), item("police")] },
      codes: ["DSA-ITEM"],
    },
    {
      name: "distinct uncovered kinds: one finding each",
      share: { items: [item("housing"), item("housing", { specialCategory: true }), item("health"), item("police")] },
      codes: ["DSA-ITEM", "DSA-ITEM", "DSA-ITEM"],
    },
    {
      name: "flow items empty means every item, but not more sensitive than listed",
      share: {
        senderOrganisationId: COUNCIL,
        recipientOrganisationId: HEALTH,
        items: [item("education", { specialCategory: true })],
        article6: "A6_1C_LEGAL_OBLIGATION",
        article9: [],
      },
      codes: ["DSA-ITEM"],
    },
    {
      name: "items are not checked without a flow (the no-flow finding says it)",
      share: { recipientOrganisationId: HEALTH, items: [item("housing")] },
      codes: ["DSA-NOT-PARTY"],
    },
    {
      name: "two flows to the same pair are merged",
      share: {
        senderOrganisationId: HEALTH,
        recipientOrganisationId: SCHOOL,
        items: [item("health", { specialCategory: true }), item("family_circumstances")],
        article6: null,
        article9: [],
      },
      codes: [],
    },
  ]);
});

describe("DSA-BASIS", () => {
  check([
    { name: "Article 6 not listed for the sender", share: { article6: "A6_1C_LEGAL_OBLIGATION" }, codes: ["DSA-BASIS"] },
    { name: "Article 6 listed for another party only", share: { article6: "A6_1A_CONSENT" }, codes: ["DSA-BASIS"] },
    { name: "no Article 6 claimed", share: { article6: null }, codes: [] },
    { name: "Article 9 condition not listed", share: { article9: ["A9_2G_S1P18_SAFEGUARDING"] }, codes: ["DSA-BASIS"] },
    {
      name: "each unlisted condition is a finding",
      share: { article9: ["LE_S35_SCH8P4_SAFEGUARDING", "A9_2G_S1P18_SAFEGUARDING", "A9_2A_EXPLICIT_CONSENT"] },
      codes: ["DSA-BASIS", "DSA-BASIS"],
    },
    { name: "both Article 10 conditions listed", share: { article9: ["LE_S35_SCH8P4_SAFEGUARDING", "A10_SCHEDULE1_CRIMINAL"] }, codes: [] },
    {
      name: "a party with no legal basis entry lists nothing",
      share: {
        senderOrganisationId: HEALTH,
        recipientOrganisationId: SCHOOL,
        items: [item("health", { specialCategory: true })],
        article9: ["A9_2H_S1P2_HEALTH_SOCIAL_CARE"],
      },
      codes: ["DSA-BASIS", "DSA-BASIS"],
    },
    {
      name: "a sender that is not a party gets the party finding only",
      share: { senderOrganisationId: OUTSIDER, article6: "A6_1A_CONSENT" },
      codes: ["DSA-NOT-PARTY"],
    },
  ]);
});

describe("DSA-ONWARD", () => {
  const fromPolice = (extra: Partial<ProposedItem> = {}) => item("family_circumstances", { originOrganisationId: POLICE, ...extra });
  const councilTo = (items: ProposedItem[], recipient = SCHOOL): Partial<ProposedShare> => ({
    senderOrganisationId: COUNCIL,
    recipientOrganisationId: recipient,
    items,
    article9: [],
  });
  check([
    { name: "the originator's flow does not permit onward disclosure", share: councilTo([fromPolice()]), codes: ["DSA-ONWARD"] },
    {
      name: "not permitted, even with the originator's agreement recorded",
      share: councilTo([fromPolice({ originAgreed: true })]),
      codes: ["DSA-ONWARD"],
    },
    {
      name: "needs the originator's agreement, not recorded",
      share: councilTo([item("health", { specialCategory: true, originOrganisationId: HEALTH })]),
      codes: ["DSA-ONWARD"],
    },
    {
      name: "needs agreement: one item agreed, another from the same originator not",
      share: councilTo([
        item("health", { specialCategory: true, originOrganisationId: HEALTH, originAgreed: true }),
        item("health", { originOrganisationId: HEALTH, originAgreed: false }),
      ]),
      codes: ["DSA-ONWARD"],
    },
    {
      name: "no flow at all from the originator to the sender",
      share: { items: [item("police", { originOrganisationId: HEALTH })] },
      codes: ["DSA-ONWARD"],
    },
    { name: "originator not a party", share: { items: [item("police", { originOrganisationId: OUTSIDER })] }, codes: ["DSA-ONWARD"] },
    {
      name: "several items from one originator: one finding",
      share: councilTo([fromPolice(), fromPolice(), item("police", { originOrganisationId: POLICE })]),
      codes: ["DSA-ONWARD"],
    },
    {
      name: "two originators: one finding each",
      share: councilTo([
        fromPolice(),
        item("education", { originOrganisationId: OUTSIDER }),
        item("education", { originOrganisationId: SCHOOL }),
      ]),
      codes: ["DSA-ONWARD", "DSA-ONWARD"],
    },
    {
      name: "the recipient's side does not matter: police may pass on school's items to anyone it may send to",
      share: { recipientOrganisationId: SCHOOL, items: [item("family_circumstances", { originOrganisationId: SCHOOL })], article9: [] },
      codes: [],
    },
  ]);
});

describe("several findings at once", () => {
  check([
    {
      name: "every code but DSA-NOT-PARTY (which stops the item check)",
      snapshot: snapshot({ status: "SUSPENDED" }),
      share: {
        purpose: "EARLY_HELP",
        items: [item("health"), item("family_circumstances", { originOrganisationId: HEALTH })],
        article6: "A6_1A_CONSENT",
      },
      codes: ["DSA-NOT-IN-FORCE", "DSA-PURPOSE", "DSA-ITEM", "DSA-BASIS", "DSA-ONWARD"],
    },
    {
      name: "not in force, recipient not a party, purpose and basis",
      snapshot: snapshot({ nextReviewDate: "2024-01-01", version: 1 }),
      share: { recipientOrganisationId: OUTSIDER, purpose: "HEALTH_CARE", article9: ["A9_2A_EXPLICIT_CONSENT"] },
      codes: ["DSA-NOT-IN-FORCE", "DSA-NOT-IN-FORCE", "DSA-NOT-PARTY", "DSA-PURPOSE", "DSA-BASIS"],
    },
  ]);
});

describe("a share whose purpose is not known yet (an emergency before its full record)", () => {
  check([
    {
      name: "every term that does not depend on the purpose is still checked; only DSA-PURPOSE is left out",
      snapshot: snapshot({ status: "SUSPENDED" }),
      share: {
        purpose: null,
        items: [item("health"), item("family_circumstances", { originOrganisationId: HEALTH })],
        article6: "A6_1A_CONSENT",
      },
      codes: ["DSA-NOT-IN-FORCE", "DSA-ITEM", "DSA-BASIS", "DSA-ONWARD"],
    },
    { name: "within every other term, it is allowed", share: { purpose: null }, codes: [] },
  ]);
});

// ---- Reasons ----

describe("reasons are plain sentences naming the agreement version and the organisations", () => {
  const reasons = (s: Partial<ProposedShare>, snap = snapshot()) =>
    evaluateShare(compileAgreement(snap), share(s)).findings.map((f) => f.reason);

  test("not a party", () => {
    assert.deepEqual(reasons({ senderOrganisationId: OUTSIDER }), ["Eastshire Police is not a party to DSA-0003 version 2"]);
  });
  test("no names: falls back to the sender and the recipient, capitalised", () => {
    const snap = snapshot({ organisationNames: undefined });
    assert.deepEqual(reasons({ senderOrganisationId: OUTSIDER, recipientOrganisationId: OTHER_OUTSIDER }, snap), [
      "The sender is not a party to DSA-0003 version 2",
      "The recipient is not a party to DSA-0003 version 2",
    ]);
    assert.deepEqual(reasons({ recipientOrganisationId: HEALTH }, snap), [
      "DSA-0003 version 2 has no flow of information from the sender to the recipient",
    ]);
  });
  test("no flow", () => {
    assert.deepEqual(reasons({ recipientOrganisationId: HEALTH }), [
      "DSA-0003 version 2 has no flow of information from Westshire Police to Westshire NHS Trust",
    ]);
  });
  test("not in force: the lifecycle's own words, and the version", () => {
    assert.deepEqual(reasons({}, snapshot({ status: "SUSPENDED" })), ["DSA-0003 version 2 is not in force: the agreement is suspended"]);
    assert.deepEqual(reasons({}, snapshot({ nextReviewDate: "2025-11-30" })), [
      "DSA-0003 version 2 is not in force: the agreement is more than 3 months past its review date (30 November 2025)",
    ]);
    assert.match(reasons({}, snapshot({ version: 1 }))[0]!, /^DSA-0003 version 1 has been superseded: version 2 is the one in force$/);
    assert.match(reasons({}, snapshot({ version: 3 }))[0]!, /^DSA-0003 version 3 is a variation that has not been signed/);
    assert.deepEqual(reasons({}, snapshot({ parent: { ...PARENT_IN_FORCE, status: "EXPIRED" } })), [
      "DSA-0003 version 2 sits under DSA-0001, which is not in force: the agreement has expired",
    ]);
  });
  test("purpose: its label", () => {
    assert.deepEqual(reasons({ purpose: "EARLY_HELP" }), ['DSA-0003 version 2 does not cover sharing for the purpose "Early help"']);
  });
  test("items: the category label and sensitivity, in category order", () => {
    assert.deepEqual(
      reasons({
        items: [
          item("police", { specialCategory: true, criminalOffence: true }),
          item("health"),
          item("housing", { criminalOffence: true }),
        ],
      }),
      [
        'DSA-0003 version 2 does not let Westshire Police share "Health" information with Westshire Council',
        'DSA-0003 version 2 does not let Westshire Police share "Police" information that is special category and criminal offence data with Westshire Council',
        'DSA-0003 version 2 does not let Westshire Police share "Housing" information that is criminal offence data with Westshire Council',
      ],
    );
  });
  test("basis: the label of the code", () => {
    assert.deepEqual(reasons({ article6: "A6_1A_CONSENT" }), [
      "Westshire Police does not list Article 6(1)(a) consent as a basis in DSA-0003 version 2",
    ]);
  });
  test("onward: who received it from whom, and why not", () => {
    const council = { senderOrganisationId: COUNCIL, recipientOrganisationId: SCHOOL, article9: [] };
    assert.deepEqual(reasons({ ...council, items: [item("family_circumstances", { originOrganisationId: POLICE })] }), [
      "Westshire Council received some of this information from Westshire Police under DSA-0003 version 2, which permits onward disclosure not at all",
    ]);
    assert.deepEqual(reasons({ ...council, items: [item("health", { originOrganisationId: HEALTH })] }), [
      "Westshire Council received some of this information from Westshire NHS Trust under DSA-0003 version 2, which permits onward disclosure only with Westshire NHS Trust's agreement, which is not recorded",
    ]);
    assert.deepEqual(reasons({ ...council, items: [item("health", { originOrganisationId: OUTSIDER })] }), [
      "Westshire Council received some of this information from Eastshire Police, which is not a party to DSA-0003 version 2, so it cannot permit passing it on",
    ]);
  });
});

// ---- Properties ----

describe("the compiled review lapse agrees with lifecycle.ts", () => {
  test("lapses exactly when reviewState says LAPSED, across month ends and leap years", () => {
    const reviews = ["2023-11-29", "2023-11-30", "2024-02-29", "2025-01-31", "2025-08-31", "2025-11-30", "2025-12-31", "2026-03-31"];
    for (const review of reviews) {
      const compiled = compileAgreement(snapshot({ nextReviewDate: review }));
      const start = parseISO(review);
      for (let day = 60; day < 120; day++) {
        const date = format(addDays(start, day), "yyyy-MM-dd");
        const blocked = evaluateShare(compiled, share({ date })).outcome === "BLOCK";
        assert.equal(blocked, reviewState(review, date) === "LAPSED", `review ${review}, share on ${date}`);
        assert.equal(blocked, notInForceReason({ status: "ACTIVE", inForceVersion: 2, nextReviewDate: review }, null, date) !== null);
      }
    }
    assert.equal(lapseDate("2025-11-30"), "2026-02-28");
    assert.equal(lapseDate(null), null);
  });
});

describe("purity", () => {
  test("one compiled agreement answers many shares, each on its own date, without changing", () => {
    const snap = snapshot({ nextReviewDate: "2025-11-30" });
    const before = JSON.stringify(snap);
    const compiled = compileAgreement(snap);
    assert.equal(evaluateShare(compiled, share({ date: "2026-02-28" })).outcome, "ALLOW");
    assert.equal(evaluateShare(compiled, share({ date: "2026-03-01" })).outcome, "BLOCK");
    assert.equal(evaluateShare(compiled, share({ date: "2026-02-01" })).outcome, "ALLOW");
    assert.equal(JSON.stringify(snap), before);
  });
  test("the ALLOW answer cannot be altered by a caller", () => {
    const allowed = evaluateShare(compileAgreement(snapshot()), share());
    assert.throws(() => allowed.findings.push({ code: "DSA-ITEM", reason: "x" }));
    assert.equal(evaluateShare(compileAgreement(snapshot()), share()).findings.length, 0);
  });
  test("a flow naming a data item that does not exist covers nothing extra", () => {
    const flows = [{ key: "odd", fromOrganisationIds: [POLICE], toOrganisationIds: [COUNCIL], dataItemKeys: ["no-such-item"] }];
    assert.deepEqual(
      evaluateShare(compileAgreement(snapshot({}, { flows })), share()).findings.map((f) => f.code),
      ["DSA-ITEM"],
    );
  });
});
