import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { eq } from "drizzle-orm";
import { allJobs } from "../../../src/app/jobs";
import { demoActors } from "../../../src/demo/demo-actors";
import { seedDemoPartnership } from "../../../src/demo/seed-demo";
import { notifications } from "../../../src/features/notifications/schema";
import { disclosures } from "../../../src/features/sharing/schema";
import { auditEvents } from "../../../src/platform/db/schema";
import type { JobContext } from "../../../src/platform/jobs/queue";
import { smtpMailer } from "../../../src/platform/mail/mailer";
import { describeEachDatabase } from "../../support/databases";
import { runQueuedJobs } from "../../support/jobs";
import { assertNoPersonalData, startSmtpCatcher } from "../../support/smtp";

/**
 * Nothing waits unseen (issue 19): what is shared reaches its recipients by email through a real SMTP
 * server, an emergency share at once and again to the recipient's safeguarding leads when it is still
 * not opened, and no email names a child, a family or anything from a record.
 */
describeEachDatabase("notifications of what was shared", (ctx) => {
  let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
  let context: JobContext;
  const jobs = allJobs({ idleMinutes: 30, absoluteHours: 12 });
  const PUBLIC_URL = "https://safeshare.westshire.example";

  before(async () => {
    smtp = await startSmtpCatcher();
    await seedDemoPartnership(ctx.database.db);
    context = {
      database: ctx.database,
      db: ctx.database.db,
      mailer: smtpMailer(smtp.url, "Safeshare <safeshare@westshire.example>"),
      publicUrl: PUBLIC_URL,
    };
  });
  after(async () => {
    context.mailer?.close();
    await smtp.close();
  });

  const mailTo = (email: string) => smtp.received.filter((m) => m.to.includes(email));

  test("an emergency share reaches the police's safeguarding leads at once, and again while it stays unopened", async () => {
    await runQueuedJobs(context, jobs);
    const police = await demoActors(ctx.database.db, { gareth: "gareth.ellis@police.westshire.example" });
    const [emergency] = await ctx.database.db.select().from(disclosures).where(eq(disclosures.emergency, true));
    assert.ok(emergency && !emergency.firstOpenedAt, "the demo's emergency share to the police is not opened");
    const toGareth = mailTo("gareth.ellis@police.westshire.example").map((m) => m.subject);
    assert.ok(toGareth.includes("Urgent: information has been shared with you in an emergency"), toGareth.join("; "));
    // Sent two hours ago: the 30-minute escalation is due, and it goes to the leads too.
    assert.ok(toGareth.includes("Urgent: an emergency share to your organisation has not been opened"), toGareth.join("; "));
    // Gareth is told of other things too (the request his organisation was asked): this is the emergency's email.
    const link = mailTo("gareth.ellis@police.westshire.example").find((m) => m.subject.startsWith("Urgent: information has been"))!;
    assert.match(link.text, new RegExp(`${PUBLIC_URL}/disclosures/${emergency.id}`));
    assert.ok(police.gareth);
  });

  test("each is in the person's own list, emailed once, and recorded by id and kind, never by what it is about", async () => {
    const before = smtp.received.length;
    assert.equal(await runQueuedJobs(context, jobs, { ignoreStartAfter: true }), 0, "nothing is left to run, and nothing runs twice");
    assert.equal(smtp.received.length, before);
    const rows = await ctx.database.db.select().from(notifications);
    assert.ok(rows.length >= 4, `${rows.length} notifications`);
    // Chloé chose a daily summary: hers waits for it; everyone else's was emailed.
    assert.deepEqual([...new Set(rows.map((r) => r.emailState))].sort(), ["digest", "sent"]);
    const sent = await ctx.database.db
      .select({ body: auditEvents.body })
      .from(auditEvents)
      .where(eq(auditEvents.type, "notification.sent"));
    assert.equal(sent.length, rows.filter((r) => r.emailState === "sent").length);
    const [first] = sent.map((s) => JSON.parse(s.body) as { entity: { type: string }; details: Record<string, unknown> });
    assert.deepEqual(Object.keys(first!.details).sort(), ["digest", "kind"]);
    assert.equal(first!.entity.type, "notification");
  });

  test("no email names a child, a family member or anything from a record", async () => {
    assert.ok(smtp.received.length >= 4);
    await assertNoPersonalData(ctx.database.db, smtp.received);
  });
});
