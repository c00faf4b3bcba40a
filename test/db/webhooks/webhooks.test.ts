import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, test } from "node:test";
import { and, eq, isNull } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import type { App } from "../../../src/app/build-app";
import { allJobs } from "../../../src/app/jobs";
import { demoActors } from "../../../src/demo/demo-actors";
import { seedDemoPartnership } from "../../../src/demo/seed-demo";
import { acknowledgeDisclosure, makeInformationRequest } from "../../../src/features/sharing";
import { disclosures } from "../../../src/features/sharing/schema";
import { webhookDeliveries } from "../../../src/features/webhooks/schema";
import { addEndpoint, removeEndpoint } from "../../../src/features/webhooks/services/endpoints";
import { NotFoundError, ValidationError } from "../../../src/platform/errors";
import type { JobContext } from "../../../src/platform/jobs/queue";
import { testApp } from "../../support/app";
import { describeEachDatabase } from "../../support/databases";
import { newOrganisation, newUser } from "../../support/factories";
import { runQueuedJobs } from "../../support/jobs";
import { signedInAs } from "../../support/sign-in";

/**
 * Webhooks for partner systems (issue 20): an event that concerns an organisation reaches its
 * endpoints through the job queue, signed per Standard Webhooks, carrying ids and the event type
 * only; a receiver that fails is tried again with the same message id.
 */
describeEachDatabase("webhooks", (ctx) => {
  let app: App;
  let receiver: http.Server;
  let url: string;
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  /** What the receiver answers next; then 204. */
  const answers: number[] = [];
  let people: Awaited<ReturnType<typeof demo>>;
  const demo = (db: typeof ctx.database.db) =>
    demoActors(db, {
      bernard: "bernard.hale@northbrook.example",
      tomasz: "tomasz.wojcik@northbrook.example",
      joanna: "joanna.kowalczyk@westshire.example",
    });
  const context = (allowLocalWebhooks: boolean): JobContext => ({
    database: ctx.database,
    db: ctx.database.db,
    mailer: null,
    publicUrl: "https://safeshare.test",
    allowLocalWebhooks,
  });
  const jobs = allJobs({ idleMinutes: 30, absoluteHours: 12 }).filter((j) => j.name === "webhooks.deliver");

  before(async () => {
    await seedDemoPartnership(ctx.database.db);
    people = await demo(ctx.database.db);
    app = await testApp(ctx.database, { allowLocalWebhooks: true });
    receiver = http.createServer((request, response) => {
      let body = "";
      request.on("data", (chunk) => (body += chunk));
      request.on("end", () => {
        received.push({ headers: request.headers, body });
        response.statusCode = answers.shift() ?? 204;
        response.end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/safeshare/events`;
  });
  after(async () => {
    await app.close();
    await new Promise((resolve) => receiver.close(resolve));
  });

  test("an acknowledgement reaches the sender's endpoint signed, with ids only, and a failed delivery is tried again with the same id", async () => {
    const db = ctx.database.db;
    const { secret } = await addEndpoint(db, people.bernard, { url, events: ["disclosure.acknowledged"] }, { allowLocal: true });
    assert.match(secret, /^whsec_[A-Za-z0-9+/]{43}=$/);
    const [referral] = await db
      .select({ id: disclosures.id })
      .from(disclosures)
      .where(
        and(
          eq(disclosures.senderOrganisationId, people.bernard.organisationId),
          eq(disclosures.recipientOrganisationId, people.joanna.organisationId),
          isNull(disclosures.acknowledgedAt),
        ),
      );
    await acknowledgeDisclosure(db, people.joanna, referral!.id);

    answers.push(500);
    await runQueuedJobs(context(true), jobs, { untilGivenUp: true, ignoreStartAfter: true });
    assert.equal(received.length, 2, "tried again after the 500");
    const [first, second] = received;
    assert.equal(first!.headers["webhook-id"], second!.headers["webhook-id"], "the same message id on each try");
    const payload = new Webhook(secret).verify(second!.body, second!.headers as Record<string, string>) as { type: string; data: unknown };
    assert.equal(payload.type, "disclosure.acknowledged");
    assert.deepEqual(payload.data, { organisationId: people.bernard.organisationId, id: referral!.id });
    assert.doesNotMatch(second!.body, /Kai|Brennan|Northbrook|Westshire/, "ids and the event type only");
    assert.throws(() =>
      new Webhook(`whsec_${Buffer.alloc(32, 7).toString("base64")}`).verify(second!.body, second!.headers as Record<string, string>),
    );

    const [delivery] = await db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.id, String(first!.headers["webhook-id"])));
    assert.equal(delivery!.attempts, 2);
    assert.ok(delivery!.deliveredAt);
    assert.equal(delivery!.lastResult, "HTTP 204");

    const page = await (await signedInAs(app, db, { user: { id: people.bernard.userId } })).get("/webhooks");
    assert.match(page.body, /1 event/);
    assert.match(page.body, /HTTP 204/);
  });

  test("only an HTTPS address is taken, unless local delivery is allowed; an address inside the network is refused when sending", async () => {
    const db = ctx.database.db;
    await assert.rejects(
      addEndpoint(db, people.bernard, { url: "http://mis.example.org/hook", events: ["disclosure.received"] }, { allowLocal: false }),
      (e: ValidationError) => {
        assert.deepEqual(e.fieldErrors, [{ path: "/url", message: "The address must start with https://" }]);
        return true;
      },
    );
    await assert.rejects(
      addEndpoint(db, people.bernard, { url: url, events: ["disclosure.received"] }, { allowLocal: false }),
      ValidationError,
    );

    // The council's administrator, as the demo's council has a partnership administrator rather than an organisation one.
    const councilAdmin = { ...people.joanna, roles: ["org_admin" as const] };
    const inside = await addEndpoint(
      db,
      councilAdmin,
      { url: "https://127.0.0.1:9/hook", events: ["information_request.received"] },
      { allowLocal: false },
    );
    const before = received.length;
    await makeInformationRequest(db, people.tomasz, {
      requestedOrganisationId: people.joanna.organisationId,
      subject: { givenNames: "Ola", familyName: "Webhook" },
      purposeCode: "CHILD_IN_NEED_S17",
      purpose: "Assessment",
      urgency: "ROUTINE",
    });
    await runQueuedJobs(context(false), jobs);
    assert.equal(received.length, before, "nothing sent");
    const [refused] = await db.select().from(webhookDeliveries).where(eq(webhookDeliveries.endpointId, inside.id));
    assert.equal(refused!.lastResult, "refused: the address is inside this network");
    assert.equal(refused!.deliveredAt, null);

    await removeEndpoint(db, councilAdmin, inside.id);
  });

  test("another organisation's administrator neither sees nor removes an organisation's webhook address", async () => {
    const db = ctx.database.db;
    const { id } = await addEndpoint(
      db,
      people.bernard,
      { url: "https://mis.northbrook.example/hooks", events: ["disclosure.received"] },
      { allowLocal: false },
    );
    const elsewhere = await newUser(db, await newOrganisation(db, { name: "Another Administration" }), ["org_admin"]);
    await assert.rejects(removeEndpoint(db, elsewhere.actor, id), NotFoundError);
    const browser = await signedInAs(app, db, elsewhere);
    assert.doesNotMatch((await browser.get("/webhooks")).body, /mis\.northbrook\.example/);
    assert.equal((await browser.post(`/webhooks/${id}/remove`, {})).statusCode, 404);
    assert.match(
      (await (await signedInAs(app, db, { user: { id: people.bernard.userId } })).get("/webhooks")).body,
      /mis\.northbrook\.example/,
      "still there",
    );
  });
});
