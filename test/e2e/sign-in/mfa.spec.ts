import type { Page } from "@playwright/test";
import { checkA11y, expect, signIn, signInAndEnrol, signOut, submitForm, test, totpCode, visit, waitForFreshStep } from "../support";

const EMAIL = "bernard.hale@northbrook.example";

async function enterCode(page: Page, code: string) {
  await page.getByLabel("Enter the 6-digit code from your authenticator app").fill(code);
  await submitForm(page, "Continue");
}

async function expectCodeRejected(page: Page) {
  await expect(page).toHaveURL(/\/sign-in\/second-factor$/);
  await expect(page).toHaveTitle("Error: Enter your security code – Safeshare");
  const summary = page.locator(".govuk-error-summary");
  await expect(summary).toContainText("There is a problem");
  await expect(summary.getByRole("link", { name: /The code is not correct/ })).toHaveAttribute("href", "#code");
  await expect(page.locator("#code-error")).toContainText("The code is not correct");
}

async function expectHome(page: Page) {
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Bernard Hale");
  await expect(page.getByRole("main")).toContainText("Organisation administrator");
}

test("an organisation admin must set up MFA, then signs in with a recovery code and a fresh authenticator code", async ({ page }) => {
  test.setTimeout(180_000); // may wait up to 30 s for the next authenticator time step

  // First sign-in: password alone is not enough; enrol an authenticator app.
  const { setupKey, recoveryCodes, usedStep } = await signInAndEnrol(page, EMAIL);
  await expectHome(page);
  expect(new Set(recoveryCodes).size).toBe(recoveryCodes.length);
  await signOut(page);

  // Second sign-in: the password leads to the second-factor page, not into the service.
  await signIn(page, EMAIL);
  await expect(page).toHaveURL(/\/sign-in\/second-factor$/);
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  const notHome = await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/); // half-signed-in sessions cannot see the service
  expect(notHome?.ok()).toBe(true);
  await checkA11y(page);
  await visit(page, "/sign-in/second-factor");

  const valid = [-30_000, 0, 30_000].map((offset) => totpCode(setupKey, Date.now() + offset));
  await enterCode(page, ["000000", "111111", "222222", "333333"].find((c) => !valid.includes(c)) as string);
  await expectCodeRejected(page);
  await expect(page.getByLabel("Enter the 6-digit code from your authenticator app")).toHaveValue("");

  const recoveryCode = recoveryCodes[0] as string;
  await enterCode(page, recoveryCode);
  await expectHome(page);
  await signOut(page);

  // Third sign-in: a used recovery code is refused; a fresh code from the app works.
  await signIn(page, EMAIL);
  await enterCode(page, recoveryCode);
  await expectCodeRejected(page);

  // The enrolment code's 30-second step cannot be replayed: wait for the next step if needed.
  await waitForFreshStep(page, usedStep);
  await enterCode(page, totpCode(setupKey));
  await expectHome(page);
});
