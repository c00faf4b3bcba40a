import assert from "node:assert/strict";
import { test } from "node:test";
import { type AgreementContent, agreementContentSchema, SECTIONS } from "../../../src/features/agreements/domain/content";
import { modelTemplate } from "../../../src/features/agreements/domain/model-template";
import { checkQuality, QUALITY_RULES, QUALITY_SEVERITIES, type QualityCode } from "../../../src/features/agreements/domain/quality";

const SCHOOL = "11111111-1111-4111-8111-111111111111";
const COUNCIL = "22222222-2222-4222-8222-222222222222";
const SIGNATORY_A = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";
const SIGNATORY_B = "bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb";
const TODAY = "2026-03-01";
const IN_TWELVE_MONTHS = "2027-03-01";

/** The full model template with two parties and their signatories filled in. */
function model(): AgreementContent {
  const content = modelTemplate({
    title: "Ysgol Gymraeg Bro Taf and Cardiff children's services",
    tier: "STRATEGIC",
    partyOrganisationIds: [SCHOOL, COUNCIL],
  });
  content.parties[0]!.signatoryUserId = SIGNATORY_A;
  content.parties[1]!.signatoryUserId = SIGNATORY_B;
  return content;
}

function check(content: AgreementContent, overrides: { nextReviewDate?: string | null; publicAuthorityIds?: ReadonlySet<string> } = {}) {
  return checkQuality({
    content,
    nextReviewDate: overrides.nextReviewDate === undefined ? IN_TWELVE_MONTHS : overrides.nextReviewDate,
    today: TODAY,
    publicAuthorityIds: overrides.publicAuthorityIds,
  });
}

const has = (report: ReturnType<typeof checkQuality>, code: QualityCode, path: string) =>
  report.findings.some((f) => f.code === code && f.path === path);

test("every quality code has a one-line source and a severity", () => {
  for (const [code, source] of Object.entries(QUALITY_RULES)) {
    assert.match(code, /^Q-[A-Z0-9-]+$/);
    assert.ok(source.length > 20 && !source.includes("\n"), code);
    assert.ok(["missing", "weak"].includes(QUALITY_SEVERITIES[code as QualityCode]), code);
  }
});

test("the full model template scores high with no missing findings", () => {
  const report = check(model());
  assert.deepEqual(
    report.findings.filter((f) => f.severity === "missing"),
    [],
  );
  assert.ok(report.score >= 85, `score ${report.score}`);
  assert.equal(report.sections.length, SECTIONS.length);
  // What the template leaves for the author: contacts, the APD reference and the DPIA.
  assert.deepEqual([...new Set(report.findings.map((f) => f.code))].sort(), ["Q-NO-APD", "Q-NO-CONTACT", "Q-NO-DPIA"]);
  const purposes = report.sections.find((s) => s.section === "purposes")!;
  assert.deepEqual(purposes, {
    section: "purposes",
    title: "Purpose, benefits and the harm of not sharing",
    status: "complete",
    findings: 0,
  });
});

test("the score follows the published formula: complete 1, weak 0.5, missing 0, over 14 sections", () => {
  const report = check(model());
  const weight = { complete: 1, weak: 0.5, missing: 0 } as const;
  const expected = Math.round((100 * report.sections.reduce((sum, s) => sum + weight[s.status], 0)) / 14);
  assert.equal(report.score, expected);
  assert.equal(report.score, 89); // three weak sections: parties, legal basis, DPIA
});

interface Case {
  name: string;
  change: (c: AgreementContent) => void;
  code: QualityCode;
  path: string;
  nextReviewDate?: string | null;
  publicAuthorityIds?: ReadonlySet<string>;
}

