import assert from "node:assert/strict";
import { test } from "node:test";
import nunjucks from "nunjucks";
import { configureNunjucks } from "../../../src/app/nunjucks";
import { viewDirs } from "../../../src/platform/web-kit/views";

const environment = () => {
  const env = new nunjucks.Environment(new nunjucks.FileSystemLoader(viewDirs), { autoescape: true, throwOnUndefined: false });
  configureNunjucks(env);
  return env;
};

test("design-system components render exactly as with nunjucks' own trim: trimmed, escaped once, safe HTML kept", () => {
  const ours = environment();
  const theirs = new nunjucks.Environment(new nunjucks.FileSystemLoader(viewDirs), { autoescape: true, throwOnUndefined: false });
  const page = `{% from "govuk/components/date-input/macro.njk" import govukDateInput %}
{% from "govuk/components/tag/macro.njk" import govukTag %}
{{ govukDateInput({ id: "from", namePrefix: "from", fieldset: { legend: { text: "From <b>" } }, hint: { text: "For example, 1 9 2025" } }) }}
{{ govukTag({ html: "  <em>disputed</em>\\n\\n  " }) }}{{ govukTag({ text: "  <script>  " }) }}
{{ "  <i>typed</i>  " | trim }}|{{ ("  <i>safe</i> \\n" | safe) | trim }}|`;
  const rendered = ours.renderString(page, {});
  assert.equal(rendered, theirs.renderString(page, {}));
  assert.ok(rendered.includes("&lt;i&gt;typed&lt;/i&gt;|<i>safe</i>|"));
  assert.ok(rendered.includes("<em>disputed</em>") && rendered.includes("&lt;script&gt;") && !rendered.includes("<script>"));
});

test("dates and times print GOV.UK style in UK time: noon is 12:00pm and midnight 12:05am, never 0:00", () => {
  const env = environment();
  const render = (value: string) => env.renderString("{{ v | govukDateTime }}|{{ v | govukDate }}", { v: value });
  assert.equal(render("2026-12-05T12:00:00Z"), "5 December 2026 at 12:00pm|5 December 2026");
  assert.equal(render("2026-12-05T00:05:00Z"), "5 December 2026 at 12:05am|5 December 2026");
  assert.equal(render("2026-06-05T23:30:00Z"), "6 June 2026 at 12:30am|6 June 2026");
  assert.equal(env.renderString("[{{ v | govukDateTime }}]", { v: null }), "[]");
});

test("a table stacks on narrow screens: every cell is labelled with its column's heading, and the details panel for IG leads is marked", () => {
  const env = environment();
  const rendered = env.renderString(
    `{% from "_table.njk" import govukTable %}{% from "_details-for-ig.njk" import detailsForIgLeads %}
{{ govukTable({ head: [{ text: "About" }, { html: "<span>Sent</span>" }], rows: [[{ html: "<a href='#'>Kai</a>" }, { text: "5 December 2026" }]] }) }}
{{ detailsForIgLeads([{ code: "GR6-MINIMISE", rule: "Share only what they need" }], "finding-rules") }}`,
    {},
  );
  assert.match(rendered, /class="govuk-table app-table--stacked"/);
  const flat = rendered.replace(/\s+/g, " ");
  assert.match(flat, /<td class="govuk-table__cell" data-label="About"> ?<a href='#'>Kai<\/a> ?<\/td>/);
  assert.match(flat, /data-label="Sent"> ?5 December 2026 ?</);
  assert.match(flat, /<details class="govuk-details" id="finding-rules" data-details-for="ig"/);
  assert.match(rendered, /Details for IG leads/);
  assert.match(rendered, /GR6-MINIMISE/);
});
