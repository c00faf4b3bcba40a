import assert from "node:assert/strict";
import { describe, test } from "node:test";
import type { AgreementForShare } from "../../../src/features/sharing/services/agreement-terms";
import { answerSections } from "../../../src/features/sharing/web/check-answers";
import { agreementSentence, basisRows, prefillFromAgreement } from "../../../src/features/sharing/web/legal-basis";
import { applicableAnswers, sequenceOf, stepOf, stepOfPath } from "../../../src/features/sharing/web/steps";

const AGREEMENT = "2b0f1c52-8d8e-4b8c-9d57-7a1f0a1e9c01";
const share = (extra: Record<string, unknown> = {}) => ({
  recipient: { organisationId: "5d7c7a52-8d8e-4b8c-9d57-7a1f0a1e9c02", agreementId: AGREEMENT },
  decision: { outcome: "SHARE" },
  ...extra,
});

const westshire: AgreementForShare = {
  id: AGREEMENT,
  title: "Westshire MASH agreement",
  reference: "DSA-0002",
  version: 1,
  recipientName: "children's social care",
  terms: {
    purposes: [{ code: "CHILD_PROTECTION_S47", description: "Enquiries where a child may be suffering significant harm." }],
    article6: "A6_1E_PUBLIC_TASK",
    article9: ["A9_2G_S1P18_SAFEGUARDING"],
    para18Reason: "OBTAINING_WOULD_PREJUDICE",
    apdReference: "WSS-APD-1",
    commonLaw: "CL_PUBLIC_INTEREST",
    gateway: "EA2002_S175",
    gatewayOther: "",
    categories: ["health", "education"],
  },
};

describe("the share decision wizard's order", () => {
  test("a share under an agreement confirms the agreement's legal basis on one page and asks none of its parts", () => {
    assert.deepEqual(sequenceOf(share(), false), ["recipient", "outcome", "purpose", "items", "consent", "legal-basis", "reasons"]);
  });

  test("a one-off share asks each part of the legal basis on its own page, then offers the safeguarding lead's advice", () => {
    const oneOff = share({ recipient: { organisationId: "5d7c7a52-8d8e-4b8c-9d57-7a1f0a1e9c02", agreementId: null } });
    assert.deepEqual(sequenceOf(oneOff, false), [
      "recipient",
      "outcome",
      "purpose",
      "items",
      "consent",
      "information",
      "article6",
      "conditions",
      "gateway",
      "reasons",
      "advice",
    ]);
  });

  test("a decision not to share needs the purpose, the reasons and the advice", () => {
    assert.deepEqual(sequenceOf(share({ decision: { outcome: "DO_NOT_SHARE" } }), false), [
      "recipient",
      "outcome",
      "purpose",
      "reasons",
      "advice",
    ]);
  });

  test("the agreement is asked only when more than one could cover the share", () => {
    assert.ok(sequenceOf(share(), true).includes("agreement"));
    assert.ok(!sequenceOf(share(), false).includes("agreement"));
  });

  test("a rule finding about the legal basis links to the page that asks it for this share", () => {
    assert.equal(stepOfPath("/lawfulBasis/article6", share()), "change-basis");
    assert.equal(stepOfPath("/lawfulBasis/article6", share({ recipient: { agreementId: null } })), "article6");
    assert.equal(stepOfPath("/transparency/consentNotSoughtReason", share()), "consent");
    assert.equal(stepOfPath("/decision/outcome", share()), "outcome");
  });
});

describe("what the wizard records", () => {
  test("a follow-up whose answer no longer asks it is not recorded, nor a share's parts in a decision not to share", () => {
    const answers = {
      ...share({ decision: { outcome: "DO_NOT_SHARE", reasons: "Not needed", necessityAndProportionality: "n/a" } }),
      transparency: { informed: true, notInformedReason: "stale" },
      items: { items: [{ itemId: AGREEMENT, share: true }] },
      lawfulBasis: { article6: "A6_1E_PUBLIC_TASK" },
      purpose: { code: "CHILD_IN_NEED_S17", description: "Assessment" },
    };
    const kept = applicableAnswers(answers);
    assert.equal((kept.transparency as Record<string, unknown> | undefined)?.notInformedReason, undefined);
    assert.equal(kept.items, undefined);
    assert.equal((kept.lawfulBasis as Record<string, unknown>).article6, undefined);
    assert.equal((kept.decision as Record<string, unknown>).necessityAndProportionality, undefined);
    assert.deepEqual(kept.purpose, answers.purpose);
    assert.equal((kept.decision as Record<string, unknown>).reasons, "Not needed");
  });

  test("one consent question answers where consent stands and why it was not asked for", () => {
    const field = stepOf("consent")!.fields.find((f) => f.codec)!;
    const answers = field.codec!.write({}, "NOT_SOUGHT:UNSAFE_TO_SEEK");
    assert.deepEqual(answers, { transparency: { consentStatus: "NOT_SOUGHT", consentNotSoughtReason: "UNSAFE_TO_SEEK" } });
    assert.equal(field.codec!.read(answers), "NOT_SOUGHT:UNSAFE_TO_SEEK");
    assert.deepEqual(field.codec!.write(answers, "GIVEN"), { transparency: { consentStatus: "GIVEN" } });
  });
});

