import { clickAndLoad, expect, signInWithSecondFactor, submitForm, test, visit } from "../support";

test("a partnership admin adds an organisation, fixing a mistake the form points out", async ({ page }) => {
  await signInWithSecondFactor(page, "amara.okafor@westshire.example");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Amara Okafor");

  await visit(page, "/organisations");
  await expect(page.getByRole("link", { name: "Riverside Academy" })).toHaveCount(0);
  await clickAndLoad(page, page.getByRole("button", { name: "Add an organisation" }));
  await expect(page).toHaveURL(/\/organisations\/new$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Add an organisation");

  await page.getByLabel("Name", { exact: true }).first().fill("Riverside Academy");
  await page.getByLabel("Type of organisation").selectOption({ label: "School" });
  await page.getByLabel("ICO registration number (optional)").fill("12345"); // not the ICO's format
  await page.getByRole("group", { name: "Is it a public authority?" }).getByLabel("Yes").check();
  const dpo = page.getByRole("group", { name: "Data protection officer (optional)" });
  await dpo.getByLabel("Name").fill("Priya Shah");
  await dpo.getByLabel("Email address").fill("dpo@riverside.example");
  await submitForm(page, "Add organisation");

  // Rejected: the error summary names the problem, links to the field, and nothing typed is lost.
  await expect(page).toHaveURL(/\/organisations\/new$/);
  await expect(page).toHaveTitle("Error: Add an organisation – Safeshare");
  const summary = page.locator(".govuk-error-summary");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("There is a problem");
  const message = "Enter an ICO registration number in the correct format, like Z1234567 or ZA123456";
  await expect(summary.getByRole("link", { name: message })).toHaveAttribute("href", "#icoRegistration");
  await expect(summary.getByRole("link")).toHaveCount(1);
  await expect(page.locator("#icoRegistration-error")).toContainText(message);
  await expect(page.locator("#name")).toHaveValue("Riverside Academy");
  await expect(page.getByLabel("Type of organisation")).toHaveValue("school");
  await expect(page.getByLabel("ICO registration number (optional)")).toHaveValue("12345");
  await expect(page.getByRole("group", { name: "Is it a public authority?" }).getByLabel("Yes")).toBeChecked();
  await expect(dpo.getByLabel("Name")).toHaveValue("Priya Shah");
  await expect(dpo.getByLabel("Email address")).toHaveValue("dpo@riverside.example");

  await summary.getByRole("link", { name: message }).click();
  await expect(page.getByLabel("ICO registration number (optional)")).toBeFocused();
  await page.getByLabel("ICO registration number (optional)").fill("Z7654321");
  await submitForm(page, "Add organisation");

  await expect(page).toHaveURL(/\/organisations\/[0-9a-f-]{36}\?created=1$/);
  await expect(page.locator(".govuk-notification-banner--success")).toContainText("Organisation added.");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Riverside Academy");
  const details = page.locator(".govuk-summary-list");
  await expect(details).toContainText("School");
  await expect(details).toContainText("Z7654321");
  await expect(details).toContainText("Priya Shah");
  await expect(details).toContainText("dpo@riverside.example");

  await visit(page, "/organisations");
  await expect(page.getByRole("link", { name: "Riverside Academy" })).toBeVisible();

  // The admin's other pages: users list, a user's record, and the add-user form's error state.
  await clickAndLoad(page, page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Users" }));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Users");
  await clickAndLoad(page, page.getByRole("link", { name: "Tomasz Wójcik" }));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tomasz Wójcik");
  await expect(page.locator(".govuk-summary-list")).toContainText("tomasz.wojcik@northbrook.example");
  await visit(page, "/users/new");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Add a user");
  await submitForm(page, "Add user");
  await expect(page.locator(".govuk-error-summary")).toContainText("Enter the person's full name");
});
