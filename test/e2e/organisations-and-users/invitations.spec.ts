import { clickAndLoad, expect, signInWithSecondFactor, submitForm, test, visit } from "../support";

/**
 * Invitations without a mail server (the e2e server has none): the link is shown to pass on and the
 * page says why; the user's page shows the invitation and sends a new one, whose link replaces the
 * old. Emailed invitations are covered through a real SMTP server in test/db/organisations-and-users.
 */
test("an administrator invites someone, sees the invitation on their page, and sends a new link", async ({ page }) => {
  await signInWithSecondFactor(page, "amara.okafor@westshire.example");
  await visit(page, "/users/new");
  await page.getByLabel("Full name").fill("Rhian Morgan");
  await page.getByLabel("Email address").fill("rhian.morgan@westshire.example");
  await submitForm(page, "Add user");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("User added");
  await expect(page.getByText("no email server has been set up")).toBeVisible();
  const first = await page.locator("#invitation-link").textContent();

  await clickAndLoad(page, page.getByRole("link", { name: "View Rhian Morgan" }));
  await expect(page.getByRole("heading", { name: "Invitation" })).toBeVisible();
  const invitation = page.locator(".govuk-summary-list").nth(1);
  await expect(invitation).toContainText("Link shown to an administrator to send them");
  await expect(invitation).toContainText(/Expires on \d{1,2} [A-Z][a-z]+ \d{4} at/);
  await submitForm(page, "Send a new invitation");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("New invitation");
  const second = await page.locator("#invitation-link").textContent();
  expect(second).not.toEqual(first);

  await visit(page, new URL(first!).pathname, 404);
  await expect(page.getByText("This link has expired or has already been used")).toBeVisible();
});
