import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, test } from "node:test";
import { addMonths, format } from "date-fns";
import { eq } from "drizzle-orm";
import type { App } from "../../../src/app/build-app";
import { disclosureItems, disclosures } from "../../../src/features/sharing/schema";
import { testApp } from "../../support/app";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation, newSignedAgreement, newUser } from "../../support/factories";
import type { TestClient } from "../../support/http-client";
import { signedInAs } from "../../support/sign-in";

type Copy = { disclosureId: string; reference: string; name: string; from: string; dueOn: string; byAgreement: boolean };

describeEachDatabase("retention: a recipient's copy follows the agreement's retention term, and its sender sees it disposed of", (ctx) => {
  let app: App;
  let practitioner: TestClient;
  let councilIg: TestClient;
  let secondCouncilIg: TestClient;
  let schoolIg: TestClient;
  let councilLead: TestClient;
  let disclosureId: string;
  let decisionId: string;

  before(async () => {
    app = await testApp(ctx.database);
    const db = ctx.database.db;
    const school = await newOrganisation(db, { name: "Northbrook Primary" });
    const council = await newOrganisation(db, { name: "Westshire Children's Services", type: "childrens_social_care" });
    practitioner = await signedInAs(app, db, await newUser(db, school, ["practitioner"]));
    schoolIg = await signedInAs(app, db, await newUser(db, school, ["ig_lead"]));
    councilIg = await signedInAs(app, db, await newUser(db, council, ["ig_lead"], { name: "Amara Osei" }));
    councilLead = await signedInAs(app, db, await newUser(db, council, ["safeguarding_lead"]));
    secondCouncilIg = await signedInAs(app, db, await newUser(db, council, ["ig_lead"], { name: "Ruth Adeyemi" }));
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
            retentionMonths: 18,
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
    disclosureId = shared.json().disclosure.id;
    decisionId = shared.json().id;
  });
  after(() => app.close());

  const copies = async (client = councilIg) => {
    const res = await client.api("GET", "/api/v1/retention/review-queue?category=DISCLOSED_COPY");
    assert.equal(res.statusCode, 200, res.body);
    return res.json().groups[0].copies as Copy[];
  };

  test("the copy is kept for the agreement's term from the day it was sent, and both sides see until when", async () => {
    const expected = format(addMonths(new Date(), 18), "yyyy-MM-dd");
    const received = (await councilLead.api("GET", `/api/v1/disclosures/${disclosureId}`)).json();
    assert.equal(received.retainUntil, expected);
    assert.equal((await practitioner.api("GET", `/api/v1/share-decisions/${decisionId}`)).json().disclosure.retainUntil, expected);
    assert.deepEqual(await copies(), [], "not due for 18 months");
  });

  test("once its term has passed it is in the recipient's queue, and only there", async () => {
    // Eighteen months on: the term ended last month.
    await ctx.database.db.update(disclosures).set({ retainUntil: "2025-06-30" }).where(eq(disclosures.id, disclosureId));
    const [copy] = await copies();
    assert.equal(copy?.disclosureId, disclosureId);
    assert.equal(copy?.name, "Tomasz Lewandowski-Reid");
    assert.equal(copy?.from, "Northbrook Primary");
    assert.equal(copy?.byAgreement, true);
    assert.equal(copy?.dueOn, "2025-06-30");
    assert.deepEqual(await copies(schoolIg), [], "the sender's queue holds its own copies only");
  });

  test("disposed of by two of the recipient's IG leads, the copy is a tombstone, and the sender sees when", async () => {
    const proposed = await councilIg.api("POST", "/api/v1/retention/disposals", {
      category: "DISCLOSED_COPY",
      action: "DESTROY",
      reason: "The agreement's 18 months have passed and the assessment is complete",
      disclosureIds: [disclosureId],
    });
    assert.equal(proposed.statusCode, 201, proposed.body);
    assert.equal(proposed.json().copyList[0].name, "Tomasz Lewandowski-Reid");
    const sender = await schoolIg.api("POST", `/api/v1/retention/disposals/${proposed.json().id}/approval`);
    assert.equal(sender.statusCode, 404, "the sender's IG lead cannot approve the recipient's disposal");
    const done = await secondCouncilIg.api("POST", `/api/v1/retention/disposals/${proposed.json().id}/approval`);
    assert.equal(done.statusCode, 200, done.body);
    assert.equal(done.json().certificate.disclosedCopies, 1);
    assert.equal(done.json().certificate.items, 1);
    assert.ok(!JSON.stringify(done.json().certificate).includes("Tomasz"));

    const [row] = await ctx.database.db.select().from(disclosures).where(eq(disclosures.id, disclosureId));
    assert.deepEqual(row?.subject, { name: "[erased]", kind: "CHILD" });
    const items = await ctx.database.db
      .select({ text: disclosureItems.text })
      .from(disclosureItems)
      .where(eq(disclosureItems.disclosureId, disclosureId));
    assert.deepEqual(
      items.map((i) => i.text),
      ["[erased]"],
    );
    const seen = (await practitioner.api("GET", `/api/v1/share-decisions/${decisionId}`)).json().disclosure;
    assert.ok(seen.disposedAt, "the sender sees the recipient disposed of its copy");
    assert.deepEqual(await copies(), []);
  });

  test("a copy must be proposed under the rule for copies, and a file id is not a copy", async () => {
    const res = await councilIg.api("POST", "/api/v1/retention/disposals", {
      category: "DISCLOSED_COPY",
      action: "DESTROY",
      reason: "x",
      subjectIds: [randomUUID()],
    });
    assert.equal(res.statusCode, 400);
    assert.deepEqual(
      res
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
      ["/disclosureIds", "/subjectIds"],
    );
  });
});
