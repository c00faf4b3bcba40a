import { SECTIONS } from "../../../src/features/agreements/domain/content";
import { checkA11y, clickAndLoad, DEMO_PASSWORD, expect, newBrowserContext, signInAndEnrol, submitForm, test, visit } from "../support";

/**
 * The agreement journey end to end: Dafydd Pryce (IG lead, Westshire County Council) drafts an
 * agreement with Westshire Police from the model template, names the signatories, fixes a data item
 * the form rejects, sends it for signature and signs; Priya Raman signs for the police in her own
 * browser; the agreement comes into force; a variation then makes version 2, and the comparison shows
 * what changed. Every page is checked for accessibility along the way.
 */
test("an IG lead drafts an agreement, both parties sign it, and a variation is compared with the signed version", async ({
  page,
  browser,
}) => {
  test.setTimeout(300_000); // a long journey with an axe check on every page (near three minutes on a busy machine)
  await signInAndEnrol(page, "dafydd.pryce@westshire.example");

  // His home page warns him about the demo school agreement his council owns, which has lapsed.
  const reviews = page.locator("#work-list");
  await expect(reviews).toContainText("Northbrook Primary School to children's social care");
  await expect(reviews).toContainText("more than 3 months overdue, so it is not in force");

  // The register.
  await clickAndLoad(page, page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Agreements" }));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Data sharing agreements");
  await expect(page.getByRole("table")).toContainText("Westshire MASH operational agreement");
  await page.getByLabel("Tier").selectOption({ label: "Tier 2" });
  await submitForm(page, "Filter agreements");
  await expect(page.getByRole("table")).not.toContainText("Westshire Safeguarding Partnership information sharing agreement");
  await expect(page.getByRole("table")).toContainText("Westshire MASH operational agreement");

  // A new agreement from the model template.
  await clickAndLoad(page, page.getByRole("button", { name: "Draft a new agreement" }));
  await page.getByLabel("Title").fill("Westshire youth offending information sharing");
  await page.getByLabel("Tier 1: strategic (partnership-wide baseline)").check();
  await page.getByRole("group", { name: "Other parties" }).getByLabel("Westshire Police").check();
  await submitForm(page, "Create draft agreement");
  await expect(page).toHaveURL(/\/agreements\/[0-9a-f-]{36}\?outcome=created$/);
  const agreementUrl = page.url().replace(/\?.*$/, "");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Westshire youth offending information sharing");
  await expect(page.locator(".govuk-notification-banner--success")).toContainText("Agreement drafted from the model template");
  const reference = (await page.locator(".govuk-caption-l").first().textContent())?.trim() ?? "";
  expect(reference).toMatch(/^DSA-\d{4}$/);
  const tasks = page.locator(".govuk-task-list");
  await expect(tasks.locator(".govuk-task-list__item")).toHaveCount(14);
  // A finding reads as a sentence with what to do; its code is for IG leads, in their details panel.
  await expect(page.locator("#quality ~ table")).toContainText("Put it right under ‘Parties’.");
  await expect(page.locator("#quality ~ table")).not.toContainText("Q-NO-SIGNATORY");
  await page.locator("#quality-rules summary").click();
  await expect(page.locator("#quality-rules")).toContainText("Q-NO-SIGNATORY");

  // Name each party's signatory.
  await clickAndLoad(page, tasks.getByRole("link", { name: "2. Parties" }));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("2. Parties");
  await expect(page.locator("#guidance")).toContainText("List every organisation that shares or receives");
  const council = page.getByRole("group", { name: /^Party 1: Westshire County Council/ });
  await council.getByLabel("Signatory", { exact: true }).selectOption({ label: "Dafydd Pryce" });
  await council.getByLabel("Signatory's job title").fill("Data Protection Officer");
  const police = page.getByRole("group", { name: "Party 2: Westshire Police" });
  await police.getByLabel("Signatory", { exact: true }).selectOption({ label: "Priya Raman" });
  await police.getByLabel("Contact for day-to-day questions: name").fill("Priya Raman");
  await submitForm(page, "Save and return");
  await expect(page.locator(".govuk-notification-banner--success")).toContainText("Parties saved.");

  // Add a data item, with a key the form rejects first: the error is shown and nothing typed is lost.
  await clickAndLoad(page, tasks.getByRole("link", { name: "6. Data items" }));
  const newItem = page.getByRole("group", { name: "Add a data item" });
  await newItem.getByLabel("Name", { exact: true }).fill("Housing tenancy and arrears");
  await newItem.getByLabel("Key", { exact: true }).fill("Housing Tenancy");
  await newItem.getByLabel("Category", { exact: true }).selectOption({ label: "Housing" });
  await newItem.getByRole("group", { name: "Fact or opinion" }).getByLabel("Fact", { exact: true }).check();
  await submitForm(page, "Save and add another data item");
  await expect(page).toHaveTitle(/^Error: Data items/);
  const summary = page.locator(".govuk-error-summary");
  await expect(summary).toBeFocused();
  const keyError = summary.getByRole("link", { name: "Use lower-case letters, digits and hyphens, up to 40 characters" });
  await expect(keyError).toHaveAttribute("href", "#dataItems-5-key");
  await expect(page.locator("#dataItems-5-key-error")).toContainText("Use lower-case letters");
  const typed = page.getByRole("group", { name: "Data item 6: Housing tenancy and arrears" });
  await expect(typed.getByLabel("Name", { exact: true })).toHaveValue("Housing tenancy and arrears");
  await expect(typed.getByLabel("Key", { exact: true })).toHaveValue("Housing Tenancy");
  await expect(typed.getByLabel("Category", { exact: true })).toHaveValue("housing");
  await keyError.click();
  await expect(typed.getByLabel("Key", { exact: true })).toBeFocused();
  await typed.getByLabel("Key", { exact: true }).fill("housing");
  await submitForm(page, "Save and add another data item");
  await expect(page.locator(".govuk-notification-banner--success")).toContainText("Saved. Add another data item below");
  await expect(page.getByRole("group", { name: "Data item 6: Housing tenancy and arrears" })).toBeVisible();
  await submitForm(page, "Save and return"); // the blank entry is left empty, so ignored

  // Send it for signature.
  await expect(page.locator(".govuk-notification-banner--success")).toContainText("Data items saved.");
  await clickAndLoad(page, page.getByRole("button", { name: "Send for signature" }));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Send for signature: version 1");
  await submitForm(page, "Send for signature");
  await expect(page.locator(".govuk-notification-banner--success")).toContainText("Sent for signature");
  await expect(page.locator(".govuk-tag").filter({ hasText: "Awaiting signatures" }).first()).toBeVisible();

  // Dafydd signs for the council: a wrong password first.
  await clickAndLoad(page, page.getByRole("link", { name: "Sign this version" }));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign version 1 of Westshire youth offending information sharing");
  const password = page.getByLabel("Re-enter your password to sign for Westshire County Council Children's Services");
  await password.fill(`${DEMO_PASSWORD} wrong`);
  await submitForm(page, "Sign version 1");
  await expect(page.locator(".govuk-error-summary")).toContainText("The password is not correct");
  await expect(page.locator("#password-error")).toContainText("The password is not correct");
  await expect(password).toHaveValue("");
  await password.fill(DEMO_PASSWORD);
  await submitForm(page, "Sign version 1");
  await expect(page.locator(".govuk-notification-banner--success")).toContainText("You have signed version 1.");
  await expect(page.getByRole("table", { name: "Version 1" })).toContainText("Waiting for Priya Raman to sign");

  // Priya signs for the police from her own browser, from the reminder on her home page.
  const context = await newBrowserContext(browser);
  const priya = await context.newPage();
  await signInAndEnrol(priya, "priya.raman@police.westshire.example");
  const reminder = priya.getByRole("region", { name: "Your work" });
  await Promise.all([priya.waitForEvent("load"), reminder.getByRole("link", { name: `Sign version 1 of ${reference}` }).click()]);
  await checkA11y(priya);
  await priya.getByLabel("Re-enter your password to sign for Westshire Police").fill(DEMO_PASSWORD);
  await Promise.all([priya.waitForEvent("load"), priya.getByRole("button", { name: "Sign version 1" }).click()]);
  await checkA11y(priya);
  await expect(priya.locator(".govuk-notification-banner--success")).toContainText(
    "You have signed version 1. Every party has now signed: version 1 is in force.",
  );
  await expect(priya.getByRole("heading", { level: 2, name: "Terms of the agreement" })).toBeVisible();
  await expect(priya.locator(".govuk-task-list")).toHaveCount(0); // she reads the terms: only the owner edits them
  await context.close();

  // In force: editing now starts a variation, which the page says plainly.
  await visit(page, agreementUrl);
  await expect(page.locator("main .govuk-tag").first()).toHaveText("Active");
  await expect(page.locator(".govuk-summary-list")).toContainText(/Version in force\s*1 \(signed\)/);
  await expect(page.locator(".govuk-inset-text")).toContainText("Changing any section starts a variation: a new version (version 2)");
  await clickAndLoad(page, page.locator(".govuk-task-list").getByRole("link", { name: "12. Breach notification" }));
  await expect(page.locator(".govuk-warning-text")).toContainText("Saving this section starts a variation: version 2");
  await page.getByLabel("Tell the originating party within (hours)").fill("48");
  await submitForm(page, "Save and return");
  await expect(page.locator(".govuk-summary-list")).toContainText("2 (variation)");
  await expect(page.locator(".govuk-summary-list")).toContainText(/Version in force\s*1 \(signed\)/);

  // The comparison shows exactly what the variation changes.
  await clickAndLoad(page, page.getByRole("link", { name: "Compare version 1 with version 2" }));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Compare version 1 with version 2");
  const breach = page.locator("#section-breach");
  await expect(breach.getByRole("heading", { level: 2 })).toContainText("Changed");
  const row = breach.getByRole("row").filter({ hasText: "Notify the originating party" });
  await expect(row).toContainText("Changed");
  await expect(row.getByRole("cell").nth(0)).toHaveText("Within 24 hours of becoming aware");
  await expect(row.getByRole("cell").nth(1)).toHaveText("Within 48 hours of becoming aware");
  await expect(page.locator("#section-security").getByRole("heading", { level: 2 })).toContainText("No changes");

  // Every other page of the journey loads and passes the accessibility check: each section form,
  // the versions list, the printable document, the review and accession pages and the action pages.
  for (const section of SECTIONS) await visit(page, `${agreementUrl}/sections/${section}`);
  for (const path of ["versions", "document", "review", "actions/send_for_signature", "actions/suspend"]) {
    await visit(page, `${agreementUrl}/${path}`);
  }
  // No organisation can be invited to join while the variation is pending: the page says so.
  await visit(page, `${agreementUrl}/accession`, 409);
  await visit(page, `${agreementUrl}/actions/discard`);
  await submitForm(page, "Discard the pending version");
  await visit(page, `${agreementUrl}/accession`);
});