const CASES: Case[] = [
  { name: "no review date", change: () => {}, nextReviewDate: null, code: "Q-NO-REVIEW-DATE", path: "/documentControl/nextReviewDate" },
  {
    name: "review date in the past",
    change: () => {},
    nextReviewDate: "2026-02-28",
    code: "Q-REVIEW-OVERDUE",
    path: "/documentControl/nextReviewDate",
  },
  {
    name: "review more than 12 months away",
    change: () => {},
    nextReviewDate: "2027-03-02",
    code: "Q-REVIEW-TOO-FAR",
    path: "/documentControl/nextReviewDate",
  },
  {
    name: "tier 2 with no parent",
    change: (c) => {
      c.documentControl.tier = "OPERATIONAL";
    },
    code: "Q-NO-PARENT",
    path: "/documentControl/parentAgreementId",
  },
  { name: "only one party", change: (c) => c.parties.splice(1), code: "Q-FEW-PARTIES", path: "/parties" },
  {
    name: "a party with no signatory",
    change: (c) => {
      c.parties[1]!.signatoryUserId = null;
    },
    code: "Q-NO-SIGNATORY",
    path: "/parties/1/signatoryUserId",
  },
  {
    name: "joint controllers with no Article 26 arrangement",
    change: (c) => {
      c.parties[1]!.controllerRelationship = "JOINT";
    },
    code: "Q-JOINT-NO-ART26",
    path: "/parties/1/art26Arrangement",
  },
  {
    name: "no purposes",
    change: (c) => {
      c.purposes.items = [];
    },
    code: "Q-NO-PURPOSE",
    path: "/purposes/items",
  },
  {
    name: "purpose OTHER with no description",
    change: (c) => {
      c.purposes.items.push({ code: "OTHER", description: "  " });
    },
    code: "Q-PURPOSE-OTHER-UNDESCRIBED",
    path: "/purposes/items/3/description",
  },
  {
    name: "no benefits",
    change: (c) => {
      c.purposes.benefits = "";
    },
    code: "Q-NO-BENEFITS",
    path: "/purposes/benefits",
  },
  {
    name: "no harm of not sharing",
    change: (c) => {
      c.purposes.harmOfNotSharing = "";
    },
    code: "Q-NO-HARM-OF-NOT-SHARING",
    path: "/purposes/harmOfNotSharing",
  },
  {
    name: "a party with no legal basis entry",
    change: (c) => {
      c.legalBasis.splice(1);
    },
    code: "Q-NO-LEGAL-BASIS",
    path: "/legalBasis",
  },
  {
    name: "a party with no Article 6 basis",
    change: (c) => {
      c.legalBasis[1]!.article6 = [];
    },
    code: "Q-NO-ART6",
    path: "/legalBasis/1/article6",
  },
  {
    name: "special category items but no Article 9 condition",
    change: (c) => {
      c.legalBasis[0]!.article9 = [];
    },
    code: "Q-NO-ART9",
    path: "/legalBasis/0/article9",
  },
  {
    name: "criminal offence items but no Article 10 condition",
    change: (c) => {
      c.dataItems.push({
        key: "police",
        name: "Police call-outs",
        category: "police",
        specialCategory: false,
        criminalOffence: true,
        kind: "FACT",
        mayIncludeProtectedIdentity: false,
      });
    },
    code: "Q-NO-ART10",
    path: "/legalBasis/1/article9",
  },
  {
    name: "legitimate interests relied on by a public authority",
    change: (c) => {
      c.legalBasis[1]!.article6 = ["A6_1E_PUBLIC_TASK", "A6_1F_LEGITIMATE_INTERESTS"];
    },
    publicAuthorityIds: new Set([COUNCIL]),
    code: "Q-LI-PUBLIC-AUTHORITY",
    path: "/legalBasis/1/article6/1",
  },
  {
    name: "consent relied on",
    change: (c) => {
      c.legalBasis[0]!.article6 = ["A6_1A_CONSENT"];
    },
    code: "Q-CONSENT-BASIS",
    path: "/legalBasis/0/article6/0",
  },
  {
    name: "para 18 without a reason",
    change: (c) => {
      c.legalBasis[0]!.para18Reason = null;
    },
    code: "Q-S1P18-NO-REASON",
    path: "/legalBasis/0/para18Reason",
  },
  {
    name: "no common law route",
    change: (c) => {
      c.legalBasis[1]!.commonLaw = [];
    },
    code: "Q-NO-COMMON-LAW",
    path: "/legalBasis/1/commonLaw",
  },
  {
    name: "no gateway",
    change: (c) => {
      c.legalBasis[0]!.gateways = [];
    },
    code: "Q-NO-GATEWAY",
    path: "/legalBasis/0/gateways",
  },
  {
    name: "gateway OTHER not named",
    change: (c) => {
      c.legalBasis[0]!.gateways = ["OTHER"];
    },
    code: "Q-GATEWAY-OTHER-UNDESCRIBED",
    path: "/legalBasis/0/gatewayOther",
  },
  {
    name: "no data subjects",
    change: (c) => {
      c.dataSubjects.kinds = [];
    },
    code: "Q-NO-DATA-SUBJECTS",
    path: "/dataSubjects/kinds",
  },
  {
    name: "other data subjects not described",
    change: (c) => {
      c.dataSubjects.kinds.push("OTHER");
    },
    code: "Q-SUBJECT-OTHER-UNDESCRIBED",
    path: "/dataSubjects/notes",
  },
  {
    name: "no data items",
    change: (c) => {
      c.dataItems = [];
    },
    code: "Q-NO-DATA-ITEMS",
    path: "/dataItems",
  },
  {
    name: "no flows",
    change: (c) => {
      c.flows = [];
    },
    code: "Q-NO-FLOWS",
    path: "/flows",
  },
  {
    name: "onward disclosure permitted",
    change: (c) => {
      c.flows[0]!.onwardDisclosure = "PERMITTED";
    },
    code: "Q-FLOW-ONWARD-PERMITTED",
    path: "/flows/0/onwardDisclosure",
  },
  {
    name: "a flow that does not describe storage",
    change: (c) => {
      c.flows[0]!.storage = "";
    },
    code: "Q-FLOW-STAGES-UNDESCRIBED",
    path: "/flows/0",
  },
  {
    name: "no transparency",
    change: (c) => {
      c.transparency = { privacyNotices: "", howSubjectsAreInformed: "" };
    },
    code: "Q-NO-TRANSPARENCY",
    path: "/transparency",
  },
  {
    name: "privacy notices not named",
    change: (c) => {
      c.transparency.privacyNotices = "";
    },
    code: "Q-TRANSPARENCY-INCOMPLETE",
    path: "/transparency/privacyNotices",
  },
  {
    name: "no rights handling",
    change: (c) => {
      c.rights.handling = "";
    },
    code: "Q-NO-RIGHTS-HANDLING",
    path: "/rights/handling",
  },
  {
    name: "recipients not notified (Article 19)",
    change: (c) => {
      c.rights.recipientNotification = false;
    },
    code: "Q-NO-ART19-NOTIFICATION",
    path: "/rights/recipientNotification",
  },
  {
    name: "no complaints handling",
    change: (c) => {
      c.rights.complaints = "";
    },
    code: "Q-NO-COMPLAINTS",
    path: "/rights/complaints",
  },
  {
    name: "no security measures",
    change: (c) => {
      c.security.measures = "";
    },
    code: "Q-NO-SECURITY",
    path: "/security/measures",
  },
  {
    name: "no staff training",
    change: (c) => {
      c.security.training = "";
    },
    code: "Q-SECURITY-INCOMPLETE",
    path: "/security/training",
  },
  {
    name: "DSP Toolkit standards not met",
    change: (c) => {
      c.security.dspToolkit = "NOT_MET";
    },
    code: "Q-DSP-TOOLKIT",
    path: "/security/dspToolkit",
  },
  {
    name: "DSP Toolkit approaching standards",
    change: (c) => {
      c.security.dspToolkit = "APPROACHING_STANDARDS";
    },
    code: "Q-DSP-TOOLKIT",
    path: "/security/dspToolkit",
  },
  {
    name: "no retention period anywhere",
    change: (c) => {
      c.retention.defaultMonths = null;
    },
    code: "Q-NO-RETENTION",
    path: "/retention/defaultMonths",
  },
  {
    name: "no disposal method",
    change: (c) => {
      c.retention.disposalMethod = "";
    },
    code: "Q-NO-DISPOSAL",
    path: "/retention/disposalMethod",
  },
  {
    name: "no breach SLA",
    change: (c) => {
      c.breach.notifyOriginatorWithinHours = null;
    },
    code: "Q-NO-BREACH-SLA",
    path: "/breach/notifyOriginatorWithinHours",
  },
  {
    name: "breach SLA beyond 72 hours",
    change: (c) => {
      c.breach.notifyOriginatorWithinHours = 96;
    },
    code: "Q-BREACH-SLA-OVER-72H",
    path: "/breach/notifyOriginatorWithinHours",
  },
  {
    name: "no ICO reporting",
    change: (c) => {
      c.breach.icoReporting = "";
    },
    code: "Q-NO-ICO-REPORTING",
    path: "/breach/icoReporting",
  },
  {
    name: "review interval longer than a year (imported, bypassing the form)",
    change: (c) => {
      c.review.intervalMonths = 24;
    },
    code: "Q-REVIEW-INTERVAL",
    path: "/review/intervalMonths",
  },
  {
    name: "no variation terms",
    change: (c) => {
      c.review.variation = "";
    },
    code: "Q-NO-VARIATION",
    path: "/review/variation",
  },
  {
    name: "no termination terms",
    change: (c) => {
      c.review.termination = "";
    },
    code: "Q-NO-TERMINATION",
    path: "/review/termination",
  },
];

