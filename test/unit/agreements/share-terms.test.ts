import assert from "node:assert/strict";
import { test } from "node:test";
import { agreementContentSchema } from "../../../src/features/agreements/domain/content";
import { termsForShare } from "../../../src/features/agreements/domain/share-terms";

const SCHOOL = "0c7f3b52-1d8e-4b8c-9d57-7a1f0a1e9c01";
const COUNCIL = "0c7f3b52-1d8e-4b8c-9d57-7a1f0a1e9c02";
const POLICE = "0c7f3b52-1d8e-4b8c-9d57-7a1f0a1e9c03";

test("an agreement's terms for a share: its purposes, the sender's legal basis, and what its flows to the recipient carry", () => {
  const content = agreementContentSchema.parse({
    documentControl: { title: "School to social care", tier: "OPERATIONAL" },
    parties: [SCHOOL, COUNCIL].map((organisationId) => ({ organisationId, controllerRelationship: "SEPARATE" })),
    purposes: { items: [{ code: "CHILD_IN_NEED_S17", description: "Referrals of children who may be in need." }] },
    legalBasis: [
      { organisationId: COUNCIL, article6: ["A6_1C_LEGAL_OBLIGATION"], gateways: ["CA1989_S47"] },
      {
        organisationId: SCHOOL,
        article6: ["A6_1E_PUBLIC_TASK"],
        article9: ["A9_2G_S1P18_SAFEGUARDING"],
        para18Reason: "OBTAINING_WOULD_PREJUDICE",
        apdReference: "WSS-APD-1",
        commonLaw: ["CL_PUBLIC_INTEREST"],
        gateways: ["EA2002_S175", "CA2004_S11"],
      },
    ],
    dataItems: [
      { key: "education", name: "Attendance", category: "education", kind: "FACT" },
      { key: "plans", name: "Plans", category: "social_care", kind: "FACT" },
    ],
    flows: [
      { key: "referral", fromOrganisationIds: [SCHOOL], toOrganisationIds: [COUNCIL], dataItemKeys: ["education"] },
      { key: "feedback", fromOrganisationIds: [COUNCIL], toOrganisationIds: [SCHOOL], dataItemKeys: ["plans"] },
    ],
  });
  const terms = termsForShare(content, SCHOOL, COUNCIL);
  assert.deepEqual(terms, {
    purposes: [{ code: "CHILD_IN_NEED_S17", description: "Referrals of children who may be in need." }],
    article6: "A6_1E_PUBLIC_TASK",
    article9: ["A9_2G_S1P18_SAFEGUARDING"],
    para18Reason: "OBTAINING_WOULD_PREJUDICE",
    apdReference: "WSS-APD-1",
    commonLaw: "CL_PUBLIC_INTEREST",
    gateway: "EA2002_S175",
    gatewayOther: "",
    categories: ["education"],
  });
  assert.deepEqual(termsForShare(content, COUNCIL, SCHOOL).categories, ["social_care"], "the other direction carries what its flow does");
  assert.equal(termsForShare(content, POLICE, COUNCIL).article6, null, "an organisation with no legal basis entry is given none");
});
