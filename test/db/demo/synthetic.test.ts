import assert from "node:assert/strict";
import { test } from "node:test";
import { seedDemoPartnership } from "../../../src/demo/seed-demo";
import { seedSynthetic } from "../../../src/demo/synthetic/seed-synthetic";
import { nhsNumberProblem, upnProblem } from "../../../src/features/records/domain/identifiers";
import { searchSubjects } from "../../../src/features/records/services/search";
import type { Actor } from "../../../src/platform/auth/actor";
import { NotPermittedError } from "../../../src/platform/errors";
import { describeEachDatabase } from "../../support/databases";

describeEachDatabase("seed-synthetic: bulk fictional records, consistent with what the services write", (ctx) => {
  const count = async (sql: string) => Number((await ctx.database.query<{ n: number }>(`select count(*)::int as n from (${sql}) q`))[0]!.n);

  test("refuses a database without the demo partnership: synthetic people never join real records", async () => {
    await assert.rejects(seedSynthetic(ctx.database, { subjects: 10 }), NotPermittedError);
    assert.equal(await count("select 1 from subject"), 0);
  });

  test("adds people, names, addresses, items and a chronology entry per item, all valid by our own rules", async () => {
    await seedDemoPartnership(ctx.database.db);
    const before = { subjects: await count("select 1 from subject"), items: await count("select 1 from record_item") };
    const [{ now }] = (await ctx.database.query<{ now: string }>("select clock_timestamp()::text as now")) as [{ now: string }];
    const result = await seedSynthetic(ctx.database, { subjects: 400, itemsPerSubject: 4, batchSize: 150, seed: 11 });
    assert.equal(result.subjects, 400);
    assert.equal(await count("select 1 from subject"), before.subjects + 400);
    assert.equal(await count("select 1 from record_item"), before.items + result.items);
    assert.ok(result.items > 800, `${result.items} items`);
    // Every item is on its subject's chronology, as recordItem would have put it (corrections have entries of their own).
    assert.equal(
      await count(`select 1 from record_item i join chronology_entry c on c.ref_id = i.id and c.subject_id = i.subject_id
                     and c.occurred_on = i.event_date and c.kind = 'ITEM_RECORDED' and c.summary = i.text
                     and c.code = 'chronology.itemRecorded' and c.params = jsonb_build_object('category', i.category::text, 'kind', i.kind::text)`),
      // Items the demo disposed of under its retention schedule have no words and no chronology left.
      await count("select 1 from record_item where version = 1 and erased_at is null"),
    );
    assert.equal(await count(`select 1 from subject where created_at >= '${now}'`), 400);
    // Synthetic dates are possible: not before birth (nor ten years ago), never in the future; obtained on or after the event.
    assert.equal(
      await count(`select 1 from record_item i join subject s on s.id = i.subject_id
                    where s.created_at >= '${now}' and (i.event_date > current_date or i.source_obtained_on < i.event_date or i.source_obtained_on > current_date
                       or i.event_date < coalesce(s.date_of_birth, s.expected_date - 280))`),
      0,
    );
    // Retention has dates to run from: children's cases closed at children's social care and early help
    // (by the organisation's recorder; nothing recorded after it), and no other organisation closes one.
    const closedAt = (types: string) =>
      count(`select 1 from subject s join organisation o on o.id = s.organisation_id
              where s.created_at >= '${now}' and s.case_closed_on is not null and o.type::text in (${types})`);
    assert.ok((await closedAt("'childrens_social_care', 'early_help'")) > 0);
    assert.equal(await closedAt("'school', 'police', 'health_trust', 'gp_practice', 'voluntary_community', 'other'"), 0);
    assert.equal(
      await count(`select 1 from subject s where s.created_at >= '${now}' and s.case_closed_on is not null
                     and (s.kind <> 'CHILD' or s.case_closed_on > current_date or s.case_closed_on < s.date_of_birth
                          or s.case_closed_by_user_id is distinct from s.created_by_user_id
                          or exists (select 1 from record_item i where i.subject_id = s.id and i.event_date > s.case_closed_on))`),
      0,
    );
    const ids = await ctx.database.query<{ nhs_number: string | null; upn: string | null }>("select nhs_number, upn from subject");
    for (const { nhs_number, upn } of ids) {
      if (nhs_number) assert.equal(nhsNumberProblem(nhs_number), null, nhs_number);
      if (upn) assert.equal(upnProblem(upn), null, upn);
    }
    assert.equal(await count("select 1 from audit_event where type = 'partnership.synthetic_seeded'"), 1);
  });

  test("a synthetic person is found by the organisation's name search, misspelt", async () => {
    const [someone] = await ctx.database.query<{ id: string; family_name: string; organisation_id: string; org: string }>(
      `select s.id, s.family_name, s.organisation_id, o.name as org from subject s join organisation o on o.id = s.organisation_id
        where s.family_name = 'Thompson' limit 1`,
    );
    assert.ok(someone, "the commonest surnames are held by many people");
    const [user] = await ctx.database.query<{ id: string }>("select id from app_user where organisation_id = $1 limit 1", [
      someone.organisation_id,
    ]);
    const actor: Actor = {
      userId: user!.id,
      name: "Searcher",
      roles: ["practitioner"],
      organisationId: someone.organisation_id,
      organisationName: someone.org,
    };
    const found = await searchSubjects(ctx.database.db, actor, { q: "Tompson" }, { page: 1, pageSize: 500 }, "api.subjects.search");
    assert.ok(
      found.rows.some((r) => r.id === someone.id),
      "found under a misspelling",
    );
    assert.ok(
      found.rows.every((r) => r.organisationId === someone.organisation_id),
      "only the organisation's own people",
    );
  });
});