for (const c of CASES) {
  test(`quality: ${c.name} → ${c.code} at ${c.path}`, () => {
    const baseline = check(model(), { nextReviewDate: IN_TWELVE_MONTHS, publicAuthorityIds: c.publicAuthorityIds });
    assert.ok(!has(baseline, c.code, c.path), "the model template must not already have this finding");
    const content = model();
    c.change(content);
    const report = check(content, { nextReviewDate: c.nextReviewDate, publicAuthorityIds: c.publicAuthorityIds });
    const finding = report.findings.find((f) => f.code === c.code && f.path === c.path);
    assert.ok(finding, `expected ${c.code} at ${c.path}; got ${report.findings.map((f) => `${f.code} ${f.path}`).join(", ")}`);
    assert.equal(finding.severity, QUALITY_SEVERITIES[c.code]);
    assert.ok(finding.message.length > 0 && !finding.message.includes("\n"));
    assert.ok(report.score <= baseline.score, "a weakened agreement never scores higher");
    const section = report.sections.find((s) => s.section === finding.section)!;
    assert.equal(
      section.status,
      report.findings.some((f) => f.section === finding.section && f.severity === "missing") ? "missing" : "weak",
    );
  });
}

test("messages name the party when organisation names are given", () => {
  const content = model();
  content.parties[1]!.signatoryUserId = null;
  const report = checkQuality({
    content,
    nextReviewDate: IN_TWELVE_MONTHS,
    today: TODAY,
    organisationNames: { [COUNCIL]: "Cyngor Caerdydd" },
  });
  assert.equal(report.findings.find((f) => f.code === "Q-NO-SIGNATORY")!.message, "Cyngor Caerdydd has no signatory");
});

