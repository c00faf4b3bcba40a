import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { today } from "../../src/domain/calendar";
import type { App } from "../../src/http/app";
import { testApp } from "../support/app";
import { describeEachDatabase } from "../support/databases";
import { newOrganisation, newUser } from "../support/factories";
import type { TestClient } from "../support/http-client";
import { signedInAs } from "../support/sign-in";

describeEachDatabase("the access pack: every item as reviewed, who it went to, and the requester's rights", (ctx) => {
  let app: App;
  let ig: TestClient;
  let practitioner: TestClient;
  let requestId: string;
  let crimeItemId: string;
  let namesItemId: string;
  let councilId: string;

  before(async () => {
    app = await testApp(ctx.database);
    const db = ctx.database.db;
    const school = await newOrganisation(db, { name: "Northbrook Primary" });
    const council = await newOrganisation(db, { name: "Westshire Children's Services", type: "childrens_social_care" });
    councilId = council.id;
    ig = await signedInAs(app, db, await newUser(db, school, ["ig_lead"]));
    practitioner = await signedInAs(app, db, await newUser(db, school, ["practitioner"], { name: "Tomasz Wójcik" }));
    const child = (
      await practitioner.api("POST", "/api/v1/subjects", {
        kind: "CHILD",
        givenNames: "Zoë",
        familyName: "Ní Bhriain",
        dateOfBirth: "2016-02-03",
      })
    ).json().id;
    const add = async (text: string) =>
      (
        await practitioner.api("POST", `/api/v1/subjects/${child}/items`, {
          category: "education",
          kind: "FACT",
          text,
          eventDate: "2026-10-01",
          source: { name: "Class teacher", method: "OBSERVED", obtainedOn: "2026-10-01" },
        })
      ).json().id as string;
    const first = await add("Zoë was late nine times in September.");
    await practitioner.api("POST", `/api/v1/subjects/${child}/items/${first}/corrections`, {
      category: "education",
      kind: "FACT",
      text: "Zoë was late six times in September.",
      eventDate: "2026-10-01",
      source: { name: "Class teacher", method: "OBSERVED", obtainedOn: "2026-10-01" },
      reason: "Three of the late marks were another pupil's",
    });
    crimeItemId = await add("Police asked the school not to mention the ongoing investigation to the family.");
    namesItemId = await add("Zoë said her neighbour, Mrs Ann Lee, looks after her after school.");
    const shared = await practitioner.api(
      "POST",
      "/api/v1/share-decisions",
      {
        subjectId: child,
        purpose: { code: "CHILD_IN_NEED_S17", description: "Assessment" },
        information: { personal: true, confidential: false },
        recipient: { organisationId: council.id, role: "SOCIAL_WORKER" },
        transparency: { informed: true, consentStatus: "NOT_SOUGHT", consentNotSoughtReason: "UNSAFE_TO_SEEK" },
        lawfulBasis: { article6: "A6_1E_PUBLIC_TASK" },
        items: { items: [{ itemId: namesItemId, share: true }] },
        advice: { sought: false },
        decision: { outcome: "SHARE", reasons: "r", necessityAndProportionality: "n" },
        acknowledgedWarnings: ["GR4-SEEK-ADVICE", "ICO6-AGREEMENT"],
      },
      { "idempotency-key": randomUUID() },
    );
    assert.equal(shared.statusCode, 201, shared.body);
    requestId = (
      await ig.api("POST", "/api/v1/rights-requests", {
        type: "ACCESS",
        requester: { name: "Siobhán Ní Bhriain", email: "s@example.org" },
        relationship: "PARENTAL_RESPONSIBILITY",
        about: { name: "Zoë Ní Bhriain" },
        receivedVia: "EMAIL",
        receivedOn: today(),
      })
    ).json().id;
    await ig.api("POST", `/api/v1/rights-requests/${requestId}/subjects`, { subjectId: child });
  });
  after(() => app.close());

  test("an exemption without a reason cannot be saved; the health exemption needs the health professional's opinion", async () => {
    const noReason = await ig.api("POST", `/api/v1/rights-requests/${requestId}/items/${crimeItemId}/review`, {
      decision: "WITHHOLD",
      exemption: "EX-CRIME",
    });
    assert.equal(noReason.statusCode, 400);
    assert.equal(noReason.json().errors[0].path, "/reason");
    const health = await ig.api("POST", `/api/v1/rights-requests/${requestId}/items/${crimeItemId}/review`, {
      decision: "WITHHOLD",
      exemption: "EX-SERIOUS-HARM-HEALTH",
      reason: "x",
    });
    assert.deepEqual(
      health
        .json()
        .errors.map((e: { path: string }) => e.path)
        .sort(),
      ["/healthOpinion", "/healthProfessional"],
    );
    assert.equal(
      (
        await ig.api("POST", `/api/v1/rights-requests/${requestId}/items/${crimeItemId}/review`, {
          decision: "WITHHOLD",
          exemption: "EX-CRIME",
          reason: "The police investigation is ongoing",
        })
      ).statusCode,
      204,
    );
    const redact = await ig.api("POST", `/api/v1/rights-requests/${requestId}/items/${namesItemId}/review`, {
      decision: "REDACT",
      exemption: "EX-THIRD-PARTY",
      reason: "The neighbour has not consented",
      redactions: ["Mrs Ann Lee"],
    });
    assert.equal(redact.statusCode, 204, redact.body);
  });

  test("the JSON pack has every version, the review applied, the recipients from the disclosure log, and the rights", async () => {
    const res = await ig.api("GET", `/api/v1/rights-requests/${requestId}/pack`);
    assert.equal(res.statusCode, 200, res.body);
    const pack = res.json();
    const texts = pack.items.map((i: { text: string | null }) => i.text);
    assert.ok(texts.includes("Zoë was late nine times in September."), "the corrected version is there");
    assert.ok(texts.includes("Zoë was late six times in September."));
    assert.ok(texts.includes("Zoë said her neighbour, [redacted], looks after her after school."));
    assert.ok(!res.body.includes("ongoing investigation"), "the withheld item's text is not in the pack");
    assert.ok(pack.items.some((i: { withheld: string | null }) => i.withheld === "EX-CRIME"));
    assert.deepEqual(
      pack.recipients.map((r: { organisation: string; items: number }) => [r.organisation, r.items]),
      [["Westshire Children's Services", 1]],
    );
    assert.ok(pack.rights.some((r: string) => r.includes("Information Commissioner")));
  });

  test("the PDF says the same, names and all", async () => {
    const res = await ig.get(`/api/v1/rights-requests/${requestId}/pack.pdf`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers["content-type"], "application/pdf");
    const { PDFParse } = await import("pdf-parse");
    const parser = new PDFParse({ data: res.rawPayload });
    const text = (await parser.getText()).text.replace(/\s+/g, " ");
    await parser.destroy();
    assert.match(text, /Zoë Ní Bhriain/);
    assert.match(text, /late six times/);
    assert.match(text, /Held back under EX-CRIME/);
    assert.doesNotMatch(text, /ongoing investigation/);
    assert.doesNotMatch(text, /Ann Lee/);
    assert.match(text, /Westshire Children's Services/);
    assert.match(text, /ico\.org\.uk/);
  });
  describe("a father recorded as an alleged perpetrator asks for what the school holds about his daughter", () => {
    let requestId: string;
    let riskItemId: string;
    let toldItemId: string;
    let riskDecision: { id: string; reference: string; disclosure: { id: string } };
    let toldDecision: { id: string; reference: string; disclosure: { id: string } };
    const move = (body: Record<string, unknown>) => ig.api("POST", `/api/v1/rights-requests/${requestId}/transitions`, body);
    before(async () => {
      const person = async (kind: string, givenNames: string, familyName: string) =>
        (await practitioner.api("POST", "/api/v1/subjects", { kind, givenNames, familyName })).json().id as string;
      const link = async (fromSubjectId: string, toSubjectId: string, kind: string) =>
        assert.equal((await practitioner.api("POST", "/api/v1/subject-links", { fromSubjectId, toSubjectId, kind })).statusCode, 201);
      const lily = await person("CHILD", "Lily", "Carter");
      const ryan = await person("PARENT_CARER", "Ryan", "Carter");
      const jade = await person("PARENT_CARER", "Jade", "Carter");
      await link(ryan, lily, "PARENT_OF");
      await link(ryan, lily, "ALLEGED_PERPETRATOR_TOWARDS");
      await link(jade, lily, "PARENT_OF");
      const add = async (text: string) =>
        (
          await practitioner.api("POST", `/api/v1/subjects/${lily}/items`, {
            category: "family_circumstances",
            kind: "FACT",
            text,
            eventDate: "2026-11-02",
            source: { name: "Class teacher", method: "TOLD_DIRECTLY", obtainedOn: "2026-11-02" },
          })
        ).json().id as string;
      riskItemId = await add("Jade Carter said Ryan has not lived with them since March and must not know where they are staying.");
      toldItemId = await add("Lily's reading is on track for her age.");
      await add(`Lily's attendance, week by week. ${"Present every morning, collected on time by her mother. ".repeat(90)}`);
      const share = async (itemId: string, transparency: Record<string, unknown>) => {
        const res = await practitioner.api(
          "POST",
          "/api/v1/share-decisions",
          {
            subjectId: lily,
            purpose: { code: "CHILD_IN_NEED_S17", description: "Assessment" },
            information: { personal: true, confidential: false },
            recipient: { organisationId: councilId, role: "SOCIAL_WORKER" },
            transparency,
            lawfulBasis: { article6: "A6_1E_PUBLIC_TASK" },
            items: { items: [{ itemId, share: true }] },
            advice: { sought: false },
            decision: { outcome: "SHARE", reasons: "r", necessityAndProportionality: "n" },
            acknowledgedWarnings: ["GR4-SEEK-ADVICE", "ICO6-AGREEMENT", "GR3-NO-CONSENT-NEEDED"],
          },
          { "idempotency-key": randomUUID() },
        );
        assert.equal(res.statusCode, 201, res.body);
        return res.json();
      };
      riskDecision = await share(riskItemId, {
        informed: false,
        notInformedReason: "Telling her father could place Lily at risk",
        consentStatus: "NOT_SOUGHT",
        consentNotSoughtReason: "UNSAFE_TO_SEEK",
      });
      toldDecision = await share(toldItemId, { informed: true, consentStatus: "GIVEN", consentDetails: "Jade agreed at pick-up" });
      requestId = (
        await ig.api("POST", "/api/v1/rights-requests", {
          type: "ACCESS",
          requester: { name: "Ryan Carter", email: "ryan@example.org" },
          relationship: "PARENTAL_RESPONSIBILITY",
          about: { name: "Lily Carter" },
          receivedVia: "LETTER",
          receivedOn: today(),
        })
      ).json().id;
      assert.deepEqual((await ig.api("POST", `/api/v1/rights-requests/${requestId}/subjects`, { subjectId: lily })).json(), {
        harmRisk: true,
      });
      await ig.api("POST", `/api/v1/rights-requests/${requestId}/identity`, {
        evidence: "Passport seen",
        authorityEvidence: "Birth certificate names him as father",
      });
      assert.equal((await move({ to: "IN_PROGRESS" })).statusCode, 204);
    });

    test("the request page and each item shared without telling the family warn the IG lead, naming the decision and the alleged-perpetrator link", async () => {
      const page = await ig.get(`/rights/${requestId}`);
      assert.equal(page.statusCode, 200);
      const at = page.body.indexOf('id="safety-warnings"');
      assert.ok(at !== -1, "the request page has the warnings");
      const warning = page.body.slice(at);
      assert.ok(warning.includes(riskDecision.reference), "the decision that kept the family in the dark is named");
      assert.ok(warning.includes(`href="/share-decisions/${riskDecision.id}"`), "and linked");
      assert.match(warning, /Telling her father could place Lily at risk/);
      assert.match(warning, /seeking it would place the child at risk/);
      assert.ok(!page.body.includes(toldDecision.reference), "a decision where the family was told is not named");
      assert.match(warning, /Ryan Carter: alleged to have harmed Lily Carter/);
      assert.doesNotMatch(page.body, /GR2-ENGAGE/, "no rule code for people to read");

      const riskItem = await ig.get(`/rights/${requestId}/items/${riskItemId}`);
      assert.ok(riskItem.body.includes(riskDecision.reference), "the item shared without telling the family warns");
      assert.match(riskItem.body, /Ryan Carter: alleged to have harmed Lily Carter/);
      const toldItem = await ig.get(`/rights/${requestId}/items/${toldItemId}`);
      assert.ok(!toldItem.body.includes(riskDecision.reference), "an item that decision did not share is not said to be");

      const api = await ig.api("GET", `/api/v1/rights-requests/${requestId}/warnings`);
      assert.equal(api.statusCode, 200, api.body);
      const { notTold, allegedPerpetrator } = api.json();
      assert.deepEqual(
        notTold.map((d: { reference: string; rule: string; itemIds: string[]; disclosureId: string }) => [
          d.reference,
          d.rule,
          d.itemIds,
          d.disclosureId,
        ]),
        [[riskDecision.reference, "GR2-ENGAGE", [riskItemId], riskDecision.disclosure.id]],
      );
      assert.deepEqual(
        allegedPerpetrator.map((l: { perpetrator: string; towards: string }) => [l.perpetrator, l.towards]),
        [["Ryan Carter", "Lily Carter"]],
      );
    });
  });
});
