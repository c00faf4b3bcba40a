import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { after, before, describe, test } from "node:test";
import { addDays, format, subDays } from "date-fns";
import { and, eq } from "drizzle-orm";
import { type App, buildApp } from "../../../src/app/build-app";
import { auditEvents } from "../../../src/platform/db/schema";
import { logSerializers } from "../../../src/platform/http/logging";
import { TEST_PUBLIC_URL, testApp } from "../../support/app";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation, newUser } from "../../support/factories";
import type { TestClient } from "../../support/http-client";
import { signedInAs } from "../../support/sign-in";

const REFUGE = "Flat 7, 3 Quiet Mews, Eastmoor";
const REFUGE_POSTCODE = "WS7 7QQ";
const day = (d: Date) => format(d, "yyyy-MM-dd");
const today = day(new Date());
// Two days ahead, so a test running across midnight in any timezone still sends a future date.
const future = day(addDays(new Date(), 2));

type Method = Parameters<TestClient["api"]>[0];
type Problem = { code: string; errors?: { path: string; message: string }[] };
const paths = (res: { json: () => unknown }) => ((res.json() as Problem).errors ?? []).map((e) => e.path);

const item = (overrides: Record<string, unknown> = {}) => ({
  category: "education",
  kind: "FACT",
  text: "Arrived at school without a coat on three days this week.",
  eventDate: "2026-01-12",
  source: { name: "Class teacher, Ms Ní Bhriain", method: "OBSERVED", obtainedOn: "2026-01-14" },
  ...overrides,
});
const concern = (overrides: Record<string, unknown> = {}) => ({
  category: "NEGLECT",
  description: "Often hungry at breakfast club; says there is no food at home.",
  levelOfNeed: "EARLY_HELP",
  noticedOn: "2026-01-15",
  ...overrides,
});