test("Article 9 is only demanded of parties that send special category data", () => {
  const content = model();
  content.flows[0]!.fromOrganisationIds = [SCHOOL];
  content.flows[0]!.toOrganisationIds = [COUNCIL];
  content.legalBasis[1]!.article9 = [];
  assert.ok(!check(content).findings.some((f) => f.code === "Q-NO-ART9"));
  content.legalBasis[0]!.article9 = [];
  assert.ok(has(check(content), "Q-NO-ART9", "/legalBasis/0/article9"));
});

test("a retention period on every flow is enough without a default", () => {
  const content = model();
  content.retention.defaultMonths = null;
  content.flows[0]!.retentionMonths = 24;
  assert.ok(!check(content).findings.some((f) => f.code === "Q-NO-RETENTION"));
});

test("one-off sharing needs no DPIA reference; a reference clears the finding", () => {
  const content = model();
  content.flows[0]!.frequency = "ONE_OFF";
  assert.ok(!check(content).findings.some((f) => f.code === "Q-NO-DPIA"));
  const routine = model();
  routine.dpia.reference = "DPIA-2026-03";
  assert.equal(check(routine).sections.find((s) => s.section === "dpia")!.status, "complete");
});

test("a 72-hour breach SLA is not flagged; the review date exactly 12 months ahead is fine", () => {
  const content = model();
  content.breach.notifyOriginatorWithinHours = 72;
  const report = check(content, { nextReviewDate: IN_TWELVE_MONTHS });
  assert.ok(!report.findings.some((f) => f.code === "Q-BREACH-SLA-OVER-72H" || f.code === "Q-REVIEW-TOO-FAR"));
});

test("an empty imported agreement (title and tier only) scores low with many missing findings", () => {
  const content = agreementContentSchema.parse({
    documentControl: { title: "Imported: Bro Taf information sharing protocol (2019).docx", tier: "STRATEGIC" },
  });
  const report = checkQuality({ content, nextReviewDate: null, today: TODAY });
  assert.ok(report.score <= 10, `score ${report.score}`);
  const missing = report.findings.filter((f) => f.severity === "missing");
  assert.ok(missing.length >= 12, `only ${missing.length} missing findings`);
  const missingSections = report.sections.filter((s) => s.status === "missing").map((s) => s.section);
  for (const section of [
    "documentControl",
    "parties",
    "purposes",
    "legalBasis",
    "dataSubjects",
    "dataItems",
    "flows",
    "transparency",
    "rights",
    "security",
    "retention",
    "breach",
  ]) {
    assert.ok(missingSections.includes(section as (typeof missingSections)[number]), section);
  }
  for (const code of [
    "Q-NO-REVIEW-DATE",
    "Q-FEW-PARTIES",
    "Q-NO-PURPOSE",
    "Q-NO-LEGAL-BASIS",
    "Q-NO-DATA-ITEMS",
    "Q-NO-FLOWS",
    "Q-NO-RETENTION",
    "Q-NO-BREACH-SLA",
  ] as const) {
    assert.ok(
      report.findings.some((f) => f.code === code),
      code,
    );
  }
  // Findings come in document order.
  const order = report.findings.map((f) => SECTIONS.indexOf(f.section));
  assert.deepEqual(
    order,
    [...order].sort((a, b) => a - b),
  );
});
