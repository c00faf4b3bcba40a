import { clickAndLoad, expect, signIn, signOut, submitForm, test, visit } from "./support";

/**
 * Sharing end to end (issue 5). Helen Ng, a health visitor at Eastmoor NHS, decides to share what
 * she holds about Yusuf Rahman with Westshire Early Help: the emergency question, then each part of
 * the task list; check your answers refuses to record until she has read the warnings; the decision
 * is recorded and sent. Chloé Dubois at Early Help finds it in her inbox, acknowledges it and files it
 * onto her own records, where it appears on Yusuf's chronology with Eastmoor as its source. Every
 * page is checked for accessibility along the way.
 */

test("a health visitor shares through the wizard; the early help worker receives, acknowledges and files it", async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page, "helen.ng@eastmoor.nhs.example");
  await clickAndLoad(page, page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Records" }));
  await page.getByLabel("Name").fill("Yusuf Rahman");
  await submitForm(page, "Search");
  await clickAndLoad(page, page.getByRole("link", { name: "Yusuf Rahman" }));
  await clickAndLoad(page, page.getByRole("button", { name: "Decide whether to share" }));

  // The emergency question comes first.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Is there an immediate risk to life, or of serious harm?");
  await page.getByLabel("No: decide and record it now").check();
  await submitForm(page, "Continue");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Decide whether to share");

  const part = async (name: string) => clickAndLoad(page, page.getByRole("link", { name }));
  await part("Why you are sharing");
  await page.getByRole("group", { name: "What is the purpose?" }).getByLabel("Early help", { exact: true }).check();
  await page.getByRole("group", { name: "Level of need" }).getByLabel("Early help", { exact: true }).check();
  await page.getByLabel("Describe the purpose").fill("Support for the family after the move");
  await submitForm(page, "Save and continue");

  await part("What kind of information it is");
  await page.getByRole("group", { name: "Is it personal data?" }).getByLabel("Yes").check();
  await page.getByRole("group", { name: "Was it given in confidence?" }).getByLabel("No").check();
  await page.getByRole("group", { name: "Does it include information about other people?" }).getByLabel("Yes").check();
  await submitForm(page, "Save and continue");

  await part("Who it goes to");
  await page.getByLabel("Which organisation?").selectOption({ label: "Westshire Early Help" });
  await page.getByLabel("Early help practitioner").check();
  await page.getByRole("group", { name: "Is this routine sharing?" }).getByLabel("No").check();
  await submitForm(page, "Save and continue");

  await part("The agreement that covers it");
  // A page of its own since the recipient decides what it offers: it reflows at 320 CSS pixels, no sideways scrolling.
  const viewport = page.viewportSize()!;
  await page.setViewportSize({ width: 320, height: 640 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await page.setViewportSize(viewport);
  await page.getByLabel("None: a one-off share without an agreement").check();
  await submitForm(page, "Save and continue");

  await part("The person receiving it");
  await page.getByLabel("Chloé Dubois").check();
  await submitForm(page, "Save and continue");

  await part("Telling the family, and consent");
  await page
    .getByRole("group", { name: /Have the child or family been told/ })
    .getByLabel("Yes")
    .check();
  await page.getByLabel("Consent was given", { exact: true }).check();
  await page.getByLabel(/If consent was given/).fill("Aisha Rahman, at the home visit, agreed to an early help referral");
  await submitForm(page, "Save and continue");

  await part("Lawful basis");
  await page.getByLabel("Article 6(1)(e) public task").check();
  await submitForm(page, "Save and continue");

  await part("What to share");
  await page.getByRole("radio", { name: "Share it" }).first().check();
  await submitForm(page, "Save and continue");

  await part("Advice");
  await page.getByRole("group", { name: "Did you seek advice?" }).getByLabel("No").check();
  await submitForm(page, "Save and continue");

  await part("Your decision");
  await page.getByLabel("Share", { exact: true }).check();
  await page.getByLabel("Your reasons").fill("Early help can support the family with the older sibling's history in mind");
  await page.getByLabel("Why sharing is necessary and proportionate").fill("Only the social care history; nothing about health");
  await submitForm(page, "Save and continue");
  await expect(page.getByText("You have completed 10 of 10 parts.")).toBeVisible();

  // Check your answers: the warnings must be read before the decision is recorded.
  await clickAndLoad(page, page.getByRole("button", { name: "Check your answers" }));
  await expect(page.getByText("Nothing stops this decision being recorded.")).toBeVisible();
  await submitForm(page, "Record the decision");
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.locator(".govuk-error-summary").getByRole("link", { name: /GR4-SEEK-ADVICE/ })).toHaveAttribute(
    "href",
    "#acknowledged",
  );
  for (const box of await page
    .getByRole("group", { name: /Read each warning/ })
    .getByRole("checkbox")
    .all())
    await box.check();
  await submitForm(page, "Record the decision");
  await expect(page.getByText("Decision recorded.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Decided to share with Westshire Early Help");
  await expect(page.getByText("Sent, not yet opened")).toBeVisible();
  await signOut(page);

  // The early help worker: the inbox, reading it, acknowledging it, filing it onto her own records.
  await signIn(page, "chloe.dubois@earlyhelp.westshire.example");
  await clickAndLoad(page, page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Sharing" }));
  await clickAndLoad(page, page.getByRole("link", { name: "Yusuf Rahman" }));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Information about Yusuf Rahman");
  await expect(page.getByText("An older half-sibling was on a child in need plan")).toBeVisible();
  await submitForm(page, "Acknowledge receipt");
  await expect(page.getByText("Receipt acknowledged: the sender can see it arrived.")).toBeVisible();
  await page.getByLabel("Add Yusuf Rahman to your records").check();
  await page.getByLabel(/what kind of person are they/).selectOption({ label: "Child" });
  await submitForm(page, "File it");
  await expect(page.getByRole("heading", { level: 2, name: "Chronology" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Information received from Eastmoor NHS Foundation Trust" })).toBeVisible();
  await signOut(page);

  // Back at Eastmoor, the decision shows it was acknowledged.
  await signIn(page, "helen.ng@eastmoor.nhs.example");
  await visit(page, "/share-decisions");
  await clickAndLoad(page, page.getByRole("link", { name: /^SD-/ }).first());
  await expect(page.locator(".govuk-tag", { hasText: "Receipt acknowledged" })).toBeVisible();
});
