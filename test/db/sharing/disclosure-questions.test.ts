import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { before, test } from "node:test";
import { and, eq } from "drizzle-orm";
import { ZodError } from "zod";
import type { App } from "../../../src/app/build-app";
import { recordItems } from "../../../src/features/records/schema";
import { disclosures } from "../../../src/features/sharing/schema";
import { answerQuestion, askSender, loadQuestions } from "../../../src/features/sharing/services/disclosure-questions";
import type { Actor } from "../../../src/platform/auth/actor";
import { auditEvents } from "../../../src/platform/db/schema";
import { ConflictError, NotFoundError } from "../../../src/platform/errors";
import { testApp } from "../../support/app";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation, newUser } from "../../support/factories";
import type { TestClient } from "../../support/http-client";
import { signedInAs } from "../../support/sign-in";

/**
 * What a recipient needs (issue 18): the opened disclosure says where consent stood, the level of
 * need, what was held back and who sent it; the recipient asks the sender a question, the sender
 * answers, both kept on both sides and audited; nobody else sees or answers them.
 */
describeEachDatabase("a recipient's questions about a disclosure, and what it is told", (ctx) => {
  let app: App;
  let teacher: TestClient;
  let teacherActor: Actor;
  let teacherColleague: Actor;
  let socialWorker: TestClient;
  let socialWorkerActor: Actor;
  let councilColleague: Actor;
  let councilDsl: Actor;
  let police: TestClient;
  let policeActor: Actor;
  let schoolId: string;
  let councilId: string;
  let disclosureId: string;
  let decisionId: string;

  before(async () => {
    app = await testApp(ctx.database);
    const db = ctx.database.db;
    const school = await newOrganisation(db, { name: "Northbrook Primary" });
    const council = await newOrganisation(db, { name: "Westshire Children's Services", type: "childrens_social_care" });
    const policeOrg = await newOrganisation(db, { name: "Westshire Police", type: "police" });
    [schoolId, councilId] = [school.id, council.id];
    const tomasz = await newUser(db, school, ["practitioner"], { name: "Tomasz Wójcik", email: "tomasz@northbrook.example" });
    teacherActor = tomasz.actor;
    teacher = await signedInAs(app, db, tomasz);
    teacherColleague = (await newUser(db, school, ["practitioner"], { name: "Priya Shah" })).actor;
    const sw = await newUser(db, council, ["practitioner"], { name: "Aoife Ní Bhriain" });
    socialWorkerActor = sw.actor;
    socialWorker = await signedInAs(app, db, sw);
    councilColleague = (await newUser(db, council, ["practitioner"])).actor;
    councilDsl = (await newUser(db, council, ["safeguarding_lead"], { name: "Joanna Kowalczyk" })).actor;
    const officer = await newUser(db, policeOrg, ["practitioner", "safeguarding_lead", "ig_lead"]);
    policeActor = officer.actor;
    police = await signedInAs(app, db, officer);

    const child = await teacher.api("POST", "/api/v1/subjects", {
      kind: "CHILD",
      givenNames: "Kai",
      familyName: "Mensah",
      dateOfBirth: "2018-05-04",
    });
    assert.equal(child.statusCode, 201, child.body);
    const childId = child.json().id as string;
    const item = async (text: string, sourceName: string) => {
      const res = await teacher.api("POST", `/api/v1/subjects/${childId}/items`, {
        category: "education",
        kind: "FACT",
        eventDate: "2026-11-02",
        text,
        source: { name: sourceName, method: "DOCUMENT", obtainedOn: "2026-11-03" },
      });
      assert.equal(res.statusCode, 201, res.body);
      return res.json().id as string;
    };
    const attendance = await item("Attendance 62% this term; 14 sessions missed without explanation.", "Attendance officer");
    const lunch = await item("Has not brought a packed lunch since half term.", "Class teacher");
    // A partial share, consent not sought because asking would put the child at risk, at child in need.
    const res = await teacher.api(
      "POST",
      "/api/v1/share-decisions",
      {
        subjectId: childId,
        purpose: { code: "CHILD_IN_NEED_S17", description: "The council is assessing Kai's needs", levelOfNeed: "CHILD_IN_NEED_S17" },
        information: { personal: true, confidential: true, thirdParty: false },
        recipient: { organisationId: councilId, role: "SOCIAL_WORKER", userId: sw.user.id, routine: false },
        transparency: {
          informed: false,
          notInformedReason: "It would put Kai at risk",
          capacity: "NOT_CAPABLE",
          consentStatus: "NOT_SOUGHT",
          consentNotSoughtReason: "UNSAFE_TO_SEEK",
        },
        lawfulBasis: { article6: "A6_1E_PUBLIC_TASK", commonLaw: "CL_PUBLIC_INTEREST", gateway: "CA2004_S11" },
        items: {
          items: [
            { itemId: attendance, share: true },
            { itemId: lunch, share: false, withheldReason: "Not needed for the assessment" },
          ],
          subjectDetails: ["dateOfBirth"],
        },
        advice: {
          sought: true,
          adviserName: "Siobhan O'Connor",
          adviserRole: "DSL",
          advice: "Share the attendance record",
          anonymised: true,
        },
        decision: { outcome: "PARTIAL_SHARE", reasons: "Attendance has fallen sharply", necessityAndProportionality: "Attendance only" },
        acknowledgedWarnings: ["ICO6-AGREEMENT"],
      },
      { "idempotency-key": randomUUID() },
    );
    assert.equal(res.statusCode, 201, res.body);
    decisionId = res.json().id;
    const [d] = await db.select().from(disclosures).where(eq(disclosures.decisionId, decisionId));
    disclosureId = d!.id;
  });

  test("the opened disclosure tells its recipient the level of need, what was held back and who to contact", async () => {
    const d = (await socialWorker.api("GET", `/api/v1/disclosures/${disclosureId}`)).json();
    assert.deepEqual(d.context.levelOfNeed, { code: "CHILD_IN_NEED_S17", label: "Child in need (s17)" });
    assert.deepEqual(d.context.withheld, { partial: true, items: 1, protectedAddresses: 0 });
    assert.deepEqual(d.context.sender, { roles: ["practitioner"], email: "tomasz@northbrook.example" });
    assert.deepEqual(d.context.consent, { status: "NOT_SOUGHT", notSoughtReason: "UNSAFE_TO_SEEK" });
    assert.deepEqual(d.questions, []);

    const page = await socialWorker.get(`/disclosures/${disclosureId}`);
    assert.equal(page.statusCode, 200, page.body.slice(0, 3000));
    for (const words of [
      "Child in need (s17)",
      "Yes. The sender decided to share only some of what they hold. 1 item they considered was not sent.",
      "Practitioner",
      "mailto:tomasz@northbrook.example",
      "Consent was not sought, because seeking it would place the child at risk",
    ])
      assert.ok(page.body.includes(words), `the page says ${words}`);
  });

  test("a disclosure sent before the context was kept says plainly it was not recorded", async () => {
    const db = ctx.database.db;
    const [before] = await db.select({ context: disclosures.context }).from(disclosures).where(eq(disclosures.id, disclosureId));
    await db.update(disclosures).set({ context: null }).where(eq(disclosures.id, disclosureId));
    try {
      const page = await socialWorker.get(`/disclosures/${disclosureId}`);
      assert.equal(page.statusCode, 200);
      const notRecorded = page.body.split("Not recorded: this was sent before Safeshare kept it").length - 1;
      assert.equal(notRecorded, 4, "consent, level of need, what was held back and the sender's role");
      assert.ok(page.body.includes("No email was recorded: ask them a question below"));
      assert.equal((await socialWorker.api("GET", `/api/v1/disclosures/${disclosureId}`)).json().context, null);
    } finally {
      await db.update(disclosures).set({ context: before!.context }).where(eq(disclosures.id, disclosureId));
    }
  });

  test("the recipient asks, the sender answers; both see both, and each is audited in its writer's trail", async () => {
    const db = ctx.database.db;
    const asked = await socialWorker.api("POST", `/api/v1/disclosures/${disclosureId}/questions`, {
      question: "Does Kai's mother know you have shared this?",
    });
    assert.equal(asked.statusCode, 201, asked.body);
    const questionId = asked.json().id as string;
    assert.equal(asked.headers.location, `/api/v1/disclosures/${disclosureId}`, "a question is read with its disclosure");

    const atSender = await loadQuestions(db, teacherActor, disclosureId, "sender");
    assert.deepEqual(
      atSender.map((q) => [q.question, q.askedByName, q.answer]),
      [["Does Kai's mother know you have shared this?", "Aoife Ní Bhriain", null]],
    );
    const decisionPage = await teacher.get(`/share-decisions/${decisionId}`);
    assert.ok(decisionPage.body.includes("Does Kai&#39;s mother know you have shared this?"), "the sender's decision page shows it");
    assert.ok(decisionPage.body.includes(`/share-decisions/${decisionId}/questions/${questionId}/answer`), "with a box to answer it");

    // A colleague at the sending organisation may answer: anyone there may read the decision.
    await answerQuestion(db, teacherColleague, questionId, { answer: "No: telling her now could put Kai at risk." });
    await assert.rejects(answerQuestion(db, teacherActor, questionId, { answer: "Again" }), ConflictError);

    const d = (await socialWorker.api("GET", `/api/v1/disclosures/${disclosureId}`)).json();
    assert.equal(d.questions.length, 1);
    assert.equal(d.questions[0].answer.text, "No: telling her now could put Kai at risk.");
    assert.equal(d.questions[0].answer.by, "Priya Shah");
    const sent = (await teacher.api("GET", `/api/v1/disclosures/${disclosureId}?box=sent`)).json();
    assert.equal(sent.questions[0].answer.text, "No: telling her now could put Kai at risk.");

    // The printed record of the decision carries them too.
    const pdf = await teacher.get(`/share-decisions/${decisionId}/record.pdf`);
    assert.equal(pdf.statusCode, 200);
    const { PDFParse } = await import("pdf-parse");
    const parser = new PDFParse({ data: pdf.rawPayload });
    const printed = (await parser.getText()).text.replace(/\s+/g, " ");
    await parser.destroy();
    assert.match(printed, /Questions from the recipient/);
    assert.match(printed, /Does Kai's mother know you have shared this\?/);
    assert.match(
      printed,
      /Answered by Priya Shah, \d{1,2} [A-Z][a-z]+ \d{4} at \d{1,2}:\d{2}[ap]m: No: telling her now could put Kai at risk\./,
    );

    const trail = async (type: string) =>
      (
        await db
          .select({ organisationId: auditEvents.organisationId, body: auditEvents.body })
          .from(auditEvents)
          .where(and(eq(auditEvents.type, type), eq(auditEvents.entityId, disclosureId)))
      ).map((e) => ({ organisationId: e.organisationId, details: JSON.parse(e.body).details }));
    assert.deepEqual(await trail("disclosure.question_asked"), [
      { organisationId: councilId, details: { questionId, senderOrganisationId: schoolId } },
    ]);
    assert.deepEqual(await trail("disclosure.question_answered"), [
      { organisationId: schoolId, details: { questionId, recipientOrganisationId: councilId } },
    ]);
  });

  test("a third organisation can neither see, ask nor answer; at the recipient, only its readers may ask", async () => {
    const db = ctx.database.db;
    const questionId = await askSender(db, councilDsl, disclosureId, { question: "Who else has been told?" });
    assert.deepEqual(await loadQuestions(db, policeActor, disclosureId, "recipient"), []);
    assert.deepEqual(await loadQuestions(db, policeActor, disclosureId, "sender"), []);
    assert.deepEqual(await loadQuestions(db, teacherActor, disclosureId, "recipient"), [], "the sender does not read them as a recipient");
    await assert.rejects(askSender(db, policeActor, disclosureId, { question: "Anything?" }), NotFoundError);
    await assert.rejects(answerQuestion(db, policeActor, questionId, { answer: "Nothing" }), NotFoundError);
    // Answered from a decision's page, only a question about that decision is answered there.
    const elsewhere = await teacher.post(`/share-decisions/${randomUUID()}/questions/${questionId}/answer`, {
      answer: "Filed under the wrong decision",
    });
    assert.equal(elsewhere.statusCode, 404, "not answered under a decision it does not belong to");
    assert.equal((await loadQuestions(db, teacherActor, disclosureId, "sender")).find((q) => q.id === questionId)?.answer, null);
    // The recipient cannot answer its own question as if it were the sender.
    await assert.rejects(answerQuestion(db, socialWorkerActor, questionId, { answer: "Nothing" }), NotFoundError);
    // A council colleague who is neither the named person nor a safeguarding lead cannot read it, so cannot ask.
    await assert.rejects(askSender(db, councilColleague, disclosureId, { question: "Anything?" }), NotFoundError);
    // The sender is not its recipient.
    await assert.rejects(askSender(db, teacherActor, disclosureId, { question: "Anything?" }), NotFoundError);

    assert.equal((await police.api("POST", `/api/v1/disclosure-questions/${questionId}/answer`, { answer: "x" })).statusCode, 404);
    assert.equal((await police.api("POST", `/api/v1/disclosures/${disclosureId}/questions`, { question: "x" })).statusCode, 404);
    assert.equal((await police.get(`/disclosures/${disclosureId}`)).statusCode, 404);
    // The attempt on another organisation's question is recorded in the police's own trail.
    const denied = await db
      .select({ body: auditEvents.body })
      .from(auditEvents)
      .where(and(eq(auditEvents.type, "access.denied"), eq(auditEvents.organisationId, policeActor.organisationId)));
    assert.ok(denied.some((e) => e.body.includes(questionId)));
  });

  test("an empty question or answer is a field error; on the page it shows in the summary and against its box", async () => {
    const db = ctx.database.db;
    await assert.rejects(askSender(db, socialWorkerActor, disclosureId, { question: "  " }), ZodError);
    const api = await socialWorker.api("POST", `/api/v1/disclosures/${disclosureId}/questions`, { question: "" });
    assert.equal(api.statusCode, 400, api.body);
    assert.deepEqual(
      api.json().errors.map((e: { path: string; message: string }) => [e.path, e.message]),
      [["/question", "Enter your question"]],
    );

    const page = await socialWorker.post(`/disclosures/${disclosureId}/questions`, { question: "   " });
    assert.equal(page.statusCode, 400);
    assert.ok(page.body.includes("There is a problem"));
    assert.ok(page.body.includes('<a href="#question">Enter your question</a>'));
    assert.ok(page.body.includes("Information about Kai Mensah"), "the rest of the page is still there");

    // On the sender's page each question has its own box: the error goes to the one answered.
    const questionId = await askSender(db, socialWorkerActor, disclosureId, { question: "Is his brother at the school too?" });
    const typed = "x".repeat(4001);
    const refused = await teacher.post(`/share-decisions/${decisionId}/questions/${questionId}/answer`, { answer: typed });
    assert.equal(refused.statusCode, 400);
    assert.ok(refused.body.includes(`<a href="#answer-${questionId}">Your answer must be 4,000 characters or fewer</a>`));
    assert.ok(refused.body.includes(typed), "what was typed is kept");
    const answered = await teacher.post(`/share-decisions/${decisionId}/questions/${questionId}/answer`, {
      answer: "No, he is at Eastmoor High.",
    });
    assert.equal(answered.statusCode, 303);
    assert.equal(answered.headers.location, `/share-decisions/${decisionId}?outcome=answered#questions`);
    const again = await teacher.post(`/share-decisions/${decisionId}/questions/${questionId}/answer`, { answer: "Again" });
    assert.equal(again.statusCode, 409);
    assert.ok(again.body.includes("This question has already been answered"));
  });

  test("filing confirms with a banner, and each filed item says whose words they are and who shared them", async () => {
    const db = ctx.database.db;
    const filed = await socialWorker.post(`/disclosures/${disclosureId}/file`, { target: "new", kind: "CHILD" });
    assert.equal(filed.statusCode, 303);
    assert.equal(filed.headers.location, `/disclosures/${disclosureId}?outcome=filed`);
    const page = await socialWorker.get(String(filed.headers.location));
    assert.ok(page.body.includes("govuk-notification-banner--success"));
    assert.ok(page.body.includes("Filed onto your record of Kai Mensah"));
    assert.ok(page.body.includes("1 item was added, each with Northbrook Primary as its source."));
    const [item] = await db
      .select({ sourceName: recordItems.sourceName })
      .from(recordItems)
      .where(eq(recordItems.organisationId, councilId));
    assert.equal(item!.sourceName, "Attendance officer, as recorded by Northbrook Primary; shared by Tomasz Wójcik through Safeshare");
  });
});
