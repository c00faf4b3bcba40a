import { clickAndLoad, expect, signIn, submitForm, test, visit } from "../support";

/**
 * A practitioner (Helen, a health visitor, who has not chosen yet) finds, from their notifications, how to hear about things that are not urgent, reads
 * that emergency shares always come at once, and chooses a daily summary. Each page is checked for
 * accessibility and reflow.
 */
test("a practitioner chooses a daily summary for what is not urgent", async ({ page }) => {
  await signIn(page, "helen.ng@eastmoor.nhs.example");
  await visit(page, "/notifications");
  await clickAndLoad(page, page.getByRole("link", { name: "Choose how you hear about things" }));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("How you hear about things");
  await expect(page.locator(".govuk-inset-text")).toContainText("Emergency shares always reach you by email at once");
  await expect(page.getByLabel("At once")).toBeChecked();

  await page.getByLabel("In a daily summary").check();
  await submitForm(page, "Save");
  await expect(page.locator(".govuk-notification-banner--success")).toContainText("Your choice has been saved.");
  await expect(page.getByLabel("In a daily summary")).toBeChecked();

  await clickAndLoad(page, page.getByRole("link", { name: "Back" }));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your notifications");
});
