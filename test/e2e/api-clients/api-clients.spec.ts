import { clickAndLoad, expect, signInWithSecondFactor, submitForm, test, visit } from "../support";

/**
 * An administrator gives the council's case management system access to the API (issue 20): the
 * form says what went wrong and keeps what was typed, the token is shown once and works as a bearer
 * token, and the client's page shows its last use and revokes it. The administrator is the
 * partnership's, who also administers the council: the demo's one organisation administrator,
 * Bernard Hale, is left for mfa.spec.ts, which needs him not yet enrolled.
 */
test("an administrator sets up an API client for the council's case management system, whose token works until revoked, and a webhook address for it", async ({
  page,
  request,
}) => {
  await signInWithSecondFactor(page, "amara.okafor@westshire.example");
  await clickAndLoad(page, page.getByRole("link", { name: "API clients" }));
  await clickAndLoad(page, page.getByRole("button", { name: "Set up an API client" }));

  await page.getByLabel("Name of the system").fill("Westshire case management system");
  await submitForm(page, "Set up API client");
  await expect(page.locator(".govuk-error-summary")).toContainText("Select the person responsible for this system");
  await expect(page.locator(".govuk-error-summary")).toContainText("Select at least one thing the system may read or change");
  await expect(page.getByLabel("Name of the system")).toHaveValue("Westshire case management system");

  await page.getByLabel("Responsible person").selectOption({ label: "Joanna Kowalczyk" });
  await page.getByRole("group", { name: "People's records" }).getByLabel("Read", { exact: true }).check();
  const nextMonth = new Date(Date.now() + 30 * 24 * 3600_000);
  await page.getByLabel("Day").fill(String(nextMonth.getUTCDate()));
  await page.getByLabel("Month").fill(String(nextMonth.getUTCMonth() + 1));
  await page.getByLabel("Year").fill(String(nextMonth.getUTCFullYear()));
  await submitForm(page, "Set up API client");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("API client set up");
  const token = (await page.locator("#api-token").textContent())!.trim();
  expect(token).toMatch(/^safeshare_[A-Za-z0-9_-]{43}$/);

  const headers = { authorization: `Bearer ${token}` };
  expect((await request.get("/api/v1/subjects", { headers })).status()).toBe(200);
  expect((await request.post("/api/v1/subjects", { headers, data: {} })).status()).toBe(403);

  await clickAndLoad(page, page.getByRole("link", { name: "View Westshire case management system" }));
  await expect(page.locator(".govuk-summary-list")).toContainText("Read people's records");
  await expect(page.getByRole("table")).toContainText("from 127.0.0.1");
  await submitForm(page, "Revoke API client");
  await expect(page.locator(".govuk-notification-banner")).toContainText("API client revoked");
  expect((await request.get("/api/v1/subjects", { headers })).status()).toBe(401);
  await visit(page, "/api-clients");
  await expect(page.getByRole("table")).toContainText("Revoked by an administrator");

  // Webhooks: an address the council's case management system is called at, its signing secret shown once.
  await clickAndLoad(page, page.getByRole("link", { name: "Manage webhook addresses" }));
  await page.getByLabel("Address").fill("http://cms.westshire.example/safeshare");
  await submitForm(page, "Add address");
  await expect(page.locator(".govuk-error-summary")).toContainText("The address must start with https://");
  await page.getByLabel("Address").fill("https://cms.westshire.example/safeshare");
  await submitForm(page, "Add address");
  await expect(page.locator("#signing-secret")).toHaveText(/^whsec_/);
  await clickAndLoad(page, page.getByRole("link", { name: "Go back to webhooks" }));
  await expect(page.getByRole("heading", { name: "https://cms.westshire.example/safeshare" })).toBeVisible();
  await submitForm(page, "Remove this address");
  await expect(page.locator(".govuk-notification-banner")).toContainText("Webhook address removed");
});
