import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { addMonths } from "date-fns";
import { eq } from "drizzle-orm";
import type { App } from "../../../src/app/build-app";
import { disclosures } from "../../../src/features/sharing/schema";
import { ukDate } from "../../../src/platform/dates/calendar";
import { testApp } from "../../support/app";
import { describeEachDatabase } from "../../support/databases";
import { pageText as words } from "../../support/page-text";
import { sharedCopy } from "../../support/shared-copy";

/**
 * Both sides see how long the recipient keeps its copy (issue 21): the sender's decision page says
 * until when the agreement's retention term keeps it (or that the recipient's schedule decides), and
 * once the recipient has disposed of it, the date it did; the recipient's page says until when to keep it.
 */
describeEachDatabase("sharing: the recipient's copy's retention on the sender's and the recipient's pages", (ctx) => {
  let app: App;
  let shared: Awaited<ReturnType<typeof sharedCopy>>;

  const decisionPage = async () => words((await shared.practitioner.get(`/share-decisions/${shared.decisionId}`)).body);

  before(async () => {
    app = await testApp(ctx.database);
    shared = await sharedCopy(app, ctx.database.db, { retentionMonths: 18 });
  });
  after(() => app.close());

  test("the sender reads until when the recipient keeps its copy, by the agreement's term; the recipient reads the same", async () => {
    const until = ukDate(addMonths(new Date(), 18));
    assert.match(await decisionPage(), new RegExp(`Recipient keeps its copy until ${until}, by the agreement's retention term`));
    const received = await shared.councilLead.get(`/disclosures/${shared.disclosureId}`);
    assert.equal(received.statusCode, 200, received.body);
    assert.match(words(received.body), new RegExp(`Keep until ${until}, by the agreement's retention term`));
    const pdf = await shared.practitioner.get(`/share-decisions/${shared.decisionId}/record.pdf`);
    assert.equal(pdf.statusCode, 200);
    const { PDFParse } = await import("pdf-parse");
    const parser = new PDFParse({ data: pdf.rawPayload });
    const text = (await parser.getText()).text.replace(/\s+/g, " ");
    await parser.destroy();
    assert.match(text, /Recipient keeps its copy until/);
  });

  test("where the agreement set no term, the recipient's schedule decides, and the recipient's page says nothing of a date", async () => {
    await ctx.database.db.update(disclosures).set({ retainUntil: null }).where(eq(disclosures.id, shared.disclosureId));
    assert.match(await decisionPage(), /Recipient keeps its copy until As the recipient's retention schedule says/);
    assert.doesNotMatch(words((await shared.councilLead.get(`/disclosures/${shared.disclosureId}`)).body), /Keep until/);
  });

  test("once the recipient has disposed of its copy, the sender reads the date it did", async () => {
    const disposedAt = new Date("2026-03-02T10:00:00Z");
    await ctx.database.db.update(disclosures).set({ disposedAt }).where(eq(disclosures.id, shared.disclosureId));
    const page = await decisionPage();
    assert.match(page, /Recipient disposed of its copy on 2 March 2026/);
    assert.doesNotMatch(page, /Recipient keeps its copy until/);
  });
});
