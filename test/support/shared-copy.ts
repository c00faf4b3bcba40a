import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import type { App } from "../../src/app/build-app";
import type { Db } from "../../src/platform/db/client";
import { newOrganisation, newSignedAgreement, newUser } from "./factories";
import type { TestClient } from "./http-client";
import { signedInAs } from "./sign-in";

/**
 * A copy of shared information for retention's tests (issue 21): Northbrook Primary shares Tomasz
 * Lewandowski-Reid's attendance with Westshire Children's Services under an agreement whose flow keeps
 * the recipient's copy for `retentionMonths` from the day it is sent. The council has two IG leads (to
 * propose and approve a disposal) and a safeguarding lead who reads it; the school a practitioner who
 * sent it and an IG lead.
 */
export async function sharedCopy(app: App, db: Db, { retentionMonths = 18 }: { retentionMonths?: number } = {}) {
  const school = await newOrganisation(db, { name: "Northbrook Primary" });
  const council = await newOrganisation(db, { name: "Westshire Children's Services", type: "childrens_social_care" });
  const practitioner: TestClient = await signedInAs(app, db, await newUser(db, school, ["practitioner"]));
  const schoolIg: TestClient = await signedInAs(app, db, await newUser(db, school, ["ig_lead"]));
  const amara = await newUser(db, council, ["ig_lead"], { name: "Amara Osei" });
  const councilIg: TestClient = await signedInAs(app, db, amara);
  const secondCouncilIg: TestClient = await signedInAs(app, db, await newUser(db, council, ["ig_lead"], { name: "Ruth Adeyemi" }));
  const councilLead: TestClient = await signedInAs(app, db, await newUser(db, council, ["safeguarding_lead"]));
  const agreement = await newSignedAgreement(
    db,
    { id: council.id },
    {
      documentControl: { title: "Northbrook and children's services", tier: "STRATEGIC" },
      parties: [
        { organisationId: school.id, controllerRelationship: "SEPARATE" },
        { organisationId: council.id, controllerRelationship: "SEPARATE" },
      ],
      purposes: { items: [{ code: "CHILD_IN_NEED_S17" }] },
      legalBasis: [{ organisationId: school.id, article6: ["A6_1E_PUBLIC_TASK"] }],
      dataItems: [{ key: "attendance", name: "Attendance", category: "education", kind: "FACT" }],
      flows: [
        {
          key: "school-to-council",
          fromOrganisationIds: [school.id],
          toOrganisationIds: [council.id],
          onwardDisclosure: "NOT_PERMITTED",
          retentionMonths,
        },
      ],
    },
  );
  const child = await practitioner.api("POST", "/api/v1/subjects", {
    kind: "CHILD",
    givenNames: "Tomasz",
    familyName: "Lewandowski-Reid",
    dateOfBirth: "2015-04-02",
  });
  assert.equal(child.statusCode, 201, child.body);
  const item = await practitioner.api("POST", `/api/v1/subjects/${child.json().id}/items`, {
    category: "education",
    kind: "FACT",
    text: "Tomasz has missed eleven days this half term.",
    eventDate: "2026-10-01",
    source: { name: "Attendance officer", method: "DOCUMENT", obtainedOn: "2026-10-02" },
  });
  assert.equal(item.statusCode, 201, item.body);
  const shared = await practitioner.api(
    "POST",
    "/api/v1/share-decisions",
    {
      subjectId: child.json().id,
      purpose: { code: "CHILD_IN_NEED_S17", description: "The council is assessing Tomasz's needs" },
      information: { personal: true, confidential: true, thirdParty: false },
      recipient: { organisationId: council.id, role: "SOCIAL_WORKER", agreementId: agreement.id },
      transparency: { informed: true, capacity: "NOT_CAPABLE", consentStatus: "NOT_SOUGHT", consentNotSoughtReason: "UNSAFE_TO_SEEK" },
      lawfulBasis: { article6: "A6_1E_PUBLIC_TASK", commonLaw: "CL_PUBLIC_INTEREST", gateway: "CA2004_S11" },
      items: { items: [{ itemId: item.json().id, share: true }] },
      advice: { sought: false },
      decision: { outcome: "SHARE", reasons: "Attendance has fallen sharply", necessityAndProportionality: "Only attendance is needed" },
      acknowledgedWarnings: ["GR4-SEEK-ADVICE"],
    },
    { "idempotency-key": randomUUID() },
  );
  assert.equal(shared.statusCode, 201, shared.body);
  return {
    school,
    council,
    practitioner,
    schoolIg,
    councilIg,
    councilIgUserId: amara.user.id,
    secondCouncilIg,
    councilLead,
    disclosureId: shared.json().disclosure.id as string,
    decisionId: shared.json().id as string,
  };
}
