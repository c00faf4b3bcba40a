import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { addMonths, format, subMonths } from "date-fns";
import { eq } from "drizzle-orm";
import { PDFParse } from "pdf-parse";
import type { App } from "../../../src/app/build-app";
import { agreementReference } from "../../../src/features/agreements/domain/document";
import { agreements } from "../../../src/features/agreements/schema";
import { auditEvents } from "../../../src/platform/db/schema";
import { TEST_PUBLIC_URL, testApp } from "../../support/app";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation, newSignedAgreement, newUser, TEST_PASSWORD } from "../../support/factories";
import type { TestClient } from "../../support/http-client";
import { signedInAs } from "../../support/sign-in";

const day = (d: Date) => format(d, "yyyy-MM-dd");

describeEachDatabase("agreements: drafting, signing, versions and visibility", (ctx) => {
  let app: App;
  let orgA: Awaited<ReturnType<typeof newOrganisation>>;
  let orgB: Awaited<ReturnType<typeof newOrganisation>>;
  let orgC: Awaited<ReturnType<typeof newOrganisation>>;
  let igA: Awaited<ReturnType<typeof newUser>>;
  let igB: Awaited<ReturnType<typeof newUser>>;
  let igC: Awaited<ReturnType<typeof newUser>>;
  let practitionerA: Awaited<ReturnType<typeof newUser>>;
  let a: TestClient;
  let b: TestClient;
  let c: TestClient;
  let id: string;

  before(async () => {
    app = await testApp(ctx.database);
    const db = ctx.database.db;
    orgA = await newOrganisation(db, { name: "Westshire Children's Services", type: "childrens_social_care" });
    orgB = await newOrganisation(db, { name: "Ysgol Gymraeg Bro Taf", type: "school" });
    orgC = await newOrganisation(db, { name: "Westshire Police", type: "police" });
    igA = await newUser(db, orgA, ["ig_lead"], { name: "Zoë Ní Bhriain" });
    igB = await newUser(db, orgB, ["ig_lead"], { name: "Łukasz Wójcik" });
    igC = await newUser(db, orgC, ["ig_lead"], { name: "Priya Shah" });
    practitionerA = await newUser(db, orgA, ["practitioner"]);
    a = await signedInAs(app, db, igA);
    b = await signedInAs(app, db, igB);
    c = await signedInAs(app, db, igC);
  });
  after(() => app.close());

  describe("drafting", () => {
    test("an IG lead starts a draft from the model template, pre-filled for safeguarding", async () => {
      const res = await a.api("POST", "/api/v1/agreements/from-template", {
        title: "School to social care referrals",
        tier: "STRATEGIC",
        partyOrganisationIds: [orgB.id],
      });
      assert.equal(res.statusCode, 201, res.body);
      const body = res.json();
      id = body.agreement.id;
      assert.match(body.agreement.reference, /^DSA-\d{4}$/);
      assert.equal(body.agreement.status, "DRAFT");
      assert.equal(body.agreement.inForce, false);
      assert.deepEqual(
        body.version.content.parties.map((p: { organisationId: string }) => p.organisationId),
        [orgA.id, orgB.id],
      );
      assert.ok(body.version.content.purposes.items.some((p: { code: string }) => p.code === "CHILD_PROTECTION_S47"));
      assert.equal(body.version.content.breach.notifyOriginatorWithinHours, 24);
    });

    test("practitioners cannot draft agreements", async () => {
      const p = await signedInAs(app, ctx.database.db, practitionerA);
      const res = await p.api("POST", "/api/v1/agreements/from-template", { title: "Nope", tier: "STRATEGIC" });
      assert.equal(res.statusCode, 403);
    });

    test("a draft is visible to its parties only; other members get 404", async () => {
      assert.equal((await b.api("GET", `/api/v1/agreements/${id}`)).statusCode, 200);
      assert.equal((await c.api("GET", `/api/v1/agreements/${id}`)).statusCode, 404);
      const list = (await c.api("GET", "/api/v1/agreements")).json();
      assert.ok(!list.items.some((x: { id: string }) => x.id === id));
      assert.equal((await c.api("PATCH", `/api/v1/agreements/${id}/content`, { dpia: { reference: "X" } })).statusCode, 404);
    });

    test("a party that does not own the agreement may read but not change it", async () => {
      const res = await b.api("PATCH", `/api/v1/agreements/${id}/content`, { dpia: { reference: "DPIA-1" } });
      assert.equal(res.statusCode, 403);
      assert.match(res.json().detail, /IG lead of the owning organisation/);
    });

    test("bad sections are refused with field paths and nothing is saved", async () => {
      const res = await a.api("PATCH", `/api/v1/agreements/${id}/content`, {
        dataItems: [{ key: "Bad Key", name: "", category: "nope", kind: "FACT" }],
        flows: [{ key: "f1", dataItemKeys: ["missing"] }],
      });
      assert.equal(res.statusCode, 400);
      const paths = res.json().errors.map((e: { path: string }) => e.path);
      assert.ok(paths.includes("/dataItems/0/key"), paths.join());
      assert.ok(paths.includes("/dataItems/0/category"), paths.join());
      const refs = await a.api("PATCH", `/api/v1/agreements/${id}/content`, { flows: [{ key: "f1", dataItemKeys: ["missing"] }] });
      assert.equal(refs.statusCode, 400);
      assert.deepEqual(
        refs.json().errors.map((e: { path: string }) => e.path),
        ["/flows/0/dataItemKeys/0"],
      );
      const now = (await a.api("GET", `/api/v1/agreements/${id}`)).json();
      assert.equal(now.version.content.dataItems.length, 5, "template items unchanged");
    });

    test("sending an incomplete draft for signature is a 409 listing what is missing", async () => {
      const res = await a.api("POST", `/api/v1/agreements/${id}/transitions`, { action: "send_for_signature" });
      assert.equal(res.statusCode, 409);
      const paths = res.json().errors.map((e: { path: string }) => e.path);
      assert.deepEqual(paths, ["/parties/0/signatoryUserId", "/parties/1/signatoryUserId"]);
    });
  });

  test("every agreement route answers 404 to a non-party while it is a draft", async () => {
    const draft = (
      await a.api("POST", "/api/v1/agreements/from-template", {
        title: "Private draft",
        tier: "STRATEGIC",
        partyOrganisationIds: [orgB.id],
      })
    ).json();
    const base = `/api/v1/agreements/${draft.agreement.id}`;
    const calls: [Parameters<TestClient["api"]>[0], string, unknown?][] = [
      ["GET", base],
      ["GET", `${base}/versions`],
      ["GET", `${base}/versions/1`],
      ["GET", `${base}/signatures`],
      ["GET", `${base}/quality`],
      ["GET", `${base}/odrl`],
      ["GET", `${base}/document.pdf`],
      ["PATCH", `${base}/content`, { dpia: { reference: "X" } }],
      ["POST", `${base}/transitions`, { action: "terminate", reason: "x" }],
      ["POST", `${base}/signatures`, { version: 1, password: TEST_PASSWORD }],
      ["POST", `${base}/reviews`, { nextReviewDate: day(addMonths(new Date(), 6)), outcome: "NO_CHANGE" }],
      ["POST", `${base}/accessions`, { organisationId: orgC.id, signatoryUserId: igC.user.id, article6: ["A6_1E_PUBLIC_TASK"] }],
      [
        "POST",
        `${base}/versions/1/evaluate`,
        { senderOrganisationId: orgA.id, recipientOrganisationId: orgB.id, purpose: "EARLY_HELP", items: [], article6: null },
      ],
      ["DELETE", `${base}/pending-version`],
    ];
    for (const [method, url, body] of calls) {
      const res = await c.api(method, url, body);
      assert.equal(res.statusCode, 404, `${method} ${url} gave ${res.statusCode}`);
      assert.equal(res.json().code, "NOT_FOUND");
    }
    assert.equal((await b.api("GET", `${base}/quality`)).statusCode, 200, "a party may read it");

    const page = `/agreements/${draft.agreement.id}`;
    await c.get("/agreements");
    for (const url of [
      page,
      `${page}/sections/parties`,
      `${page}/actions/terminate`,
      `${page}/sign`,
      `${page}/review`,
      `${page}/accession`,
      `${page}/document`,
      `${page}/document.pdf`,
      `${page}/versions`,
      `${page}/compare?from=1&to=1`,
    ]) {
      assert.equal((await c.get(url)).statusCode, 404, `GET ${url}`);
    }
    for (const [url, form] of [
      [`${page}/sections/dpia`, { reference: "X" }],
      [`${page}/actions/terminate`, { reason: "x" }],
      [`${page}/sign`, { password: TEST_PASSWORD }],
      [`${page}/review`, { outcome: "NO_CHANGE" }],
      [`${page}/accession`, { organisationId: orgC.id }],
    ] as const) {
      assert.equal((await c.post(url, form)).statusCode, 404, `POST ${url}`);
    }
    assert.equal((await b.get(page)).statusCode, 200);
  });

  describe("signing", () => {
    test("the owner cannot drop itself from its own agreement", async () => {
      const current = (await a.api("GET", `/api/v1/agreements/${id}`)).json().version.content;
      const res = await a.api("PATCH", `/api/v1/agreements/${id}/content`, { parties: current.parties.slice(1) });
      assert.equal(res.statusCode, 400);
      assert.ok(
        res.json().errors.some((e: { path: string; message: string }) => e.path === "/parties" && /owning organisation/.test(e.message)),
      );
    });

    test("a party's signatory must be its IG lead or administrator, not any user", async () => {
      const current = (await a.api("GET", `/api/v1/agreements/${id}`)).json().version.content;
      const parties = current.parties.map((p: { organisationId: string }) => ({
        ...p,
        signatoryUserId: p.organisationId === orgA.id ? practitionerA.user.id : null,
      }));
      const res = await a.api("PATCH", `/api/v1/agreements/${id}/content`, { parties });
      assert.equal(res.statusCode, 400);
      assert.match(res.json().errors[0].message, /IG lead or organisation administrator/);
    });

    test("a signatory must belong to the party they sign for", async () => {
      const current = (await a.api("GET", `/api/v1/agreements/${id}`)).json().version.content;
      const parties = current.parties.map((p: Record<string, unknown>) => ({ ...p, signatoryUserId: igA.user.id }));
      const res = await a.api("PATCH", `/api/v1/agreements/${id}/content`, { parties });
      assert.equal(res.statusCode, 400);
      assert.deepEqual(
        res.json().errors.map((e: { path: string }) => e.path),
        ["/parties/1/signatoryUserId"],
      );
    });

    test("named signatories sign after re-entering their password; the last signature brings it into force", async () => {
      const current = (await a.api("GET", `/api/v1/agreements/${id}`)).json().version.content;
      const parties = current.parties.map((p: { organisationId: string }) => ({
        ...p,
        signatoryUserId: p.organisationId === orgA.id ? igA.user.id : igB.user.id,
        signatoryJobTitle: "Data Protection Officer",
      }));
      assert.equal((await a.api("PATCH", `/api/v1/agreements/${id}/content`, { parties })).statusCode, 200);
      assert.equal(
        (await a.api("POST", `/api/v1/agreements/${id}/signatures`, { version: 1, password: TEST_PASSWORD })).statusCode,
        409,
        "a draft cannot be signed",
      );

      const sent = await a.api("POST", `/api/v1/agreements/${id}/transitions`, { action: "send_for_signature" });
      assert.equal(sent.statusCode, 200, sent.body);
      assert.equal(sent.json().status, "AWAITING_SIGNATURES");
      assert.equal(
        (await a.api("PATCH", `/api/v1/agreements/${id}/content`, { dpia: { reference: "X" } })).statusCode,
        409,
        "sent versions are frozen",
      );
      const page = await a.post(`/agreements/${id}/sections/dpia`, { "dpia-reference": "DPIA-typed-before-it-was-sent" });
      assert.equal(page.statusCode, 409, "the web form says why, with the error summary");
      assert.match(page.body, /govuk-error-summary/);
      assert.match(page.body, /Return it to draft first/);
      assert.match(page.body, /DPIA-typed-before-it-was-sent/, "what was typed is kept");

      const huge = await a.api("POST", `/api/v1/agreements/${id}/signatures`, { version: 99_999_999_999, password: TEST_PASSWORD });
      assert.equal(huge.statusCode, 400, "a version number beyond any integer is bad input, never a 500");
      const wrong = await a.api("POST", `/api/v1/agreements/${id}/signatures`, { version: 1, password: "not the password at all" });
      assert.equal(wrong.statusCode, 400);
      assert.equal(wrong.json().errors[0].path, "/password");
      assert.equal((await c.api("POST", `/api/v1/agreements/${id}/signatures`, { version: 1, password: TEST_PASSWORD })).statusCode, 404);

      assert.equal((await a.api("POST", `/api/v1/agreements/${id}/signatures`, { version: 1, password: TEST_PASSWORD })).statusCode, 201);
      const twice = await a.api("POST", `/api/v1/agreements/${id}/signatures`, { version: 1, password: TEST_PASSWORD });
      assert.equal(twice.statusCode, 409);
      assert.match(twice.json().detail, /already signed/);
      assert.equal((await a.api("GET", `/api/v1/agreements/${id}`)).json().agreement.status, "AWAITING_SIGNATURES");

      assert.equal((await b.api("POST", `/api/v1/agreements/${id}/signatures`, { version: 1, password: TEST_PASSWORD })).statusCode, 201);
      const active = (await a.api("GET", `/api/v1/agreements/${id}`)).json().agreement;
      assert.equal(active.status, "ACTIVE");
      assert.equal(active.inForce, true);
      assert.equal(active.inForceVersion, 1);
      assert.equal(active.nextReviewDate, day(addMonths(new Date(), 12)));

      const signed = await ctx.database.db.select().from(auditEvents).where(eq(auditEvents.type, "agreement.signed"));
      assert.ok(signed.filter((e) => e.entityId === id).length >= 2);
    });

    test("once in force, every member of the partnership can see it", async () => {
      assert.equal((await c.api("GET", `/api/v1/agreements/${id}`)).statusCode, 200);
    });

    test("the PDF carries the parties and signatures, accents intact", async () => {
      const res = await c.api("GET", `/api/v1/agreements/${id}/document.pdf`);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers["content-type"], "application/pdf");
      const parser = new PDFParse({ data: new Uint8Array(res.rawPayload) });
      const { text } = await parser.getText();
      await parser.destroy();
      for (const expected of [
        "School to social care referrals",
        "Ysgol Gymraeg Bro Taf",
        "Zoë Ní Bhriain",
        "Łukasz Wójcik",
        "Signatures",
      ]) {
        assert.ok(text.includes(expected), `PDF lacks ${expected}`);
      }
      assert.ok(!text.includes("Not yet signed"), "both parties have signed");
    });

    test("quality and ODRL exports describe the signed version", async () => {
      const quality = await c.api("GET", `/api/v1/agreements/${id}/quality`);
      assert.equal(quality.statusCode, 200, quality.body);
      const codes = quality.json().findings.map((f: { code: string }) => f.code);
      assert.ok(codes.includes("Q-NO-APD"), "the template leaves the APD reference for the author");
      assert.ok(!codes.includes("Q-NO-BREACH-SLA"));
      const odrl = await c.api("GET", `/api/v1/agreements/${id}/odrl`);
      assert.equal(odrl.statusCode, 200);
      assert.match(odrl.headers["content-type"] as string, /application\/ld\+json/);
      assert.equal(odrl.json()["@type"], "Agreement");
    });

    test("the ODRL export and the PDFs name the agreement at the configured public address, whatever Host header the request came with", async () => {
      const forged = { host: "attacker.example" };
      const odrl = await c.api("GET", `/api/v1/agreements/${id}/odrl`, undefined, forged);
      assert.equal(odrl.statusCode, 200, odrl.body);
      assert.equal(odrl.json()["@id"], `${TEST_PUBLIC_URL}/api/v1/agreements/${id}/versions/1`);
      assert.ok(!odrl.body.includes("attacker.example"), "the forged host is nowhere in the export");
      for (const url of [`/api/v1/agreements/${id}/document.pdf`, `/agreements/${id}/document.pdf`]) {
        const pdf = await c.api("GET", url, undefined, forged);
        assert.equal(pdf.statusCode, 200, url);
        const raw = pdf.rawPayload.toString("latin1");
        assert.ok(raw.includes(`/URI (${TEST_PUBLIC_URL}/agreements/${id})`), `${url} links to the register entry`);
        assert.ok(!raw.includes("attacker.example"), `${url} does not carry the forged host`);
      }
    });

    test("a proposed share is evaluated against the signed version, with DSA codes", async () => {
      const share = {
        senderOrganisationId: orgB.id,
        recipientOrganisationId: orgA.id,
        purpose: "CHILD_PROTECTION_S47",
        items: [{ category: "education" }],
        article6: "A6_1E_PUBLIC_TASK",
      };
      const allowed = await b.api("POST", `/api/v1/agreements/${id}/versions/1/evaluate`, share);
      assert.equal(allowed.statusCode, 200, allowed.body);
      assert.deepEqual(allowed.json(), { outcome: "ALLOW", findings: [] });
      const blocked = await b.api("POST", `/api/v1/agreements/${id}/versions/1/evaluate`, {
        ...share,
        purpose: "CRIME_PREVENTION",
        recipientOrganisationId: orgC.id,
      });
      assert.deepEqual(
        blocked
          .json()
          .findings.map((f: { code: string }) => f.code)
          .sort(),
        ["DSA-NOT-PARTY", "DSA-PURPOSE"],
      );
    });
  });

  describe("versions", () => {
    test("changing an agreement in force makes a new version; the signed one stays in force until all sign again", async () => {
      const edit = await a.api("PATCH", `/api/v1/agreements/${id}/content`, {
        breach: { notifyOriginatorWithinHours: 12, icoReporting: "Owner reports" },
      });
      assert.equal(edit.statusCode, 200, edit.body);
      assert.equal(edit.json().version, 2);
      assert.equal(edit.json().kind, "VARIATION");
      const summary = (await a.api("GET", `/api/v1/agreements/${id}`)).json().agreement;
      assert.equal(summary.inForceVersion, 1);
      assert.equal(summary.latestVersion, 2);
      assert.equal((await c.api("GET", `/api/v1/agreements/${id}/versions/2`)).statusCode, 404, "non-parties see signed versions only");

      const noSummary = await a.api("POST", `/api/v1/agreements/${id}/transitions`, { action: "send_for_signature" });
      assert.equal(noSummary.statusCode, 409, "a variation must say what changed");
      assert.equal(noSummary.json().code, "CONFLICT");
    });

    test("a variation needs its own summary, then every party signs it again", async () => {
      const sent = await a.api("POST", `/api/v1/agreements/${id}/transitions`, {
        action: "send_for_signature",
        changeSummary: "Breach notice within 12 hours",
      });
      assert.equal(sent.statusCode, 200, sent.body);
      assert.equal(sent.json().status, "ACTIVE", "the agreement stays active while the variation is signed");
      await a.api("POST", `/api/v1/agreements/${id}/signatures`, { version: 2, password: TEST_PASSWORD });
      assert.equal((await a.api("GET", `/api/v1/agreements/${id}`)).json().agreement.inForceVersion, 1);
      const seenByOutsider = (await c.api("GET", `/api/v1/agreements/${id}/signatures`)).json().items;
      assert.ok(
        seenByOutsider.every((s: { version: number }) => s.version === 1),
        "a non-party does not learn of signatures on a pending variation",
      );
      await b.api("POST", `/api/v1/agreements/${id}/signatures`, { version: 2, password: TEST_PASSWORD });
      const after = (await a.api("GET", `/api/v1/agreements/${id}`)).json();
      assert.equal(after.agreement.inForceVersion, 2);
      assert.equal(after.version.content.breach.notifyOriginatorWithinHours, 12);
      const versions = (await c.api("GET", `/api/v1/agreements/${id}/versions`)).json().items;
      assert.deepEqual(
        versions.map((v: { version: number }) => v.version),
        [2, 1],
      );
      assert.equal((await c.api("GET", `/api/v1/agreements/${id}/versions/1`)).json().content.breach.notifyOriginatorWithinHours, 24);
    });

    test("a discarded variation leaves the version in force untouched, and the next edit starts from it", async () => {
      await a.api("PATCH", `/api/v1/agreements/${id}/content`, { dpia: { reference: "WRONG-DPIA", completedOn: null } });
      assert.equal((await a.api("DELETE", `/api/v1/agreements/${id}/pending-version`)).statusCode, 204);
      const next = await a.api("PATCH", `/api/v1/agreements/${id}/content`, { review: { intervalMonths: 6 } });
      assert.equal(next.json().version, 4);
      assert.equal(next.json().content.dpia.reference, "", "the discarded DPIA reference is not carried into the new variation");
      assert.equal(next.json().content.breach.notifyOriginatorWithinHours, 12);
      assert.equal((await a.api("DELETE", `/api/v1/agreements/${id}/pending-version`)).statusCode, 204);
    });

    test("a new party joins by accession: only they sign, and the others' signatures carry forward", async () => {
      const res = await a.api("POST", `/api/v1/agreements/${id}/accessions`, {
        organisationId: orgC.id,
        signatoryUserId: igC.user.id,
        signatoryJobTitle: "Head of Information Management",
        article6: ["A6_1E_PUBLIC_TASK"],
        article9: ["LE_S35_SCH8P4_SAFEGUARDING"],
      });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().kind, "ACCESSION");
      assert.deepEqual(res.json().requiredSignatories, [orgC.id]);
      const version = res.json().version;
      const redraft = await a.api("POST", `/api/v1/agreements/${id}/transitions`, {
        action: "return_to_draft",
        reason: "Change the terms",
      });
      assert.equal(redraft.statusCode, 409, "an accession is signed or discarded, never redrafted");
      assert.equal((await b.api("POST", `/api/v1/agreements/${id}/signatures`, { version, password: TEST_PASSWORD })).statusCode, 403);
      assert.equal((await c.api("POST", `/api/v1/agreements/${id}/signatures`, { version, password: TEST_PASSWORD })).statusCode, 201);
      const after = (await c.api("GET", `/api/v1/agreements/${id}`)).json();
      assert.equal(after.agreement.inForceVersion, version);
      assert.equal(after.version.content.parties.length, 3);
      const sigs = (await c.api("GET", `/api/v1/agreements/${id}/signatures`)).json().items;
      assert.deepEqual(
        sigs.filter((s: { version: number }) => s.version === version).map((s: { kind: string }) => s.kind),
        ["ACCESSION"],
      );
    });
  });

  describe("lifecycle and review", () => {
    test("invalid transitions are 409s with the reason; taking an agreement out of force needs a reason", async () => {
      const reinstate = await a.api("POST", `/api/v1/agreements/${id}/transitions`, { action: "reinstate" });
      assert.equal(reinstate.statusCode, 409);
      assert.match(reinstate.json().detail, /only possible when it is suspended/);
      const noReason = await a.api("POST", `/api/v1/agreements/${id}/transitions`, { action: "suspend" });
      assert.equal(noReason.statusCode, 400);
      assert.equal(noReason.json().errors[0].path, "/reason");
      const bogus = await a.api("POST", `/api/v1/agreements/${id}/transitions`, { action: "explode" });
      assert.equal(bogus.statusCode, 400);
    });

    test("suspending takes it out of force; reinstating puts it back", async () => {
      const suspended = (
        await a.api("POST", `/api/v1/agreements/${id}/transitions`, { action: "suspend", reason: "Breach under investigation" })
      ).json();
      assert.equal(suspended.status, "SUSPENDED");
      assert.equal(suspended.inForce, false);
      assert.match(suspended.notInForceReason, /suspended/);
      assert.equal((await a.api("POST", `/api/v1/agreements/${id}/transitions`, { action: "reinstate" })).json().inForce, true);
    });

    test("more than three months past review it is reported as not in force; recording a review restores it", async () => {
      await ctx.database.db
        .update(agreements)
        .set({ nextReviewDate: day(subMonths(new Date(), 4)) })
        .where(eq(agreements.id, id));
      const lapsed = (await a.api("GET", `/api/v1/agreements/${id}`)).json().agreement;
      assert.equal(lapsed.reviewState, "LAPSED");
      assert.equal(lapsed.inForce, false);
      const tooFar = await a.api("POST", `/api/v1/agreements/${id}/reviews`, {
        nextReviewDate: day(addMonths(new Date(), 13)),
        outcome: "NO_CHANGE",
      });
      assert.equal(tooFar.statusCode, 400);
      assert.equal(tooFar.json().errors[0].path, "/nextReviewDate");
      const next = day(addMonths(new Date(), 2));
      const reviewed = await a.api("POST", `/api/v1/agreements/${id}/reviews`, { nextReviewDate: next, outcome: "NO_CHANGE" });
      assert.equal(reviewed.statusCode, 200, reviewed.body);
      assert.equal(reviewed.json().inForce, true);
      assert.equal(reviewed.json().lastReviewedOn, day(new Date()));
      assert.equal(reviewed.json().reviewState, "DUE_SOON");
    });

    test('a lapsed agreement\'s status tag never says "Active" beside "Not in force", on the register or its page', async () => {
      const review = (nextReviewDate: string) => ctx.database.db.update(agreements).set({ nextReviewDate }).where(eq(agreements.id, id));
      await review(day(subMonths(new Date(), 4)));
      const register = (await a.get("/agreements")).body;
      const row = register.split("<tr").find((r) => r.includes(`href="/agreements/${id}"`));
      assert.ok(row, "the agreement is on the register");
      assert.match(row!, /Not in force/);
      assert.doesNotMatch(row!, /govuk-tag[^>]*>Active</, "the status tag does not say Active");
      assert.match(row!, /govuk-tag[^>]*>Review overdue: not in force</);
      const page = (await a.get(`/agreements/${id}`)).body;
      assert.doesNotMatch(page, /govuk-tag[^>]*>Active</);
      assert.match(page, /govuk-tag[^>]*>Review overdue: not in force</);
      assert.doesNotMatch(page, /\d{4}-\d{2}-\d{2}/, "the reason gives the review date in words, not as an ISO date");
      await review(day(addMonths(new Date(), 2)));
      const restored = (await a.get("/agreements")).body.split("<tr").find((r) => r.includes(`href="/agreements/${id}"`));
      assert.match(restored!, /govuk-tag[^>]*>Active</);
    });

    test("a tier 2 agreement under a tier 1 agreement that has lapsed is not in force on the register, its page, its printable document and the API, which name the tier 1 agreement", async () => {
      const db = ctx.database.db;
      const parties = [orgA.id, orgB.id].map((organisationId) => ({ organisationId, controllerRelationship: "SEPARATE" as const }));
      const strategic = { title: "Westshire strategic sharing agreement", tier: "STRATEGIC" as const };
      const tier1 = await newSignedAgreement(db, orgA, { documentControl: strategic, parties }, day(subMonths(new Date(), 4)));
      const operational = { title: "Attendance referrals", tier: "OPERATIONAL" as const, parentAgreementId: tier1.id };
      const tier2 = await newSignedAgreement(db, orgA, { documentControl: operational, parties });
      const why = new RegExp(
        `the tier 1 agreement it sits under, ${agreementReference(tier1.number)} Westshire strategic sharing agreement, is more than 3 months past its review date \\(\\d{1,2} [A-Z][a-z]+ \\d{4}\\)`,
      );

      const register = (await a.get("/agreements")).body;
      const row = register.split("<tr").find((r) => r.includes(`href="/agreements/${tier2.id}"`)) ?? "";
      assert.match(row, /Not in force/);
      assert.doesNotMatch(row, /govuk-tag[^>]*>Active</, "its status tag does not say Active");
      assert.match(row, /govuk-tag[^>]*>Tier 1 agreement not in force</);

      const page = (await a.get(`/agreements/${tier2.id}`)).body;
      assert.doesNotMatch(page, /govuk-tag[^>]*>Active</);
      assert.match(page, /Not in force: /);
      assert.match(page, why);

      const document = (await a.get(`/agreements/${tier2.id}/document`)).body;
      assert.match(document, why, "the printable agreement (and its PDF, drawn from the same outline) says so");

      const api = (await a.api("GET", `/api/v1/agreements/${tier2.id}`)).json().agreement;
      assert.equal(api.inForce, false);
      assert.match(api.notInForceReason, why);
      const listed = (await a.api("GET", "/api/v1/agreements")).json().items.find((x: { id: string }) => x.id === tier2.id);
      assert.equal(listed.inForce, false);
      assert.match(listed.notInForceReason, why);
    });

    test("a terminated agreement cannot be edited: 409, never a 500", async () => {
      const done = await a.api("POST", `/api/v1/agreements/${id}/transitions`, { action: "terminate", reason: "Replaced by DSA-0099" });
      assert.equal(done.json().status, "TERMINATED");
      const edit = await a.api("PATCH", `/api/v1/agreements/${id}/content`, { dpia: { reference: "X" } });
      assert.equal(edit.statusCode, 409);
      assert.match(edit.json().detail, /terminated/);
      assert.equal((await a.api("POST", `/api/v1/agreements/${id}/transitions`, { action: "terminate", reason: "again" })).statusCode, 409);
    });
  });
});