describeEachDatabase("records: items, concerns, chronology, links and who has viewed, over the API", (ctx) => {
  let app: App;
  let practitioner: TestClient;
  let dsl: TestClient;
  let ig: TestClient;
  let auditor: TestClient;
  let orgAdmin: TestClient;
  let partnershipAdmin: TestClient;
  let outsider: TestClient;
  let practitionerId: string;
  let dslId: string;
  let outsiderId: string;
  let childId: string;
  let motherId: string;
  let siblingId: string;
  let outsiderChildId: string;

  const newSubject = async (as: TestClient, body: Record<string, unknown>) => {
    const res = await as.api("POST", "/api/v1/subjects", body);
    assert.equal(res.statusCode, 201, res.body);
    return res.json().id as string;
  };
  const viewEvents = async (subjectId: string) => {
    const rows = await ctx.database.db
      .select({ body: auditEvents.body })
      .from(auditEvents)
      .where(and(eq(auditEvents.type, "personal_data.viewed"), eq(auditEvents.entityId, subjectId)));
    return rows.map(
      (r) => JSON.parse(r.body) as { entity: { type: string; id: string }; actor: { userId: string }; details: { view: string } },
    );
  };

  before(async () => {
    app = await testApp(ctx.database);
    const db = ctx.database.db;
    const school = await newOrganisation(db, { name: "Northbrook Primary" });
    const police = await newOrganisation(db, { name: "Westshire Police", type: "police" });
    const p = await newUser(db, school, ["practitioner"], { name: "Tomasz Wójcik" });
    const d = await newUser(db, school, ["safeguarding_lead"], { name: "Siân Prydderch" });
    practitionerId = p.user.id;
    dslId = d.user.id;
    practitioner = await signedInAs(app, db, p);
    dsl = await signedInAs(app, db, d);
    ig = await signedInAs(app, db, await newUser(db, school, ["ig_lead"]));
    auditor = await signedInAs(app, db, await newUser(db, school, ["auditor"]));
    orgAdmin = await signedInAs(app, db, await newUser(db, school, ["org_admin"]));
    partnershipAdmin = await signedInAs(app, db, await newUser(db, police, ["partnership_admin"]));
    const o = await newUser(db, police, ["practitioner", "safeguarding_lead", "ig_lead"]);
    outsiderId = o.user.id;
    outsider = await signedInAs(app, db, o);

    childId = await newSubject(practitioner, { kind: "CHILD", givenNames: "Kai", familyName: "Okonkwo", dateOfBirth: "2016-09-01" });
    motherId = await newSubject(practitioner, { kind: "PARENT_CARER", givenNames: "Adaeze", familyName: "Okonkwo" });
    siblingId = await newSubject(practitioner, { kind: "SIBLING", givenNames: "Ife", familyName: "Okonkwo", dateOfBirth: "2019-02-11" });
    outsiderChildId = await newSubject(outsider, { kind: "CHILD", givenNames: "Kai", familyName: "Other", dateOfBirth: "2016-09-01" });
  });
  after(() => app.close());

  describe("record items", () => {
    let itemId: string;

    test("an item is recorded with its provenance and read back with all of it", async () => {
      const res = await practitioner.api("POST", `/api/v1/subjects/${childId}/items`, item({ historical: true, specialCategory: true }));
      assert.equal(res.statusCode, 201, res.body);
      const created = res.json();
      itemId = created.id;
      const read = await practitioner.api("GET", `/api/v1/subjects/${childId}/items/${itemId}`);
      assert.equal(read.statusCode, 200);
      const { item: shown, versions } = read.json();
      assert.deepEqual(shown, created);
      assert.equal(shown.kind, "FACT");
      assert.deepEqual(shown.source, { name: "Class teacher, Ms Ní Bhriain", method: "OBSERVED", obtainedOn: "2026-01-14" });
      assert.equal(shown.eventDate, "2026-01-12");
      assert.deepEqual(shown.recordedBy, { id: practitionerId, name: "Tomasz Wójcik" });
      assert.ok(Math.abs(Date.parse(shown.recordedAt) - Date.now()) < 60_000);
      assert.equal(shown.historical, true);
      assert.equal(shown.specialCategory, true);
      assert.equal(shown.criminalOffence, false);
      assert.equal(shown.accuracy, "ACCURATE");
      assert.equal(shown.correctionReason, null);
      assert.equal(shown.dispute, null);
      assert.equal(shown.version, 1);
      assert.equal(shown.lineageId, itemId);
      assert.equal(shown.supersedesId, null);
      assert.deepEqual(
        versions.map((v: { id: string }) => v.id),
        [itemId],
      );
      const list = (await practitioner.api("GET", `/api/v1/subjects/${childId}/items`)).json();
      assert.deepEqual(list.items, [created]);
    });

    test("an item is never edited in place: a correction is version 2 and version 1 stays, marked corrected", async () => {
      const res = await practitioner.api(
        "POST",
        `/api/v1/subjects/${childId}/items/${itemId}/corrections`,
        item({ kind: "OPINION", text: "Seemed cold; may not own a coat.", reason: "The teacher saw one day, not three" }),
      );
      assert.equal(res.statusCode, 201, res.body);
      const v2 = res.json();
      assert.equal(v2.version, 2);
      assert.equal(v2.lineageId, itemId);
      assert.equal(v2.supersedesId, itemId);
      assert.equal(v2.kind, "OPINION");
      assert.equal(v2.accuracy, "ACCURATE");
      assert.equal(v2.correctionReason, "The teacher saw one day, not three");

      const { item: shown, versions } = (await practitioner.api("GET", `/api/v1/subjects/${childId}/items/${itemId}`)).json();
      assert.equal(shown.accuracy, "CORRECTED");
      assert.deepEqual(
        versions.map((v: { version: number; accuracy: string; text: string }) => [v.version, v.accuracy, v.text]),
        [
          [1, "CORRECTED", "Arrived at school without a coat on three days this week."],
          [2, "ACCURATE", "Seemed cold; may not own a coat."],
        ],
      );
      const list = (await practitioner.api("GET", `/api/v1/subjects/${childId}/items`)).json();
      assert.deepEqual(list.items.map((v: { version: number }) => v.version).sort(), [1, 2], "both versions are listed");

      const again = await practitioner.api(
        "POST",
        `/api/v1/subjects/${childId}/items/${itemId}/corrections`,
        item({ text: "A fork", reason: "Correcting the old version" }),
      );
      assert.equal(again.statusCode, 409);
      assert.equal(again.json().code, "CONFLICT");
      assert.equal(
        (await practitioner.api("POST", `/api/v1/subjects/${childId}/items/${itemId}/disputes`, { reason: "x" })).statusCode,
        409,
      );

      const disputed = await practitioner.api("POST", `/api/v1/subjects/${childId}/items/${v2.id}/disputes`, {
        reason: "Kai's mother says he has a coat and chose not to wear it",
      });
      assert.equal(disputed.statusCode, 200, disputed.body);
      assert.equal(disputed.json().accuracy, "DISPUTED");
      assert.equal(disputed.json().text, "Seemed cold; may not own a coat.", "disputing leaves the text as recorded");
      assert.equal(disputed.json().correctionReason, "The teacher saw one day, not three", "and why version 1 was corrected");
      assert.equal(disputed.json().dispute.note, "Kai's mother says he has a coat and chose not to wear it");
      assert.deepEqual(disputed.json().dispute.by, { id: practitionerId, name: "Tomasz Wójcik" });
      assert.ok(Math.abs(Date.parse(disputed.json().dispute.at) - Date.now()) < 60_000);

      const twice = await practitioner.api("POST", `/api/v1/subjects/${childId}/items/${v2.id}/disputes`, { reason: "Someone else" });
      assert.equal(twice.statusCode, 409, "a dispute is recorded once");
      const v3 = await practitioner.api(
        "POST",
        `/api/v1/subjects/${childId}/items/${v2.id}/corrections`,
        item({ kind: "OPINION", text: "Did not wear a coat; owns one.", reason: "Checked with Kai's mother" }),
      );
      assert.equal(v3.statusCode, 201, v3.body);
      const { versions: all } = (await practitioner.api("GET", `/api/v1/subjects/${childId}/items/${itemId}`)).json();
      assert.deepEqual(
        all.map((v: { version: number; accuracy: string; correctionReason: string | null; dispute: { note: string } | null }) => [
          v.version,
          v.accuracy,
          v.correctionReason,
          v.dispute?.note ?? null,
        ]),
        [
          [1, "CORRECTED", null, null],
          [2, "CORRECTED", "The teacher saw one day, not three", "Kai's mother says he has a coat and chose not to wear it"],
          [3, "ACCURATE", "Checked with Kai's mother", null],
        ],
        "each version keeps why it was corrected and what was disputed about it",
      );
    });

    test("the database itself refuses to change what an item says, why it was corrected, or a dispute, or to un-correct it", async () => {
      await assert.rejects(
        ctx.database.query("UPDATE record_item SET text = 'rewritten' WHERE id = $1", [itemId]),
        /never edited in place/,
      );
      const [v2] = await ctx.database.query<{ id: string }>("SELECT id FROM record_item WHERE lineage_id = $1 AND version = 2", [itemId]);
      await assert.rejects(
        ctx.database.query("UPDATE record_item SET correction_reason = 'rewritten' WHERE id = $1", [v2!.id]),
        /never edited in place/,
      );
      for (const state of ["ACCURATE", "DISPUTED"]) {
        await assert.rejects(
          ctx.database.query(`UPDATE record_item SET accuracy = '${state}' WHERE id = $1`, [itemId]),
          /stays corrected/,
          `CORRECTED to ${state}`,
        );
      }
      await assert.rejects(
        ctx.database.query("UPDATE record_item SET dispute_note = 'rewritten' WHERE id = $1", [v2!.id]),
        /kept as it was recorded/,
      );
      await assert.rejects(
        ctx.database.query("UPDATE record_item SET dispute_note = NULL, disputed_at = NULL WHERE id = $1", [v2!.id]),
        /kept as it was recorded/,
      );
      const { item: shown } = (await practitioner.api("GET", `/api/v1/subjects/${childId}/items/${itemId}`)).json();
      assert.equal(shown.text, "Arrived at school without a coat on three days this week.");
    });

    test("bad input is a 400 naming each field, and nothing is saved", async () => {
      const count = async () => (await practitioner.api("GET", `/api/v1/subjects/${childId}/items`)).json().items.length;
      const before = await count();

      const futureEvent = await practitioner.api("POST", `/api/v1/subjects/${childId}/items`, item({ eventDate: future }));
      assert.equal(futureEvent.statusCode, 400);
      assert.deepEqual(paths(futureEvent), ["/eventDate"]);
      assert.match(futureEvent.json().errors[0].message, /today or in the past/);

      const { kind: _kind, ...withoutKind } = item();
      const noKind = await practitioner.api("POST", `/api/v1/subjects/${childId}/items`, withoutKind);
      assert.equal(noKind.statusCode, 400);
      assert.deepEqual(paths(noKind), ["/kind"]);
      assert.match(noKind.json().errors[0].message, /fact or an opinion/);

      const badSource = await practitioner.api(
        "POST",
        `/api/v1/subjects/${childId}/items`,
        item({ category: "gossip", source: { name: "", method: "RUMOUR", obtainedOn: "2026-02-30" } }),
      );
      assert.equal(badSource.statusCode, 400);
      assert.deepEqual(paths(badSource).sort(), ["/category", "/source/method", "/source/name", "/source/obtainedOn"]);

      const noReason = await practitioner.api("POST", `/api/v1/subjects/${childId}/items/${itemId}/corrections`, item());
      assert.deepEqual(paths(noReason), ["/reason"]);
      const notUuid = await practitioner.api("GET", `/api/v1/subjects/${childId}/items/not-a-uuid`);
      assert.equal(notUuid.statusCode, 400);
      assert.deepEqual(paths(notUuid), ["/itemId"]);

      assert.equal(await count(), before);
    });
  });

  describe("concerns", () => {
    let concernId: string;

    test("a concern goes to the organisation's safeguarding leads, not another organisation's", async () => {
      const res = await practitioner.api("POST", `/api/v1/subjects/${childId}/concerns`, concern());
      assert.equal(res.statusCode, 201, res.body);
      const raised = res.json();
      concernId = raised.id;
      assert.equal(raised.status, "OPEN");
      assert.equal(raised.levelOfNeed, "EARLY_HELP");
      assert.deepEqual(raised.raisedBy, { id: practitionerId, name: "Tomasz Wójcik" });
      assert.equal(raised.acknowledgedBy, null);

      const board = await dsl.api("GET", "/api/v1/concerns/awaiting-acknowledgement");
      assert.equal(board.statusCode, 200);
      const line = board.json().items.find((c: { id: string }) => c.id === concernId);
      assert.deepEqual(line.subject, { givenNames: "Kai", familyName: "Okonkwo" });
      assert.equal(line.subjectId, childId);
      assert.equal(line.category, "NEGLECT");
      assert.equal(line.description, undefined, "the dashboard line carries no concern text");

      const elsewhere = await outsider.api("GET", "/api/v1/concerns/awaiting-acknowledgement");
      assert.equal(elsewhere.statusCode, 200);
      assert.ok(!elsewhere.json().items.some((c: { id: string }) => c.id === concernId));
      assert.equal((await practitioner.api("GET", "/api/v1/concerns/awaiting-acknowledgement")).statusCode, 403);
      assert.equal((await ig.api("GET", "/api/v1/concerns/awaiting-acknowledgement")).statusCode, 200);
    });

    test("only a safeguarding lead acknowledges, and a concern is acknowledged before it is closed", async () => {
      const base = `/api/v1/subjects/${childId}/concerns/${concernId}`;
      const byPractitioner = await practitioner.api("POST", `${base}/acknowledgement`, { followUpAction: "Tell the DSL" });
      assert.equal(byPractitioner.statusCode, 403);
      assert.equal(byPractitioner.json().code, "NOT_PERMITTED");
      assert.equal((await practitioner.api("POST", `${base}/outcome`, { outcome: "x" })).statusCode, 403);

      const early = await dsl.api("POST", `${base}/outcome`, { outcome: "No further action" });
      assert.equal(early.statusCode, 409);
      assert.match(early.json().detail, /Acknowledge/);
      assert.deepEqual(paths(await dsl.api("POST", `${base}/acknowledgement`, { followUpAction: "  " })), ["/followUpAction"]);

      const ack = await dsl.api("POST", `${base}/acknowledgement`, { followUpAction: "Speak to mother at pick-up; offer early help." });
      assert.equal(ack.statusCode, 200, ack.body);
      assert.equal(ack.json().status, "ACKNOWLEDGED");
      assert.deepEqual(ack.json().acknowledgedBy, { id: dslId, name: "Siân Prydderch" });
      assert.equal(ack.json().followUpAction, "Speak to mother at pick-up; offer early help.");
      const board = (await dsl.api("GET", "/api/v1/concerns/awaiting-acknowledgement")).json();
      assert.ok(!board.items.some((c: { id: string }) => c.id === concernId), "it leaves the dashboard");
      assert.equal((await dsl.api("POST", `${base}/acknowledgement`, { followUpAction: "again" })).statusCode, 409);

      const closed = await dsl.api("POST", `${base}/outcome`, { outcome: "Early help assessment started with mother's agreement." });
      assert.equal(closed.statusCode, 200, closed.body);
      assert.equal(closed.json().status, "CLOSED");
      assert.equal(closed.json().outcome, "Early help assessment started with mother's agreement.");
      assert.ok(closed.json().closedAt);
      assert.equal((await dsl.api("POST", `${base}/outcome`, { outcome: "again" })).statusCode, 409);

      const read = (await practitioner.api("GET", base)).json();
      assert.equal(read.status, "CLOSED");
      assert.equal(read.followUpAction, "Speak to mother at pick-up; offer early help.");
      const list = (await practitioner.api("GET", `/api/v1/subjects/${childId}/concerns`)).json();
      assert.deepEqual(
        list.items.map((c: { id: string }) => c.id),
        [concernId],
      );

      const { items: entries } = (await practitioner.api("GET", `/api/v1/subjects/${childId}/chronology?category=concern`)).json();
      const trail = entries.filter((e: { ref: { id: string } }) => e.ref.id === concernId);
      assert.deepEqual(trail.map((e: { kind: string }) => e.kind).sort(), ["CONCERN_ACKNOWLEDGED", "CONCERN_CLOSED", "CONCERN_RAISED"]);
      const closing = trail.find((e: { kind: string }) => e.kind === "CONCERN_CLOSED");
      assert.equal(closing.occurredOn, today);
      assert.equal(closing.summary, "Early help assessment started with mother's agreement.");
      assert.deepEqual(closing.ref, { type: "concern", id: concernId });
      assert.equal(trail.find((e: { kind: string }) => e.kind === "CONCERN_RAISED").occurredOn, "2026-01-15");
    });

    test("concerns are about children, at a level of need on the partnership's scale", async () => {
      const off = await practitioner.api("POST", `/api/v1/subjects/${childId}/concerns`, concern({ levelOfNeed: "VERY_WORRIED" }));
      assert.equal(off.statusCode, 400);
      assert.deepEqual(paths(off), ["/levelOfNeed"]);
      assert.match(off.json().errors[0].message, /Early help/);
      const aboutMother = await practitioner.api("POST", `/api/v1/subjects/${motherId}/concerns`, concern());
      assert.equal(aboutMother.statusCode, 400);
      assert.deepEqual(paths(aboutMother), ["/subjectId"]);
      const bad = await practitioner.api("POST", `/api/v1/subjects/${childId}/concerns`, { category: "BAD", noticedOn: future });
      assert.deepEqual(paths(bad).sort(), ["/category", "/description", "/levelOfNeed", "/noticedOn"]);
    });

    test("after a partnership administrator changes the scale, its new code is accepted and a removed one is not", async () => {
      const read = await practitioner.api("GET", "/api/v1/settings/levels-of-need");
      assert.equal(read.statusCode, 200);
      assert.deepEqual(
        read.json().levels.map((l: { code: string }) => l.code),
        ["UNIVERSAL", "EARLY_HELP", "CHILD_IN_NEED_S17", "CHILD_PROTECTION_S47"],
      );
      const original = read.json().levels;
      const westshire = [
        { code: "LEVEL_1", label: "Level 1: universal" },
        { code: "LEVEL_2", label: "Level 2: early help" },
        { code: "LEVEL_3", label: "Level 3: targeted" },
        { code: "LEVEL_4", label: "Level 4: specialist" },
      ];
      try {
        assert.equal((await dsl.api("PUT", "/api/v1/settings/levels-of-need", { levels: westshire })).statusCode, 403);
        const dup = await partnershipAdmin.api("PUT", "/api/v1/settings/levels-of-need", {
          levels: [
            { code: "LEVEL_1", label: "One" },
            { code: "LEVEL_1", label: "Again" },
          ],
        });
        assert.equal(dup.statusCode, 400);
        assert.deepEqual(paths(dup), ["/levels"]);
        const badCode = await partnershipAdmin.api("PUT", "/api/v1/settings/levels-of-need", {
          levels: [{ code: "level one", label: "One" }, ...westshire],
        });
        assert.deepEqual(paths(badCode), ["/levels/0/code"]);

        const put = await partnershipAdmin.api("PUT", "/api/v1/settings/levels-of-need", { levels: westshire });
        assert.equal(put.statusCode, 200, put.body);
        assert.deepEqual(put.json().levels, westshire);
        assert.deepEqual(
          (await auditor.api("GET", "/api/v1/settings/levels-of-need")).json().levels,
          westshire,
          "any signed-in user reads it",
        );

        const accepted = await practitioner.api("POST", `/api/v1/subjects/${siblingId}/concerns`, concern({ levelOfNeed: "LEVEL_3" }));
        assert.equal(accepted.statusCode, 201, accepted.body);
        assert.equal(accepted.json().levelOfNeed, "LEVEL_3");
        const removed = await practitioner.api("POST", `/api/v1/subjects/${siblingId}/concerns`, concern());
        assert.equal(removed.statusCode, 400);
        assert.match(removed.json().errors[0].message, /Level 3: targeted/);
        const kept = (await practitioner.api("GET", `/api/v1/subjects/${childId}/concerns`)).json().items[0];
        assert.equal(kept.levelOfNeed, "EARLY_HELP", "concerns already raised keep their level");
      } finally {
        await partnershipAdmin.api("PUT", "/api/v1/settings/levels-of-need", { levels: original });
      }
    });
  });

  describe("protected details typed into the record (GR5-PROTECT-IDENTITIES)", () => {
    test("typing a protected detail into a new item, a correction or a concern is a warning to acknowledge: nothing is saved until it is", async () => {
      const child = await newSubject(practitioner, {
        kind: "CHILD",
        givenNames: "Ruby",
        familyName: "Okafor",
        dateOfBirth: "2018-03-03",
        protectedAliases: ["Ruby Stone"],
      });
      const mother = await newSubject(dsl, {
        kind: "PARENT_CARER",
        givenNames: "Grace",
        familyName: "Okafor",
        addresses: [{ lines: REFUGE, postcode: REFUGE_POSTCODE, protected: true }],
      });
      const link = await practitioner.api("POST", "/api/v1/subject-links", {
        fromSubjectId: mother,
        toSubjectId: child,
        kind: "PARENT_OF",
      });
      assert.equal(link.statusCode, 201, link.body);
      const ACK = { acknowledgedWarnings: ["GR5-PROTECT-IDENTITIES"] };
      const warned = (res: { statusCode: number; json: () => unknown; body: string }, path: string, what: RegExp) => {
        assert.equal(res.statusCode, 422, res.body);
        const { code, rules } = res.json() as { code: string; rules: { code: string; severity: string; path: string; message: string }[] };
        assert.equal(code, "RULES_BLOCKED");
        assert.deepEqual(
          rules.map((r) => [r.code, r.severity, r.path]),
          [["GR5-PROTECT-IDENTITIES", "warning", path]],
        );
        assert.match(rules[0]!.message, what);
        assert.ok(!/quiet mews|ws7|ruby stone/i.test(res.body), "the warning does not repeat the detail");
      };
      const items = `/api/v1/subjects/${child}/items`;

      const text = "Ruby is staying with her mum at 3 quiet mews, ws77qq.";
      warned(await practitioner.api("POST", items, item({ text })), "/text", /a protected address of someone linked to this person/);
      assert.deepEqual((await practitioner.api("GET", items)).json().items, [], "nothing was saved");
      const saved = await practitioner.api("POST", items, item({ text, ...ACK }));
      assert.equal(saved.statusCode, 201, saved.body);

      const correction = item({ text: "Ruby, now known as Ruby Stone, is safe.", reason: "The address was not needed" });
      const corrections = `${items}/${saved.json().id}/corrections`;
      warned(await practitioner.api("POST", corrections, correction), "/text", /a protected name of this person/);
      assert.equal((await practitioner.api("POST", corrections, { ...correction, ...ACK })).statusCode, 201);

      const concerns = `/api/v1/subjects/${child}/concerns`;
      const raised = concern({ description: "Mum's partner has been seen outside WS7 7QQ." });
      warned(await practitioner.api("POST", concerns, raised), "/description", /a protected address of someone linked to this person/);
      assert.equal((await practitioner.api("POST", concerns, { ...raised, ...ACK })).statusCode, 201);
      // Writing about the child by their own name needs no acknowledgement: only protected details do.
      assert.equal((await practitioner.api("POST", items, item({ text: "Ruby Okafor settled well." }))).statusCode, 201);
    });
  });

  describe("chronology", () => {
    let kiraId: string;
    before(async () => {
      kiraId = await newSubject(practitioner, { kind: "CHILD", givenNames: "Kira", familyName: "Lewandowska", dateOfBirth: "2015-04-04" });
      for (const [category, eventDate, text] of [
        ["education", "2025-09-08", "Started Year 5."],
        ["health", "2025-11-20", "Missed dental appointment."],
        ["housing", "2026-02-02", "Family moved to temporary accommodation."],
      ] as const) {
        const res = await practitioner.api(
          "POST",
          `/api/v1/subjects/${kiraId}/items`,
          item({ category, eventDate, text, source: { name: "Office", method: "DOCUMENT", obtainedOn: eventDate } }),
        );
        assert.equal(res.statusCode, 201, res.body);
      }
      const res = await practitioner.api("POST", `/api/v1/subjects/${kiraId}/concerns`, concern({ noticedOn: "2025-12-01" }));
      assert.equal(res.statusCode, 201, res.body);
    });

    test("merges items and concerns, newest first, each entry with what it came from", async () => {
      const res = await practitioner.api("GET", `/api/v1/subjects/${kiraId}/chronology`);
      assert.equal(res.statusCode, 200);
      const { items: entries } = res.json();
      assert.deepEqual(
        entries.map((e: { occurredOn: string; category: string; kind: string }) => [e.occurredOn, e.category, e.kind]),
        [
          ["2026-02-02", "housing", "ITEM_RECORDED"],
          ["2025-12-01", "concern", "CONCERN_RAISED"],
          ["2025-11-20", "health", "ITEM_RECORDED"],
          ["2025-09-08", "education", "ITEM_RECORDED"],
        ],
      );
      const housing = entries[0];
      assert.equal(housing.title, "Housing: fact recorded");
      assert.equal(housing.summary, "Family moved to temporary accommodation.");
      assert.equal(housing.ref.type, "record_item");
      assert.deepEqual(housing.recordedBy, { id: practitionerId, name: "Tomasz Wójcik" });
      const itemRes = await practitioner.api("GET", `/api/v1/subjects/${kiraId}/items/${housing.ref.id}`);
      assert.equal(itemRes.json().item.text, housing.summary, "the ref leads to the item");
      assert.deepEqual(housing.item, { accuracy: "ACCURATE", historical: false });
      assert.equal(entries[1].item, null, "a concern's entry has no item");
      assert.deepEqual(Object.keys(housing).sort(), [
        "category",
        "code",
        "id",
        "item",
        "kind",
        "occurredOn",
        "params",
        "recordedAt",
        "recordedBy",
        "ref",
        "summary",
        "summaryCode",
        "summaryText",
        "title",
      ]);
    });

    test("filters by one or more categories and by a date range", async () => {
      const get = async (qs: string) => {
        const res = await practitioner.api("GET", `/api/v1/subjects/${kiraId}/chronology?${qs}`);
        assert.equal(res.statusCode, 200, res.body);
        return res.json().items.map((e: { occurredOn: string }) => e.occurredOn);
      };
      assert.deepEqual(await get("category=health"), ["2025-11-20"]);
      assert.deepEqual(await get("category=health&category=concern"), ["2025-12-01", "2025-11-20"]);
      assert.deepEqual(await get("from=2025-11-20&to=2025-12-31"), ["2025-12-01", "2025-11-20"]);
      assert.deepEqual(await get("from=2026-01-01"), ["2026-02-02"]);
      assert.deepEqual(await get("to=2025-10-01&category=education&category=housing"), ["2025-09-08"]);
      assert.deepEqual(
        await get("category=&from=&to="),
        ["2026-02-02", "2025-12-01", "2025-11-20", "2025-09-08"],
        "blank filters are no filter",
      );
    });

    test("each item's entry says whether it has been corrected or disputed since, and whether it is historical", async () => {
      const chronology = async () =>
        (await practitioner.api("GET", `/api/v1/subjects/${kiraId}/chronology`)).json().items as {
          kind: string;
          occurredOn: string;
          ref: { id: string };
          item: { accuracy: string; historical: boolean } | null;
        }[];
      const health = (await chronology()).find((e) => e.occurredOn === "2025-11-20")!;
      const fix = await practitioner.api(
        "POST",
        `/api/v1/subjects/${kiraId}/items/${health.ref.id}/corrections`,
        item({
          category: "health",
          eventDate: "2025-11-20",
          text: "Missed a dental appointment; the practice had sent the letter to an old address.",
          source: { name: "Office", method: "DOCUMENT", obtainedOn: "2025-11-20" },
          reason: "The reason was missing",
        }),
      );
      assert.equal(fix.statusCode, 201, fix.body);
      const disputed = await practitioner.api("POST", `/api/v1/subjects/${kiraId}/items/${fix.json().id}/disputes`, {
        reason: "Mother says no letter came",
      });
      assert.equal(disputed.statusCode, 200, disputed.body);
      const old = await practitioner.api(
        "POST",
        `/api/v1/subjects/${kiraId}/items`,
        item({ eventDate: "2020-06-01", historical: true, source: { name: "Office", method: "DOCUMENT", obtainedOn: "2025-09-08" } }),
      );
      assert.equal(old.statusCode, 201, old.body);

      const entries = await chronology();
      const stateOf = (id: string, kind: string) => entries.find((e) => e.ref.id === id && e.kind === kind)?.item;
      assert.deepEqual(
        stateOf(health.ref.id, "ITEM_RECORDED"),
        { accuracy: "CORRECTED", historical: false },
        "the original is not current",
      );
      assert.deepEqual(stateOf(fix.json().id, "ITEM_CORRECTED"), { accuracy: "DISPUTED", historical: false });
      assert.deepEqual(stateOf(old.json().id, "ITEM_RECORDED"), { accuracy: "ACCURATE", historical: true });
    });

    test("a bad date or category is a 400 naming the parameter", async () => {
      const badDate = await practitioner.api("GET", `/api/v1/subjects/${kiraId}/chronology?from=2025-13-45`);
      assert.equal(badDate.statusCode, 400);
      assert.deepEqual(paths(badDate), ["/from"]);
      assert.match(badDate.json().errors[0].message, /real date/);
      const badCategory = await practitioner.api("GET", `/api/v1/subjects/${kiraId}/chronology?category=health&category=gossip`);
      assert.equal(badCategory.statusCode, 400);
      assert.deepEqual(paths(badCategory), ["/category/1"]);
    });
  });

  describe("links between people", () => {
    test("a link shows from both sides, each in its own words", async () => {
      const link = await practitioner.api("POST", "/api/v1/subject-links", {
        fromSubjectId: motherId,
        toSubjectId: childId,
        kind: "PARENT_OF",
      });
      assert.equal(link.statusCode, 201, link.body);
      const { id: linkId, ...linked } = link.json() as { id: string };
      assert.match(linkId, /^[0-9a-f-]{36}$/);
      assert.deepEqual(linked, { fromSubjectId: motherId, toSubjectId: childId, kind: "PARENT_OF" });
      const sib = await practitioner.api("POST", "/api/v1/subject-links", {
        fromSubjectId: siblingId,
        toSubjectId: childId,
        kind: "SIBLING_OF",
      });
      assert.equal(sib.statusCode, 201);

      const kai = await practitioner.api("GET", `/api/v1/subjects/${childId}/people`);
      assert.equal(kai.statusCode, 200);
      const fromKai = kai.json().items as {
        kind: string;
        forward: boolean;
        relationship: string;
        person: { id: string; givenNames: string };
      }[];
      assert.deepEqual(
        fromKai.map((p) => [p.person.givenNames, p.kind, p.forward, p.relationship]),
        [
          ["Adaeze", "PARENT_OF", false, "Child of"],
          ["Ife", "SIBLING_OF", false, "Sibling of"],
        ],
      );
      const mother = (await practitioner.api("GET", `/api/v1/subjects/${motherId}/people`)).json().items;
      assert.deepEqual(
        mother.map((p: { person: { id: string }; forward: boolean; relationship: string }) => [p.person.id, p.forward, p.relationship]),
        [[childId, true, "Parent or carer of"]],
      );
      const ife = (await practitioner.api("GET", `/api/v1/subjects/${siblingId}/people`)).json().items;
      assert.deepEqual(
        ife.map((p: { person: { id: string }; relationship: string }) => [p.person.id, p.relationship]),
        [[childId, "Sibling of"]],
      );
    });

    test("a duplicate link is a 409, a self-link a 400, and a link to another organisation's person a 404", async () => {
      const dup = await practitioner.api("POST", "/api/v1/subject-links", {
        fromSubjectId: motherId,
        toSubjectId: childId,
        kind: "PARENT_OF",
      });
      assert.equal(dup.statusCode, 409);
      const self = await practitioner.api("POST", "/api/v1/subject-links", {
        fromSubjectId: childId,
        toSubjectId: childId,
        kind: "LIVES_WITH",
      });
      assert.equal(self.statusCode, 400);
      assert.deepEqual(paths(self), ["/toSubjectId"]);
      for (const [from, to] of [
        [motherId, outsiderChildId],
        [outsiderChildId, motherId],
      ]) {
        const res = await practitioner.api("POST", "/api/v1/subject-links", { fromSubjectId: from, toSubjectId: to, kind: "PARENT_OF" });
        assert.equal(res.statusCode, 404, res.body);
      }
      const still = (await practitioner.api("GET", `/api/v1/subjects/${motherId}/people`)).json().items;
      assert.equal(still.length, 1);
      assert.deepEqual((await outsider.api("GET", `/api/v1/subjects/${outsiderChildId}/people`)).json().items, []);
    });
  });

  describe("access audit", () => {
    test("every read of a person's record writes a personal_data.viewed event naming them", async () => {
      const { items } = (await practitioner.api("GET", `/api/v1/subjects/${childId}/items`)).json();
      const { items: concerns } = (await practitioner.api("GET", `/api/v1/subjects/${childId}/concerns`)).json();
      const reads: [string, string][] = [
        [`/api/v1/subjects/${childId}`, "api.subjects.show"],
        [`/api/v1/subjects/${childId}/items`, "api.subjects.items"],
        [`/api/v1/subjects/${childId}/items/${items[0].id}`, "api.subjects.item"],
        [`/api/v1/subjects/${childId}/chronology`, "api.subjects.chronology"],
        [`/api/v1/subjects/${childId}/concerns`, "api.subjects.concerns"],
        [`/api/v1/subjects/${childId}/concerns/${concerns[0].id}`, "api.subjects.concern"],
        [`/api/v1/subjects/${childId}/people`, "api.subjects.people"],
      ];
      for (const [url, view] of reads) {
        const before = (await viewEvents(childId)).length;
        const res = await practitioner.api("GET", url);
        assert.equal(res.statusCode, 200, `${url}: ${res.body}`);
        const events = await viewEvents(childId);
        assert.equal(events.length, before + 1, `${url} is audited once`);
        const last = events.find((e) => e.details.view === view && e.actor.userId === practitionerId);
        assert.ok(last, `${url} is audited as ${view}`);
        assert.deepEqual(last.entity, { type: "subject", id: childId });
      }
    });

    test("who has viewed the record: shown to safeguarding and IG leads, 403 to a practitioner, and not itself a view", async () => {
      const before = (await viewEvents(childId)).length;
      const res = await dsl.api("GET", `/api/v1/subjects/${childId}/views`);
      assert.equal(res.statusCode, 200, res.body);
      const views = res.json().items as { at: string; user: { id: string; name: string }; roles: string[]; view: string }[];
      assert.ok(views.length >= 7);
      assert.deepEqual(views[0]!.user, { id: practitionerId, name: "Tomasz Wójcik" });
      assert.deepEqual(views[0]!.roles, ["practitioner"]);
      assert.ok(views.some((v) => v.view === "api.subjects.chronology"));
      assert.ok(
        views.every((v, i) => i === 0 || v.at <= views[i - 1]!.at),
        "newest first",
      );
      assert.equal((await viewEvents(childId)).length, before);
      assert.equal((await ig.api("GET", `/api/v1/subjects/${childId}/views`)).statusCode, 200);
      const refused = await practitioner.api("GET", `/api/v1/subjects/${childId}/views`);
      assert.equal(refused.statusCode, 403);
      assert.equal(refused.json().code, "NOT_PERMITTED");
    });

    test("auditors and administrators hold no case role: 403 on every records route", async () => {
      const { items } = (await practitioner.api("GET", `/api/v1/subjects/${childId}/items`)).json();
      const calls: [Method, string, unknown?][] = [
        ["GET", `/api/v1/subjects/${childId}/items`],
        ["POST", `/api/v1/subjects/${childId}/items`, item()],
        ["GET", `/api/v1/subjects/${childId}/items/${items[0].id}`],
        ["GET", `/api/v1/subjects/${childId}/concerns`],
        ["POST", `/api/v1/subjects/${childId}/concerns`, concern()],
        ["GET", `/api/v1/subjects/${childId}/chronology`],
        ["GET", `/api/v1/subjects/${childId}/people`],
        ["GET", `/api/v1/subjects/${childId}/views`],
        ["POST", "/api/v1/subject-links", { fromSubjectId: siblingId, toSubjectId: motherId, kind: "LIVES_WITH" }],
        ["GET", "/api/v1/concerns/awaiting-acknowledgement"],
      ];
      for (const who of [auditor, orgAdmin]) {
        for (const [method, url, body] of calls) {
          const res = await who.api(method, url, body);
          assert.equal(res.statusCode, 403, `${method} ${url} gave ${res.statusCode}`);
        }
      }
      assert.equal((await partnershipAdmin.api("GET", `/api/v1/subjects/${childId}/items`)).statusCode, 403);
    });

    test("every records route answers 404 to another organisation, and changes nothing", async () => {
      const { items } = (await practitioner.api("GET", `/api/v1/subjects/${childId}/items`)).json();
      const current = items.find((i: { accuracy: string }) => i.accuracy !== "CORRECTED");
      const concernRes = await practitioner.api("POST", `/api/v1/subjects/${childId}/concerns`, concern());
      assert.equal(concernRes.statusCode, 201);
      const concernId = concernRes.json().id;
      const chronologyBefore = (await practitioner.api("GET", `/api/v1/subjects/${childId}/chronology`)).json().items.length;
      const base = `/api/v1/subjects/${childId}`;
      const calls: [Method, string, unknown?][] = [
        ["GET", base],
        ["GET", `${base}/items`],
        ["POST", `${base}/items`, item()],
        ["GET", `${base}/items/${current.id}`],
        ["POST", `${base}/items/${current.id}/corrections`, item({ reason: "Because" })],
        ["POST", `${base}/items/${current.id}/disputes`, { reason: "Because" }],
        ["GET", `${base}/concerns`],
        ["POST", `${base}/concerns`, concern()],
        ["GET", `${base}/concerns/${concernId}`],
        ["POST", `${base}/concerns/${concernId}/acknowledgement`, { followUpAction: "Look" }],
        ["POST", `${base}/concerns/${concernId}/outcome`, { outcome: "Done" }],
        ["GET", `${base}/chronology`],
        ["GET", `${base}/chronology?category=concern&from=2020-01-01`],
        ["GET", `${base}/people`],
        ["GET", `${base}/views`],
        ["POST", "/api/v1/subject-links", { fromSubjectId: childId, toSubjectId: motherId, kind: "LIVES_WITH" }],
        ["POST", "/api/v1/subject-links", { fromSubjectId: outsiderChildId, toSubjectId: childId, kind: "SIBLING_OF" }],
        // The outsider's own subject with this organisation's item and concern ids: still nothing.
        ["GET", `/api/v1/subjects/${outsiderChildId}/items/${current.id}`],
        ["POST", `/api/v1/subjects/${outsiderChildId}/items/${current.id}/corrections`, item({ reason: "Because" })],
        ["GET", `/api/v1/subjects/${outsiderChildId}/concerns/${concernId}`],
        ["POST", `/api/v1/subjects/${outsiderChildId}/concerns/${concernId}/acknowledgement`, { followUpAction: "Look" }],
      ];
      for (const [method, url, body] of calls) {
        const res = await outsider.api(method, url, body);
        assert.equal(res.statusCode, 404, `${method} ${url} gave ${res.statusCode}: ${res.body}`);
        assert.equal(res.json().code, "NOT_FOUND");
      }
      const board = (await outsider.api("GET", "/api/v1/concerns/awaiting-acknowledgement")).json();
      assert.ok(!board.items.some((c: { id: string }) => c.id === concernId));

      const after = (await practitioner.api("GET", `/api/v1/subjects/${childId}/items`)).json().items;
      assert.deepEqual(after, items, "no item added, corrected or disputed");
      const stillOpen = (await practitioner.api("GET", `/api/v1/subjects/${childId}/concerns/${concernId}`)).json();
      assert.equal(stillOpen.status, "OPEN");
      assert.equal((await practitioner.api("GET", `/api/v1/subjects/${childId}/chronology`)).json().items.length, chronologyBefore);
      assert.equal((await practitioner.api("GET", `/api/v1/subjects/${childId}/people`)).json().items.length, 2);
      assert.ok(!(await viewEvents(childId)).some((e) => e.actor.userId === outsiderId), "a refused read is not a view");
    });

    test("who has viewed includes the search results and dashboards that showed the person, and only them", async () => {
      const raised = await practitioner.api("POST", `/api/v1/subjects/${siblingId}/concerns`, concern());
      assert.equal(raised.statusCode, 201, raised.body);
      const found = await dsl.api("GET", "/api/v1/subjects?q=Okonkwo");
      assert.equal(found.statusCode, 200);
      assert.ok(found.json().items.some((s: { id: string }) => s.id === childId));
      const board = await ig.api("GET", "/api/v1/concerns/awaiting-acknowledgement");
      assert.ok(board.json().items.some((c: { subjectId: string }) => c.subjectId === siblingId));

      const views = async (subjectId: string) =>
        (await dsl.api("GET", `/api/v1/subjects/${subjectId}/views`)).json().items as { user: { id: string }; view: string }[];
      const ife = await views(siblingId);
      assert.deepEqual(
        ife.slice(0, 2).map((v) => v.view),
        ["api.concerns.awaiting", "api.subjects.list"],
        "the dashboard and the search that showed Ife, newest first",
      );
      const adaeze = await views(motherId);
      assert.deepEqual(
        [adaeze[0]!.view, adaeze[0]!.user.id],
        ["api.subjects.list", dslId],
        "the search showed Kai's mother too, the dashboard did not",
      );
      assert.ok(!adaeze.some((v) => v.view === "api.concerns.awaiting"));
      assert.ok(
        !(await outsider.api("GET", `/api/v1/subjects/${outsiderChildId}/views`))
          .json()
          .items.some((v: { view: string }) => v.view === "api.subjects.list"),
        "another organisation's Kai was in no one's results here",
      );
    });

    test("the OpenAPI document describes the records routes", async () => {
      const doc = (await app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json();
      for (const [path, method] of [
        ["/api/v1/subjects/{id}/items", "post"],
        ["/api/v1/subjects/{id}/items/{itemId}/corrections", "post"],
        ["/api/v1/subjects/{id}/concerns/{concernId}/outcome", "post"],
        ["/api/v1/subjects/{id}/chronology", "get"],
        ["/api/v1/concerns/awaiting-acknowledgement", "get"],
        ["/api/v1/subject-links", "post"],
        ["/api/v1/subjects/{id}/views", "get"],
        ["/api/v1/settings/levels-of-need", "put"],
      ] as const) {
        const op = doc.paths[path]?.[method];
        assert.ok(op, `missing ${method} ${path}`);
        assert.ok(op.summary, `${method} ${path} has a summary`);
      }
    });
  });
});

describeEachDatabase("records: a protected address stays out of the audit log and the server log", (ctx) => {
  const lines: string[] = [];
  let app: App;
  let practitioner: TestClient;
  let dsl: TestClient;

  before(async () => {
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    // The server's logger (src/server.ts), at its most talkative, writing to memory instead of stdout.
    app = await buildApp({
      database: ctx.database,
      session: { idleMinutes: 30, absoluteHours: 12 },
      publicUrl: TEST_PUBLIC_URL,
      signInRateLimit: 1000,
      logger: { level: "trace", stream: sink, serializers: logSerializers },
    });
    await app.ready();
    const db = ctx.database.db;
    const org = await newOrganisation(db, { name: "Eastmoor Health Visiting", type: "health_trust" });
    practitioner = await signedInAs(app, db, await newUser(db, org, ["practitioner"]));
    dsl = await signedInAs(app, db, await newUser(db, org, ["safeguarding_lead"]));
  });
  after(() => app.close());

  test("after the subject is created, viewed, recorded on and refused bad input, neither log holds the address", async () => {
    const subject = {
      kind: "PARENT_CARER",
      givenNames: "Marta",
      familyName: "Kowalczyk",
      addresses: [
        { lines: "12 Station Road, Eastmoor", postcode: "WS3 1AA" },
        { lines: REFUGE, postcode: REFUGE_POSTCODE, protected: true },
      ],
    };
    const created = await dsl.api("POST", "/api/v1/subjects", subject);
    assert.equal(created.statusCode, 201, created.body);
    const id = created.json().id;
    assert.ok(created.body.includes(REFUGE), "the safeguarding lead is shown it");
    assert.equal((await dsl.api("GET", `/api/v1/subjects/${id}`)).statusCode, 200);
    const forPractitioner = await practitioner.api("GET", `/api/v1/subjects/${id}`);
    assert.ok(!forPractitioner.body.includes(REFUGE) && !forPractitioner.body.includes(REFUGE_POSTCODE));
    const rejected = await dsl.api("POST", "/api/v1/subjects", { ...subject, dateOfBirth: future });
    assert.equal(rejected.statusCode, 400);
    const unborn = await dsl.api("POST", "/api/v1/subjects", {
      kind: "UNBORN_CHILD",
      givenNames: "Baby",
      familyName: "Kowalczyk",
      expectedDate: day(addDays(new Date(), 90)),
    });
    const childId = unborn.json().id;
    await dsl.api("POST", "/api/v1/subject-links", { fromSubjectId: id, toSubjectId: childId, kind: "PARENT_OF" });
    await dsl.api("POST", `/api/v1/subjects/${childId}/items`, item({ category: "housing", eventDate: day(subDays(new Date(), 3)) }));
    for (const url of [`/api/v1/subjects/${id}/people`, `/api/v1/subjects/${childId}/chronology`, `/api/v1/subjects/${id}/views`]) {
      assert.equal((await dsl.api("GET", url)).statusCode, 200, url);
    }

    const bodies = (await ctx.database.db.select({ body: auditEvents.body }).from(auditEvents)).map((r) => r.body);
    assert.ok(bodies.length > 5);
    for (const secret of ["Quiet Mews", REFUGE_POSTCODE, "WS77QQ"]) {
      assert.ok(!bodies.some((b) => b.includes(secret)), `audit log holds ${secret}`);
    }
    assert.ok(lines.length > 10, "the server did log the requests");
    assert.ok(lines.some((l) => l.includes(`/api/v1/subjects/${id}`)));
    for (const secret of ["Quiet Mews", REFUGE_POSTCODE, "WS77QQ"]) {
      assert.ok(!lines.some((l) => l.includes(secret)), `server log holds ${secret}`);
    }
  });
});
