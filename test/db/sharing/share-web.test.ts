import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { addDays, format, parseISO, subMonths } from "date-fns";
import { and, eq } from "drizzle-orm";
import type { App } from "../../../src/app/build-app";
import { agreementReference } from "../../../src/features/agreements/domain/document";
import { agreements, agreementVersions } from "../../../src/features/agreements/schema";
import { formDrafts } from "../../../src/features/form-drafts/schema";
import type { ShareDecisionInput } from "../../../src/features/sharing/domain/decision-input";
import { informationRequests, shareDecisions } from "../../../src/features/sharing/schema";
import { decisionReference } from "../../../src/features/sharing/services/decisions";
import { recordShareDecision } from "../../../src/features/sharing/services/record-decision";
import type { Actor } from "../../../src/platform/auth/actor";
import { today, ukDate } from "../../../src/platform/dates/calendar";
import { isWorkingDay } from "../../../src/platform/dates/working-days";
import { ALL_SHARE_RULES } from "../../../src/platform/rules";
import { TEST_PUBLIC_URL, testApp } from "../../support/app";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation, newSignedAgreement, newUser } from "../../support/factories";
import type { TestClient } from "../../support/http-client";
import { signedInAs } from "../../support/sign-in";

/**
 * The share decision pages: the emergency gate, the question pages asked in turn over a
 * server-side draft, check your answers with the rules' findings, recording, the decision page, the
 * recipient's inbox and the emergency route.
 */

const REFUGE = "Flat 7, 3 Quiet Mews, Eastmoor";

/** Any rule's code (rules.ts), as it must not appear in what a practitioner reads. */
const RULE_CODE = new RegExp(Object.keys(ALL_SHARE_RULES).join("|"));

/** What a person reads on a page: its text, without tags and attributes (a box's value names a code, unseen). */
const visibleText = (html: string) => html.replace(/<(script|style)[\s\S]*?<\/\1>/g, " ").replace(/<[^>]*>/g, " ");

