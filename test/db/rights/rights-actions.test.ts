import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { after, before, describe, test } from "node:test";
import { eq } from "drizzle-orm";
import type { App } from "../../../src/app/build-app";
import { chronologyEntries, recordItems } from "../../../src/features/records/schema";
import { legalHolds } from "../../../src/features/retention/schema";
import { today } from "../../../src/platform/dates/calendar";
import { auditEvents } from "../../../src/platform/db/schema";
import { testApp } from "../../support/app";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation, newUser } from "../../support/factories";
import type { TestClient } from "../../support/http-client";
import { registeredRoutes } from "../../support/routes";
import { signedInAs } from "../../support/sign-in";

type Notice = {
  id: string;
  kind: string;
  text: string;
  disclosureId: string;
  acknowledgedAt: string | null;
  item?: { number: number; category: string; eventDate: string };
};

describeEachDatabase("rectification, restriction and erasure: done item by item and told to every recipient", (ctx) => {
  let app: App;
  let ig: TestClient;
  let practitioner: TestClient;
  let socialWorker: TestClient;
  let councilIg: TestClient;
  let councilPractitioner: TestClient;
  let councilId: string;
  let schoolId: string;
  let igUserId: string;
  let childId: string;

  const source = { name: "Class teacher", method: "OBSERVED", obtainedOn: "2026-10-01" };
  const addItem = async (text: string, kind = "FACT", subjectId = childId) => {
    const res = await practitioner.api("POST", `/api/v1/subjects/${subjectId}/items`, {
      category: "education",
      kind,
      text,
      eventDate: "2026-10-01",
      source,
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().id as string;
  };
  const shareDecision = (itemIds: string[], subjectId = childId) => ({
    subjectId,
    purpose: { code: "CHILD_IN_NEED_S17", description: "Assessment" },
    information: { personal: true, confidential: false },
    recipient: { organisationId: councilId, role: "SOCIAL_WORKER" },
    transparency: { informed: true, consentStatus: "NOT_SOUGHT", consentNotSoughtReason: "UNSAFE_TO_SEEK" },
    lawfulBasis: { article6: "A6_1E_PUBLIC_TASK" },
    items: { items: itemIds.map((itemId) => ({ itemId, share: true })) },
    advice: { sought: false },
    decision: { outcome: "SHARE", reasons: "r", necessityAndProportionality: "n" },
    acknowledgedWarnings: ["GR4-SEEK-ADVICE", "ICO6-AGREEMENT"],
  });
  const share = async (itemIds: string[]) => {
    const res = await practitioner.api("POST", "/api/v1/share-decisions", shareDecision(itemIds), { "idempotency-key": randomUUID() });
    assert.equal(res.statusCode, 201, res.body);
    return res.json().disclosure.id as string;
  };
  const logRequest = async (type: string, details = "Please put right what you hold about my daughter", subjectId = childId) => {
    const id = await logUnverified(type, details, subjectId);
    const verified = await ig.api("POST", `/api/v1/rights-requests/${id}/identity`, {
      evidence: "Passport seen at reception",
      authorityEvidence: "Birth certificate names her as mother",
    });
    assert.equal(verified.statusCode, 204, verified.body);
    const started = await ig.api("POST", `/api/v1/rights-requests/${id}/transitions`, { to: "IN_PROGRESS" });
    assert.equal(started.statusCode, 204, started.body);
    return id;
  };
  const logUnverified = async (type: string, details: string, subjectId: string) => {
    const res = await ig.api("POST", "/api/v1/rights-requests", {
      type,
      requester: { name: "Siobhán Ní Bhriain", email: "s@example.org" },
      relationship: "PARENTAL_RESPONSIBILITY",
      about: { name: "Zoë Ní Bhriain" },
      details,
      receivedVia: "EMAIL",
      receivedOn: today(),
    });
    assert.equal(res.statusCode, 201, res.body);
    const id = res.json().id as string;
    assert.equal((await ig.api("POST", `/api/v1/rights-requests/${id}/subjects`, { subjectId })).statusCode, 200);
    return id;
  };
  const notices = async () => (await socialWorker.api("GET", "/api/v1/recipient-notices")).json().items as Notice[];
  const act = (requestId: string, itemId: string, action: string, body: unknown) =>
    ig.api("POST", `/api/v1/rights-requests/${requestId}/items/${itemId}/${action}`, body);

  before(async () => {
    app = await testApp(ctx.database);
    const db = ctx.database.db;
    const school = await newOrganisation(db, { name: "Northbrook Primary" });
    const council = await newOrganisation(db, { name: "Westshire Children's Services", type: "childrens_social_care" });
    councilId = council.id;
    schoolId = school.id;
    const igUser = await newUser(db, school, ["ig_lead"]);
    igUserId = igUser.user.id;
    ig = await signedInAs(app, db, igUser);
    practitioner = await signedInAs(app, db, await newUser(db, school, ["practitioner"]));
    // Unnamed in the decisions below, so the council's safeguarding lead is who reads what arrives.
    socialWorker = await signedInAs(app, db, await newUser(db, council, ["safeguarding_lead"]));
    councilPractitioner = await signedInAs(app, db, await newUser(db, council, ["practitioner"]));
    councilIg = await signedInAs(app, db, await newUser(db, council, ["ig_lead"]));
    childId = (
      await practitioner.api("POST", "/api/v1/subjects", {
        kind: "CHILD",
        givenNames: "Zoë",
        familyName: "Ní Bhriain",
        dateOfBirth: "2016-02-03",
      })
    ).json().id;
  });
  after(() => app.close());

  describe("rectification", () => {
    let requestId: string;
    let lateId: string;

    before(async () => {
      lateId = await addItem("Zoë was late nine times in September.");
      await share([lateId]);
      requestId = await logRequest("RECTIFICATION");
    });

    test("a correction makes a new version and the recipient is told what it now says, to acknowledge", async () => {
      const res = await act(requestId, lateId, "correct", {
        category: "education",
        kind: "FACT",
        text: "Zoë was late six times in September.",
        eventDate: "2026-10-01",
        source,
        reason: "Three of the late marks were another pupil's",
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().recipientsNotified, 1);
      const items = (await practitioner.api("GET", `/api/v1/subjects/${childId}/items`)).json().items;
      assert.ok(items.some((i: { text: string; accuracy: string }) => i.text === "Zoë was late six times in September."));

      const [notice] = await notices();
      const unnamed = (await councilPractitioner.api("GET", "/api/v1/recipient-notices")).json().items;
      assert.deepEqual(unnamed, [], "no wider than the disclosure: a colleague it was not sent to is not shown it");
      assert.equal(notice?.kind, "CORRECTED");
      const viewed = await ctx.database.db.select().from(auditEvents).where(eq(auditEvents.type, "personal_data.viewed"));
      assert.ok(
        viewed.some((e) => JSON.parse(e.body).details.view === "api.recipient_notices"),
        "reading notices is audited: they quote what was corrected",
      );
      assert.match(notice!.text, /late six times/);
      assert.equal(notice!.acknowledgedAt, null);
      assert.equal((await socialWorker.api("POST", `/api/v1/recipient-notices/${notice!.id}/acknowledge`)).statusCode, 204);
      assert.notEqual((await notices())[0]!.acknowledgedAt, null);

      const actions = (await ig.api("GET", `/api/v1/rights-requests/${requestId}/actions`)).json();
      assert.deepEqual(
        actions.actions.map((a: { kind: string; reason: string }) => [a.kind, a.reason]),
        [["CORRECTED", "Three of the late marks were another pupil's"]],
      );
      assert.deepEqual(actions.notices, [
        { itemId: lateId, kind: "CORRECTED", recipient: "Westshire Children's Services", sent: 1, acknowledged: 1 },
      ]);
      const steps = (await ig.api("GET", `/api/v1/subjects/${childId}/chronology?pageSize=200`)).json().items as {
        title: string;
        summary: string;
      }[];
      assert.ok(
        steps.some((e) => /an item corrected/.test(e.title) && e.summary === "Three of the late marks were another pupil's"),
        "the step is on the child's chronology for the IG lead",
      );
    });

    test("acknowledging a notice a second time is a no-op (204): the first acknowledgement stands and nothing more is audited", async () => {
      const [notice] = await notices();
      assert.ok(notice?.acknowledgedAt, "acknowledged by the test before");
      const acknowledgements = async () =>
        (await ctx.database.db.select().from(auditEvents).where(eq(auditEvents.type, "recipient_notice.acknowledged"))).filter(
          (e) => JSON.parse(e.body).details.noticeId === notice!.id,
        ).length;
      const before = await acknowledgements();
      assert.equal((await socialWorker.api("POST", `/api/v1/recipient-notices/${notice!.id}/acknowledge`)).statusCode, 204);
      assert.equal(
        (await socialWorker.post(`/recipient-notices/${notice!.id}/acknowledge`, {})).statusCode,
        303,
        "and from the inbox page",
      );
      assert.equal((await notices())[0]!.acknowledgedAt, notice!.acknowledgedAt);
      assert.equal(await acknowledgements(), before);
    });

    test("a recipient notice names the item it concerns, as the recipient knows it: its place in the disclosure, kind and date", async () => {
      const [notice] = await notices();
      assert.deepEqual(notice?.item, { number: 1, category: "education", eventDate: "2026-10-01" });
      const inbox = await socialWorker.get("/disclosures");
      assert.match(inbox.body, /Item 1: Education, 1 October 2026/);
    });

    test("an opinion is not rewritten: the person's statement is recorded beside it and sent on", async () => {
      const opinion = await addItem("In my view Zoë's mother is not engaging with school.", "OPINION");
      await share([opinion]);
      const missing = await act(requestId, opinion, "statement", { statement: "  " });
      assert.equal(missing.statusCode, 400);
      assert.equal(missing.json().errors[0].path, "/statement");
      const res = await act(requestId, opinion, "statement", { statement: "I have been to every meeting I was invited to." });
      assert.equal(res.statusCode, 200, res.body);
      const { item } = (await practitioner.api("GET", `/api/v1/subjects/${childId}/items/${opinion}`)).json();
      assert.equal(item.text, "In my view Zoë's mother is not engaging with school.");
      assert.match(item.dispute.note, /every meeting/);
      assert.ok((await notices()).some((n) => n.kind === "DISPUTED" && /every meeting/.test(n.text)));
    });

    test("nothing is changed for a requester whose identity is not verified, or before work starts", async () => {
      const unverified = await logUnverified("RECTIFICATION", "Correct it", childId);
      const res = await act(unverified, lateId, "restrict", { reason: "Accuracy contested" });
      assert.equal(res.statusCode, 409);
      assert.match(res.json().detail, /identity/);
      const page = await ig.get(`/rights/${unverified}/items/${lateId}`);
      assert.match(page.body, /before changing anything for them/);
      assert.doesNotMatch(page.body, /Restrict it/);
    });

    test("correcting a restricted item keeps it restricted, and recipients of every earlier version are told", async () => {
      const first = await addItem("Zoë's reading age is 6.");
      await share([first]);
      const requestId = await logRequest("RECTIFICATION", "The reading age is wrong");
      assert.equal((await act(requestId, first, "restrict", { reason: "Checking the test" })).statusCode, 200);
      const corrected = await act(requestId, first, "correct", {
        category: "education",
        kind: "FACT",
        text: "Zoë's reading age is 8.",
        eventDate: "2026-10-01",
        source,
        reason: "The test was scored against the wrong table",
      });
      assert.equal(corrected.statusCode, 200, corrected.body);
      const items = (await practitioner.api("GET", `/api/v1/subjects/${childId}/items`)).json().items as {
        id: string;
        text: string;
      }[];
      const current = items.find((i) => i.text === "Zoë's reading age is 8.")!;
      const blocked = (await practitioner.api("POST", "/api/v1/share-decisions/evaluate", shareDecision([current.id]))).json();
      assert.ok(
        blocked.findings.some((f: { code: string }) => f.code === "R-RESTRICTED"),
        "the new version is restricted too",
      );
      // A second correction, of the new version, still reaches the organisation that had the first.
      const again = await act(requestId, current.id, "correct", {
        category: "education",
        kind: "FACT",
        text: "Zoë's reading age is 8 and a half.",
        eventDate: "2026-10-01",
        source,
        reason: "Rounded down in error",
      });
      assert.equal(again.json().recipientsNotified, 1);
    });

    test("a notice quotes the correction redacted as the disclosure was, and nothing once the recipient can no longer read it", async () => {
      const itemId = await addItem("Zoë's aunt Róisín collects her on Fridays.");
      const d = shareDecision([itemId]);
      const withRedaction = { ...d, items: { items: [{ itemId, share: true, redactions: ["Róisín"] }] } };
      const res = await practitioner.api("POST", "/api/v1/share-decisions", withRedaction, { "idempotency-key": randomUUID() });
      assert.equal(res.statusCode, 201, res.body);
      const revokedId = await share([itemId]);
      assert.equal(
        (await practitioner.api("POST", `/api/v1/disclosures/${revokedId}/revocation`, { reason: "Sent in error" })).statusCode,
        204,
      );
      const requestId = await logRequest("RECTIFICATION", "It is Thursdays");
      const corrected = await act(requestId, itemId, "correct", {
        category: "education",
        kind: "FACT",
        text: "Zoë's aunt Róisín collects her on Thursdays.",
        eventDate: "2026-10-01",
        source,
        reason: "Wrong day",
      });
      assert.equal(corrected.json().recipientsNotified, 2);
      const texts = (await notices()).filter((n) => /Thursdays|can no longer open/.test(n.text)).map((n) => n.text);
      assert.equal(texts.length, 2);
      assert.ok(texts.some((t) => /aunt \[redacted\] collects her on Thursdays/.test(t)));
      assert.ok(texts.some((t) => /can no longer open/.test(t) && !/Thursdays/.test(t)));
      assert.ok(!texts.some((t) => t.includes("Róisín")));
    });

    test("a notice quotes a correction with the protected details taken out, as the disclosure took them out; typing one in is a warning first", async () => {
      const ada = await practitioner.api("POST", "/api/v1/subjects", { kind: "CHILD", givenNames: "Ada", familyName: "Byrne" });
      const aunt = await practitioner.api("POST", "/api/v1/subjects", {
        kind: "HOUSEHOLD_MEMBER",
        givenNames: "Nuala",
        familyName: "Byrne",
        identityProtected: true,
      });
      await practitioner.api("POST", "/api/v1/subject-links", {
        fromSubjectId: aunt.json().id,
        toSubjectId: ada.json().id,
        kind: "LIVES_WITH",
      });
      const itemRes = await practitioner.api("POST", `/api/v1/subjects/${ada.json().id}/items`, {
        category: "education",
        kind: "FACT",
        text: "Ada's aunt Nuala Byrne collects her on Fridays.",
        eventDate: "2026-10-01",
        source,
        acknowledgedWarnings: ["GR5-PROTECT-IDENTITIES"],
      });
      const itemId = itemRes.json().id as string;
      const d = shareDecision([itemId], ada.json().id);
      const shared = await practitioner.api(
        "POST",
        "/api/v1/share-decisions",
        { ...d, acknowledgedWarnings: [...d.acknowledgedWarnings, "GR5-PROTECT-IDENTITIES"] },
        { "idempotency-key": randomUUID() },
      );
      assert.equal(shared.statusCode, 201, shared.body);
      const requestId = await logRequest("RECTIFICATION", "It is Thursdays", ada.json().id);
      const correction = {
        category: "education",
        kind: "FACT",
        text: "Ada's aunt Nuala Byrne collects her on Thursdays.",
        eventDate: "2026-10-01",
        source,
        reason: "Wrong day",
      };
      const warned = await act(requestId, itemId, "correct", correction);
      assert.equal(warned.statusCode, 422, warned.body);
      assert.deepEqual(
        warned.json().rules.map((r: { code: string; severity: string }) => [r.code, r.severity]),
        [["GR5-PROTECT-IDENTITIES", "warning"]],
      );
      const corrected = await act(requestId, itemId, "correct", { ...correction, acknowledgedWarnings: ["GR5-PROTECT-IDENTITIES"] });
      assert.equal(corrected.statusCode, 200, corrected.body);
      const text = (await notices()).find((n) => /Thursdays/.test(n.text) && /Ada/.test(n.text))?.text ?? "";
      assert.match(text, /Ada's aunt \[redacted\] collects her on Thursdays/);
    });

    test("a notice searches the corrected text and the person's statement for protected details: one they add, however written, is taken out unless a lead let them go", async () => {
      const orla = (await practitioner.api("POST", "/api/v1/subjects", { kind: "CHILD", givenNames: "Orla", familyName: "Quinn" })).json()
        .id as string;
      const mother = await practitioner.api("POST", "/api/v1/subjects", {
        kind: "PARENT_CARER",
        givenNames: "Maeve",
        familyName: "Quinn",
        addresses: [{ lines: "Haven refuge\n2 Alder Mews, Westshire", postcode: "WS8 1HZ", protected: true }],
      });
      await practitioner.api("POST", "/api/v1/subject-links", { fromSubjectId: mother.json().id, toSubjectId: orla, kind: "PARENT_OF" });
      const ACK = { acknowledgedWarnings: ["GR5-PROTECT-IDENTITIES"] };
      const moved = await addItem("Orla's mother has moved house.", "FACT", orla);
      const view = await addItem("In my view Orla has settled well.", "OPINION", orla);
      const byPractitioner = await practitioner.api("POST", "/api/v1/share-decisions", shareDecision([moved, view], orla), {
        "idempotency-key": randomUUID(),
      });
      assert.equal(byPractitioner.statusCode, 201, byPractitioner.body);
      const refuge = await practitioner.api("POST", `/api/v1/subjects/${orla}/items`, {
        category: "education",
        kind: "FACT",
        text: "Orla's mother is at Haven refuge.",
        eventDate: "2026-10-01",
        source,
        ...ACK,
      });
      const refugeId = refuge.json().id as string;
      const d = shareDecision([refugeId], orla);
      const byLead = await ig.api(
        "POST",
        "/api/v1/share-decisions",
        {
          ...d,
          items: { items: [{ itemId: refugeId, share: true, protectedDetailsReason: "The social worker visits her there" }] },
          acknowledgedWarnings: [...d.acknowledgedWarnings, "GR5-PROTECT-IDENTITIES"],
        },
        { "idempotency-key": randomUUID() },
      );
      assert.equal(byLead.statusCode, 201, byLead.body);

      const requestId = await logRequest("RECTIFICATION", "She has moved", orla);
      const correct = (itemId: string, text: string) =>
        act(requestId, itemId, "correct", {
          category: "education",
          kind: "FACT",
          text,
          eventDate: "2026-10-01",
          source,
          reason: "Moved",
          ...ACK,
        });
      assert.equal((await correct(moved, "Orla's mother has moved to 2 alder mews, ws81hz.")).statusCode, 200);
      const statement = await act(requestId, view, "statement", {
        statement: "Orla is unsettled since we moved to 2 Alder Mews, WS8 1HZ.",
      });
      assert.equal(statement.statusCode, 200, statement.body);
      assert.equal((await correct(refugeId, "Orla's mother is at Haven refuge, 2 Alder Mews.")).statusCode, 200);

      const texts = (await notices()).map((n) => n.text);
      assert.ok(
        texts.some((t) => t.endsWith("Orla's mother has moved to [redacted].")),
        texts.join("\n"),
      );
      assert.ok(
        texts.some((t) => t.endsWith("Orla is unsettled since we moved to [redacted].")),
        texts.join("\n"),
      );
      assert.ok(
        texts.some((t) => t.endsWith("Orla's mother is at Haven refuge, 2 Alder Mews.")),
        "the lead's reason to let the item's protected details go covers what it now says",
      );
      assert.equal(texts.filter((t) => /alder mews|ws8/i.test(t)).length, 1, "only the notice of what a lead let go names it");
    });

    test("only what the request type allows, and only by the organisation that holds the request", async () => {
      assert.equal((await act(requestId, lateId, "erasure", { grant: true, reason: "x" })).statusCode, 409);
      const foreign = await councilIg.api("POST", `/api/v1/rights-requests/${requestId}/items/${lateId}/restrict`, { reason: "x" });
      assert.equal(foreign.statusCode, 404);
      assert.equal((await councilPractitioner.api("GET", `/api/v1/rights-requests/${requestId}/actions`)).statusCode, 403);
    });
  });

  describe("restriction", () => {
    test("a restricted item cannot be shared (R-RESTRICTED) until lifted, and lifting needs the requester told first", async () => {
      const itemId = await addItem("Zoë's attendance was 81% in October.");
      const requestId = await logRequest("RESTRICTION", "I dispute the attendance figure: do not use it until it is checked");
      const restricted = await act(requestId, itemId, "restrict", { reason: "Accuracy contested" });
      assert.equal(restricted.statusCode, 200, restricted.body);
      assert.equal((await act(requestId, itemId, "restrict", { reason: "again" })).statusCode, 409);
      const page = (await ig.get(`/rights/${requestId}/items/${itemId}`)).body;
      assert.match(page, /Kept, but it cannot be shared until the restriction is lifted/);
      assert.doesNotMatch(page, /R-RESTRICTED/, "the IG lead reads what it means, not the rule's code");

      const evaluate = () => practitioner.api("POST", "/api/v1/share-decisions/evaluate", shareDecision([itemId]));
      const blocked = (await evaluate()).json().findings.filter((f: { code: string }) => f.code === "R-RESTRICTED");
      assert.equal(blocked.length, 1);
      assert.equal(blocked[0].severity, "block");

      const untold = await act(requestId, itemId, "lift-restriction", { reason: "Figure checked against the register" });
      assert.equal(untold.statusCode, 400);
      assert.equal(untold.json().errors[0].path, "/requesterToldOn");
      const lifted = await act(requestId, itemId, "lift-restriction", {
        reason: "Figure checked against the register",
        requesterToldOn: today(),
      });
      assert.equal(lifted.statusCode, 200, lifted.body);
      const after = (await evaluate()).json().findings.map((f: { code: string }) => f.code);
      assert.ok(!after.includes("R-RESTRICTED"));
      const [lift] = (await ig.api("GET", `/api/v1/rights-requests/${requestId}/actions`)).json().actions.slice(-1);
      assert.equal(lift.requesterToldOn, today());
    });
  });

  test("the items API says which items are restricted, and the wizard's items step offers a restricted item only to withhold or leave out", async () => {
    const restrictedId = await addItem("Zoë missed two PE lessons in October.");
    const otherId = await addItem("Zoë joined the choir.");
    const requestId = await logRequest("RESTRICTION", "Do not use the PE record until it is checked");
    assert.equal((await act(requestId, restrictedId, "restrict", { reason: "Accuracy contested" })).statusCode, 200);

    const items = (await practitioner.api("GET", `/api/v1/subjects/${childId}/items`)).json().items as {
      id: string;
      restricted: boolean;
    }[];
    assert.equal(items.find((i) => i.id === restrictedId)?.restricted, true);
    assert.equal(items.find((i) => i.id === otherId)?.restricted, false);
    const one = (await practitioner.api("GET", `/api/v1/subjects/${childId}/items/${restrictedId}`)).json();
    assert.equal(one.item.restricted, true);

    const page = await practitioner.get(`/subjects/${childId}/share/steps/items`);
    assert.equal(page.statusCode, 200);
    const shareOption = (id: string) => new RegExp(`name="item-${id}" type="radio" value="share"`);
    assert.match(page.body, shareOption(otherId), "an item that may be shared can be chosen");
    assert.doesNotMatch(page.body, shareOption(restrictedId), "a restricted item cannot be chosen to share");
    assert.match(page.body, new RegExp(`name="item-${restrictedId}" type="radio" value="withhold"`));
    assert.match(page.body, /This item is restricted while a request about it is settled: it is kept, but it cannot be shared\./);
    assert.doesNotMatch(page.body, /R-RESTRICTED/, "the practitioner reads the reason, not the rule's code");
  });

  describe("erasure", () => {
    test("refused with its reason, the item stays and no one is told", async () => {
      const itemId = await addItem("Zoë joined the choir.");
      const requestId = await logRequest("ERASURE");
      const noReason = await act(requestId, itemId, "erasure", { grant: false });
      assert.equal(noReason.statusCode, 400);
      assert.equal(noReason.json().errors[0].path, "/reason");
      const refused = await act(requestId, itemId, "erasure", { grant: false, reason: "Held for a public task (UK GDPR Art 17(3)(b))" });
      assert.equal(refused.json().recipientsNotified, 0);
      assert.equal(
        (await practitioner.api("GET", `/api/v1/subjects/${childId}/items/${itemId}`)).json().item.text,
        "Zoë joined the choir.",
      );
    });

    test("not while a legal hold covers the person's file: 409 naming the hold (RET-HOLD), and the words stay", async () => {
      const itemId = await addItem("Zoë was sent home with a temperature.");
      const requestId = await logRequest("ERASURE");
      const db = ctx.database.db;
      const [hold] = await db
        .insert(legalHolds)
        .values({
          organisationId: schoolId,
          scope: "ORGANISATION",
          name: "Westshire CSPR 2026/1",
          instruction: "Keep every record",
          setByUserId: igUserId,
        })
        .returning();
      const held = await act(requestId, itemId, "erasure", { grant: true, reason: "Recorded in error" });
      assert.equal(held.statusCode, 409, held.body);
      assert.match(held.json().detail, /“Westshire CSPR 2026\/1”/);
      assert.equal(held.json().rules[0].code, "RET-HOLD");
      assert.equal(
        (await practitioner.api("GET", `/api/v1/subjects/${childId}/items/${itemId}`)).json().item.text,
        "Zoë was sent home with a temperature.",
      );
      await db.update(legalHolds).set({ liftedAt: new Date(), liftReason: "Review published" }).where(eq(legalHolds.id, hold!.id));
      const lifted = await act(requestId, itemId, "erasure", { grant: true, reason: "Recorded in error" });
      assert.equal(lifted.statusCode, 200, lifted.body);
    });

    test("granted, every version's text goes from the record, the chronology and the disclosed copy, and the recipient is told", async () => {
      const first = await addItem("Zoë told her teacher about her uncle's visits.");
      const corrected = await practitioner.api("POST", `/api/v1/subjects/${childId}/items/${first}/corrections`, {
        category: "education",
        kind: "FACT",
        text: "Zoë told her teacher about her uncle's weekly visits.",
        eventDate: "2026-10-01",
        source,
        reason: "Detail added",
      });
      const latest = corrected.json().id as string;
      const disclosureId = await share([latest]);
      const requestId = await logRequest("ERASURE", "Remove what my daughter said about her uncle");
      const res = await act(requestId, latest, "erasure", { grant: true, reason: "Recorded in error: not a safeguarding matter" });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().recipientsNotified, 1);

      const db = ctx.database.db;
      const versions = await db.select().from(recordItems).where(eq(recordItems.subjectId, childId));
      const lineage = versions.filter((v) => v.id === first || v.id === latest);
      assert.deepEqual(
        lineage.map((v) => [v.text, v.erasedAt !== null]),
        [
          ["[erased]", true],
          ["[erased]", true],
        ],
      );
      assert.equal(lineage.find((v) => v.id === latest)?.correctionReason, "[erased]", "a correction reason can repeat the text");
      const chronology = await db.select().from(chronologyEntries).where(eq(chronologyEntries.subjectId, childId));
      const traces = chronology.filter((c) => /uncle's/.test(`${JSON.stringify(c.params)} ${c.summary}`));
      assert.deepEqual(traces, [], "no trace of the text on the chronology");
      const disclosed = (await socialWorker.api("GET", `/api/v1/disclosures/${disclosureId}`)).json();
      assert.deepEqual(
        disclosed.items.map((i: { text: string }) => i.text),
        ["[erased]"],
      );
      assert.ok((await notices()).some((n) => n.kind === "ERASED" && n.disclosureId === disclosureId));
      const audit = await db.select().from(auditEvents);
      assert.ok(!audit.some((a) => JSON.stringify(a).includes("weekly visits")), "the audit log keeps ids, not the erased text");
      assert.equal((await act(requestId, latest, "erasure", { grant: true, reason: "again" })).statusCode, 409);
    });

    test("the database itself refuses any other change to an erased item", async () => {
      const [erased] = await ctx.database.db.select().from(recordItems).where(eq(recordItems.text, "[erased]")).limit(1);
      await assert.rejects(ctx.database.db.update(recordItems).set({ text: "restored" }).where(eq(recordItems.id, erased!.id)));
    });
  });

  describe("objection and withdrawal of consent", () => {
    const consentDecision = (itemIds: string[]) => {
      const d = shareDecision(itemIds);
      return {
        ...d,
        transparency: { informed: true, consentStatus: "GIVEN", consentDetails: "Mother, in person, 1 November, for the school nurse" },
        lawfulBasis: { article6: "A6_1A_CONSENT" },
      };
    };
    const evaluate = (body: unknown) => practitioner.api("POST", "/api/v1/share-decisions/evaluate", body);
    const findings = async (body: unknown) => (await evaluate(body)).json().findings as { code: string; severity: string }[];

    test("withdrawing consent stops consent-based sharing only (R-CONSENT-WITHDRAWN), and the page says so plainly", async () => {
      const itemId = await addItem("Zoë is seeing the school nurse.");
      const res = await practitioner.api("POST", "/api/v1/share-decisions", consentDecision([itemId]), { "idempotency-key": randomUUID() });
      assert.equal(res.statusCode, 201, res.body);
      await share([itemId]);
      const requestId = await logRequest("WITHDRAW_CONSENT", "I no longer agree to you sharing about my daughter");

      const { bases } = (await ig.api("GET", `/api/v1/rights-requests/${requestId}/processing`)).json();
      const byBasis = Object.fromEntries(bases.map((b: { article6: string }) => [b.article6, b]));
      assert.equal(byBasis.A6_1A_CONSENT.applies, true);
      assert.ok(byBasis.A6_1A_CONSENT.decisions >= 1);
      assert.equal(byBasis.A6_1E_PUBLIC_TASK.applies, false, "public task sharing goes on");
      const page = await ig.get(`/rights/${requestId}`);
      assert.match(page.body, /Withdrawing consent stops only the sharing that rests on consent/);

      const carryOn = await ig.api("POST", `/api/v1/rights-requests/${requestId}/processing`, {
        article6: "A6_1A_CONSENT",
        decision: "CONTINUE",
        grounds: "We would like to",
      });
      assert.equal(carryOn.statusCode, 400);
      assert.equal(carryOn.json().errors[0].path, "/decision");
      const wrongBasis = await ig.post(`/rights/${requestId}/processing`, {
        article6: "A6_1E_PUBLIC_TASK",
        decision: "STOP",
        grounds: "x",
      });
      assert.equal(wrongBasis.statusCode, 400);
      assert.match(wrongBasis.body, /does not rest on consent/);

      assert.ok(!(await findings(consentDecision([itemId]))).some((f) => f.code === "R-CONSENT-WITHDRAWN"));
      const stop = await ig.post(`/rights/${requestId}/processing`, {
        article6: "A6_1A_CONSENT",
        decision: "STOP",
        grounds: "Mother withdrew consent by email",
      });
      assert.equal(stop.statusCode, 303);
      const blocked = (await findings(consentDecision([itemId]))).find((f) => f.code === "R-CONSENT-WITHDRAWN");
      assert.equal(blocked?.severity, "block");
      assert.ok(!(await findings(shareDecision([itemId]))).some((f) => f.code === "R-CONSENT-WITHDRAWN"), "public task still open");
      const again = await ig.api("POST", `/api/v1/rights-requests/${requestId}/processing`, {
        article6: "A6_1A_CONSENT",
        decision: "STOP",
        grounds: "again",
      });
      assert.equal(again.statusCode, 409);

      // Months later she agrees again: recorded on the request, and consent-based sharing may resume.
      const later = await ig.get(`/rights/${requestId}`);
      assert.match(later.body, /Record that consent was given again/);
      const given = await ig.post(`/rights/${requestId}/processing`, {
        article6: "A6_1A_CONSENT",
        decision: "CONTINUE",
        grounds: "Mother agreed again in writing to the school nurse referral, 3 December",
      });
      assert.equal(given.statusCode, 303);
      assert.ok(!(await findings(consentDecision([itemId]))).some((f) => f.code === "R-CONSENT-WITHDRAWN"));
      assert.match((await ig.get(`/rights/${requestId}`)).body, /Consent given again/);
    });

    test("an objection to public task sharing is upheld or refused on compelling grounds; upheld, sharing on that basis is blocked (R-OBJECTION-UPHELD) until compelling grounds are recorded", async () => {
      // Her brother, so the upheld objection does not reach the other tests' shares about Zoë.
      const brotherId = (
        await practitioner.api("POST", "/api/v1/subjects", {
          kind: "CHILD",
          givenNames: "Cian",
          familyName: "Ní Bhriain",
          dateOfBirth: "2018-05-06",
        })
      ).json().id as string;
      const itemId = await addItem("Cian's reading age is behind.", "FACT", brotherId);
      const requestId = await logRequest("OBJECTION", "I object to you sharing my son's school reports", brotherId);
      const legal = await ig.api("POST", `/api/v1/rights-requests/${requestId}/processing`, {
        article6: "A6_1C_LEGAL_OBLIGATION",
        decision: "STOP",
        grounds: "x",
      });
      assert.equal(legal.statusCode, 400);
      assert.match(legal.json().errors[0].message, /does not apply/);
      const upheld = await ig.api("POST", `/api/v1/rights-requests/${requestId}/processing`, {
        article6: "A6_1E_PUBLIC_TASK",
        decision: "STOP",
        grounds: "No current concern outweighs her objection",
      });
      assert.equal(upheld.statusCode, 204, upheld.body);
      const blocked = (await findings(shareDecision([itemId], brotherId))).find((f) => f.code === "R-OBJECTION-UPHELD");
      assert.equal(blocked?.severity, "block");
      assert.match((blocked as unknown as { message: string }).message, /compelling grounds/);
      const chronology = await ig.api("GET", `/api/v1/subjects/${brotherId}/chronology?pageSize=200`);
      assert.ok(
        chronology.json().items.some((e: { title: string }) => /public task stopped/.test(e.title)),
        "the decision is on the child's chronology for the IG lead",
      );
      assert.ok(!(await findings(shareDecision([await addItem("Zoë's reading is fine.")]))).some((f) => f.code === "R-OBJECTION-UPHELD"));

      // Later, a new concern: the IG lead records compelling grounds, and sharing on the basis is open again.
      const grounds = await ig.api("POST", `/api/v1/rights-requests/${requestId}/processing`, {
        article6: "A6_1E_PUBLIC_TASK",
        decision: "CONTINUE",
        grounds: "Cian disclosed harm at home on 1 December: protecting him outweighs the objection",
      });
      assert.equal(grounds.statusCode, 204, grounds.body);
      assert.ok(!(await findings(shareDecision([itemId], brotherId))).some((f) => f.code === "R-OBJECTION-UPHELD"));
      const { bases } = (await ig.api("GET", `/api/v1/rights-requests/${requestId}/processing`)).json();
      const publicTask = bases.find((b: { article6: string }) => b.article6 === "A6_1E_PUBLIC_TASK");
      assert.equal(publicTask.decision.decision, "CONTINUE");
      assert.deepEqual(
        publicTask.earlier.map((d: { decision: string }) => d.decision),
        ["STOP"],
        "the earlier decision stays as history",
      );
      assert.equal((await councilIg.api("GET", `/api/v1/rights-requests/${requestId}/processing`)).statusCode, 404);
    });
  });

  describe("another organisation", () => {
    // An answer for every form and body, so a refusal is never down to a missing field.
    const bodies = (): Record<string, Record<string, unknown>> => ({
      subjects: { subjectId: childId },
      identity: { evidence: "Passport", authorityEvidence: "Birth certificate" },
      transitions: { to: "CLOSED", reason: "Withdrawn" },
      review: { decision: "DISCLOSE" },
      correct: { category: "education", kind: "FACT", text: "New text", eventDate: "2026-10-01", source, reason: "Wrong" },
      statement: { statement: "I disagree" },
      restrict: { reason: "Checking" },
      "lift-restriction": { reason: "Checked", requesterToldOn: today() },
      erasure: { grant: false, reason: "Public task" },
      processing: { article6: "A6_1E_PUBLIC_TASK", decision: "STOP", grounds: "Objection upheld" },
      acknowledge: {},
    });
    const form = (body: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === "object" ? "" : String(v === false ? "no" : v)]));

    test("every rights page, form and API route is 404 for another organisation's IG lead, and changes nothing", async () => {
      const itemId = await addItem("Zoë's swimming badge.");
      const disclosureId = await share([itemId]);
      const requestId = await logRequest("RECTIFICATION", "Correct the badge");
      const before = await ig.api("GET", `/api/v1/rights-requests/${requestId}`);
      const routes = registeredRoutes(app).filter(
        (r) => /^\/(rights|api\/v1\/rights-requests)\/:id/.test(r.url) && (r.method === "GET" || r.method === "POST"),
      );
      for (const expected of [
        "GET /rights/:id",
        "POST /rights/:id/items/:itemId/erasure",
        "POST /api/v1/rights-requests/:id/processing",
        "POST /rights/:id/recipients/:disclosureId/review",
      ])
        assert.ok(
          routes.some((r) => `${r.method} ${r.url}` === expected),
          `${expected} is found among the routes`,
        );
      for (const r of routes) {
        const url = r.url.replace(":id", requestId).replace(":itemId", itemId).replace(":disclosureId", disclosureId);
        const body = bodies()[url.split("/").at(-1)!] ?? {};
        const res =
          r.method === "GET"
            ? url.startsWith("/api/")
              ? await councilIg.api("GET", url)
              : await councilIg.get(url)
            : url.startsWith("/api/")
              ? await councilIg.api("POST", url, body)
              : await councilIg.post(url, form(body));
        assert.equal(res.statusCode, 404, `${r.method} ${r.url}: ${res.body.slice(0, 200)}`);
      }
      const after = await ig.api("GET", `/api/v1/rights-requests/${requestId}`);
      assert.deepEqual(after.json(), before.json(), "nothing about the request changed");
      assert.equal((await ig.api("GET", `/api/v1/rights-requests/${requestId}/actions`)).json().actions.length, 0);
    });

    test("a notice is acknowledged only by its readers at the organisation it was sent to", async () => {
      const itemId = await addItem("Zoë's library book is overdue.");
      await share([itemId]);
      const requestId = await logRequest("RECTIFICATION", "The book was returned");
      assert.equal((await act(requestId, itemId, "restrict", { reason: "Checking the library record" })).statusCode, 200);
      const notice = (await notices()).find((n) => n.kind === "RESTRICTED" && n.acknowledgedAt === null);
      for (const outsider of [ig, councilPractitioner]) {
        assert.equal((await outsider.api("POST", `/api/v1/recipient-notices/${notice!.id}/acknowledge`)).statusCode, 404);
        assert.equal((await outsider.post(`/recipient-notices/${notice!.id}/acknowledge`, {})).statusCode, 404);
      }
      assert.equal((await notices()).find((n) => n.id === notice!.id)?.acknowledgedAt, null, "still to acknowledge");
    });
  });

  describe("the pages", () => {
    test("the IG lead corrects an item from the request page; a missing reason keeps what was typed; the recipient acknowledges in its inbox", async () => {
      const itemId = await addItem("Zoë missed the trip to the museum.");
      await share([itemId]);
      const requestId = await logRequest("RECTIFICATION");
      const page = await ig.get(`/rights/${requestId}`);
      assert.equal(page.statusCode, 200);
      const link = page.body.match(new RegExp(`href="(/rights/${requestId}/items/${itemId})"`));
      assert.ok(link, "the request lists the item, linked to where it is worked on");

      const noReason = await ig.post(`${link[1]}/correct`, { text: "Zoë went on the trip to the museum.", reason: "" });
      assert.equal(noReason.statusCode, 400);
      assert.match(noReason.body, /govuk-error-summary/);
      assert.match(noReason.body, /href="#correct-reason"/);
      assert.match(noReason.body, /Zoë went on the trip to the museum\./, "what was typed is kept");
      assert.equal((await ig.api("GET", `/api/v1/rights-requests/${requestId}/actions`)).json().actions.length, 0);

      const done = await ig.post(`${link[1]}/correct`, { text: "Zoë went on the trip to the museum.", reason: "The register was wrong" });
      assert.equal(done.statusCode, 303);
      const itemPage = await ig.get(done.headers.location as string);
      assert.match(itemPage.body, /Every organisation it was sent to has been told/);

      const inbox = await socialWorker.get("/disclosures");
      assert.match(inbox.body, /Changes to information you were sent/);
      assert.match(inbox.body, /went on the trip/);
      const notice = (await notices()).find((n) => /went on the trip/.test(n.text));
      const action = `/recipient-notices/${notice?.id}/acknowledge`;
      assert.ok(inbox.body.includes(`action="${action}"`), "an unacknowledged notice has its button");
      assert.equal((await socialWorker.post(action, {})).statusCode, 303);
      assert.ok(!(await socialWorker.get("/disclosures")).body.includes(`action="${action}"`), "once acknowledged, no button");

      const told = await ig.get(`/rights/${requestId}`);
      assert.match(told.body, /Organisations told/);
      assert.match(told.body, /Westshire Children(&#39;|')s Services/);
      assert.match(told.body, /1 of 1 acknowledged/);
    });

    test("a complaint is acknowledged from its page, and the dashboard shows when it must be", async () => {
      const complaintId = await logRequest("COMPLAINT", "You did not tell me who you shared with");
      assert.match((await ig.get("/rights")).body, /Acknowledge by/);
      const done = await ig.post(`/rights/${complaintId}/acknowledge`, {});
      assert.equal(done.statusCode, 303);
      const page = await ig.get(done.headers.location as string);
      assert.match(page.body, /Complaint acknowledged/);
      assert.doesNotMatch(page.body, /Record that it was acknowledged today/);
    });
  });

  describe("complaints", () => {
    test("a complaint is acknowledged once; other requests are not acknowledged this way", async () => {
      const complaintId = await logRequest("COMPLAINT", "You shared my daughter's details without asking me");
      const before = (await ig.api("GET", `/api/v1/rights-requests/${complaintId}`)).json();
      assert.ok(before.acknowledgeBy);
      assert.equal((await ig.api("POST", `/api/v1/rights-requests/${complaintId}/acknowledge`)).statusCode, 204);
      assert.equal((await ig.api("POST", `/api/v1/rights-requests/${complaintId}/acknowledge`)).statusCode, 409);
      const access = await logRequest("ACCESS");
      assert.equal((await ig.api("POST", `/api/v1/rights-requests/${access}/acknowledge`)).statusCode, 409);
    });
  });
});
