import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import type { App } from "../../../src/app/build-app";
import { today } from "../../../src/platform/dates/calendar";
import { testApp } from "../../support/app";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation, newUser } from "../../support/factories";
import type { TestClient } from "../../support/http-client";
import { pageText as words } from "../../support/page-text";
import { signedInAs } from "../../support/sign-in";

describeEachDatabase("the access pack: every item as reviewed, who it went to, and the requester's rights", (ctx) => {
  let app: App;
  let ig: TestClient;
  let practitioner: TestClient;
  let requestId: string;
  let crimeItemId: string;
  let namesItemId: string;
  let councilId: string;
  let zoeDisclosureId: string;

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
    zoeDisclosureId = shared.json().disclosure.id;
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
    assert.ok(!pack.items.some((i: { id: string }) => i.id === crimeItemId), "nor the withheld item at all");
    assert.deepEqual(
      pack.forIgLead.withheldItems,
      [{ id: crimeItemId, exemption: "EX-CRIME" }],
      "the IG lead's part says what was withheld",
    );
    assert.deepEqual(
      pack.recipients.map((r: { organisation: string; items: number }) => [r.organisation, r.items]),
      [["Westshire Children's Services", 1]],
    );
    assert.ok(pack.rights.some((r: string) => r.includes("Information Commissioner")));
  });

  test("the PDF says the same, names and all, with dates and exemptions in words", async () => {
    const res = await ig.get(`/api/v1/rights-requests/${requestId}/pack.pdf`);
    assert.equal(res.statusCode, 200);
    assert.equal(res.headers["content-type"], "application/pdf");
    const { PDFParse } = await import("pdf-parse");
    const parser = new PDFParse({ data: res.rawPayload });
    const text = (await parser.getText()).text.replace(/\s+/g, " ");
    await parser.destroy();
    assert.match(text, /Zoë Ní Bhriain/);
    assert.match(text, /late six times/);
    assert.match(text, /Some information may have been withheld, or words taken out, under exemptions in the Data Protection Act 2018/);
    assert.doesNotMatch(text, /prevention or detection of crime|Held back/, "what was withheld, and why, is not said");
    assert.doesNotMatch(text, /EX-[A-Z]|\d{4}-\d{2}-\d{2}/, "no exemption code or ISO date for the requester to read");
    assert.doesNotMatch(text, /ongoing investigation/);
    assert.doesNotMatch(text, /Ann Lee/);
    assert.match(text, /Westshire Children's Services/);
    assert.match(text, /ico\.org\.uk/);
  });
  describe("a father recorded as an alleged perpetrator asks for what the school holds about his daughter", () => {
    let requestId: string;
    let lily: string;
    let riskItemId: string;
    let toldItemId: string;
    let longItemId: string;
    let riskDecision: { id: string; reference: string; disclosure: { id: string } };
    let toldDecision: { id: string; reference: string; disclosure: { id: string } };
    const move = (body: Record<string, unknown>) => ig.api("POST", `/api/v1/rights-requests/${requestId}/transitions`, body);
    const respond = { to: "RESPONDED", outcome: "PARTIAL", reason: "Some information is withheld", safetyCheck: "Agreed with the DSL" };
    const pack = async () => (await ig.api("GET", `/api/v1/rights-requests/${requestId}/pack`)).json();
    const pdfPages = async () => {
      const res = await ig.get(`/rights/${requestId}/pack.pdf`);
      assert.equal(res.statusCode, 200);
      const { PDFParse } = await import("pdf-parse");
      const parser = new PDFParse({ data: res.rawPayload });
      const { pages } = await parser.getText();
      await parser.destroy();
      return pages.map((p: { text: string }) => p.text.replace(/\s+/g, " "));
    };
    const reviewRecipient = (disclosureId: string, body: Record<string, unknown>) =>
      ig.api("POST", `/api/v1/rights-requests/${requestId}/recipients/${disclosureId}/review`, body);
    before(async () => {
      const person = async (kind: string, givenNames: string, familyName: string) =>
        (await practitioner.api("POST", "/api/v1/subjects", { kind, givenNames, familyName })).json().id as string;
      const link = async (fromSubjectId: string, toSubjectId: string, kind: string) =>
        assert.equal((await practitioner.api("POST", "/api/v1/subject-links", { fromSubjectId, toSubjectId, kind })).statusCode, 201);
      lily = await person("CHILD", "Lily", "Carter");
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
      longItemId = await add(`Lily's attendance, week by week. ${"Present every morning, collected on time by her mother. ".repeat(90)}`);
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
    test("while any item or record of who it was shared with is unreviewed, the pack is a draft: so says the JSON, every PDF page and the request page, and the request cannot be marked responded", async () => {
      const draft = await pack();
      assert.equal(draft.draft, true);
      assert.equal(draft.unreviewed, 5, "three items and two records of who it was shared with");
      const pages = await pdfPages();
      assert.ok(pages.length >= 2, `the long item takes the pack over ${pages.length} page`);
      for (const [i, text] of pages.entries()) assert.match(text, /DRAFT/, `page ${i + 1} is marked as a draft`);

      const page = await ig.get(`/rights/${requestId}`);
      assert.match(page.body, /The access pack is a draft/);
      assert.match(page.body, /Download the draft access pack \(PDF\)/);
      assert.doesNotMatch(page.body, /Download the access pack/);

      const refused = await move(respond);
      assert.equal(refused.statusCode, 409, refused.body);
      assert.match(refused.json().detail, /still a draft: 3 items and 2 records of who it was shared with have not been reviewed/);
      const web = await ig.post(`/rights/${requestId}/transitions`, {
        to: "RESPONDED",
        outcome: "FULL",
        safetyCheck: "Agreed with the DSL",
      });
      assert.equal(web.statusCode, 409);
      assert.match(web.body, /govuk-error-summary/);
      assert.match(web.body, /still a draft/);
      assert.match(web.body, /Agreed with the DSL/, "what was typed is kept");
      assert.equal((await ig.api("GET", `/api/v1/rights-requests/${requestId}`)).json().state, "IN_PROGRESS");
    });

    test("a draft downloads under a name that says so, each page is marked as not the response, and the first says what is left to review", async () => {
      for (const url of [`/rights/${requestId}/pack.pdf`, `/api/v1/rights-requests/${requestId}/pack.pdf`]) {
        const res = await ig.get(url);
        assert.match(String(res.headers["content-disposition"]), /filename="SR-[0-9A-F]{8}-DRAFT\.pdf"/, url);
      }
      const pages = await pdfPages();
      for (const [i, text] of pages.entries()) assert.match(text, /DRAFT: not the response/, `page ${i + 1}`);
      assert.match(pages[0]!, /3 items and 2 records of who it was shared with have not been reviewed/);
    });

    test("while the pack is a draft the request page does not offer to mark the request responded, and says what is left to review", async () => {
      const page = (await ig.get(`/rights/${requestId}`)).body;
      const next = page.slice(page.indexOf("What happens next"));
      assert.match(next, /name="to" type="radio" value="EXEMPTION_REVIEW"/, "work on it is still offered");
      assert.doesNotMatch(next, /value="RESPONDED"/);
      assert.match(
        next,
        /The access pack is still a draft: 3 items and 2 records of who it was shared with have not been reviewed. Review each one before responding/,
      );
    });

    test("each record of who it was shared with is reviewed as an item is: withheld under an exemption with its reason, it leaves the pack and its PDF", async () => {
      const noReason = await reviewRecipient(riskDecision.disclosure.id, { decision: "WITHHOLD", exemption: "EX-CHILD-ABUSE-DATA" });
      assert.equal(noReason.statusCode, 400);
      assert.deepEqual(
        noReason.json().errors.map((e: { path: string }) => e.path),
        ["/reason"],
      );
      assert.equal(
        (await reviewRecipient(riskDecision.disclosure.id, { decision: "REDACT" })).statusCode,
        400,
        "a record of sharing is listed or withheld",
      );

      const url = `/rights/${requestId}/recipients/${riskDecision.disclosure.id}`;
      const page = await ig.get(url);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Westshire Children(&#39;|')s Services/);
      assert.ok(page.body.includes(riskDecision.reference), "the page warns that this sharing was kept from the family");
      const typed = await ig.post(`${url}/review`, { decision: "WITHHOLD", exemption: "EX-CHILD-ABUSE-DATA", reason: "" });
      assert.equal(typed.statusCode, 400);
      assert.match(typed.body, /href="#review-reason"/);
      assert.match(typed.body, /value="EX-CHILD-ABUSE-DATA" selected/, "what was chosen is kept");
      const saved = await ig.post(`${url}/review`, {
        decision: "WITHHOLD",
        exemption: "EX-CHILD-ABUSE-DATA",
        reason: "Telling him of the referral is not in Lily's best interests",
      });
      assert.equal(saved.statusCode, 303);
      assert.equal((await reviewRecipient(toldDecision.disclosure.id, { decision: "DISCLOSE" })).statusCode, 204);

      const reviewed = await pack();
      assert.equal(reviewed.unreviewed, 3, "only the items are left");
      assert.deepEqual(
        reviewed.recipients.map((r: { id: string }) => r.id),
        [toldDecision.disclosure.id],
      );
      assert.deepEqual(
        reviewed.forIgLead.withheld.map((w: { exemption: string; items: number; recipients: number }) => [
          w.exemption,
          w.items,
          w.recipients,
        ]),
        [["EX-CHILD-ABUSE-DATA", 0, 1]],
      );
      const text = (await pdfPages()).join(" ");
      assert.equal(text.split("Westshire Children's Services").length - 1, 1, "one record of sharing is listed");
      assert.doesNotMatch(text, /EX-CHILD-ABUSE-DATA/, "no rule code for the requester to read");

      const elsewhere = await reviewRecipient(zoeDisclosureId, { decision: "DISCLOSE" });
      assert.equal(elsewhere.statusCode, 404, "a disclosure about someone not attached to this request is not found");
      assert.equal((await ig.get(`/rights/${requestId}/recipients/${zoeDisclosureId}`)).statusCode, 404);
    });

    test("the review page highlights the names of other people linked to the child in an item's text, and a ticked name is taken out", async () => {
      const url = `/rights/${requestId}/items/${riskItemId}`;
      const page = await ig.get(url);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /<mark[^>]*>Jade Carter<span class="govuk-visually-hidden">/, "the name is marked in the text");
      // Ryan is linked to Lily, but he is the requester: his own name is his information, not a third party's.
      assert.doesNotMatch(page.body, /<mark[^>]*>Ryan/, "the requester's own name is not marked");
      assert.doesNotMatch(page.body, /Ryan Carter, parent or carer/, "nor listed as another person");
      assert.doesNotMatch(page.body, /name="redactNames" type="checkbox" value="Ryan"/);
      assert.match(page.body, /Names of other people found in this item/);
      assert.match(page.body, /Jade Carter, parent or carer of Lily Carter/);
      assert.match(page.body, /name="redactNames" type="checkbox" value="Jade Carter"/, "each name can be ticked to take it out");
      assert.doesNotMatch(page.body, /<mark[^>]*>Lily/, "the child's own name is not a third party's");

      const saved = await ig.post(`${url}/review`, {
        decision: "REDACT",
        exemption: "EX-THIRD-PARTY",
        reason: "Jade has not agreed to her name going to him",
        redactNames: "Jade Carter",
      });
      assert.equal(saved.statusCode, 303, saved.body);
      const item = (await pack()).items.find((i: { id: string }) => i.id === riskItemId);
      assert.equal(item.text, "[redacted] said Ryan has not lived with them since March and must not know where they are staying.");
    });

    test("a name ticked to take out is taken out, or refused: the words box holds only words typed, and a name is taken out only when disclosing with words taken out", async () => {
      const url = `/rights/${requestId}/items/${riskItemId}`;
      const textBox = (html: string) =>
        /<textarea[^>]*id="review-redactions"[^>]*>([\s\S]*?)<\/textarea>/.exec(html)?.[1]?.trim() ?? "missing";
      const page = (await ig.get(url)).body;
      assert.match(page, /name="redactNames" type="checkbox" value="Jade Carter" checked/, "the name taken out is ticked");
      assert.equal(textBox(page), "", "and not repeated in the words to take out");

      // Unticking the name and saving what the page shows takes the name out of the redactions.
      const review = { decision: "REDACT", exemption: "EX-THIRD-PARTY", reason: "Where they live is withheld" };
      const unticked = await ig.post(`${url}/review`, { ...review, redactions: `${textBox(page)}\nsince March` });
      assert.equal(unticked.statusCode, 303, unticked.body);
      const item = () => pack().then((p) => p.items.find((i: { id: string }) => i.id === riskItemId));
      assert.equal(
        (await item()).text,
        "Jade Carter said Ryan has not lived with them [redacted] and must not know where they are staying.",
      );
      assert.equal(textBox((await ig.get(url)).body), "since March");

      const disclosed = await ig.post(`${url}/review`, { decision: "DISCLOSE", redactNames: "Jade Carter" });
      assert.equal(disclosed.statusCode, 400, "a name ticked while disclosing in full is not silently ignored");
      assert.match(disclosed.body, /href="#review-redactions"[^>]*>[^<]*disclose it with words taken out/);
      const api = await ig.api("POST", `/api/v1/rights-requests/${requestId}/items/${riskItemId}/review`, {
        decision: "WITHHOLD",
        exemption: "EX-THIRD-PARTY",
        reason: "x",
        redactions: ["Jade Carter"],
      });
      assert.equal(api.statusCode, 400);
      assert.equal(api.json().errors[0].path, "/redactions");
      assert.match((await item()).text, /\[redacted\] and must not know/, "the review saved before stands");

      const restored = await ig.post(`${url}/review`, { ...review, redactNames: "Jade Carter" });
      assert.equal(restored.statusCode, 303);
    });

    test("an item withheld from a parent as child abuse data is left out of what he is sent: not its text, date, category or source, nor the exemption; the IG lead's part of the pack and the request page say what was held back", async () => {
      const added = await practitioner.api("POST", `/api/v1/subjects/${lily}/items`, {
        category: "health",
        kind: "FACT",
        text: "Lily told the school nurse her dad hurt her arm; referred to children's social care.",
        eventDate: "2026-11-20",
        source: { name: "School nurse", method: "TOLD_DIRECTLY", obtainedOn: "2026-11-20" },
      });
      assert.equal(added.statusCode, 201, added.body);
      const abuseItemId = added.json().id as string;
      const withheld = await ig.api("POST", `/api/v1/rights-requests/${requestId}/items/${abuseItemId}/review`, {
        decision: "WITHHOLD",
        exemption: "EX-CHILD-ABUSE-DATA",
        reason: "Telling him is not in Lily's best interests",
      });
      assert.equal(withheld.statusCode, 204, withheld.body);

      const sent = await pack();
      assert.ok(!sent.items.some((i: { id: string }) => i.id === abuseItemId), "the item is not in the pack");
      assert.ok(!sent.categories.includes("Health"), "nor does it add its category");
      assert.ok(!sent.sources.some((s: string) => s.startsWith("School nurse")), "or its source");
      assert.deepEqual(sent.forIgLead.withheldItems, [{ id: abuseItemId, exemption: "EX-CHILD-ABUSE-DATA" }]);
      assert.deepEqual(
        sent.forIgLead.withheld.map((w: { exemption: string; items: number; recipients: number }) => [w.exemption, w.items, w.recipients]),
        [
          ["EX-THIRD-PARTY", 1, 0],
          ["EX-CHILD-ABUSE-DATA", 1, 1],
        ],
      );

      const text = (await pdfPages()).join(" ");
      assert.doesNotMatch(text, /school nurse|School nurse|20 November 2026|hurt her arm/, "nothing of the item");
      assert.doesNotMatch(text, /[Cc]hild abuse|Schedule 3|Sch 3|Held back/, "nor the exemption that protects it");
      assert.equal(text.split("may have been withheld").length - 1, 1, "one neutral sentence");

      const page = (await ig.get(`/rights/${requestId}`)).body.replace(/<[^>]*>/g, " ").replace(/\s+/g, " ");
      assert.match(page, /Child abuse data, asked for by a parent \(Schedule 3, Part 5\): 1 item and 1 record of who it was shared with/);
    });

    test("the review pages name each exemption in words, in the review and in the choices, never by its rule code", async () => {
      const entry = (await ig.get(`/rights/${requestId}/recipients/${riskDecision.disclosure.id}`)).body;
      assert.match(words(entry), /Exemption\s+Child abuse data/, "the review says which exemption it relied on");
      assert.match(entry, /<option value="EX-CHILD-ABUSE-DATA" selected>Child abuse data/);
      assert.doesNotMatch(words(entry), /EX-[A-Z]/);
      const item = (await ig.get(`/rights/${requestId}/items/${riskItemId}`)).body;
      assert.match(words(item), /Exemption\s+Information about other people/);
      assert.doesNotMatch(words(item), /EX-[A-Z]/);
    });

    test("once every item and record of who it was shared with is reviewed, the pack is final and the request can be marked responded", async () => {
      for (const itemId of [toldItemId, longItemId]) {
        const res = await ig.api("POST", `/api/v1/rights-requests/${requestId}/items/${itemId}/review`, { decision: "DISCLOSE" });
        assert.equal(res.statusCode, 204, res.body);
      }
      const final = await pack();
      assert.equal(final.draft, false);
      assert.equal(final.unreviewed, 0);
      for (const text of await pdfPages()) assert.doesNotMatch(text, /DRAFT/);
      const page = await ig.get(`/rights/${requestId}`);
      assert.match(page.body, /Download the access pack \(PDF\)/);
      assert.doesNotMatch(page.body, /The access pack is a draft|draft access pack/);
      assert.match(page.body, /name="to" type="radio" value="RESPONDED"/, "now it can be the response");
      const done = await move(respond);
      assert.equal(done.statusCode, 204, done.body);
    });

    test("once the request is answered, no review can change what its pack says", async () => {
      const before = await pack();
      const item = await ig.api("POST", `/api/v1/rights-requests/${requestId}/items/${toldItemId}/review`, {
        decision: "WITHHOLD",
        exemption: "EX-CRIME",
        reason: "Changed after the response",
      });
      assert.equal(item.statusCode, 409, item.body);
      assert.match(item.json().detail, /has been answered/);
      const entry = await reviewRecipient(riskDecision.disclosure.id, { decision: "DISCLOSE" });
      assert.equal(entry.statusCode, 409, entry.body);
      const web = await ig.post(`/rights/${requestId}/items/${toldItemId}/review`, { decision: "DISCLOSE" });
      assert.equal(web.statusCode, 409);
      assert.match(web.body, /has been answered/);
      const itemPage = (await ig.get(`/rights/${requestId}/items/${toldItemId}`)).body;
      assert.doesNotMatch(itemPage, /Save the review/, "the review is no longer offered");
      assert.match(itemPage, /has been answered, so what was sent for it can no longer change/, "and the page says why");
      const entryPage = (await ig.get(`/rights/${requestId}/recipients/${riskDecision.disclosure.id}`)).body;
      assert.doesNotMatch(entryPage, /Save the review/);
      assert.match(entryPage, /has been answered/);
      const res = await ig.get(`/rights/${requestId}/pack.pdf`);
      assert.match(String(res.headers["content-disposition"]), /filename="SR-[0-9A-F]{8}\.pdf"/, "the response is named by its reference");
      const after = await pack();
      assert.deepEqual([after.items, after.recipients], [before.items, before.recipients], "the pack is as it was when it was sent");
    });
  });
});
