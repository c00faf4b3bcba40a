import { checkA11y, clickAndLoad, expect, signIn, signOut, submitForm, test, visit } from "../support";

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
  await expect(page.locator(".govuk-error-summary").getByRole("link", { name: /No advice is recorded/ })).toHaveAttribute(
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
  // Filing is confirmed with a banner on the page, which leads to the record it was filed onto.
  await expect(page.getByRole("heading", { name: "Filed onto your record of Yusuf Rahman" })).toBeVisible();
  await clickAndLoad(page, page.getByRole("link", { name: "See Yusuf Rahman's chronology" }));
  await expect(page.getByRole("heading", { level: 2, name: "Chronology" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Information received from Eastmoor NHS Foundation Trust" })).toBeVisible();
  await signOut(page);

  // Back at Eastmoor, the decision shows it was acknowledged.
  await signIn(page, "helen.ng@eastmoor.nhs.example");
  await visit(page, "/share-decisions");
  await clickAndLoad(page, page.getByRole("link", { name: /^SD-/ }).first());
  await expect(page.locator(".govuk-tag", { hasText: "Receipt acknowledged" })).toBeVisible();
});

/**
 * GR5-PROTECT-IDENTITIES wherever it is written. Tomasz Wójcik, a teacher at Northbrook (a
 * practitioner), shares the note that Kai and his mother are staying at a refuge: the address is his
 * mother's protected address, so the items page and the check page say it will be taken out, and the
 * decision page shows it went as [redacted], with what went about Kai.
 */
test("a practitioner shares an item naming a parent's refuge: it is redacted, and the decision page says what went", async ({ page }) => {
  test.setTimeout(300_000);
  await signIn(page, "tomasz.wojcik@northbrook.example");
  await clickAndLoad(page, page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Records" }));
  await page.getByLabel("Name").fill("Kai Brennan-Nowak");
  await submitForm(page, "Search");
  await clickAndLoad(page, page.getByRole("link", { name: "Kai Brennan-Nowak" }));
  await clickAndLoad(page, page.getByRole("button", { name: "Decide whether to share" }));
  await page.getByLabel("No: decide and record it now").check();
  await submitForm(page, "Continue");

  const part = async (name: string) => clickAndLoad(page, page.getByRole("link", { name }));
  await part("Why you are sharing");
  await page.getByRole("group", { name: "What is the purpose?" }).getByLabel("Child in need (Children Act 1989 s17)").check();
  await page.getByLabel("Describe the purpose").fill("Children's social care are assessing Kai's needs after the move");
  await submitForm(page, "Save and continue");

  await part("What kind of information it is");
  await page.getByRole("group", { name: "Is it personal data?" }).getByLabel("Yes").check();
  await page.getByRole("group", { name: "Was it given in confidence?" }).getByLabel("No").check();
  await page.getByRole("group", { name: "Does it include information about other people?" }).getByLabel("Yes").check();
  await submitForm(page, "Save and continue");

  await part("Who it goes to");
  await page.getByLabel("Which organisation?").selectOption({ label: "Westshire County Council Children's Services" });
  await page.getByLabel("Social worker").check();
  await page.getByRole("group", { name: "Is this routine sharing?" }).getByLabel("No").check();
  await submitForm(page, "Save and continue");

  await part("The agreement that covers it");
  await page.getByLabel("None: a one-off share without an agreement").check();
  await submitForm(page, "Save and continue");

  await part("Telling the family, and consent");
  await page
    .getByRole("group", { name: /Have the child or family been told/ })
    .getByLabel("No")
    .check();
  await page.getByLabel("If not, why not?").fill("Telling the household could reach Darren Pike");
  await page.getByLabel("Consent was not sought").check();
  await page.getByLabel("Seeking it would place the child at risk").check();
  await submitForm(page, "Save and continue");

  await part("Lawful basis");
  await page.getByLabel("Article 6(1)(e) public task").check();
  await submitForm(page, "Save and continue");

  // The item mentions his mother's refuge: the page says it will be taken out, and who can decide otherwise.
  await part("What to share");
  const card = page.locator(".govuk-summary-card", { hasText: "staying at Haven refuge" });
  await expect(card).toContainText("This item mentions a protected address of someone linked to this person");
  await expect(card).toContainText("ask your safeguarding lead");
  await card.getByRole("radio", { name: "Share it" }).check();
  await page.getByLabel("Date of birth (or expected date)").check();
  await page.getByRole("checkbox", { name: /^Addresses/ }).check();
  await submitForm(page, "Save and continue");

  await part("Advice");
  await page.getByRole("group", { name: "Did you seek advice?" }).getByLabel("No").check();
  await submitForm(page, "Save and continue");

  await part("Your decision");
  await page.getByLabel("Share", { exact: true }).check();
  await page.getByLabel("Your reasons").fill("Social care need to know Kai has moved and who may collect him");
  await page.getByLabel("Why sharing is necessary and proportionate").fill("That he has moved, not where to");
  await submitForm(page, "Save and continue");

  await clickAndLoad(page, page.getByRole("button", { name: "Check your answers" }));
  await expect(page.getByText(/mentions a protected address of someone linked to this person: it is taken out of the text/)).toBeVisible();
  for (const box of await page
    .getByRole("group", { name: /Read each warning/ })
    .getByRole("checkbox")
    .all())
    await box.check();
  await submitForm(page, "Record the decision");
  await expect(page.getByText("Decision recorded.")).toBeVisible();

  // What went: the address as [redacted], said in words, and each detail about Kai.
  await expect(page.getByText("Kai's mother phoned: she and Kai are staying at [redacted] for now.")).toBeVisible();
  // In words under what went; the answers recorded say it too, in a longer line, so the match is exact.
  await expect(
    page.getByText("Protected details taken out: a protected address of someone linked to this person", { exact: true }),
  ).toBeVisible();
  const about = page.locator("h2", { hasText: "What was sent about Kai Brennan-Nowak" }).locator("xpath=following-sibling::dl[1]");
  await expect(about).toContainText("14 September 2017");
  await expect(about).toContainText("27 Larch Close, Northbrook, WS3 4PL");
  await expect(about.locator(".govuk-summary-list__row", { hasText: "NHS number" })).toContainText("Not sent");
  await page.setViewportSize({ width: 320, height: 800 });
  await checkA11y(page);
});