describeEachDatabase("share decision pages", (ctx) => {
  let app: App;
  let practitioner: TestClient;
  let practitionerActor: Actor;
  let schoolDsl: TestClient;
  let socialWorker: TestClient;
  let outsider: TestClient;
  let councilId: string;
  let socialWorkerId: string;
  let childId: string;
  let attendanceId: string;
  let healthId: string;
  let underLapsedId: string;
  let lapsedReference: string;

  const decisions = () => ctx.database.db.select().from(shareDecisions).where(eq(shareDecisions.subjectId, childId));
  const step = (name: string, form: Record<string, string | string[]>) =>
    practitioner.post(`/subjects/${childId}/share/steps/${name}`, form);

  before(async () => {
    app = await testApp(ctx.database);
    const db = ctx.database.db;
    const school = await newOrganisation(db, { name: "Northbrook Primary" });
    const council = await newOrganisation(db, { name: "Westshire Children's Services", type: "childrens_social_care" });
    const police = await newOrganisation(db, { name: "Westshire Police", type: "police" });
    councilId = council.id;
    const tomasz = await newUser(db, school, ["practitioner"], { name: "Tomasz Wójcik" });
    practitionerActor = tomasz.actor;
    practitioner = await signedInAs(app, db, tomasz);
    schoolDsl = await signedInAs(app, db, await newUser(db, school, ["safeguarding_lead"], { name: "Siobhán O'Connor" }));
    const sw = await newUser(db, council, ["practitioner"], { name: "Aoife Ní Bhriain" });
    socialWorkerId = sw.user.id;
    socialWorker = await signedInAs(app, db, sw);
    outsider = await signedInAs(app, db, await newUser(db, police, ["practitioner", "safeguarding_lead", "ig_lead"]));
    const child = await practitioner.api("POST", "/api/v1/subjects", {
      kind: "CHILD",
      givenNames: "Kai",
      familyName: "Mensah",
      dateOfBirth: "2018-05-04",
      addresses: [{ lines: REFUGE, postcode: "WS7 7QQ", protected: true }],
    });
    childId = child.json().id;
    const add = async (body: Record<string, unknown>) =>
      (
        await practitioner.api("POST", `/api/v1/subjects/${childId}/items`, {
          category: "education",
          kind: "FACT",
          eventDate: "2026-11-02",
          source: { name: "Attendance officer", method: "DOCUMENT", obtainedOn: "2026-11-03" },
          ...body,
        })
      ).json().id as string;
    attendanceId = await add({ text: "Attendance 62% this term." });
    healthId = await add({ category: "health", specialCategory: true, text: "School nurse: weight below the 2nd centile." });

    // Three agreements the school is a party to: only the first covers a share with the council today.
    const between = (title: string, partyIds: string[]) => ({
      documentControl: { title, tier: "STRATEGIC" as const },
      parties: partyIds.map((organisationId) => ({ organisationId, controllerRelationship: "SEPARATE" as const })),
    });
    await newSignedAgreement(db, council, between("School and council attendance agreement", [school.id, council.id]));
    const lapsedReview = format(subMonths(new Date(), 10), "yyyy-MM-dd");
    const lapsed = await newSignedAgreement(
      db,
      council,
      between("Lapsed school and council agreement", [school.id, council.id]),
      lapsedReview,
    );
    // A tier 2 agreement in its own right, but under the lapsed one: not in force either.
    underLapsedId = (
      await newSignedAgreement(db, council, {
        ...between("Attendance operations under the lapsed agreement", [school.id, council.id]),
        documentControl: { title: "Attendance operations under the lapsed agreement", tier: "OPERATIONAL", parentAgreementId: lapsed.id },
      })
    ).id;
    lapsedReference = agreementReference(lapsed.number);
    await newSignedAgreement(db, police, between("School and police agreement", [school.id, police.id]));
  });
  after(() => app.close());

  test("a concern offered as the share's reason names the day it was noticed as people write it", async () => {
    const child = await practitioner.api("POST", "/api/v1/subjects", { kind: "CHILD", givenNames: "Ava", familyName: "Mensah" });
    const avaId = child.json().id as string;
    const raised = await practitioner.api("POST", `/api/v1/subjects/${avaId}/concerns`, {
      category: "NEGLECT",
      description: "Arrives hungry most mornings.",
      levelOfNeed: "EARLY_HELP",
      noticedOn: "2026-03-07",
    });
    assert.equal(raised.statusCode, 201, raised.body);
    const page = await practitioner.get(`/subjects/${avaId}/share/steps/purpose`);
    assert.equal(page.statusCode, 200);
    assert.match(visibleText(page.body), /noticed 7 March 2026/);
    assert.doesNotMatch(visibleText(page.body), /2026-03-07/);
  });

  test("a recorded decision names the concern it was about in words, never by its id", async () => {
    // A child of its own: the wizard's tests below count the decisions about Kai.
    const other = await practitioner.api("POST", "/api/v1/subjects", { kind: "CHILD", givenNames: "Noah", familyName: "Mensah" });
    const noahId = other.json().id as string;
    const raised = await practitioner.api("POST", `/api/v1/subjects/${noahId}/concerns`, {
      category: "NEGLECT",
      description: "Arrives hungry most mornings.",
      levelOfNeed: "EARLY_HELP",
      noticedOn: "2026-03-07",
    });
    assert.equal(raised.statusCode, 201, raised.body);
    const concernId = raised.json().id as string;
    const recorded = await practitioner.api(
      "POST",
      "/api/v1/share-decisions",
      {
        subjectId: noahId,
        purpose: { code: "CHILD_IN_NEED_S17", description: "The council asked about attendance", concernId },
        information: { personal: true, confidential: false, thirdParty: false },
        recipient: { organisationId: councilId },
        lawfulBasis: {},
        items: { items: [] },
        transparency: {},
        advice: {},
        decision: { outcome: "DO_NOT_SHARE", reasons: "Nothing the school holds bears on it" },
        acknowledgedWarnings: [],
      },
      { "idempotency-key": randomUUID() },
    );
    assert.equal(recorded.statusCode, 201, recorded.body);
    const page = visibleText((await practitioner.get(`/share-decisions/${recorded.json().id}`)).body);
    assert.match(page, /Neglect, noticed 7 March 2026/);
    assert.ok(!page.includes(concernId), "the concern's id is not shown");
  });

  describe("the wizard", () => {
    let decisionId: string;

    test("the gate asks about immediate risk first, and a missing answer is an error that names it", async () => {
      const gate = await practitioner.get(`/subjects/${childId}/share`);
      assert.equal(gate.statusCode, 200);
      assert.match(gate.body, /Is there an immediate risk to life, or of serious harm\?/);
      const missing = await practitioner.post(`/subjects/${childId}/share`, {});
      assert.equal(missing.statusCode, 400);
      assert.match(missing.body, /govuk-error-summary/);
      assert.match(missing.body, /href="#immediateRisk"/);
      const no = await practitioner.post(`/subjects/${childId}/share`, { immediateRisk: "no" });
      assert.equal(no.statusCode, 303);
      assert.equal(no.headers.location, `/subjects/${childId}/share/tasks`);
    });

    test("each question page saves to the server-side draft and goes on to the next that applies", async () => {
      const recipient = await practitioner.get(`/subjects/${childId}/share/steps/recipient`);
      assert.match(recipient.body, /Westshire Children&#39;s Services/);
      const toCouncil = await step("recipient", { "recipient-organisationId": councilId, "recipient-role": "SOCIAL_WORKER" });
      // One agreement in force covers the school and the council: it is chosen, so the agreement is not asked.
      assert.equal(toCouncil.headers.location, `/subjects/${childId}/share/steps/outcome`);
      const [chosen] = await ctx.database.db.select().from(formDrafts).where(eq(formDrafts.key, childId));
      assert.match(
        String((chosen!.data as { answers: { recipient: { agreementId: string } } }).answers.recipient.agreementId),
        /^[0-9a-f-]{36}$/,
      );
      await step("agreement", { "recipient-agreementId": "none", "recipient-routine": "no" });
      const person = await practitioner.get(`/subjects/${childId}/share/steps/recipient-person`);
      assert.match(person.body, /Aoife Ní Bhriain/, "the recipient organisation's practitioners can be named");
      await step("recipient-person", { "recipient-userId": socialWorkerId });
      assert.equal(
        (await step("outcome", { "decision-outcome": "PARTIAL_SHARE" })).headers.location,
        `/subjects/${childId}/share/steps/purpose`,
      );
      assert.equal(
        (await step("purpose", { "purpose-code": "CHILD_IN_NEED_S17", "purpose-description": "Assessment of Kai's needs" })).statusCode,
        303,
      );
      await step("items", {
        [`item-${attendanceId}`]: "share",
        [`item-${healthId}`]: "withhold",
        [`item-${healthId}-reason`]: "Not needed for the assessment",
      });
      await step("consent", { "transparency-informed": "yes", "transparency-consent": "NOT_SOUGHT:UNSAFE_TO_SEEK" });
      // Without an agreement, a one-off share asks what kind of information it is, then the legal basis a page at a time.
      const information = await step("information", {
        "information-personal": "yes",
        "information-confidential": "no",
        "information-thirdParty": "no",
      });
      assert.equal(information.headers.location, `/subjects/${childId}/share/steps/article6`);
      await step("reasons", { "decision-reasons": "Attendance has fallen", "decision-necessityAndProportionality": "Attendance only" });
      await step("advice", { "advice-sought": "no" });
      const resume = await practitioner.get(`/subjects/${childId}/share/tasks`);
      assert.equal(resume.headers.location, `/subjects/${childId}/share/steps/article6`, "carries on at the first part not answered");
      const [draft] = await ctx.database.db.select().from(formDrafts).where(eq(formDrafts.key, childId));
      const answers = (draft!.data as { answers: ShareDecisionInput }).answers;
      assert.equal(answers.purpose.code, "CHILD_IN_NEED_S17");
      assert.equal(answers.transparency.consentStatus, "NOT_SOUGHT");
      assert.equal(answers.transparency.consentNotSoughtReason, "UNSAFE_TO_SEEK");
    });

    test("a follow-up is asked under the answer that calls for it, and not kept when that answer changes", async () => {
      const page = (await practitioner.get(`/subjects/${childId}/share/steps/consent`)).body;
      assert.match(page, /id="conditional-transparency-informed-2"[\s\S]*If not, why not\?/);
      await step("consent", {
        "transparency-informed": "no",
        "transparency-notInformedReason": "It would alert the household",
        "transparency-consent": "NOT_SOUGHT:UNSAFE_TO_SEEK",
      });
      await step("consent", {
        "transparency-informed": "yes",
        "transparency-notInformedReason": "It would alert the household",
        "transparency-consent": "NOT_SOUGHT:UNSAFE_TO_SEEK",
      });
      const [draft] = await ctx.database.db.select().from(formDrafts).where(eq(formDrafts.key, childId));
      assert.equal((draft!.data as { answers: ShareDecisionInput }).answers.transparency.notInformedReason, undefined);
    });

    test("the agreement question offers only agreements in force that both organisations are parties to", async () => {
      const page = await practitioner.get(`/subjects/${childId}/share/steps/agreement`);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Which data sharing agreement covers it\?/);
      assert.match(page.body, /DSA-\d{4} School and council attendance agreement \(version 1 in force\)/);
      assert.ok(!page.body.includes("Lapsed school and council agreement"), "an agreement more than 3 months past review is not in force");
      assert.ok(!page.body.includes("School and police agreement"), "the council is not a party to the police agreement");
    });

    test("checking the answers shows each rule that blocks, in plain English; recording is refused and nothing is recorded", async () => {
      const check = await practitioner.get(`/subjects/${childId}/share/check`);
      assert.match(check.body, /Select the Article 6 lawful basis/);
      assert.doesNotMatch(visibleText(check.body), RULE_CODE, "a practitioner reads the reasons, not the rule codes");
      assert.doesNotMatch(check.body, /id="finding-rules"/);
      assert.match(check.body, /Attendance 62% this term/);
      const refused = await practitioner.post(`/subjects/${childId}/share/check`, {});
      assert.equal(refused.statusCode, 422);
      assert.match(refused.body, /govuk-error-summary/);
      assert.match(
        refused.body,
        /href="\/subjects\/[0-9a-f-]{36}\/share\/steps\/article6\?return=check#lawfulBasis-article6">Select the Article 6 lawful basis/,
      );
      assert.doesNotMatch(visibleText(refused.body), RULE_CODE);
      assert.equal((await decisions()).length, 0);
      // After a refused attempt, the page that asks the question shows its problem.
      const page = await practitioner.get(`/subjects/${childId}/share/steps/article6`);
      assert.match(page.body, /href="#lawfulBasis-article6">Select the Article 6 lawful basis/);
      assert.doesNotMatch(visibleText(page.body), RULE_CODE);
    });

    test("a safeguarding lead checking answers finds the rule behind each finding in a details panel", async () => {
      await schoolDsl.post(`/subjects/${childId}/share`, { immediateRisk: "no" });
      const check = (await schoolDsl.get(`/subjects/${childId}/share/check`)).body;
      const details = /<details[^>]*id="finding-rules"[\s\S]*?<\/details>/.exec(check)?.[0] ?? "";
      assert.match(details, /P-PURPOSE/, "the code of a rule that blocks");
      assert.match(details, /GR7-RECORD/);
      assert.doesNotMatch(visibleText(check.replace(details, "")), RULE_CODE, "and nowhere else on the page");
      await schoolDsl.post(`/subjects/${childId}/share/discard`, {});
    });

    test("an access expiry before today is refused: the check page sends the decider back to the question, which keeps the date typed", async () => {
      const decided = {
        "decision-reasons": "Attendance has fallen",
        "decision-necessityAndProportionality": "Attendance only",
      };
      const yesterday = addDays(new Date(), -1);
      await step("reasons", {
        ...decided,
        "decision-accessExpiresOn-day": String(yesterday.getDate()),
        "decision-accessExpiresOn-month": String(yesterday.getMonth() + 1),
        "decision-accessExpiresOn-year": String(yesterday.getFullYear()),
      });
      const refused = await practitioner.post(`/subjects/${childId}/share/check`, {});
      assert.equal(refused.statusCode, 400);
      assert.match(
        refused.body,
        new RegExp(
          `href="/subjects/${childId}/share/steps/reasons\\?return=check#decision-accessExpiresOn-day">The date they can open it until must be today or in the future`,
        ),
      );
      assert.equal((await decisions()).length, 0);
      const question = (await practitioner.get(`/subjects/${childId}/share/steps/reasons`)).body;
      assert.match(question, /href="#decision-accessExpiresOn-day">The date they can open it until must be today or in the future/);
      assert.match(question, /govuk-error-message[\s\S]*The date they can open it until must be today or in the future/);
      assert.match(question, new RegExp(`name="decision-accessExpiresOn-day" type="text" value="${yesterday.getDate()}"`));
      await step("reasons", decided);
    });

    test("with the answers put right and the warnings acknowledged, the decision is recorded and delivered once", async () => {
      await step("article6", { "lawfulBasis-article6": "A6_1E_PUBLIC_TASK" });
      await step("gateway", { "lawfulBasis-gateway": "CA2004_S11" });
      const unacknowledged = await practitioner.post(`/subjects/${childId}/share/check`, {});
      assert.equal(unacknowledged.statusCode, 422);
      assert.match(unacknowledged.body, /href="#acknowledged"/);
      const key = /name="key" value="([^"]+)"/.exec(unacknowledged.body)?.[1];
      assert.ok(key);
      const recorded = await practitioner.post(`/subjects/${childId}/share/check`, {
        key,
        acknowledged: ["GR4-SEEK-ADVICE", "ICO6-AGREEMENT"],
      });
      assert.equal(recorded.statusCode, 303, recorded.body.slice(0, 500));
      const rows = await decisions();
      assert.equal(rows.length, 1);
      decisionId = rows[0]!.id;
      assert.equal(recorded.headers.location, `/share-decisions/${decisionId}?outcome=recorded`);
      assert.deepEqual(rows[0]!.findings.map((f) => f.code).sort(), ["GR4-SEEK-ADVICE", "ICO6-AGREEMENT"]);
      const page = await practitioner.get(recorded.headers.location as string);
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /Decided to share some information with Westshire Children&#39;s Services/);
      assert.match(page.body, /Not needed for the assessment/, "the withheld item's reason is on the record");
      assert.ok(!(await ctx.database.db.select().from(formDrafts).where(eq(formDrafts.key, childId))).length, "the draft is gone");
      // The same form submitted again from a second tab finds the decision rather than recording another.
      const secondTab = await practitioner.post(`/subjects/${childId}/share/check`, {
        key,
        acknowledged: ["GR4-SEEK-ADVICE", "ICO6-AGREEMENT"],
      });
      assert.equal(secondTab.headers.location, `/share-decisions/${decisionId}`);
      assert.equal((await decisions()).length, 1);
    });

    test("the named person finds it in their inbox, reads it without the refuge address, and acknowledges it", async () => {
      const inbox = await socialWorker.get("/disclosures");
      assert.match(inbox.body, /Kai Mensah/);
      const href = /href="(\/disclosures\/[0-9a-f-]{36})"/.exec(inbox.body)?.[1];
      assert.ok(href);
      const read = await socialWorker.get(href!);
      assert.equal(read.statusCode, 200);
      assert.match(read.body, /Attendance 62% this term/);
      assert.ok(!read.body.includes("weight below"), "the withheld item did not go");
      assert.ok(!read.body.includes(REFUGE));
      const ack = await socialWorker.post(`${href}/acknowledge`, {});
      assert.equal(ack.statusCode, 303);
      const page = await practitioner.get(`/share-decisions/${decisionId}`);
      assert.match(page.body, /Receipt acknowledged/);
    });

    test("the record prints as a real PDF, names and all", async () => {
      const res = await practitioner.get(`/share-decisions/${decisionId}/record.pdf`);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers["content-type"], "application/pdf");
      const { PDFParse } = await import("pdf-parse");
      const parser = new PDFParse({ data: res.rawPayload });
      // Lines wrap where the page does: compare with the whitespace folded.
      const text = (await parser.getText()).text.replace(/\s+/g, " ");
      await parser.destroy();
      assert.match(text, /Decided to share some information with Westshire Children's Services/);
      assert.match(text, /Aoife Ní Bhriain/);
      assert.match(text, /Tomasz Wójcik/);
      assert.match(text, /Not needed for the assessment/);
      assert.match(text, /Acknowledged No advice is recorded/, "each warning says whether it was acknowledged");
      assert.doesNotMatch(text, /GR4-SEEK-ADVICE/, "the printed record gives reasons, not rule codes");
      const when = "\\d{1,2} [A-Z][a-z]+ \\d{4} at \\d{1,2}:\\d{2}[ap]m";
      assert.match(text, new RegExp(`Decided by Tomasz Wójcik, ${when}`), "the decision's time reads GOV.UK style");
      assert.match(text, new RegExp(`Printed from Safeshare by Tomasz Wójcik on ${when}\\.`));
      assert.match(text, /Kept until it is reviewed on \d{1,2} [A-Z][a-z]+ \d{4}/);
      assert.doesNotMatch(text, /\d{4}-\d{2}-\d{2}|\d{2}\/\d{2}\/\d{4}/, "no date printed as 2026-04-01 or 01/04/2026");
    });

    test("the record's PDF links to the record at the configured public address, not at the request's Host header", async () => {
      const res = await practitioner.get(`/share-decisions/${decisionId}/record.pdf`, { host: "attacker.example" });
      assert.equal(res.statusCode, 200);
      const raw = res.rawPayload.toString("latin1");
      assert.ok(raw.includes(`/URI (${TEST_PUBLIC_URL}/share-decisions/${decisionId})`), "it links to the record in Safeshare");
      assert.ok(!raw.includes("attacker.example"));
    });

    test("the outcome is added to the record from its page", async () => {
      const missing = await practitioner.post(`/share-decisions/${decisionId}/addenda`, { kind: "OUTCOME", text: "" });
      assert.equal(missing.statusCode, 400);
      assert.match(missing.body, /Enter the correction or the outcome/);
      const added = await practitioner.post(`/share-decisions/${decisionId}/addenda`, {
        kind: "OUTCOME",
        text: "An assessment has started",
      });
      assert.equal(added.statusCode, 303);
      assert.match((await practitioner.get(`/share-decisions/${decisionId}`)).body, /An assessment has started/);
    });

    test("another organisation cannot open the decision or the disclosure", async () => {
      assert.equal((await outsider.get(`/share-decisions/${decisionId}`)).statusCode, 404);
      assert.equal((await outsider.get(`/subjects/${childId}/share`)).statusCode, 404);
      const [row] = await decisions();
      const { disclosures } = await import("../../../src/features/sharing/schema");
      const [d] = await ctx.database.db.select().from(disclosures).where(eq(disclosures.decisionId, row!.id));
      assert.equal((await outsider.get(`/disclosures/${d!.id}`)).statusCode, 404);
    });
  });

  test("asking another organisation from a person's record names them as recorded and ties the request to that record", async () => {
    const subjectPage = await practitioner.get(`/subjects/${childId}`);
    assert.match(
      subjectPage.body,
      new RegExp(`href="/information-requests/new\\?subject=${childId}">Ask another organisation about Kai Mensah`),
    );
    const form = await practitioner.get(`/information-requests/new?subject=${childId}`);
    assert.equal(form.statusCode, 200);
    assert.match(form.body, /name="givenNames" type="text" value="Kai"/);
    assert.match(form.body, new RegExp(`name="requestingSubjectId" value="${childId}"`));
    assert.equal((await outsider.get(`/information-requests/new?subject=${childId}`)).statusCode, 404);
    const sent = await practitioner.post("/information-requests/new", {
      requestingSubjectId: childId,
      requestedOrganisationId: councilId,
      givenNames: "Kai",
      familyName: "Mensah",
      purposeCode: "EARLY_HELP",
      purpose: "Is the family known to you?",
      urgency: "ROUTINE",
    });
    assert.equal(sent.statusCode, 303, sent.body.slice(0, 300));
    const [made] = await ctx.database.db.select().from(informationRequests).where(eq(informationRequests.requestingSubjectId, childId));
    assert.ok(made, "the request is tied to the record it was asked from");
    const chronology = await practitioner.get(`/subjects/${childId}/chronology`);
    assert.match(chronology.body, /Information requested from Westshire Children&#39;s Services/);
  });

  test("an open information request says how far off its due date is, in working days", async () => {
    const [made] = await ctx.database.db.select().from(informationRequests).where(eq(informationRequests.requestingSubjectId, childId));
    assert.ok(made);
    const dueCell = async () => visibleText((await practitioner.get("/information-requests?box=outgoing")).body).replace(/\s+/g, " ");
    const detail = async () => visibleText((await practitioner.get(`/information-requests/${made.id}`)).body).replace(/\s+/g, " ");
    // Routine: 10 working days from the day it was made.
    assert.match(await dueCell(), new RegExp(`${ukDate(made.dueOn)} \\(due in 10 working days\\)`));
    assert.match(await detail(), /Due \d{1,2} [A-Z][a-z]+ \d{4} \(due in 10 working days\)/);
    const setDue = (dueOn: string) => ctx.database.db.update(informationRequests).set({ dueOn }).where(eq(informationRequests.id, made.id));
    await setDue(today());
    assert.match(await dueCell(), /\(due today\)/);
    // Two working days ago: walk back over any weekend or bank holiday.
    let day = parseISO(today());
    for (let lost = 0; lost < 2; ) {
      if (isWorkingDay(format(day, "yyyy-MM-dd"), "england-and-wales")) lost++;
      day = addDays(day, -1);
    }
    while (!isWorkingDay(format(day, "yyyy-MM-dd"), "england-and-wales")) day = addDays(day, -1);
    await setDue(format(day, "yyyy-MM-dd"));
    assert.match(await dueCell(), /Overdue \d{1,2} [A-Z][a-z]+ \d{4} \(2 working days overdue\)/);
    assert.match(await detail(), /\(2 working days overdue\)/);
    await setDue(made.dueOn);
  });

  test("the emergency route shares at once with a one-line reason, and says when the full record is due", async () => {
    const form = await practitioner.get(`/subjects/${childId}/share/emergency`);
    const key = /name="key" value="([^"]+)"/.exec(form.body)?.[1];
    assert.ok(key);
    const missing = await practitioner.post(`/subjects/${childId}/share/emergency`, {
      key,
      organisationId: councilId,
      items: attendanceId,
    });
    assert.equal(missing.statusCode, 422);
    assert.match(missing.body, /href="#reason">Say in one line why this cannot wait/);
    assert.doesNotMatch(visibleText(missing.body), RULE_CODE, "a practitioner reads the reason, not the rule's code");
    const body = { key, reason: "Kai says he will be taken abroad tonight", organisationId: councilId, items: attendanceId };
    const shared = await practitioner.post(`/subjects/${childId}/share/emergency`, body);
    assert.equal(shared.statusCode, 303, shared.body.slice(0, 300));
    const again = await practitioner.post(`/subjects/${childId}/share/emergency`, body);
    assert.equal(again.headers.location, shared.headers.location, "a second press of the button finds the same decision");
    const page = await practitioner.get(shared.headers.location as string);
    assert.match(page.body, /Emergency share: the full record of this decision is due by/);
    const emergencies = (await decisions()).filter((d) => d.emergency);
    assert.equal(emergencies.length, 1);
  });

  test("the emergency route lets the sharer write what they are worried about when nothing is recorded: it goes on the record with its source, and is what is sent", async () => {
    const child = await practitioner.api("POST", "/api/v1/subjects", { kind: "CHILD", givenNames: "Leo", familyName: "Mensah" });
    const leoId = child.json().id as string;
    const form = await practitioner.get(`/subjects/${leoId}/share/emergency`);
    assert.match(visibleText(form.body), /Nothing is recorded about Leo Mensah yet/);
    assert.match(form.body, /What are you worried about\?/);
    const key = /name="key" value="([^"]+)"/.exec(form.body)?.[1];
    const body = {
      key: key!,
      reason: "Leo says he is being collected by a man he does not know",
      organisationId: councilId,
      worry: "Leo told me at lunch that a man he does not know will collect him today and take him away.",
      worryMethod: "TOLD_DIRECTLY",
    };
    const shared = await practitioner.post(`/subjects/${leoId}/share/emergency`, body);
    assert.equal(shared.statusCode, 303, shared.body.slice(0, 400));
    const again = await practitioner.post(`/subjects/${leoId}/share/emergency`, body);
    assert.equal(again.headers.location, shared.headers.location, "a second press finds the same decision");
    const items = (await practitioner.api("GET", `/api/v1/subjects/${leoId}/items`)).json() as {
      items: { id: string; text: string; source: { name: string; method: string } }[];
    };
    const list = items.items;
    assert.equal(list.length, 1, "one record item, however many times the button is pressed");
    assert.equal(list[0]!.text, body.worry);
    assert.equal(list[0]!.source.name, "Tomasz Wójcik, Northbrook Primary");
    assert.equal(list[0]!.source.method, "TOLD_DIRECTLY");
    const id = /share-decisions\/([0-9a-f-]{36})/.exec(shared.headers.location as string)![1]!;
    const [row] = await ctx.database.db.select().from(shareDecisions).where(eq(shareDecisions.id, id));
    assert.deepEqual(
      (row!.record as ShareDecisionInput).items.items?.map((i) => i.itemId),
      [list[0]!.id],
    );
  });

  test("an emergency share whose full record is past due shows as overdue on its page, in the decisions list and on the sharer's own home page", async () => {
    const input = {
      subjectId: childId,
      emergency: { immediateRisk: true, reason: "Kai's father arrived drunk to collect him" },
      recipient: { organisationId: councilId },
      items: { items: [{ itemId: attendanceId, share: true }] },
    };
    // Shared two days ago: its full record was due 24 hours later.
    const { detail } = await recordShareDecision(ctx.database.db, practitionerActor, input, randomUUID(), addDays(new Date(), -2));
    const reference = decisionReference(detail.number);
    const rowOf = (html: string, ref: string) => html.split("<tr").find((tr) => tr.includes(`>${ref}<`)) ?? "";
    const onTime = (await decisions()).find((d) => d.emergency && d.id !== detail.id)!;

    const page = (await practitioner.get(`/share-decisions/${detail.id}`)).body;
    assert.match(
      page,
      /Overdue<\/strong> The full record of this emergency share was due by \d{1,2} [A-Z][a-z]+ \d{4} at \d{1,2}:\d{2}(am|pm)\./,
    );
    assert.doesNotMatch((await practitioner.get(`/share-decisions/${onTime.id}`)).body, /Overdue/);

    const list = (await practitioner.get("/share-decisions")).body;
    assert.match(rowOf(list, reference), /Full record overdue/);
    assert.doesNotMatch(rowOf(list, decisionReference(onTime.number)), /overdue/i);

    // Tomasz is not a safeguarding lead: his home page's work lists the emergency records he owes.
    const home = (await practitioner.get("/")).body;
    const workItem = (html: string, id: string) => html.split("<li").find((li) => li.includes(`href="/share-decisions/${id}"`)) ?? "";
    assert.match(workItem(home, detail.id), /Complete the full record of the emergency share[\s\S]*govuk-tag--red[\s\S]*overdue/i);
    assert.ok(workItem(home, onTime.id), "one still due is listed too");
    assert.doesNotMatch(workItem(home, onTime.id), /overdue/i);
    assert.doesNotMatch((await socialWorker.get("/")).body, new RegExp(`/share-decisions/${detail.id}`), "not on anyone else's");
  });

  test("an emergency shared without reading its warnings is recorded as such: each warning shows as not acknowledged", async () => {
    const [emergency] = (await decisions()).filter((d) => d.emergency);
    const warnings = emergency!.findings as { code: string; acknowledged?: boolean }[];
    assert.ok(warnings.length > 1);
    assert.ok(
      warnings.every((w) => w.acknowledged === false),
      "the record does not store them as if acknowledged",
    );
    const page = (await practitioner.get(`/share-decisions/${emergency!.id}`)).body;
    assert.doesNotMatch(page, /Warnings the decider acknowledged/);
    assert.equal(page.match(/>Not acknowledged</g)?.length, warnings.length, "every warning says it was not acknowledged");
    assert.doesNotMatch(page, /ICO9-EMERGENCY|GR4-SEEK-ADVICE/, "a practitioner reads the reasons, not the rule codes");
    const lead = (await schoolDsl.get(`/share-decisions/${emergency!.id}`)).body;
    const details = /<details[^>]*id="warning-rules"[\s\S]*?<\/details>/.exec(lead)?.[0] ?? "";
    assert.match(details, /ICO9-EMERGENCY/, "a safeguarding lead finds the rule codes in the details");
  });

  test("a practitioner is told a linked parent's refuge address will be redacted; the decision page then shows what went about the person and what was taken out", async () => {
    const mother = await practitioner.api("POST", "/api/v1/subjects", {
      kind: "PARENT_CARER",
      givenNames: "Megan",
      familyName: "Mensah",
      addresses: [{ lines: "Haven refuge, 2 Alder Mews, Westshire", postcode: "WS8 1HZ", protected: true }],
    });
    await practitioner.api("POST", "/api/v1/subject-links", { fromSubjectId: mother.json().id, toSubjectId: childId, kind: "PARENT_OF" });
    const refugeItem = await practitioner.api("POST", `/api/v1/subjects/${childId}/items`, {
      category: "family_circumstances",
      kind: "FACT",
      text: "Kai's mother has moved to Haven refuge, 2 Alder Mews, WS8 1HZ.",
      eventDate: "2026-11-20",
      source: { name: "Kai's mother", method: "TOLD_DIRECTLY", obtainedOn: "2026-11-20" },
      acknowledgedWarnings: ["GR5-PROTECT-IDENTITIES"],
    });
    const refugeItemId = refugeItem.json().id;

    await step("outcome", { "decision-outcome": "SHARE" });
    const items = await practitioner.get(`/subjects/${childId}/share/steps/items`);
    assert.equal(items.statusCode, 200);
    const card = new RegExp(`id="item-${refugeItemId}".*?</fieldset>`, "s").exec(items.body)?.[0] ?? "";
    assert.match(card, /mentions a protected address of someone linked to this person/);
    assert.match(card, /ask your safeguarding lead/);
    assert.doesNotMatch(
      items.body,
      /name="items-protectedAddressReason"/,
      "only a safeguarding or IG lead can leave a protected address in",
    );
    assert.doesNotMatch(card, /“Haven refuge/, "what will be taken out is said in words, not pointed out as the protected detail");
    assert.equal((await step("items", { [`item-${refugeItemId}`]: "share" })).statusCode, 303);
    const check = (await practitioner.get(`/subjects/${childId}/share/check`)).body;
    assert.match(check, /protected details taken out: a protected address of someone linked to this person\)/);
    assert.doesNotMatch(check, /protected details taken out: Haven/i);

    const res = await practitioner.api(
      "POST",
      "/api/v1/share-decisions",
      {
        subjectId: childId,
        purpose: { code: "CHILD_IN_NEED_S17", description: "Assessment of Kai's needs" },
        information: { personal: true, confidential: false, thirdParty: true },
        recipient: { organisationId: councilId, role: "SOCIAL_WORKER", userId: socialWorkerId, routine: false },
        transparency: { informed: true, consentStatus: "NOT_SOUGHT", consentNotSoughtReason: "UNSAFE_TO_SEEK" },
        lawfulBasis: { article6: "A6_1E_PUBLIC_TASK", gateway: "CA2004_S11" },
        items: { items: [{ itemId: refugeItemId, share: true }], subjectDetails: ["dateOfBirth", "addresses"] },
        advice: { sought: false },
        decision: { outcome: "SHARE", reasons: "Kai has moved", necessityAndProportionality: "Only that he has moved" },
        acknowledgedWarnings: ["ICO6-AGREEMENT", "GR4-SEEK-ADVICE", "GR5-PROTECT-IDENTITIES"],
      },
      { "idempotency-key": randomUUID() },
    );
    assert.equal(res.statusCode, 201, res.body);
    const page = await practitioner.get(`/share-decisions/${res.json().id}`);
    assert.equal(page.statusCode, 200);
    const about = /<h2[^>]*>What was sent about Kai Mensah<\/h2>.*?<\/dl>/s.exec(page.body)?.[0] ?? "";
    assert.match(about, /Name.*?Kai Mensah/s);
    assert.match(about, /Date of birth.*?4 May 2018/s);
    assert.match(about, /NHS number.*?Not sent/s);
    assert.match(about, /Addresses.*?A protected address \(such as a refuge\): left out/s);
    assert.ok(!page.body.includes(REFUGE) && !page.body.includes("WS7 7QQ"), "the practitioner is not shown the protected address");
    assert.match(page.body, /Kai&#39;s mother has moved to \[redacted\]\./);
    assert.match(page.body, /Protected details taken out: a protected address of someone linked to this person/);
  });
  test("two items mentioning a protected address are one warning to tick, with both reasons under its box; ticking it is recorded for both", async () => {
    const add = async (text: string, eventDate: string) =>
      (
        await practitioner.api("POST", `/api/v1/subjects/${childId}/items`, {
          category: "family_circumstances",
          kind: "FACT",
          text,
          eventDate,
          source: { name: "Kai", method: "TOLD_DIRECTLY", obtainedOn: eventDate },
          acknowledgedWarnings: ["GR5-PROTECT-IDENTITIES"],
        })
      ).json().id as string;
    const first = await add("Kai walks home alone to 3 Quiet Mews after school.", "2026-11-23");
    const second = await add("A neighbour near WS7 7QQ has seen Kai out late.", "2026-11-24");

    await practitioner.post(`/subjects/${childId}/share`, { immediateRisk: "no" });
    await step("recipient", { "recipient-organisationId": councilId, "recipient-role": "SOCIAL_WORKER" });
    await step("agreement", { "recipient-agreementId": "none", "recipient-routine": "no" });
    await step("outcome", { "decision-outcome": "SHARE" });
    await step("purpose", { "purpose-code": "CHILD_IN_NEED_S17", "purpose-description": "Kai is out late alone" });
    await step("items", { [`item-${first}`]: "share", [`item-${second}`]: "share" });
    await step("consent", { "transparency-informed": "yes", "transparency-consent": "NOT_SOUGHT:UNSAFE_TO_SEEK" });
    await step("information", { "information-personal": "yes", "information-confidential": "no", "information-thirdParty": "no" });
    await step("article6", { "lawfulBasis-article6": "A6_1E_PUBLIC_TASK" });
    await step("gateway", { "lawfulBasis-gateway": "CA2004_S11" });
    await step("reasons", { "decision-reasons": "Kai is out late alone", "decision-necessityAndProportionality": "Only these two items" });
    await step("advice", { "advice-sought": "no" });

    const check = (await practitioner.get(`/subjects/${childId}/share/check`)).body;
    const boxes = [...check.matchAll(/name="acknowledged" type="checkbox" value="([^"]+)"/g)].map((m) => m[1]);
    assert.deepEqual(boxes.sort(), ["GR4-SEEK-ADVICE", "GR5-PROTECT-IDENTITIES", "ICO6-AGREEMENT"], "one box per rule");
    const box =
      /<div class="govuk-checkboxes__item">(?:(?!govuk-checkboxes__item)[\s\S])*?value="GR5-PROTECT-IDENTITIES"[\s\S]*?(?=<div class="govuk-checkboxes__item">|<\/fieldset>)/.exec(
        check,
      )?.[0] ?? "";
    assert.match(box, /The family circumstances item dated 23 November 2026 mentions this person&#39;s protected address/);
    assert.match(box, /The family circumstances item dated 24 November 2026 mentions this person&#39;s protected address/);

    const key = /name="key" value="([^"]+)"/.exec(check)?.[1] ?? "";
    const unticked = await practitioner.post(`/subjects/${childId}/share/check`, {
      key,
      acknowledged: ["GR4-SEEK-ADVICE", "ICO6-AGREEMENT"],
    });
    assert.equal(unticked.statusCode, 422);
    const summary = /<div class="govuk-error-summary[\s\S]*?<\/ul>/.exec(unticked.body)?.[0] ?? "";
    assert.match(summary, /href="#acknowledged">Read and acknowledge this warning: The family circumstances item dated 23 November 2026/);
    assert.match(summary, /href="#acknowledged">Read and acknowledge this warning: The family circumstances item dated 24 November 2026/);

    const recorded = await practitioner.post(`/subjects/${childId}/share/check`, {
      key,
      acknowledged: ["GR4-SEEK-ADVICE", "GR5-PROTECT-IDENTITIES", "ICO6-AGREEMENT"],
    });
    assert.equal(recorded.statusCode, 303, recorded.body.slice(0, 400));
    const id = /share-decisions\/([0-9a-f-]{36})/.exec(recorded.headers.location as string)![1]!;
    const [row] = await ctx.database.db.select().from(shareDecisions).where(eq(shareDecisions.id, id));
    const gr5 = (row!.findings as { code: string; path: string; acknowledged?: boolean }[]).filter(
      (f) => f.code === "GR5-PROTECT-IDENTITIES",
    );
    assert.deepEqual(
      gr5.map((f) => [f.path, f.acknowledged]),
      [
        ["/items/items/0", true],
        ["/items/items/1", true],
      ],
      "the record says each was acknowledged, because the one box that covers both was ticked",
    );
    const page = (await practitioner.get(`/share-decisions/${id}`)).body;
    assert.equal(page.match(/>Acknowledged</g)?.length, 4, "each of the four warnings says it was acknowledged");
  });
  test("an agreement under a lapsed tier 1 agreement is not offered; one chosen before it lapsed says why it is not in force, naming the tier 1 agreement", async () => {
    await practitioner.post(`/subjects/${childId}/share`, { immediateRisk: "no" });
    await step("recipient", { "recipient-organisationId": councilId, "recipient-role": "SOCIAL_WORKER" });
    const offered = (await practitioner.get(`/subjects/${childId}/share/steps/agreement`)).body;
    assert.match(offered, /School and council attendance agreement/);
    assert.doesNotMatch(offered, /Attendance operations under the lapsed agreement/);

    await step("agreement", { "recipient-agreementId": underLapsedId });
    const chosen = (await practitioner.get(`/subjects/${childId}/share/steps/agreement`)).body;
    assert.match(
      chosen,
      new RegExp(
        `Attendance operations under the lapsed agreement \\(not in force: the tier 1 agreement it sits under, ${lapsedReference} Lapsed school and council agreement, is more than 3 months past its review date`,
      ),
    );
    await practitioner.post(`/subjects/${childId}/share/discard`, {});
  });

  test("a draft whose legal basis was confirmed under an agreement version since replaced asks for the terms in force again, and cites them", async () => {
    const db = ctx.database.db;
    const earlyHelp = await newOrganisation(db, { name: "Westshire Early Help", type: "early_help" });
    const agreement = await newSignedAgreement(db, earlyHelp, {
      documentControl: { title: "School and Early Help agreement", tier: "STRATEGIC" },
      parties: [practitionerActor.organisationId, earlyHelp.id].map((organisationId) => ({
        organisationId,
        controllerRelationship: "SEPARATE" as const,
      })),
    });
    const draftAnswers = async () => {
      const [draft] = await db.select().from(formDrafts).where(eq(formDrafts.key, childId));
      return (draft!.data as { answers: ShareDecisionInput }).answers;
    };
    await practitioner.post(`/subjects/${childId}/share`, { immediateRisk: "no" });
    await step("recipient", { "recipient-organisationId": earlyHelp.id, "recipient-role": "SOCIAL_WORKER" });
    await step("outcome", { "decision-outcome": "SHARE" });
    await step("purpose", { "purpose-code": "EARLY_HELP", "purpose-description": "Family support" });
    await step("legal-basis", {});
    assert.equal((await draftAnswers()).recipient.agreementVersion, 1);

    // The agreement is amended and a new version comes into force while the draft waits.
    const [v1] = await db.select().from(agreementVersions).where(eq(agreementVersions.agreementId, agreement.id));
    const amend = async (version: number) => {
      await db.insert(agreementVersions).values({ agreementId: agreement.id, version, state: "SIGNED", content: v1!.content });
      await db.update(agreements).set({ inForceVersion: version }).where(eq(agreements.id, agreement.id));
    };
    const changed = `/subjects/${childId}/share/steps/legal-basis?agreement=changed`;
    // Carrying on, checking the answers or recording: each goes to the terms in force first.
    const opens = [
      () => practitioner.get(`/subjects/${childId}/share/tasks`),
      () => practitioner.get(`/subjects/${childId}/share/check`),
      () => practitioner.post(`/subjects/${childId}/share/check`, {}),
    ];
    const recorded = (await decisions()).length;
    for (const [i, open] of opens.entries()) {
      const version = i + 2;
      await amend(version);
      const opened = await open();
      assert.equal(opened.statusCode, 303);
      assert.equal(opened.headers.location, changed);
      assert.equal((await draftAnswers()).recipient.agreementVersion, undefined, "the old version's terms are not kept");
      assert.match(
        visibleText((await practitioner.get(changed)).body),
        new RegExp(
          `The School and Early Help agreement has changed since you started this decision\\. Check what version ${version} says and confirm it\\.`,
        ),
      );
      await step("legal-basis", {});
      assert.equal((await draftAnswers()).recipient.agreementVersion, version);
    }
    assert.equal((await practitioner.get(`/subjects/${childId}/share/check`)).statusCode, 200, "confirmed: the check page opens");
    assert.equal((await decisions()).length, recorded, "recording under the old terms recorded nothing");
    await practitioner.post(`/subjects/${childId}/share/discard`, {});
  });

  describe("an id that is not one", () => {
    const NOT_IDS = ["not-a-uuid", "-".repeat(36)];
    const draftStep = async (name: string) => practitioner.get(`/subjects/${childId}/share/steps/${name}`);

    test("choosing a recipient organisation or an agreement that is not in the list is an error on the page, and the draft still opens", async () => {
      await practitioner.post(`/subjects/${childId}/share`, { immediateRisk: "no" });
      for (const bad of NOT_IDS) {
        const recipient = await step("recipient", { "recipient-organisationId": bad, "recipient-role": "SOCIAL_WORKER" });
        assert.equal(recipient.statusCode, 400, `recipient ${bad}`);
        assert.match(recipient.body, /govuk-error-summary/);
        assert.match(recipient.body, /href="#recipient-organisationId"/);
        assert.match(recipient.body, /value="SOCIAL_WORKER" checked/, "what else was answered is kept");
        assert.equal((await draftStep("recipient")).statusCode, 200);
      }
      await step("recipient", { "recipient-organisationId": councilId, "recipient-role": "SOCIAL_WORKER" });
      for (const bad of NOT_IDS) {
        const agreement = await step("agreement", { "recipient-agreementId": bad });
        assert.equal(agreement.statusCode, 400, `agreement ${bad}`);
        assert.match(agreement.body, /govuk-error-summary/);
        assert.match(agreement.body, /href="#recipient-agreementId"/);
        for (const name of ["agreement", "legal-basis", "purpose"])
          assert.equal((await draftStep(name)).statusCode, 200, `${name} after ${bad}`);
      }
      await practitioner.post(`/subjects/${childId}/share/discard`, {});
    });

    test("a draft already holding an id that is not one treats it as not chosen: every page opens", async () => {
      await practitioner.post(`/subjects/${childId}/share`, { immediateRisk: "no" });
      for (const bad of NOT_IDS) {
        const where = and(eq(formDrafts.key, childId), eq(formDrafts.userId, practitionerActor.userId));
        const [draft] = await ctx.database.db.select().from(formDrafts).where(where);
        const data = draft!.data as { answers: Record<string, unknown> };
        const answers = { ...data.answers, recipient: { organisationId: bad, agreementId: bad } };
        await ctx.database.db
          .update(formDrafts)
          .set({ data: { ...data, answers } })
          .where(where);
        for (const name of ["recipient", "agreement", "purpose"])
          assert.equal((await draftStep(name)).statusCode, 200, `${name} with ${bad}`);
        // No agreement is cited, so the legal basis is asked a part at a time.
        assert.equal((await draftStep("legal-basis")).headers.location, `/subjects/${childId}/share/steps/article6`);
        assert.equal((await practitioner.get(`/subjects/${childId}/share/check`)).statusCode, 200, `check with ${bad}`);
      }
      await practitioner.post(`/subjects/${childId}/share/discard`, {});
    });
  });

  test("a draft started from a recorded decision leaves out what Safeshare set, so the full record works out again what is taken out", async () => {
    const noteId = (
      await practitioner.api("POST", `/api/v1/subjects/${childId}/items`, {
        category: "family_circumstances",
        kind: "FACT",
        text: "Kai says he and his mum moved to 3 Quiet Mews.",
        eventDate: "2026-11-21",
        source: { name: "Kai", method: "TOLD_DIRECTLY", obtainedOn: "2026-11-21" },
        acknowledgedWarnings: ["GR5-PROTECT-IDENTITIES"],
      })
    ).json().id as string;
    const { detail } = await recordShareDecision(
      ctx.database.db,
      practitionerActor,
      {
        subjectId: childId,
        emergency: { immediateRisk: true, reason: "Kai's father is waiting outside the school" },
        recipient: { organisationId: councilId },
        items: { items: [{ itemId: noteId, share: true }], subjectDetails: ["addresses"] },
      },
      randomUUID(),
    );
    assert.equal(detail.record.items.items?.[0]?.protectedRedactions?.length, 1);
    assert.equal(detail.record.items.protectedAddressesLeftOut, 1);
    assert.equal((await practitioner.post(`/share-decisions/${detail.id}/complete`, {})).statusCode, 303);
    const [draft] = await ctx.database.db
      .select()
      .from(formDrafts)
      .where(and(eq(formDrafts.key, childId), eq(formDrafts.userId, practitionerActor.userId)));
    const answers = (draft!.data as { answers: ShareDecisionInput }).answers;
    assert.equal(answers.items.items?.[0]?.itemId, noteId, "the answers are carried over");
    assert.equal(answers.items.items?.[0]?.protectedRedactions, undefined);
    assert.equal(answers.items.protectedAddressesLeftOut, undefined);
    assert.match(
      (await practitioner.get(`/subjects/${childId}/share/check`)).body,
      /protected details taken out: this person&#39;s protected address \(such as a refuge\)\)/,
      "the check page says what is taken out now",
    );
  });
});
