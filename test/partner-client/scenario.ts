import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import type { PartnerClient } from "./client";

/**
 * Issue 20's round trip, written as two partner systems would write it against the generated types
 * (type-checked by test/db/app/partner-client.test.ts before it runs): a school's system records a
 * concern and an item, checks and records a share under the partnership agreement; children's social
 * care's system finds it in its inbox, reads it, acknowledges it and files it in its own records.
 */
export async function schoolSharesWithCouncil(
  school: PartnerClient,
  council: PartnerClient,
  { councilOrganisationId, agreementId }: { councilOrganisationId: string; agreementId: string },
) {
  const child = await school.POST("/api/v1/subjects", {
    body: { kind: "CHILD", givenNames: "Ada", familyName: "Roundtrip", dateOfBirth: "2017-02-03" },
  });
  assert.equal(child.response.status, 201, JSON.stringify(child.error));
  const subjectId = child.data!.id;

  const concern = await school.POST("/api/v1/subjects/{id}/concerns", {
    params: { path: { id: subjectId } },
    body: {
      category: "NEGLECT",
      description: "Ada has come to school hungry every day this week.",
      levelOfNeed: "EARLY_HELP",
      noticedOn: "2026-11-30",
      acknowledgedWarnings: [],
    },
  });
  assert.equal(concern.response.status, 201, JSON.stringify(concern.error));

  const item = await school.POST("/api/v1/subjects/{id}/items", {
    params: { path: { id: subjectId } },
    body: {
      category: "education",
      kind: "FACT",
      text: "Ada arrived without breakfast on five mornings running.",
      eventDate: "2026-11-30",
      source: { name: "Class teacher", method: "OBSERVED", obtainedOn: "2026-11-30" },
    },
  });
  assert.equal(item.response.status, 201, JSON.stringify(item.error));

  const decision = {
    subjectId,
    purpose: { code: "EARLY_HELP" as const, description: "Early help assessment of Ada's needs" },
    information: { personal: true, confidential: false },
    recipient: { organisationId: councilOrganisationId, role: "SOCIAL_WORKER" as const, agreementId, routine: true },
    transparency: { informed: true, consentStatus: "NOT_SOUGHT" as const, consentNotSoughtReason: "UNSAFE_TO_SEEK" as const },
    lawfulBasis: { article6: "A6_1E_PUBLIC_TASK" as const },
    items: { items: [{ itemId: item.data!.id, share: true }] },
    advice: { sought: false },
    decision: {
      outcome: "SHARE" as const,
      reasons: "Ada's needs call for an early help assessment",
      necessityAndProportionality: "Only the attendance fact goes",
    },
  };
  const evaluated = await school.POST("/api/v1/share-decisions/evaluate", { body: { ...decision, acknowledgedWarnings: [] } });
  assert.equal(evaluated.response.status, 200, JSON.stringify(evaluated.error));
  const blocks = evaluated.data!.findings.filter((f) => f.severity === "block");
  assert.deepEqual(blocks, [], "nothing stops the share");
  const warnings = evaluated.data!.findings.map((f) => f.code);

  const recorded = await school.POST("/api/v1/share-decisions", {
    params: { header: { "idempotency-key": randomUUID() } },
    body: { ...decision, acknowledgedWarnings: warnings },
  });
  assert.equal(recorded.response.status, 201, JSON.stringify(recorded.error));
  const disclosureId = recorded.data!.disclosure!.id;

  const inbox = await council.GET("/api/v1/disclosures", { params: { query: { box: "received" } } });
  assert.equal(inbox.response.status, 200, JSON.stringify(inbox.error));
  assert.ok(
    inbox.data!.items.some((d) => d.id === disclosureId),
    "the share is in the council's inbox",
  );

  const read = await council.GET("/api/v1/disclosures/{id}", { params: { path: { id: disclosureId } } });
  assert.equal(read.response.status, 200, JSON.stringify(read.error));

  const acknowledged = await council.POST("/api/v1/disclosures/{id}/acknowledgement", { params: { path: { id: disclosureId } } });
  assert.ok(acknowledged.response.ok, JSON.stringify(acknowledged.error));

  const filed = await council.POST("/api/v1/disclosures/{id}/filing", {
    params: { path: { id: disclosureId } },
    body: { newSubject: true, kind: "CHILD" },
  });
  assert.equal(filed.response.status, 201, JSON.stringify(filed.error));
  return { subjectId, disclosureId, filedAs: filed.data!.subjectId };
}
