import { clickAndLoad, expect, signIn, submitForm, test } from "../support";

test("an auditor reads the audit log and checks it has not been changed", async ({ page }) => {
  await signIn(page, "rosa.martinez@westshire.example");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Rosa Martínez");

  const nav = page.getByRole("navigation", { name: "Menu" });
  await expect(nav.getByRole("link")).toHaveText(["Home", "Agreements", "Organisations", "Audit log"]);
  await clickAndLoad(page, nav.getByRole("link", { name: "Audit log" }));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit log");
  await expect(page.getByRole("table")).toBeVisible();

  await submitForm(page, "Check the audit log has not been changed");
  await expect(page).toHaveURL(/\/audit\/verify$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("The audit log is intact");
  await expect(page.locator("#head-hash")).toHaveText(/^[0-9a-f]{64}$/);
  await clickAndLoad(page, page.getByRole("link", { name: "Back to the audit log" }));
  await expect(page).toHaveURL(/\/audit$/);

  // Her check is itself on the record, newest first, with her name.
  const newest = page.getByRole("table").getByRole("row").nth(1);
  await expect(newest.getByRole("cell").nth(2)).toHaveText("audit.verified");
  await expect(newest.getByRole("cell").nth(3)).toHaveText("Rosa Martínez");
});