describe("the legal basis from an agreement", () => {
  test("is said in plain English: the agreement, what it lets you share, with whom, why, and when without consent", () => {
    const answers = prefillFromAgreement({ purpose: { code: "CHILD_PROTECTION_S47" } }, westshire);
    assert.equal(
      agreementSentence(westshire, answers),
      "You are sharing under the Westshire MASH agreement, which says you can share health and school information with children's social care to protect a child who may be suffering significant harm, without consent where asking would put the child at risk.",
    );
  });

  test("an agreement's title is shown as written, even with characters a text replacement would read as a pattern", () => {
    const titled = { ...westshire, title: "Children & Families $1 $& agreement" };
    const answers = prefillFromAgreement({ purpose: { code: "CHILD_PROTECTION_S47" } }, titled);
    assert.match(agreementSentence(titled, answers), /^You are sharing under the Children & Families \$1 \$& agreement, which says/);
  });

  test("confirmed under a version no longer in force, is taken again from the version in force, and cites it", () => {
    const confirmedUnderV1 = prefillFromAgreement(share({ lawfulBasis: { article6: "A6_1C_LEGAL_OBLIGATION" } }), westshire);
    const version2: AgreementForShare = {
      ...westshire,
      version: 2,
      terms: { ...westshire.terms, article6: "A6_1E_PUBLIC_TASK", gateway: "CA1989_S47" },
    };
    const answers = prefillFromAgreement(confirmedUnderV1, version2);
    assert.equal((answers.recipient as Record<string, unknown>).agreementVersion, 2);
    assert.equal(
      (answers.lawfulBasis as Record<string, unknown>).article6,
      "A6_1E_PUBLIC_TASK",
      "a change made under version 1 is asked again",
    );
    assert.equal((answers.lawfulBasis as Record<string, unknown>).gateway, "CA1989_S47");
    assert.equal((answers.recipient as Record<string, unknown>).agreementId, AGREEMENT, "the agreement stays chosen");
  });

  test("fills each part of the legal basis from the agreement's terms, keeping a part the practitioner changed", () => {
    const answers = prefillFromAgreement({ lawfulBasis: { article6: "A6_1C_LEGAL_OBLIGATION" } }, westshire);
    assert.deepEqual(answers.lawfulBasis, {
      article6: "A6_1C_LEGAL_OBLIGATION",
      article9: ["A9_2G_S1P18_SAFEGUARDING"],
      para18Reason: "OBTAINING_WOULD_PREJUDICE",
      apdReference: "WSS-APD-1",
      commonLaw: "CL_PUBLIC_INTEREST",
      gateway: "EA2002_S175",
    });
    assert.equal((answers.recipient as Record<string, unknown>).agreementVersion, 1);
    const rows = basisRows(answers);
    assert.ok(rows.some((r) => r.value === "Education Act 2002 s175: safeguarding in schools"));
    assert.ok(
      rows.every((r) => !/A6_|A9_|CL_|EA2002_/.test(r.value)),
      "no code in what a person reads",
    );
  });
});

describe("check your answers", () => {
  test("an answer whose choice is no longer offered (a member that has left) reads in words, never as its id", () => {
    const gone = "dddddddd-dddd-4ddd-8ddd-dddddddddddd";
    const choices = { levels: [], concerns: [], organisations: [], agreements: [], recipientPeople: [], purposes: [] };
    const sections = answerSections("s", { recipient: { organisationId: gone } }, choices, { items: [], mayDecide: false } as never);
    const values = sections.flatMap((s) => s.rows.map((r) => r.value));
    assert.ok(values.includes("No longer on the list"), JSON.stringify(values));
    assert.ok(!values.some((v) => v.includes(gone)));
  });
});
