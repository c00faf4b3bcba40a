import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { addDays } from "date-fns";
import { and, desc, eq } from "drizzle-orm";
import type { App } from "../../../src/app/build-app";
import { renderChronologyEntry } from "../../../src/features/records/domain/chronology-text";
import { chronologyEntries, recordItems } from "../../../src/features/records/schema";
import { disclosures, shareDecisionAddenda, shareDecisions } from "../../../src/features/sharing/schema";
import { approveDecision } from "../../../src/features/sharing/services/approve-decision";
import { openReceived, revokeDisclosure } from "../../../src/features/sharing/services/disclosures";
import { recordShareDecision } from "../../../src/features/sharing/services/record-decision";
import type { Actor } from "../../../src/platform/auth/actor";
import { today as todayIso } from "../../../src/platform/dates/calendar";
import { addWorkingDays } from "../../../src/platform/dates/working-days";
import { auditEvents } from "../../../src/platform/db/schema";
import { ConflictError } from "../../../src/platform/errors";
import { testApp } from "../../support/app";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation, newSignedAgreement, newUser } from "../../support/factories";
import type { TestClient } from "../../support/http-client";
import { signedInAs } from "../../support/sign-in";

const REFUGE = "Flat 7, 3 Quiet Mews, Eastmoor";
type Rule = { code: string; severity: string; path: string; message: string };
const rulesOf = (res: { json: () => unknown }) => ((res.json() as { rules?: Rule[] }).rules ?? []) as Rule[];

