import { checkA11y, clickAndLoad, expect, signIn, signOut, submitForm, test, visit } from "../support";

/**
 * Sharing end to end (issue 5). Helen Ng, a health visitor at Eastmoor NHS, decides to share what
 * she holds about Yusuf Rahman with Westshire Early Help: the emergency question, then each question
 * that applies to a one-off share, in turn; check your answers refuses to record until she has read the warnings; the decision
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

  // The emergency question comes first, then who it goes to.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Is there an immediate risk to life, or of serious harm?");
  await page.getByLabel("No: decide and record it now").check();
  await submitForm(page, "Continue");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Who it goes to");
  // It reflows at 320 CSS pixels, no sideways scrolling.
  const viewport = page.viewportSize()!;
  await page.setViewportSize({ width: 320, height: 640 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await page.setViewportSize(viewport);
  await page.getByLabel("Which organisation?").selectOption({ label: "Westshire Early Help" });
  await page.getByLabel("Early help practitioner").check();
  await submitForm(page, "Save and continue");

  // No agreement covers Eastmoor and Early Help: a one-off share, so every part of the legal basis is asked.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your decision");
  await page.getByLabel("Share", { exact: true }).check();
  await submitForm(page, "Save and continue");

  await page.getByRole("group", { name: "What is the purpose?" }).getByLabel("Early help", { exact: true }).check();
  await page
    .getByRole("group", { name: /Level of need/ })
    .getByLabel("Early help", { exact: true })
    .check();
  await page.getByLabel("Describe the purpose").fill("Support for the family after the move");
  await submitForm(page, "Save and continue");

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("What to share");
  await page.getByRole("radio", { name: "Share it" }).first().check();
  await submitForm(page, "Save and continue");

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Telling the family, and consent");
  await page
    .getByRole("group", { name: /Have the child or family been told/ })
    .getByLabel("Yes")
    .check();
  await page.getByLabel("Consent was given", { exact: true }).check();
  await page.getByLabel(/Who gave it, when, how, and for what/).fill("Aisha Rahman, at the home visit, agreed to an early help referral");
  await submitForm(page, "Save and continue");

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("What kind of information it is");
  await page
    .getByRole("group", { name: /Is it about a person who can be identified/ })
    .getByLabel("Yes")
    .check();
  await page
    .getByRole("group", { name: /told to you in confidence/ })
    .getByRole("radio", { name: "No", exact: true })
    .check();
  await page.getByRole("group", { name: "Does it include information about other people?" }).getByLabel("Yes").check();
  await submitForm(page, "Save and continue");

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your lawful basis");
  await expect(page.getByText("Usually the right one for schools, councils, health and police")).toBeVisible();
  await page.getByLabel("Article 6(1)(e) public task").check();
  await submitForm(page, "Save and continue");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sensitive information");
  await submitForm(page, "Save and continue");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("The power or duty you rely on");
  await submitForm(page, "Save and continue");

  await page.getByLabel("Your reasons").fill("Early help can support the family with the older sibling's history in mind");
  await page.getByLabel("Why sharing is necessary and proportionate").fill("Only the social care history; nothing about health");
  await submitForm(page, "Save and continue");

  // Without an agreement, the safeguarding lead's advice is offered.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Advice");
  // Its follow-ups sit inside its fieldset, revealed under "Yes": the answer to the question itself is picked by name.
  await page.locator('input[name="advice-sought"][value="no"]').check();
  await submitForm(page, "Save and continue");

  // The person receiving it is named from check your answers.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your answers");
  await clickAndLoad(page, page.getByRole("link", { name: "Change Who should receive it?" }));
  await page.getByLabel("Chloé Dubois").check();
  await submitForm(page, "Save and continue");

  // Check your answers: the warnings must be read before the decision is recorded.
  await expect(page.getByText("Nothing stops this decision being recorded.")).toBeVisible();
  await expect(page.getByText("Not answered")).toHaveCount(0);
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

  await page.getByLabel("Which organisation?").selectOption({ label: "Westshire County Council Children's Services" });
  await page.getByLabel("Social worker").check();
  await submitForm(page, "Save and continue");
  await page.getByLabel("Share", { exact: true }).check();
  await submitForm(page, "Save and continue");

  await page.getByLabel("Child in need (Children Act 1989 s17)").check();
  await page.getByLabel("Describe the purpose").fill("Children's social care are assessing Kai's needs after the move");
  await submitForm(page, "Save and continue");

  // The item mentions his mother's refuge: the page says it will be taken out, and who can decide otherwise.
  const card = page.locator(".govuk-summary-card", { hasText: "staying at Haven refuge" });
  await expect(card).toContainText("This item mentions a protected address of someone linked to this person");
  await expect(card).toContainText("ask your safeguarding lead");
  await card.getByRole("radio", { name: "Share it" }).check();
  await page.getByLabel("Date of birth (or expected date)").check();
  await page.getByRole("checkbox", { name: /^Addresses/ }).check();
  await submitForm(page, "Save and continue");

  await page
    .getByRole("group", { name: /Have the child or family been told/ })
    .getByRole("radio", { name: "No", exact: true })
    .check();
  await page.getByLabel("If not, why not?").fill("Telling the household could reach Darren Pike");
  await page.getByLabel("Not asked for: asking would put the child at risk").check();
  await submitForm(page, "Save and continue");

  // The partnership agreement covers the school and the council: its legal basis is confirmed, not chosen.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Confirm the legal basis");
  await submitForm(page, "Confirm and continue");

  await page.getByLabel("Your reasons").fill("Social care need to know Kai has moved and who may collect him");
  await page.getByLabel("Why sharing is necessary and proportionate").fill("That he has moved, not where to");
  await submitForm(page, "Save and continue");

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
