import { clickAndLoad, expect, signIn, signOut, submitForm, test, visit } from "../support";

/**
 * What a recipient needs (issue 18). Joanna Kowalczyk, a social worker at Westshire Children's
 * Services, opens the referral Northbrook Primary sent her about Kai: it says where consent stood,
 * the level of need, whether anything was held back, and who sent it with how to reach them. She asks
 * Tomasz Wójcik, who sent it, a question; he answers it on his record of the decision; she reads the
 * answer beside what she was sent. Every page is checked for accessibility on the way.
 */
test("a recipient asks the sender a question about what they were sent, and the sender answers", async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page, "joanna.kowalczyk@westshire.example");
  await visit(page, "/disclosures");
  // The referral the school sent two days ago: newest first, so after any share made earlier in the run.
  await clickAndLoad(page, page.getByRole("link", { name: "Kai Brennan-Nowak" }).last());
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Information about Kai Brennan-Nowak");
  const disclosureUrl = new URL(page.url()).pathname;

  const told = page.locator(".govuk-summary-list").first();
  const row = (key: string) => told.locator(".govuk-summary-list__row", { has: page.locator("dt", { hasText: key }) }).locator("dd");
  await expect(row("Level of need")).toHaveText("Child in need (s17)");
  await expect(row("Consent")).toHaveText("Consent was not sought, because seeking it would place the child at risk");
  await expect(row("Was anything held back?")).not.toBeEmpty();
  await expect(row("Their role")).toHaveText("Practitioner");
  await expect(row("Contact them").getByRole("link", { name: "tomasz.wojcik@northbrook.example" })).toHaveAttribute(
    "href",
    "mailto:tomasz.wojcik@northbrook.example",
  );

  // An empty question is refused with the GOV.UK error summary, and the page is still there.
  await submitForm(page, "Send your question");
  await expect(page.getByRole("alert").getByRole("link", { name: "Enter your question" })).toBeVisible();
  await page.getByLabel("Ask Tomasz Wójcik a question").fill("Does Kai's mother know you have referred him?");
  await submitForm(page, "Send your question");
  await expect(page.getByText("Question sent.")).toBeVisible();
  const question = page.locator("#questions ~ .govuk-summary-card", { hasText: "Does Kai's mother know you have referred him?" });
  await expect(question.getByText("Waiting for an answer")).toBeVisible();

  // The page reflows at 320 CSS pixels: no sideways scrolling.
  const viewport = page.viewportSize()!;
  await page.setViewportSize({ width: 320, height: 640 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await page.setViewportSize(viewport);
  await signOut(page);

  // The sender sees the question on his record of the decision, and answers it there.
  await signIn(page, "tomasz.wojcik@northbrook.example");
  await visit(page, `${disclosureUrl}/sent`);
  await expect(page.getByRole("heading", { level: 2, name: "Questions from the recipient" })).toBeVisible();
  await expect(page.getByText("Joanna Kowalczyk asked")).toBeVisible();
  await page
    .getByLabel("Your answer")
    .fill("No: telling her first could put Kai at risk from her partner. Please speak to me before contacting her.");
  await submitForm(page, "Send your answer");
  await expect(page.getByText("Answer sent: the recipient can read it with what you shared.")).toBeVisible();
  await expect(page.getByText("Tomasz Wójcik answered")).toBeVisible();
  await signOut(page);

  // Back at the council, the answer is beside what was sent.
  await signIn(page, "joanna.kowalczyk@westshire.example");
  await visit(page, disclosureUrl);
  await expect(page.getByText("Tomasz Wójcik answered")).toBeVisible();
  await expect(page.getByText("No: telling her first could put Kai at risk from her partner.", { exact: false })).toBeVisible();
});