describeEachDatabase("share decisions and disclosures, over the API", (ctx) => {
  let app: App;
  let practitioner: TestClient;
  let practitionerActor: Actor;
  let otherPractitioner: TestClient;
  let schoolDsl: TestClient;
  let schoolDslActor: Actor;
  let socialWorker: TestClient;
  let socialWorkerActor: Actor;
  let councilDsl: TestClient;
  let councilColleague: TestClient;
  let police: TestClient;
  let schoolId: string;
  let councilId: string;
  let policeId: string;
  let socialWorkerId: string;
  let childId: string;
  let attendanceId: string;
  let healthId: string;
  let witnessId: string;
  let otherChildItemId: string;
  let refugeItemId: string;

  const post = (as: TestClient, body: unknown, key = randomUUID()) =>
    as.api("POST", "/api/v1/share-decisions", body, { "idempotency-key": key });

  /** A complete, lawful share of the attendance item with the named social worker, no agreement cited. */
  const share = (overrides: Record<string, unknown> = {}) => ({
    subjectId: childId,
    purpose: { code: "CHILD_IN_NEED_S17", description: "The council is assessing Kai's needs" },
    information: { personal: true, confidential: true, thirdParty: false },
    recipient: { organisationId: councilId, role: "SOCIAL_WORKER", userId: socialWorkerId, routine: false },
    transparency: { informed: true, capacity: "NOT_CAPABLE", consentStatus: "NOT_SOUGHT", consentNotSoughtReason: "UNSAFE_TO_SEEK" },
    lawfulBasis: { article6: "A6_1E_PUBLIC_TASK", commonLaw: "CL_PUBLIC_INTEREST", gateway: "CA2004_S11" },
    items: { items: [{ itemId: attendanceId, share: true }], subjectDetails: ["dateOfBirth", "addresses"] },
    advice: { sought: true, adviserName: "Siobhan O'Connor", adviserRole: "DSL", advice: "Share the attendance record", anonymised: true },
    decision: {
      outcome: "SHARE",
      reasons: "Attendance has fallen sharply this term",
      necessityAndProportionality: "Only attendance is needed",
    },
    acknowledgedWarnings: ["ICO6-AGREEMENT"],
    ...overrides,
  });

  const addItem = async (subjectId: string, body: Record<string, unknown>) => {
    const res = await practitioner.api("POST", `/api/v1/subjects/${subjectId}/items`, {
      category: "education",
      kind: "FACT",
      eventDate: "2026-11-02",
      source: { name: "Attendance officer", method: "DOCUMENT", obtainedOn: "2026-11-03" },
      ...body,
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().id as string;
  };
  const decisionsOf = async () => ctx.database.db.select().from(shareDecisions).where(eq(shareDecisions.organisationId, schoolId));

  before(async () => {
    app = await testApp(ctx.database);
    const db = ctx.database.db;
    const school = await newOrganisation(db, { name: "Northbrook Primary" });
    const council = await newOrganisation(db, { name: "Westshire Children's Services", type: "childrens_social_care" });
    const policeOrg = await newOrganisation(db, { name: "Westshire Police", type: "police" });
    [schoolId, councilId, policeId] = [school.id, council.id, policeOrg.id];
    const tomasz = await newUser(db, school, ["practitioner"], { name: "Tomasz Wójcik" });
    practitionerActor = tomasz.actor;
    practitioner = await signedInAs(app, db, tomasz);
    otherPractitioner = await signedInAs(app, db, await newUser(db, school, ["practitioner"]));
    const dsl = await newUser(db, school, ["safeguarding_lead"]);
    schoolDslActor = dsl.actor;
    schoolDsl = await signedInAs(app, db, dsl);
    const sw = await newUser(db, council, ["practitioner"], { name: "Aoife Ní Bhriain" });
    socialWorkerId = sw.user.id;
    socialWorkerActor = sw.actor;
    socialWorker = await signedInAs(app, db, sw);
    councilDsl = await signedInAs(app, db, await newUser(db, council, ["safeguarding_lead"]));
    councilColleague = await signedInAs(app, db, await newUser(db, council, ["practitioner"]));
    police = await signedInAs(app, db, await newUser(db, policeOrg, ["practitioner", "safeguarding_lead", "ig_lead"]));

    const child = await practitioner.api("POST", "/api/v1/subjects", {
      kind: "CHILD",
      givenNames: "Kai",
      familyName: "Mensah",
      dateOfBirth: "2018-05-04",
      addresses: [
        { lines: "12 Mill Lane, Northbrook", postcode: "NB1 2AB" },
        { lines: REFUGE, postcode: "WS7 7QQ", protected: true },
      ],
    });
    assert.equal(child.statusCode, 201, child.body);
    childId = child.json().id;
    attendanceId = await addItem(childId, { text: "Attendance 62% this term; 14 sessions missed without explanation." });
    healthId = await addItem(childId, { category: "health", specialCategory: true, text: "School nurse: weight below the 2nd centile." });
    witnessId = await addItem(childId, { category: "family_circumstances", text: "Mrs Ann Lee next door heard shouting most nights." });
    const other = await practitioner.api("POST", "/api/v1/subjects", {
      kind: "CHILD",
      givenNames: "Lily",
      familyName: "Other",
      dateOfBirth: "2017-01-01",
    });
    otherChildItemId = await addItem(other.json().id, { text: "Unrelated." });

    // Kai's mother is in a refuge, and the carer who collects him must not be identified (GR5).
    const mother = await practitioner.api("POST", "/api/v1/subjects", {
      kind: "PARENT_CARER",
      givenNames: "Megan",
      familyName: "Mensah",
      addresses: [{ lines: "Haven refuge\n2 Alder Mews, Westshire", postcode: "WS8 1HZ", protected: true }],
    });
    const carer = await practitioner.api("POST", "/api/v1/subjects", {
      kind: "HOUSEHOLD_MEMBER",
      givenNames: "Sam",
      familyName: "Carter",
      identityProtected: true,
    });
    assert.equal(carer.statusCode, 201, carer.body);
    for (const [person, kind] of [
      [mother.json().id, "PARENT_OF"],
      [carer.json().id, "LIVES_WITH"],
    ]) {
      const link = await practitioner.api("POST", "/api/v1/subject-links", { fromSubjectId: person, toSubjectId: childId, kind });
      assert.equal(link.statusCode, 201, link.body);
    }
    refugeItemId = await addItem(childId, {
      category: "family_circumstances",
      text: "Kai and his mother now live at haven refuge, 2 alder mews, ws81hz; Sam Carter collects him from school.",
      acknowledgedWarnings: ["GR5-PROTECT-IDENTITIES"],
    });
  });
  after(() => app.close());

  describe("recording a share and delivering it", () => {
    let decisionId: string;
    let disclosureId: string;

    test("a complete share is recorded with every answer and delivered to the named person at once", async () => {
      const res = await post(practitioner, share());
      assert.equal(res.statusCode, 201, res.body);
      const decision = res.json();
      decisionId = decision.id;
      assert.equal(res.headers.location, `/api/v1/share-decisions/${decisionId}`);
      assert.match(decision.reference, /^SD-\d{6}$/);
      assert.equal(decision.status, "RECORDED");
      assert.equal(decision.outcome, "SHARE");
      assert.equal(decision.recipient.name, "Westshire Children's Services");
      assert.equal(decision.recipient.userName, "Aoife Ní Bhriain");
      assert.equal(decision.record.lawfulBasis.article6, "A6_1E_PUBLIC_TASK");
      assert.equal(decision.record.decision.reasons, "Attendance has fallen sharply this term");
      assert.deepEqual(
        decision.warnings.map((w: Rule) => w.code),
        ["ICO6-AGREEMENT"],
      );
      assert.equal(decision.decidedBy.name, "Tomasz Wójcik");
      assert.equal(decision.disclosure.state, "SENT");
      disclosureId = decision.disclosure.id;

      const inbox = (await socialWorker.api("GET", "/api/v1/disclosures")).json().items;
      assert.deepEqual(
        inbox.map((d: { id: string }) => d.id),
        [disclosureId],
      );
      assert.equal(inbox[0].sender.name, "Northbrook Primary");
      assert.equal(inbox[0].onwardDisclosure, "WITH_ORIGINATOR_CONSENT", "without an agreement, only with the sender's say-so");
    });

    test("the disclosure is a snapshot of exactly what was chosen: the item, the date of birth, and no refuge address", async () => {
      const res = await socialWorker.api("GET", `/api/v1/disclosures/${disclosureId}`);
      assert.equal(res.statusCode, 200, res.body);
      const d = res.json();
      assert.equal(d.subject.name, "Kai Mensah");
      assert.equal(d.subject.dateOfBirth, "2018-05-04");
      assert.deepEqual(
        d.subject.addresses.map((a: { lines: string }) => a.lines),
        ["12 Mill Lane, Northbrook"],
      );
      assert.ok(!res.body.includes(REFUGE), "the protected address is not in the response at all");
      assert.equal(d.items.length, 1);
      assert.equal(d.items[0].text, "Attendance 62% this term; 14 sessions missed without explanation.");
      assert.equal(d.items[0].kind, "FACT");
      assert.equal(d.items[0].source.name, "Attendance officer");
      assert.ok(!("sourceItemId" in d.items[0]), "the sender's own ids do not reach the recipient");
      assert.ok(!res.body.includes(attendanceId));
    });

    test("opening it is audited in the recipient's trail, and the sender sees it was opened", async () => {
      const events = await ctx.database.db
        .select({ body: auditEvents.body })
        .from(auditEvents)
        .where(and(eq(auditEvents.type, "disclosure.opened"), eq(auditEvents.entityId, disclosureId)));
      assert.equal(events.length, 1);
      const event = JSON.parse(events[0]!.body);
      assert.equal(event.organisationId, councilId);
      assert.equal(event.actor.userId, socialWorkerId);
      const sent = (await practitioner.api("GET", "/api/v1/disclosures?box=sent")).json().items;
      assert.equal(sent.find((d: { id: string }) => d.id === disclosureId).state, "OPENED");
    });

    test("the decision and the disclosure are on the child's chronology", async () => {
      const entries = (await practitioner.api("GET", `/api/v1/subjects/${childId}/chronology?category=decision&category=disclosure`)).json()
        .items;
      const titles = entries.map((e: { title: string }) => e.title);
      assert.ok(titles.includes("Decided to share with Westshire Children's Services"), titles.join("; "));
      assert.ok(titles.includes("Information sent to Westshire Children's Services"));
    });

    test("only the named person and the recipient's safeguarding leads can read it; anyone else gets 404", async () => {
      assert.equal((await councilDsl.api("GET", `/api/v1/disclosures/${disclosureId}`)).statusCode, 200);
      assert.equal((await councilColleague.api("GET", `/api/v1/disclosures/${disclosureId}`)).statusCode, 404);
      assert.deepEqual((await councilColleague.api("GET", "/api/v1/disclosures")).json().items, []);
      assert.equal((await police.api("GET", `/api/v1/disclosures/${disclosureId}`)).statusCode, 404);
      assert.equal((await police.api("GET", `/api/v1/disclosures/${disclosureId}?box=sent`)).statusCode, 404);
      assert.equal(
        (await practitioner.api("GET", `/api/v1/disclosures/${disclosureId}?box=received`)).statusCode,
        404,
        "the sender is not its recipient",
      );
      assert.equal(
        (await socialWorker.api("GET", `/api/v1/share-decisions/${decisionId}`)).statusCode,
        404,
        "the decision stays the sender's",
      );
      assert.equal((await police.api("POST", `/api/v1/disclosures/${disclosureId}/acknowledgement`)).statusCode, 404);
      assert.equal((await police.api("POST", `/api/v1/disclosures/${disclosureId}/revocation`, { reason: "x" })).statusCode, 404);
    });

    test("the sending organisation reads what it sent without naming a box: the side follows from who asks", async () => {
      const opened = async () =>
        (
          await ctx.database.db
            .select({ seq: auditEvents.seq })
            .from(auditEvents)
            .where(and(eq(auditEvents.type, "disclosure.opened"), eq(auditEvents.entityId, disclosureId)))
        ).length;
      const openedBefore = await opened();
      const asked = await practitioner.api("GET", `/api/v1/disclosures/${disclosureId}`);
      assert.equal(asked.statusCode, 200, asked.body);
      const sent = await practitioner.api("GET", `/api/v1/disclosures/${disclosureId}?box=sent`);
      assert.deepEqual(asked.json(), sent.json(), "the sender's own record of what went, as ?box=sent gives it");
      assert.equal(await opened(), openedBefore, "the sender reading it is not the recipient opening it");
      assert.equal((await socialWorker.api("GET", `/api/v1/disclosures/${disclosureId}`)).statusCode, 200);
      assert.equal(await opened(), openedBefore + 1, "the recipient's reading is still its audited open");
      // ?box= still picks a side, and only the caller's own.
      assert.equal((await socialWorker.api("GET", `/api/v1/disclosures/${disclosureId}?box=sent`)).statusCode, 404);
      assert.equal((await police.api("GET", `/api/v1/disclosures/${disclosureId}`)).statusCode, 404, "a third organisation");
      assert.equal((await councilColleague.api("GET", `/api/v1/disclosures/${disclosureId}`)).statusCode, 404, "not addressed to them");
    });

    test("acknowledging receipt is recorded once and appears on the sender's chronology", async () => {
      assert.equal((await socialWorker.api("POST", `/api/v1/disclosures/${disclosureId}/acknowledgement`)).statusCode, 204);
      assert.equal((await socialWorker.api("POST", `/api/v1/disclosures/${disclosureId}/acknowledgement`)).statusCode, 409);
      const decision = (await practitioner.api("GET", `/api/v1/share-decisions/${decisionId}`)).json();
      assert.equal(decision.disclosure.state, "ACKNOWLEDGED");
      const entries = (await practitioner.api("GET", `/api/v1/subjects/${childId}/chronology?category=disclosure`)).json().items;
      assert.ok(entries.some((e: { title: string }) => e.title === "Receipt acknowledged by Westshire Children's Services"));
    });

    test("revoking access makes it a 404 to the recipient; only the decider or a lead may revoke, once", async () => {
      const body = { reason: "Sent to the wrong team" };
      assert.equal((await otherPractitioner.api("POST", `/api/v1/disclosures/${disclosureId}/revocation`, body)).statusCode, 403);
      assert.equal((await practitioner.api("POST", `/api/v1/disclosures/${disclosureId}/revocation`, { reason: " " })).statusCode, 400);
      assert.equal((await practitioner.api("POST", `/api/v1/disclosures/${disclosureId}/revocation`, body)).statusCode, 204);
      assert.equal((await schoolDsl.api("POST", `/api/v1/disclosures/${disclosureId}/revocation`, body)).statusCode, 409);
      assert.equal((await socialWorker.api("GET", `/api/v1/disclosures/${disclosureId}`)).statusCode, 404);
      assert.deepEqual((await socialWorker.api("GET", "/api/v1/disclosures")).json().items, []);
      const sent = (await practitioner.api("GET", `/api/v1/disclosures/${disclosureId}?box=sent`)).json();
      assert.equal(sent.state, "REVOKED");
    });
  });

  test("an expired disclosure is not found by its recipient", async () => {
    const res = await post(practitioner, share({ decision: { ...share().decision, accessExpiresOn: "2027-01-31" } }));
    assert.equal(res.statusCode, 201, res.body);
    const id = res.json().disclosure.id;
    await openReceived(ctx.database.db, socialWorkerActor, id, new Date("2027-01-31T12:00:00Z"));
    await assert.rejects(
      () => openReceived(ctx.database.db, socialWorkerActor, id, addDays(new Date("2027-01-31T12:00:00Z"), 2)),
      /could not be found/,
    );
  });

  test("access that has already expired cannot be withdrawn: the service refuses what the decision page does not offer", async () => {
    const res = await post(practitioner, share({ decision: { ...share().decision, accessExpiresOn: "2027-01-31" } }));
    assert.equal(res.statusCode, 201, res.body);
    const { id: decisionId, disclosure } = res.json();
    const afterExpiry = addDays(new Date("2027-01-31T12:00:00Z"), 2);
    await assert.rejects(
      () => revokeDisclosure(ctx.database.db, practitionerActor, disclosure.id, { reason: "Sent to the wrong team" }, afterExpiry),
      (error: Error) => error instanceof ConflictError && /already ended/.test(error.message),
    );
    const [row] = await ctx.database.db.select().from(disclosures).where(eq(disclosures.id, disclosure.id));
    assert.equal(row!.revokedAt, null, "nothing recorded");
    // Before it expires, the decider is offered the button and the service lets them use it.
    const page = await practitioner.get(`/share-decisions/${decisionId}`);
    assert.match(page.body, /\/share-decisions\/[^/]+\/revoke/);
    await revokeDisclosure(ctx.database.db, practitionerActor, disclosure.id, { reason: "Sent to the wrong team" });
  });

  test("a recipient's first read of a disclosure returns it as opened, with when it was first opened", async () => {
    const sent = await post(practitioner, share());
    assert.equal(sent.statusCode, 201, sent.body);
    const first = await socialWorker.api("GET", `/api/v1/disclosures/${sent.json().disclosure.id}`);
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(first.json().state, "OPENED");
    assert.ok(first.json().firstOpenedAt, "the first read is the first opening");
    const again = await socialWorker.api("GET", `/api/v1/disclosures/${sent.json().disclosure.id}`);
    assert.equal(again.json().firstOpenedAt, first.json().firstOpenedAt, "a later read does not move it");
  });

  test("redactions take the chosen words out of what is sent; a phrase not in the text is a field error", async () => {
    const body = share({
      information: { personal: true, confidential: true, thirdParty: true },
      items: { items: [{ itemId: witnessId, share: true, redactions: ["Mrs Ann Lee"] }] },
      decision: {
        outcome: "PARTIAL_SHARE",
        reasons: "The neighbour must not be identified",
        necessityAndProportionality: "What was heard, not who heard it",
      },
    });
    const bad = await post(practitioner, { ...body, items: { items: [{ itemId: witnessId, share: true, redactions: ["Mr Nobody"] }] } });
    assert.equal(bad.statusCode, 400, bad.body);
    assert.deepEqual(
      bad.json().errors.map((e: { path: string }) => e.path),
      ["/items/items/0/redactions/0"],
    );
    const res = await post(practitioner, body);
    assert.equal(res.statusCode, 201, res.body);
    const d = (await socialWorker.api("GET", `/api/v1/disclosures/${res.json().disclosure.id}`)).json();
    assert.equal(d.items[0].text, "[redacted] next door heard shouting most nights.");
    assert.equal(d.items[0].redacted, true);
  });

  describe("protected details written into an item (GR5-PROTECT-IDENTITIES)", () => {
    const LEAVE_IN = { protectedDetailsReason: "The social worker visits Kai at the refuge today" };
    const refugeShare = (choice: Record<string, unknown> = {}) =>
      share({
        items: { items: [{ itemId: refugeItemId, share: true, ...choice }] },
        acknowledgedWarnings: ["ICO6-AGREEMENT", "GR5-PROTECT-IDENTITIES"],
      });

    test("the parent's refuge address and a protected carer's name are redacted from what is sent by default, recorded as redactions and named in a finding", async () => {
      const unread = await post(practitioner, { ...refugeShare(), acknowledgedWarnings: ["ICO6-AGREEMENT"] });
      assert.equal(unread.statusCode, 422, unread.body);
      const finding = rulesOf(unread).find((r) => r.code === "GR5-PROTECT-IDENTITIES");
      assert.equal(finding?.path, "/items/items/0", "the API names the item by its path");
      assert.match(finding!.message, /family circumstances item dated 2 November 2026/i, "people are told which item, in words");
      assert.match(finding!.message, /a protected address of someone linked to this person/);
      assert.match(finding!.message, /the name of someone whose identity is protected/);
      assert.ok(!/alder|ws8|carter/i.test(unread.body), "the finding describes what was found without repeating it");

      const res = await post(practitioner, refugeShare());
      assert.equal(res.statusCode, 201, res.body);
      const decision = res.json();
      assert.deepEqual(
        (await schoolDsl.api("GET", `/api/v1/share-decisions/${decision.id}`)).json().record.items.items[0].protectedRedactions,
        [
          { phrase: "haven refuge, 2 alder mews, ws81hz", kind: "address", ofSubject: false },
          { phrase: "Sam Carter", kind: "name", ofSubject: false },
        ],
        "a safeguarding lead reads what was taken out, as written",
      );
      assert.ok(
        decision.warnings.some((w: Rule) => w.code === "GR5-PROTECT-IDENTITIES" && w.path === "/items/items/0"),
        "the finding is recorded with the decision",
      );
      const d = (await socialWorker.api("GET", `/api/v1/disclosures/${decision.disclosure.id}`)).json();
      assert.equal(d.items[0].text, "Kai and his mother now live at [redacted]; [redacted] collects him from school.");
      assert.equal(d.items[0].redacted, true);
    });

    test("only a safeguarding or IG lead may leave a protected detail in, with a reason; a practitioner's reason is refused, in an emergency too", async () => {
      const refused = await post(practitioner, refugeShare(LEAVE_IN));
      assert.equal(refused.statusCode, 422, refused.body);
      const blocks = rulesOf(refused).filter((r) => r.severity === "block");
      assert.deepEqual(
        blocks.map((r) => [r.code, r.path]),
        [["GR5-PROTECT-IDENTITIES", "/items/items/0/protectedDetailsReason"]],
      );
      assert.match(blocks[0]!.message, /ask your safeguarding lead/);
      const emergency = await post(practitioner, {
        subjectId: childId,
        emergency: { immediateRisk: true, reason: "Kai's father has found the refuge" },
        recipient: { organisationId: councilId },
        items: { items: [{ itemId: refugeItemId, share: true, ...LEAVE_IN }] },
      });
      assert.equal(emergency.statusCode, 422, emergency.body);
      assert.ok(
        rulesOf(emergency).some((r) => r.path === "/items/items/0/protectedDetailsReason" && r.severity === "block"),
        "an emergency does not let a practitioner send it",
      );
      const urgent = await post(practitioner, {
        subjectId: childId,
        emergency: { immediateRisk: true, reason: "Kai's father has found the refuge" },
        recipient: { organisationId: councilId },
        items: { items: [{ itemId: refugeItemId, share: true }] },
      });
      assert.equal(urgent.statusCode, 201, "redacting by default never delays an emergency share");
      const sentNow = (await councilDsl.api("GET", `/api/v1/disclosures/${urgent.json().disclosure.id}`)).json();
      assert.equal(sentNow.items[0].text, "Kai and his mother now live at [redacted]; [redacted] collects him from school.");
      const address = await post(
        practitioner,
        share({
          items: {
            items: [{ itemId: attendanceId, share: true }],
            subjectDetails: ["addresses"],
            protectedAddressReason: "They visit today",
          },
        }),
      );
      assert.equal(address.statusCode, 422, address.body);
      assert.deepEqual(
        rulesOf(address)
          .filter((r) => r.severity === "block")
          .map((r) => r.path),
        ["/items/protectedAddressReason"],
      );

      const byLead = await post(schoolDsl, refugeShare(LEAVE_IN));
      assert.equal(byLead.statusCode, 201, byLead.body);
      assert.deepEqual(byLead.json().record.items.items[0].protectedRedactions, []);
      const d = (await socialWorker.api("GET", `/api/v1/disclosures/${byLead.json().disclosure.id}`)).json();
      assert.equal(
        d.items[0].text,
        "Kai and his mother now live at haven refuge, 2 alder mews, ws81hz; Sam Carter collects him from school.",
      );
      assert.equal(d.items[0].redacted, false);
    });

    test("the purpose and each item's source are searched too: what they mention is taken out of what goes and recorded; the source goes with a lead's reason as the text does", async () => {
      const collectedId = await addItem(childId, {
        category: "family_circumstances",
        text: "Kai was collected late again.",
        source: { name: "CARTER, Sam (carer)", method: "TOLD_DIRECTLY", obtainedOn: "2026-11-03" },
      });
      const body = share({
        purpose: { code: "CHILD_IN_NEED_S17", description: "Kai's mother, now at 2 Alder Mews, asked us to tell you" },
        items: { items: [{ itemId: collectedId, share: true }] },
        acknowledgedWarnings: ["ICO6-AGREEMENT", "GR5-PROTECT-IDENTITIES"],
      });
      const unread = await post(practitioner, { ...body, acknowledgedWarnings: ["ICO6-AGREEMENT"] });
      assert.equal(unread.statusCode, 422, unread.body);
      assert.deepEqual(
        rulesOf(unread)
          .filter((r) => r.code === "GR5-PROTECT-IDENTITIES")
          .map((r) => r.path),
        ["/purpose/description", "/items/items/0"],
      );
      assert.ok(!/alder|carter/i.test(unread.body), "the findings describe what was found without repeating it");

      const res = await post(practitioner, body);
      assert.equal(res.statusCode, 201, res.body);
      const sent = await socialWorker.api("GET", `/api/v1/disclosures/${res.json().disclosure.id}`);
      const d = sent.json();
      assert.equal(d.purpose, "Kai's mother, now at [redacted], asked us to tell you");
      assert.equal(d.items[0].text, "Kai was collected late again.");
      assert.equal(d.items[0].source.name, "[redacted] (carer)");
      assert.equal(d.items[0].redacted, true);
      assert.ok(!/alder|carter/i.test(sent.body), "neither reaches the recipient");
      const [row] = await ctx.database.db.select().from(shareDecisions).where(eq(shareDecisions.id, res.json().id));
      assert.deepEqual(row!.record.purpose.protectedRedactions, [{ phrase: "2 Alder Mews", kind: "address", ofSubject: false }]);
      assert.deepEqual(row!.record.items.items?.[0]?.protectedRedactions, [{ phrase: "CARTER, Sam", kind: "name", ofSubject: false }]);
      const page = await practitioner.get(`/share-decisions/${res.json().id}`);
      assert.match(
        page.body,
        /Kai&#39;s mother, now at \[redacted\], asked us to tell you \(Protected details taken out: a protected address of someone linked to this person\)/,
        "the decision page says what the recipient was told, and what was taken out",
      );

      const byLead = await post(schoolDsl, {
        ...body,
        items: { items: [{ itemId: collectedId, share: true, ...LEAVE_IN }] },
      });
      assert.equal(byLead.statusCode, 201, byLead.body);
      const fromLead = (await socialWorker.api("GET", `/api/v1/disclosures/${byLead.json().disclosure.id}`)).json();
      assert.equal(fromLead.items[0].source.name, "CARTER, Sam (carer)", "the lead's reason for the item covers its source");
      assert.equal(fromLead.purpose, "Kai's mother, now at [redacted], asked us to tell you", "the purpose never needs it");
    });

    test("a practitioner is never given a protected detail as what was taken out: the API says what each was, the page and its PDF say it in words", async () => {
      const res = await post(practitioner, refugeShare());
      assert.equal(res.statusCode, 201, res.body);
      const id = res.json().id;
      const what = [
        { kind: "address", ofSubject: false },
        { kind: "name", ofSubject: false },
      ];
      for (const body of [res, await practitioner.api("GET", `/api/v1/share-decisions/${id}`)]) {
        assert.deepEqual(body.json().record.items.items[0].protectedRedactions, what);
        assert.ok(!/alder|ws81hz|carter/i.test(body.body), "neither the response to recording it nor a later read names them");
      }
      const taken = /protected details taken out: ([^)<]*)/gi;
      const page = (await practitioner.get(`/share-decisions/${id}`)).body;
      const said = [...page.matchAll(taken)].map((m) => m[1]);
      assert.ok(said.length >= 2, page);
      for (const words of said)
        assert.match(words!, /^a protected address of someone linked to this person and the name of someone whose identity is protected$/);
      const pdf = await practitioner.get(`/share-decisions/${id}/record.pdf`);
      const { PDFParse } = await import("pdf-parse");
      const parser = new PDFParse({ data: pdf.rawPayload });
      const text = (await parser.getText()).text.replace(/\s+/g, " ");
      await parser.destroy();
      const inPdf = [...text.matchAll(taken)].map((m) => m[1]);
      assert.ok(inPdf.length >= 2, text);
      for (const words of inPdf) assert.doesNotMatch(words!, /alder|carter/i);
      const forLead = (await schoolDsl.get(`/share-decisions/${id}`)).body;
      assert.match(forLead, /protected details taken out: haven refuge, 2 alder mews, ws81hz; Sam Carter/, "a lead reads them as written");
    });

    test("the decision page names each item chosen as it was chosen, even once it has been corrected since", async () => {
      const chosen = await addItem(childId, { text: "Kai arrived late on Monday." });
      const res = await post(practitioner, share({ items: { items: [{ itemId: chosen, share: true }] } }));
      assert.equal(res.statusCode, 201, res.body);
      const corrected = await practitioner.api("POST", `/api/v1/subjects/${childId}/items/${chosen}/corrections`, {
        category: "education",
        kind: "FACT",
        eventDate: "2026-11-02",
        source: { name: "Attendance officer", method: "DOCUMENT", obtainedOn: "2026-11-03" },
        text: "Kai arrived late on Tuesday.",
        reason: "Wrong day",
      });
      assert.equal(corrected.statusCode, 201, corrected.body);
      const page = (await practitioner.get(`/share-decisions/${res.json().id}`)).body;
      assert.match(page, /Education, 2 November 2026: Kai arrived late on Monday\./);
      assert.doesNotMatch(page, /An item no longer on the record/);
    });

    test("a practitioner is never sent a protected address: what went leaves it out for them, not for the safeguarding lead", async () => {
      const res = await post(
        schoolDsl,
        share({
          items: {
            items: [{ itemId: attendanceId, share: true }],
            subjectDetails: ["addresses"],
            protectedAddressReason: "The social worker is visiting Kai at the refuge",
          },
          acknowledgedWarnings: ["ICO6-AGREEMENT", "GR5-PROTECT-IDENTITIES"],
        }),
      );
      assert.equal(res.statusCode, 201, res.body);
      const id = res.json().disclosure.id;
      const forPractitioner = await practitioner.api("GET", `/api/v1/disclosures/${id}?box=sent`);
      assert.equal(forPractitioner.statusCode, 200, forPractitioner.body);
      assert.ok(!forPractitioner.body.includes(REFUGE) && !forPractitioner.body.includes("WS7 7QQ"), "not sent to the practitioner");
      assert.deepEqual(
        forPractitioner.json().subject.addresses.map((a: { lines: string }) => a.lines),
        ["12 Mill Lane, Northbrook"],
      );
      assert.equal(forPractitioner.json().subject.protectedAddressesWithheld, 1);
      assert.ok(!(await practitioner.api("GET", "/api/v1/disclosures?box=sent")).body.includes(REFUGE), "nor in the list of what was sent");
      assert.ok((await schoolDsl.api("GET", `/api/v1/disclosures/${id}?box=sent`)).body.includes(REFUGE), "the lead sees what went");
      // The safeguarding lead decided the named social worker needs it: the recipient is sent it.
      assert.ok((await socialWorker.api("GET", `/api/v1/disclosures/${id}`)).body.includes(REFUGE), "the recipient is sent it");
    });
  });

  describe("rules stop a decision, and nothing is recorded", () => {
    test("special category information without an Article 9 condition: 422 naming L-NO-ART9 and the answer", async () => {
      const before = (await decisionsOf()).length;
      const res = await post(practitioner, share({ items: { items: [{ itemId: healthId, share: true }] } }));
      assert.equal(res.statusCode, 422, res.body);
      const problem = res.json();
      assert.equal(problem.code, "RULES_BLOCKED");
      assert.ok(rulesOf(res).some((r) => r.code === "L-NO-ART9" && r.severity === "block" && r.path === "/lawfulBasis/article9"));
      assert.ok(problem.errors.some((e: { message: string }) => e.message.startsWith("L-NO-ART9: ")));
      assert.equal((await decisionsOf()).length, before);
    });

    test("a warning not acknowledged stops it too, and says which", async () => {
      const res = await post(practitioner, share({ acknowledgedWarnings: [] }));
      assert.equal(res.statusCode, 422, res.body);
      assert.deepEqual(
        rulesOf(res).map((r) => [r.code, r.severity]),
        [["ICO6-AGREEMENT", "warning"]],
      );
    });

    test("a restricted item cannot be shared (R-RESTRICTED)", async () => {
      const restricted = await addItem(childId, { text: "Disputed by the mother; accuracy being checked." });
      await ctx.database.db.update(recordItems).set({ restrictedAt: new Date() }).where(eq(recordItems.id, restricted));
      const res = await post(practitioner, share({ items: { items: [{ itemId: restricted, share: true }] } }));
      assert.equal(res.statusCode, 422);
      assert.ok(rulesOf(res).some((r) => r.code === "R-RESTRICTED"));
    });

    test("an item from another person's record, or a recipient outside the partnership, is a field error", async () => {
      const res = await post(
        practitioner,
        share({
          items: { items: [{ itemId: otherChildItemId, share: true }] },
          recipient: { organisationId: randomUUID(), role: "SOCIAL_WORKER" },
        }),
      );
      assert.equal(res.statusCode, 400, res.body);
      assert.deepEqual(
        res
          .json()
          .errors.map((e: { path: string }) => e.path)
          .sort(),
        ["/items/items/0/itemId", "/recipient/organisationId"],
      );
    });

    test("an access expiry before today is a field error in the dry run and the recording, and nothing is recorded; today is the earliest", async () => {
      const before = (await decisionsOf()).length;
      const yesterday = todayIso(addDays(new Date(), -1));
      const decision = (accessExpiresOn: string) =>
        share({ decision: { ...share().decision, accessExpiresOn } as Record<string, unknown> });
      for (const res of [
        await post(practitioner, decision(yesterday)),
        await practitioner.api("POST", "/api/v1/share-decisions/evaluate", decision(yesterday)),
      ]) {
        assert.equal(res.statusCode, 400, res.body);
        assert.equal(res.headers["content-type"], "application/problem+json; charset=utf-8");
        assert.deepEqual(
          res.json().errors.map((e: { path: string }) => e.path),
          ["/decision/accessExpiresOn"],
        );
        assert.match(res.json().errors[0].message, /today or in the future/);
      }
      assert.equal((await decisionsOf()).length, before);
      const onToday = await practitioner.api("POST", "/api/v1/share-decisions/evaluate", decision(todayIso()));
      assert.equal(onToday.statusCode, 200, onToday.body);
      assert.equal(onToday.json().ready, true, "the recipient can open it until the end of today");
    });

    test("the dry run reports the same findings and records nothing", async () => {
      const before = (await decisionsOf()).length;
      const res = await practitioner.api(
        "POST",
        "/api/v1/share-decisions/evaluate",
        share({ lawfulBasis: { article6: "A6_1F_LEGITIMATE_INTERESTS" } }),
      );
      assert.equal(res.statusCode, 200, res.body);
      const evaluation = res.json();
      assert.equal(evaluation.ready, false);
      assert.ok(evaluation.outstanding.some((f: Rule) => f.code === "L-LI-PUBLIC-AUTHORITY"));
      assert.equal((await decisionsOf()).length, before);
    });
  });

  describe("one decision per submission", () => {
    test("the same key again returns the decision already recorded; with different answers it is a conflict", async () => {
      const key = randomUUID();
      const first = await post(practitioner, share(), key);
      assert.equal(first.statusCode, 201);
      const again = await post(practitioner, share(), key);
      assert.equal(again.statusCode, 200);
      assert.equal(again.json().id, first.json().id);
      const different = await post(practitioner, share({ decision: { ...share().decision, reasons: "Something else" } }), key);
      assert.equal(different.statusCode, 409);
      const rows = (await decisionsOf()).filter((d) => d.idempotencyKey === key);
      assert.equal(rows.length, 1);
    });

    test("two tabs submitting at once record one decision and one disclosure", async () => {
      const key = randomUUID();
      const [a, b] = await Promise.all([post(practitioner, share(), key), post(practitioner, share(), key)]);
      assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 201]);
      assert.equal(a.json().id, b.json().id);
      const rows = (await decisionsOf()).filter((d) => d.idempotencyKey === key);
      assert.equal(rows.length, 1);
      const sent = await ctx.database.db.select().from(disclosures).where(eq(disclosures.decisionId, rows[0]!.id));
      assert.equal(sent.length, 1);
    });

    test("a misspelt answer is refused naming it, not dropped so the decision is recorded without it", async () => {
      const before = (await decisionsOf()).length;
      const res = await post(practitioner, share({ lawfulBasis: { ...share().lawfulBasis, article9Condition: "SAFEGUARDING" } }));
      assert.equal(res.statusCode, 400, res.body);
      assert.deepEqual(res.json().errors, [
        { path: "/lawfulBasis/article9Condition", message: "Unknown field: remove it or check its spelling" },
      ]);
      assert.equal((await decisionsOf()).length, before);
    });

    test("without a key, or with a malformed one, it is refused naming /idempotencyKey, as the document says it is required", async () => {
      const refusal = {
        code: "VALIDATION_FAILED",
        errors: [{ path: "/idempotencyKey", message: "Send an Idempotency-Key of 8 to 200 printable characters, unique to this decision" }],
      };
      const before = (await decisionsOf()).length;
      for (const headers of [{}, { "idempotency-key": "short" }, { "idempotency-key": "has a space in it" }] as Record<string, string>[]) {
        const res = await practitioner.api("POST", "/api/v1/share-decisions", share(), headers);
        assert.equal(res.statusCode, 400, JSON.stringify(headers));
        assert.match(String(res.headers["content-type"]), /^application\/problem\+json/);
        const { code, errors } = res.json();
        assert.deepEqual({ code, errors }, refusal, JSON.stringify(headers));
      }
      // The service refuses a call without one in the same words (the web wizard calls it directly).
      await assert.rejects(
        recordShareDecision(ctx.database.db, practitionerActor, share(), undefined),
        (error: { fieldErrors?: unknown }) => {
          assert.deepEqual(error.fieldErrors, refusal.errors);
          return true;
        },
      );
      assert.equal((await decisionsOf()).length, before);

      const doc = (await app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json();
      const header = doc.paths["/api/v1/share-decisions"].post.parameters.find((p: { in: string }) => p.in === "header");
      assert.equal(header.name, "idempotency-key");
      assert.equal(header.required, true);
    });
  });

  test("a decision not to share is recorded with its reasons, delivers nothing, and is listed like a share", async () => {
    const res = await post(
      practitioner,
      share({
        recipient: { organisationId: policeId },
        lawfulBasis: {},
        items: { items: [] },
        transparency: {},
        advice: {},
        decision: { outcome: "DO_NOT_SHARE", reasons: "The police request is for a matter unrelated to Kai's safety" },
        acknowledgedWarnings: [],
      }),
    );
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().disclosure, null);
    const listed = (await practitioner.api("GET", "/api/v1/share-decisions?outcome=DO_NOT_SHARE")).json().items;
    assert.ok(listed.some((d: { id: string }) => d.id === res.json().id));
    assert.deepEqual((await police.api("GET", "/api/v1/disclosures")).json().items, []);
    const entries = await ctx.database.db
      .select()
      .from(chronologyEntries)
      .where(and(eq(chronologyEntries.subjectId, childId), eq(chronologyEntries.refId, res.json().id)));
    assert.equal(entries[0] && renderChronologyEntry(entries[0]).title, "Decided not to share with Westshire Police");
  });

  describe("against a cited agreement", () => {
    let agreementId: string;
    before(async () => {
      const agreement = await newSignedAgreement(
        ctx.database.db,
        { id: councilId },
        {
          documentControl: { title: "Northbrook and children's services", tier: "STRATEGIC" },
          parties: [
            { organisationId: schoolId, controllerRelationship: "SEPARATE" },
            { organisationId: councilId, controllerRelationship: "SEPARATE" },
          ],
          purposes: { items: [{ code: "CHILD_IN_NEED_S17" }] },
          legalBasis: [{ organisationId: schoolId, article6: ["A6_1E_PUBLIC_TASK"] }],
          dataItems: [{ key: "attendance", name: "Attendance", category: "education", kind: "FACT" }],
          flows: [
            {
              key: "school-to-council",
              fromOrganisationIds: [schoolId],
              toOrganisationIds: [councilId],
              onwardDisclosure: "NOT_PERMITTED",
            },
          ],
        },
      );
      agreementId = agreement.id;
    });

    test("a share within its terms cites the agreement and the version in force, and carries its onward term", async () => {
      const res = await post(practitioner, share({ recipient: { ...share().recipient, agreementId }, acknowledgedWarnings: [] }));
      assert.equal(res.statusCode, 201, res.body);
      assert.deepEqual(res.json().agreement, { id: agreementId, version: 1, parentVersion: null });
      const d = (await socialWorker.api("GET", `/api/v1/disclosures/${res.json().disclosure.id}`)).json();
      assert.equal(d.onwardDisclosure, "NOT_PERMITTED");
    });

    test("outside its terms the DSA codes block, naming the agreement version", async () => {
      const res = await post(
        practitioner,
        share({
          recipient: { ...share().recipient, agreementId },
          purpose: { code: "MASH_CHECK", description: "MASH enquiry" },
          items: { items: [{ itemId: healthId, share: true }] },
          lawfulBasis: { ...share().lawfulBasis, article9: ["A9_2B_S1P1_SOCIAL_PROTECTION"] },
        }),
      );
      assert.equal(res.statusCode, 422, res.body);
      const codes = rulesOf(res).map((r) => r.code);
      assert.ok(codes.includes("DSA-PURPOSE") && codes.includes("DSA-ITEM") && codes.includes("DSA-BASIS"), codes.join(","));
      assert.ok(
        rulesOf(res)
          .find((r) => r.code === "DSA-PURPOSE")!
          .message.includes("version 1"),
      );
    });

    test("an emergency citing it, posted with one acknowledgement, records every warning it raised and says truthfully which was acknowledged", async () => {
      const res = await post(practitioner, {
        subjectId: childId,
        emergency: { immediateRisk: true, reason: "Kai says he will be taken abroad tonight" },
        recipient: { organisationId: councilId, agreementId },
        items: { items: [{ itemId: healthId, share: true }] },
        acknowledgedWarnings: ["ICO9-EMERGENCY"],
      });
      assert.equal(res.statusCode, 201, res.body);
      type Recorded = Rule & { acknowledged: boolean };
      const recorded = (await practitioner.api("GET", `/api/v1/share-decisions/${res.json().id}`)).json().warnings as Recorded[];
      assert.deepEqual(res.json().warnings, recorded, "the response and a later read agree");
      const codes = recorded.map((w) => w.code);
      assert.ok(codes.includes("DSA-ITEM"), `checked against the agreement without a purpose: ${codes.join(",")}`);
      assert.ok(!codes.includes("DSA-PURPOSE"));
      assert.ok(recorded.length > 2);
      for (const w of recorded) assert.equal(w.acknowledged, w.code === "ICO9-EMERGENCY", `${w.code} acknowledged?`);
    });

    test("an agreement id that is not in the register is a field error", async () => {
      const res = await post(practitioner, share({ recipient: { ...share().recipient, agreementId: randomUUID() } }));
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().errors[0].path, "/recipient/agreementId");
    });
  });

  describe("approval, emergency records and addenda", () => {
    test("where the organisation requires approval, nothing goes until another safeguarding lead approves", async () => {
      assert.equal((await practitioner.api("PUT", "/api/v1/share-approval-rules", { purposes: ["EARLY_HELP"] })).statusCode, 403);
      const rules = await schoolDsl.api("PUT", "/api/v1/share-approval-rules", { purposes: ["EARLY_HELP"] });
      assert.equal(rules.statusCode, 200, rules.body);
      const res = await post(practitioner, share({ purpose: { code: "EARLY_HELP", description: "Early help assessment" } }));
      assert.equal(res.statusCode, 201, res.body);
      const decision = res.json();
      assert.equal(decision.status, "AWAITING_APPROVAL");
      assert.equal(decision.disclosure, null);
      assert.equal((await practitioner.api("POST", `/api/v1/share-decisions/${decision.id}/approval`, {})).statusCode, 403);
      const approved = await schoolDsl.api("POST", `/api/v1/share-decisions/${decision.id}/approval`, { comments: "Agreed" });
      assert.equal(approved.statusCode, 204, approved.body);
      assert.equal((await schoolDsl.api("POST", `/api/v1/share-decisions/${decision.id}/approval`, {})).statusCode, 409);
      const after = (await practitioner.api("GET", `/api/v1/share-decisions/${decision.id}`)).json();
      assert.equal(after.status, "APPROVED");
      assert.equal(after.approval.comments, "Agreed");
      assert.equal(after.disclosure.state, "SENT");
      const inbox = (await socialWorker.api("GET", "/api/v1/disclosures")).json().items;
      assert.ok(inbox.some((d: { id: string }) => d.id === after.disclosure.id));
    });

    test("approval after the chosen access expiry has passed is refused, and nothing is delivered", async () => {
      const res = await post(
        practitioner,
        share({
          purpose: { code: "EARLY_HELP", description: "Early help assessment" },
          decision: { ...share().decision, accessExpiresOn: todayIso() } as Record<string, unknown>,
        }),
      );
      assert.equal(res.json().status, "AWAITING_APPROVAL", res.body);
      const tomorrow = addDays(new Date(), 1);
      await assert.rejects(
        () => approveDecision(ctx.database.db, schoolDslActor, res.json().id, {}, tomorrow),
        /could open it until has passed: return it/,
      );
      const after = (await practitioner.api("GET", `/api/v1/share-decisions/${res.json().id}`)).json();
      assert.deepEqual([after.status, after.disclosure], ["AWAITING_APPROVAL", null]);
    });

    test("a returned decision delivers nothing and says why", async () => {
      const res = await post(practitioner, share({ purpose: { code: "EARLY_HELP", description: "Early help assessment" } }));
      const id = res.json().id;
      assert.equal((await schoolDsl.api("POST", `/api/v1/share-decisions/${id}/return`, { comments: " " })).statusCode, 400);
      assert.equal(
        (await schoolDsl.api("POST", `/api/v1/share-decisions/${id}/return`, { comments: "Ask the mother first" })).statusCode,
        204,
      );
      const after = (await practitioner.api("GET", `/api/v1/share-decisions/${id}`)).json();
      assert.equal(after.status, "RETURNED");
      assert.equal(after.approval.comments, "Ask the mother first");
      assert.equal(after.disclosure, null);
      await schoolDsl.api("PUT", "/api/v1/share-approval-rules", { purposes: [] });
    });

    test("approval delivers exactly what the record says is taken out: a protected detail found since stops it until it is decided again", async () => {
      await schoolDsl.api("PUT", "/api/v1/share-approval-rules", { purposes: ["EARLY_HELP"] });
      const weekendsId = await addItem(childId, {
        category: "family_circumstances",
        text: "Kai stays with his uncle Joe Bloggs at weekends.",
      });
      const res = await post(
        practitioner,
        share({
          purpose: { code: "EARLY_HELP", description: "Early help assessment" },
          items: { items: [{ itemId: weekendsId, share: true }] },
        }),
      );
      assert.equal(res.json().status, "AWAITING_APPROVAL", res.body);
      // While it waits, Joe is recorded as someone whose identity is protected, living with Kai.
      const joe = await practitioner.api("POST", "/api/v1/subjects", {
        kind: "HOUSEHOLD_MEMBER",
        givenNames: "Joe",
        familyName: "Bloggs",
        identityProtected: true,
      });
      await practitioner.api("POST", "/api/v1/subject-links", { fromSubjectId: joe.json().id, toSubjectId: childId, kind: "LIVES_WITH" });
      const approved = await schoolDsl.api("POST", `/api/v1/share-decisions/${res.json().id}/approval`, {});
      assert.equal(approved.statusCode, 409, approved.body);
      assert.match(approved.json().detail, /protected details .* changed since .* return it/i);
      const after = (await practitioner.api("GET", `/api/v1/share-decisions/${res.json().id}`)).json();
      assert.deepEqual([after.status, after.disclosure], ["AWAITING_APPROVAL", null], "nothing went that the record does not say");
      await schoolDsl.api("POST", `/api/v1/share-decisions/${res.json().id}/return`, { comments: "Decide again: Joe is protected" });
      await schoolDsl.api("PUT", "/api/v1/share-approval-rules", { purposes: [] });
    });

    test("an emergency's full record keeps the answers only: what Safeshare records about what was taken out is not taken from the client", async () => {
      const res = await post(practitioner, {
        subjectId: childId,
        emergency: { immediateRisk: true, reason: "Kai says he will be taken abroad tonight" },
        recipient: { organisationId: councilId },
        items: { items: [{ itemId: attendanceId, share: true }] },
      });
      assert.equal(res.statusCode, 201, res.body);
      const made = [{ phrase: "Attendance 62%", kind: "name", ofSubject: true }];
      const complete = share({
        purpose: { ...share().purpose, protectedRedactions: made },
        items: {
          items: [{ itemId: attendanceId, share: true, protectedRedactions: made }],
          subjectDetails: [],
          protectedAddressesLeftOut: 3,
        },
      });
      const done = await practitioner.api("POST", `/api/v1/share-decisions/${res.json().id}/emergency-record`, complete);
      assert.equal(done.statusCode, 204, done.body);
      const [addendum] = await ctx.database.db
        .select()
        .from(shareDecisionAddenda)
        .where(eq(shareDecisionAddenda.decisionId, res.json().id));
      assert.equal(addendum!.record!.purpose.protectedRedactions, undefined);
      assert.equal(addendum!.record!.items.items?.[0]?.protectedRedactions, undefined);
      assert.equal(addendum!.record!.items.protectedAddressesLeftOut, undefined);
    });

    test("an emergency share goes at once; its full record is completed once, as sent, and checked by the rules", async () => {
      const res = await post(practitioner, {
        subjectId: childId,
        emergency: { immediateRisk: true, reason: "Kai says he will be taken abroad tonight" },
        recipient: { organisationId: councilId },
        items: { items: [{ itemId: attendanceId, share: true }] },
      });
      assert.equal(res.statusCode, 201, res.body);
      const decision = res.json();
      assert.equal(decision.emergency, true);
      assert.equal(decision.disclosure.state, "SENT");
      const due = Date.parse(decision.fullRecord.dueAt) - Date.parse(decision.decidedAt);
      assert.equal(Math.round(due / 3_600_000), 24, "the full record is due 24 hours later by default");
      const complete = { ...share(), items: { items: [{ itemId: attendanceId, share: true }] } };
      const moved = await practitioner.api("POST", `/api/v1/share-decisions/${decision.id}/emergency-record`, {
        ...complete,
        recipient: { ...complete.recipient, organisationId: policeId },
      });
      assert.equal(moved.statusCode, 400);
      const incomplete = await practitioner.api("POST", `/api/v1/share-decisions/${decision.id}/emergency-record`, {
        ...complete,
        lawfulBasis: {},
      });
      assert.equal(incomplete.statusCode, 422);
      assert.ok(rulesOf(incomplete).some((r) => r.code === "L-NO-ART6"));
      const pastExpiry = await practitioner.api("POST", `/api/v1/share-decisions/${decision.id}/emergency-record`, {
        ...complete,
        decision: { ...complete.decision, accessExpiresOn: todayIso(addDays(new Date(), -1)) },
      });
      assert.equal(pastExpiry.json().errors?.[0]?.path, "/decision/accessExpiresOn", "checked as the wizard checks it");
      const done = await practitioner.api("POST", `/api/v1/share-decisions/${decision.id}/emergency-record`, complete);
      assert.equal(done.statusCode, 204, done.body);
      assert.equal((await practitioner.api("POST", `/api/v1/share-decisions/${decision.id}/emergency-record`, complete)).statusCode, 409);
      const after = (await practitioner.api("GET", `/api/v1/share-decisions/${decision.id}`)).json();
      assert.ok(after.fullRecord.completedAt);
      assert.equal(after.addenda[0].kind, "EMERGENCY_RECORD");
    });

    test("an emergency share whose full record is past due is overdue in the API, and ?overdue=true lists only those", async () => {
      const emergency = {
        subjectId: childId,
        emergency: { immediateRisk: true, reason: "Kai has not been collected and his father is threatening staff" },
        recipient: { organisationId: councilId },
        items: { items: [{ itemId: attendanceId, share: true }] },
      };
      // Shared two days ago: its full record was due 24 hours later.
      const late = await recordShareDecision(ctx.database.db, practitionerActor, emergency, randomUUID(), addDays(new Date(), -2));
      const fresh = await post(practitioner, emergency);
      assert.equal(fresh.statusCode, 201, fresh.body);
      assert.equal(fresh.json().overdue, false);
      assert.equal((await practitioner.api("GET", `/api/v1/share-decisions/${late.detail.id}`)).json().overdue, true);
      const all = (await practitioner.api("GET", "/api/v1/share-decisions")).json().items as { id: string; overdue: boolean }[];
      assert.equal(all.find((d) => d.id === late.detail.id)?.overdue, true);
      assert.equal(all.find((d) => d.id === fresh.json().id)?.overdue, false);
      assert.ok(
        all.filter((d) => d.id !== late.detail.id).every((d) => !d.overdue),
        "nothing else is overdue",
      );
      const overdue = await practitioner.api("GET", "/api/v1/share-decisions?overdue=true");
      assert.equal(overdue.statusCode, 200, overdue.body);
      assert.deepEqual(
        overdue.json().items.map((d: { id: string }) => d.id),
        [late.detail.id],
      );
      const notOverdue = (await practitioner.api("GET", "/api/v1/share-decisions?overdue=false")).json().items as { id: string }[];
      assert.ok(notOverdue.length > 0 && notOverdue.every((d) => d.id !== late.detail.id));
      assert.equal((await practitioner.api("GET", "/api/v1/share-decisions?overdue=soon")).statusCode, 400);
    });

    test("the list is paged in SQL: page 2 of pageSize 1 is the next decision, the total the same, and only the page shown is recorded as read", async () => {
      type Page = { items: { id: string; subjectId: string; outcome: string }[]; total: number; page: number; pageSize: number };
      const page = async (query: string) => (await practitioner.api("GET", `/api/v1/share-decisions?${query}`)).json() as Page;
      const whole = await page("pageSize=200");
      assert.ok(whole.total >= 2 && whole.total === whole.items.length, `${whole.total} decisions, ${whole.items.length} listed`);
      const first = await page("pageSize=1");
      const second = await page("pageSize=1&page=2");
      assert.deepEqual(
        [first, second].map((p) => [p.page, p.pageSize, p.total, p.items.length]),
        [
          [1, 1, whole.total, 1],
          [2, 1, whole.total, 1],
        ],
      );
      assert.notEqual(second.items[0]!.id, first.items[0]!.id);
      assert.deepEqual(
        [first.items[0]!.id, second.items[0]!.id],
        whole.items.slice(0, 2).map((d) => d.id),
        "in the list's own order",
      );
      const [read] = await ctx.database.db
        .select({ body: auditEvents.body })
        .from(auditEvents)
        .where(eq(auditEvents.type, "personal_data.viewed"))
        .orderBy(desc(auditEvents.seq))
        .limit(1);
      const details = (JSON.parse(read!.body) as { details: { view: string; count: number; subjectIds: string[] } }).details;
      assert.deepEqual(details, { view: "api.share_decisions.list", count: 1, subjectIds: [second.items[0]!.subjectId] });
      const beyond = await page(`pageSize=1&page=${whole.total + 1}`);
      assert.deepEqual([beyond.items, beyond.total], [[], whole.total], "past the last page: none, and the same total");
      const filtered = await page("outcome=DO_NOT_SHARE&pageSize=1");
      assert.equal(
        filtered.total,
        whole.items.filter((d) => d.outcome === "DO_NOT_SHARE").length,
        "a filter narrows the count as it does the page",
      );
    });

    test("a correction or the outcome is added to a decision, never written over it", async () => {
      const [decision] = await decisionsOf();
      const res = await practitioner.api("POST", `/api/v1/share-decisions/${decision!.id}/addenda`, {
        kind: "OUTCOME",
        text: "Children's services started an assessment",
      });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.headers.location, `/api/v1/share-decisions/${decision!.id}`, "an addendum is read in its decision");
      const after = (await practitioner.api("GET", res.headers.location as string)).json();
      assert.equal(after.addenda.at(-1).id, res.json().id);
      assert.equal(after.addenda.at(-1).text, "Children's services started an assessment");
      assert.equal(after.record.decision.reasons, decision!.record.decision.reasons);
      await assert.rejects(
        () => ctx.database.db.update(shareDecisions).set({ outcome: "DO_NOT_SHARE" }).where(eq(shareDecisions.id, decision!.id)),
        "the database refuses to change a recorded decision",
      );
    });
  });

  describe("information requests and filing what arrived", () => {
    test("a request is due in UK working days; the answer, even a refusal with where else to ask, reaches the requester", async () => {
      const made = await socialWorker.api("POST", "/api/v1/information-requests", {
        requestedOrganisationId: schoolId,
        subject: { givenNames: "Kai", familyName: "Mensah", dateOfBirth: "2018-05-04" },
        purposeCode: "CHILD_PROTECTION_S47",
        purpose: "Strategy discussion tomorrow",
        gateway: "CA1989_S47",
        urgency: "SAFEGUARDING_REFERRAL",
      });
      assert.equal(made.statusCode, 201, made.body);
      const request = made.json();
      assert.equal(request.dueOn, addWorkingDays(todayIso(), 1, "england-and-wales"));
      assert.equal(request.status, "OPEN");
      const incoming = (await practitioner.api("GET", "/api/v1/information-requests")).json().items;
      assert.ok(incoming.some((r: { id: string }) => r.id === request.id));
      assert.equal((await police.api("GET", `/api/v1/information-requests/${request.id}`)).statusCode, 404);

      const answer = await post(practitioner, {
        subjectId: childId,
        informationRequestId: request.id,
        purpose: { code: "CHILD_PROTECTION_S47", description: "Strategy discussion" },
        recipient: { organisationId: councilId },
        decision: { outcome: "DO_NOT_SHARE", reasons: "The school holds nothing about this", otherHolderOrganisationId: policeId },
      });
      assert.equal(answer.statusCode, 201, answer.body);
      const seen = (await socialWorker.api("GET", `/api/v1/information-requests/${request.id}`)).json();
      assert.equal(seen.status, "ANSWERED");
      assert.deepEqual(seen.answer, {
        outcome: "DO_NOT_SHARE",
        reasons: "The school holds nothing about this",
        otherHolderName: "Westshire Police",
        disclosed: false,
        acknowledgedAt: null,
      });
      const twice = await post(practitioner, {
        subjectId: childId,
        informationRequestId: request.id,
        decision: { outcome: "DO_NOT_SHARE", reasons: "Again" },
      });
      assert.equal(twice.statusCode, 400, "an answered request cannot be answered again");
    });

    test("retrying the answer to a request with the same Idempotency-Key returns the decision already recorded", async () => {
      const made = await socialWorker.api("POST", "/api/v1/information-requests", {
        requestedOrganisationId: schoolId,
        subject: { givenNames: "Kai", familyName: "Mensah" },
        purposeCode: "CHILD_IN_NEED_S17",
        purpose: "Assessment",
        urgency: "ROUTINE",
      });
      assert.equal(made.statusCode, 201, made.body);
      const key = randomUUID();
      const answer = {
        subjectId: childId,
        informationRequestId: made.json().id,
        purpose: { code: "CHILD_IN_NEED_S17", description: "Assessment" },
        recipient: { organisationId: councilId },
        decision: { outcome: "DO_NOT_SHARE", reasons: "Nothing the assessment needs" },
      };
      const first = await post(practitioner, answer, key);
      assert.equal(first.statusCode, 201, first.body);
      const retry = await post(practitioner, answer, key);
      assert.equal(retry.statusCode, 200, retry.body);
      assert.equal(retry.json().id, first.json().id);
      const different = await post(practitioner, { ...answer, decision: { ...answer.decision, reasons: "Other" } }, key);
      assert.equal(different.statusCode, 409, "the same key with different answers is still a conflict");
    });

    describe("a refusal that answers a request", () => {
      let requestId: string;
      let reference: string;
      let requesterRecordId: string;
      let refusalId: string;

      before(async () => {
        // The requester's own record of the child: the request is made about it, so the answer lands on its chronology.
        const own = await councilColleague.api("POST", "/api/v1/subjects", { kind: "CHILD", givenNames: "Kai", familyName: "Mensah" });
        assert.equal(own.statusCode, 201, own.body);
        requesterRecordId = own.json().id;
        const made = await councilColleague.api("POST", "/api/v1/information-requests", {
          requestedOrganisationId: schoolId,
          requestingSubjectId: requesterRecordId,
          subject: { givenNames: "Kai", familyName: "Mensah" },
          purposeCode: "EARLY_HELP",
          purpose: "Early help assessment",
          urgency: "ROUTINE",
        });
        assert.equal(made.statusCode, 201, made.body);
        [requestId, reference] = [made.json().id, made.json().reference];
        const refusal = await post(practitioner, {
          subjectId: childId,
          informationRequestId: requestId,
          purpose: { code: "EARLY_HELP", description: "Early help assessment" },
          recipient: { organisationId: councilId },
          decision: { outcome: "DO_NOT_SHARE", reasons: "The family has not agreed to early help", otherHolderOrganisationId: policeId },
        });
        assert.equal(refusal.statusCode, 201, refusal.body);
        refusalId = refusal.json().id;
      });

      test("it reaches the requester as visibly as a share: their home page, their requests and their own record's chronology, until acknowledged", async () => {
        const home = await councilColleague.get("/");
        assert.match(home.body, /1 of your requests was answered with a decision not to share: read why/);
        assert.match(home.body, /href="\/information-requests\?box=outgoing"/);

        const list = await councilColleague.get("/information-requests?box=outgoing");
        assert.match(list.body, new RegExp(`${reference}[\\s\\S]*?Answered: not shared[\\s\\S]*?Not yet acknowledged`));
        const outgoing = (await councilColleague.api("GET", "/api/v1/information-requests?box=outgoing")).json().items;
        type Outgoing = { id: string; answer: { outcome: string; acknowledgedAt: string | null } | null };
        const waiting = (outgoing as Outgoing[]).map((r) => r.answer?.outcome === "DO_NOT_SHARE" && r.answer.acknowledgedAt === null);
        assert.ok(waiting[(outgoing as Outgoing[]).findIndex((r) => r.id === requestId)], "the refusal waits to be acknowledged");
        assert.deepEqual(
          waiting,
          [...waiting].sort((x, y) => Number(y) - Number(x)),
          "refusals to acknowledge come first",
        );

        const chronology = (await councilColleague.api("GET", `/api/v1/subjects/${requesterRecordId}/chronology`)).json().items;
        const entry = chronology.find((e: { title: string }) => e.title === `Northbrook Primary decided not to share: ${reference}`);
        assert.ok(entry, JSON.stringify(chronology.map((e: { title: string }) => e.title)));
        assert.equal(entry.summary, "The family has not agreed to early help");

        const page = await councilColleague.get(`/information-requests/${requestId}`);
        assert.match(page.body, /Acknowledge the answer/);
        assert.equal((await councilColleague.post(`/information-requests/${requestId}/acknowledge`, {})).statusCode, 303);
        assert.equal(
          (await councilColleague.api("POST", `/api/v1/information-requests/${requestId}/answer-acknowledgement`)).statusCode,
          204,
          "acknowledging again changes nothing",
        );
        assert.doesNotMatch((await councilColleague.get("/")).body, /answered with a decision not to share/);
        const seen = (await practitioner.api("GET", `/api/v1/information-requests/${requestId}`)).json();
        assert.ok(seen.answer.acknowledgedAt, "the organisation that answered can see it was acknowledged");
        assert.equal(
          (await police.api("POST", `/api/v1/information-requests/${requestId}/answer-acknowledgement`)).statusCode,
          404,
          "only the requester acknowledges it",
        );
      });

      test("its record names the request and who asked, and never says it was sent", async () => {
        const page = await practitioner.get(`/share-decisions/${refusalId}`);
        assert.equal(page.statusCode, 200);
        assert.match(page.body, new RegExp(`Answers request[\\s\\S]*?${reference} from Westshire Children&#39;s Services`));
        assert.doesNotMatch(page.body, /Sent to/);
        const pdf = await practitioner.get(`/share-decisions/${refusalId}/record.pdf`);
        const { PDFParse } = await import("pdf-parse");
        const parser = new PDFParse({ data: pdf.rawPayload });
        const text = (await parser.getText()).text.replace(/\s+/g, " ");
        await parser.destroy();
        assert.match(text, new RegExp(`Answers request ${reference} from Westshire Children's Services`));
        assert.doesNotMatch(text, /Sent to/);
        const api = (await practitioner.api("GET", `/api/v1/share-decisions/${refusalId}`)).json();
        assert.equal(api.informationRequest.reference, reference);
        assert.equal(api.informationRequest.requestingOrganisation.name, "Westshire Children's Services");
      });
    });

    test("reasons that go back to the organisation that asked are searched too: a practitioner must rewrite them without a protected detail, a lead is warned", async () => {
      const made = await councilColleague.api("POST", "/api/v1/information-requests", {
        requestedOrganisationId: schoolId,
        subject: { givenNames: "Kai", familyName: "Mensah" },
        purposeCode: "EARLY_HELP",
        purpose: "Early help assessment",
        urgency: "ROUTINE",
      });
      assert.equal(made.statusCode, 201, made.body);
      const answer = (reasons: string, acknowledgedWarnings: string[] = []) => ({
        subjectId: childId,
        informationRequestId: made.json().id,
        purpose: { code: "EARLY_HELP", description: "Early help assessment" },
        recipient: { organisationId: councilId },
        decision: { outcome: "DO_NOT_SHARE", reasons },
        acknowledgedWarnings,
      });
      const naming = "Kai's mother is at haven refuge and asked us not to";
      const refused = await post(practitioner, answer(naming));
      assert.equal(refused.statusCode, 422, refused.body);
      assert.deepEqual(
        rulesOf(refused).map((r) => [r.code, r.severity, r.path]),
        [["GR5-PROTECT-IDENTITIES", "block", "/decision/reasons"]],
      );
      assert.match(rulesOf(refused)[0]!.message, /a protected address of someone linked to this person/);
      assert.ok(!/haven/i.test(refused.body), "the finding does not repeat it");
      const unread = await post(schoolDsl, answer(naming));
      assert.deepEqual(
        rulesOf(unread).map((r) => [r.code, r.severity, r.path]),
        [["GR5-PROTECT-IDENTITIES", "warning", "/decision/reasons"]],
        "a lead may decide it goes, once they have read the warning",
      );
      const rewritten = await post(practitioner, answer("Kai's mother asked us not to share"));
      assert.equal(rewritten.statusCode, 201, rewritten.body);
      assert.equal(
        (await councilColleague.api("GET", `/api/v1/information-requests/${made.json().id}`)).json().answer.reasons,
        "Kai's mother asked us not to share",
      );
    });

    test("an open request can be withdrawn by the requester only", async () => {
      const made = await socialWorker.api("POST", "/api/v1/information-requests", {
        requestedOrganisationId: schoolId,
        subject: { givenNames: "Lily", familyName: "Other" },
        purposeCode: "EARLY_HELP",
        purpose: "Early help assessment",
        urgency: "ROUTINE",
      });
      const id = made.json().id;
      assert.equal((await practitioner.api("POST", `/api/v1/information-requests/${id}/withdrawal`)).statusCode, 404);
      assert.equal((await socialWorker.api("POST", `/api/v1/information-requests/${id}/withdrawal`)).statusCode, 204);
      assert.equal((await socialWorker.api("POST", `/api/v1/information-requests/${id}/withdrawal`)).statusCode, 409);
      const bad = await socialWorker.api("POST", "/api/v1/information-requests", {
        requestedOrganisationId: councilId,
        subject: { givenNames: "A", familyName: "B", nhsNumber: "1234567890", dateOfBirth: "2999-01-01" },
        purposeCode: "EARLY_HELP",
        purpose: "x",
        urgency: "ROUTINE",
      });
      assert.equal(bad.statusCode, 400);
      assert.deepEqual(
        bad
          .json()
          .errors.map((e: { path: string }) => e.path)
          .sort(),
        ["/subject/dateOfBirth", "/subject/nhsNumber"],
      );
    });

    test("the recipient files a disclosure onto its own records, the sender as the source; it cannot then be passed on without the sender's say-so", async () => {
      const sent = await post(practitioner, share());
      const disclosureId = sent.json().disclosure.id;
      const filed = await socialWorker.api("POST", `/api/v1/disclosures/${disclosureId}/filing`, { newSubject: true, kind: "CHILD" });
      assert.equal(filed.statusCode, 201, filed.body);
      const { subjectId } = filed.json();
      assert.equal(filed.headers.location, `/api/v1/subjects/${subjectId}`, "the record it was filed on");
      assert.equal(
        (await socialWorker.api("POST", `/api/v1/disclosures/${disclosureId}/filing`, { newSubject: true, kind: "CHILD" })).statusCode,
        409,
      );
      const person = (await socialWorker.api("GET", `/api/v1/subjects/${subjectId}`)).json();
      assert.equal(person.familyName, "Mensah");
      const items = (await socialWorker.api("GET", `/api/v1/subjects/${subjectId}/items`)).json().items;
      assert.equal(items.length, 1);
      // Whose words they are (the school's attendance officer), who recorded them and who shared them.
      assert.equal(
        items[0].source.name,
        "Attendance officer, as recorded by Northbrook Primary; shared by Tomasz Wójcik through Safeshare",
      );
      assert.equal(items[0].source.method, "FROM_ANOTHER_AGENCY");
      const chronology = (await socialWorker.api("GET", `/api/v1/subjects/${subjectId}/chronology?category=disclosure`)).json().items;
      assert.equal(chronology[0].title, "Information received from Northbrook Primary");
      assert.equal(
        (await practitioner.api("GET", `/api/v1/subjects/${subjectId}`)).statusCode,
        404,
        "the sender cannot read the recipient's record",
      );
      const onward = await post(socialWorker, {
        ...share(),
        subjectId,
        recipient: { organisationId: policeId, role: "POLICE_SAFEGUARDING" },
        items: { items: [{ itemId: items[0].id, share: true }] },
      });
      assert.equal(onward.statusCode, 422, onward.body);
      assert.ok(rulesOf(onward).some((r) => r.code === "DSA-ONWARD" && r.message.includes("Northbrook Primary")));
    });
  });

  test("another organisation's decision is a 404, and the decision list shows only your own", async () => {
    const [mine] = await decisionsOf();
    assert.equal((await police.api("GET", `/api/v1/share-decisions/${mine!.id}`)).statusCode, 404);
    assert.deepEqual((await police.api("GET", "/api/v1/share-decisions")).json().items, []);
  });
});
