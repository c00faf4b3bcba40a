import assert from "node:assert/strict";
import { before, test } from "node:test";
import { eq } from "drizzle-orm";
import { demoActors } from "../../../src/demo/demo-actors";
import { COUNCIL, HEALTH, MASH_AGREEMENT, POLICE } from "../../../src/demo/demo-agreement-terms";
import { DEMO_PASSWORD, seedDemoPartnership } from "../../../src/demo/seed-demo";
import { agreements } from "../../../src/features/agreements/schema";
import { createFromTemplate } from "../../../src/features/agreements/services/create-agreement";
import { editAgreement } from "../../../src/features/agreements/services/edit-agreement";
import { loadAgreementsWork } from "../../../src/features/agreements/services/load-work";
import { signAgreement } from "../../../src/features/agreements/services/sign-agreement";
import { sendForSignature } from "../../../src/features/agreements/services/versions";
import type { Actor } from "../../../src/platform/auth/actor";
import { describeEachDatabase } from "../../support/databases";

/** Agreements' part of "Your work" (issue 18): reviews an organisation owes, and versions waiting for the person's signature. */
describeEachDatabase("agreements' work for the home page", (ctx) => {
  let people: Record<"dafydd" | "priya" | "sean" | "tomasz" | "bernard", Actor>;
  const titles = async (actor: Actor) =>
    (await loadAgreementsWork(ctx.database.db, actor)).map((w) => [w.kind, w.title, w.dueOn, w.note ?? ""]);

  before(async () => {
    await seedDemoPartnership(ctx.database.db);
    people = await demoActors(ctx.database.db, {
      dafydd: "dafydd.pryce@westshire.example",
      priya: "priya.raman@police.westshire.example",
      sean: "sean.obriain@eastmoor.nhs.example",
      tomasz: "tomasz.wojcik@northbrook.example",
      bernard: "bernard.hale@northbrook.example",
    });
  });

  test("the council's IG lead owes the review of the lapsed school agreement; a teacher and the school's IG lead owe none", async () => {
    const [row] = await ctx.database.db.select({ next: agreements.nextReviewDate }).from(agreements).where(eq(agreements.number, 3));
    assert.deepEqual(await titles(people.dafydd), [
      [
        "agreement_review",
        "Review DSA-0003: Northbrook Primary School to children's social care: referrals and feedback",
        row!.next,
        "Its review is more than 3 months overdue, so it is not in force: information cannot be shared under it until it is reviewed.",
      ],
    ]);
    assert.deepEqual(await titles(people.tomasz), []);
    // The school is a party, not the owner: the review is the council's to record.
    assert.deepEqual(await titles(people.bernard), []);
  });

  test("a version sent for signature waits on each named signatory's list until they sign", async () => {
    const db = ctx.database.db;
    const [tier1] = await db.select({ id: agreements.id }).from(agreements).where(eq(agreements.tier, "STRATEGIC"));
    const ids = { [COUNCIL]: people.dafydd.organisationId, [POLICE]: people.priya.organisationId, [HEALTH]: people.sean.organisationId };
    const created = await createFromTemplate(db, people.dafydd, {
      title: "Westshire missing children protocol",
      tier: "OPERATIONAL",
      parentAgreementId: tier1!.id,
      partyOrganisationIds: [ids[COUNCIL], ids[POLICE], ids[HEALTH]],
    });
    const current = await editAgreement(db, people.dafydd, created.id, MASH_AGREEMENT.patch(ids));
    const signatory = (organisationId: string) =>
      [people.dafydd, people.priya, people.sean].find((p) => p.organisationId === organisationId)!;
    await editAgreement(db, people.dafydd, created.id, {
      parties: current.content.parties.map((party) => ({
        ...party,
        signatoryUserId: signatory(party.organisationId).userId,
        signatoryJobTitle: "Information governance lead",
        contactName: signatory(party.organisationId).name,
        contactEmail: "ig@example.org",
      })),
      dpia: { reference: "DPIA-T2-2026", completedOn: "2026-01-15" },
    });
    await sendForSignature(db, people.dafydd, created.id);
    const [reference] = await db.select({ number: agreements.number }).from(agreements).where(eq(agreements.id, created.id));
    const toSign = [
      "agreement_to_sign",
      `Sign version 1 of DSA-${String(reference!.number).padStart(4, "0")}: Westshire missing children protocol`,
      null,
      "",
    ];
    assert.deepEqual(await titles(people.priya), [toSign]);
    assert.deepEqual(await titles(people.sean), [toSign]);
    assert.deepEqual((await titles(people.dafydd)).at(0), toSign, "the owner's own signatory too");
    assert.equal((await loadAgreementsWork(db, people.priya)).at(0)?.href, `/agreements/${created.id}/sign`);
    await signAgreement(db, people.priya, created.id, { version: 1, password: DEMO_PASSWORD });
    assert.deepEqual(await titles(people.priya), [], "signed: off her list");
    assert.deepEqual(await titles(people.sean), [toSign], "still on the others'");
  });
});
