import { checkA11y, clickAndLoad, DEMO_PASSWORD, expect, signIn, signOut, submitForm, test, visit } from "../support";

test("a practitioner signs in, sees who they are, signs out and is then kept out", async ({ page }) => {
  await signIn(page, "tomasz.wojcik@northbrook.example");

  await expect(page).toHaveURL(/\/$/);
  await expect(page).toHaveTitle("Home – Safeshare");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Tomasz Wójcik");
  await expect(page.getByRole("main")).toContainText("Northbrook Primary School");
  await expect(page.getByRole("main")).toContainText("You are signed in as Practitioner.");
  await expect(page.getByRole("banner")).toContainText("Tomasz Wójcik, Northbrook Primary School");

  // A practitioner's navigation has no admin pages; they can browse the partnership's organisations.
  const nav = page.getByRole("navigation", { name: "Menu" });
  await expect(nav.getByRole("link")).toHaveText(["Home", "Records", "Sharing", "Agreements", "Organisations"]);
  await clickAndLoad(page, nav.getByRole("link", { name: "Organisations" }));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Organisations in the partnership");
  await expect(page.getByRole("button", { name: "Add an organisation" })).toHaveCount(0);
  await clickAndLoad(page, page.getByRole("link", { name: "Northbrook Primary School" }));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Northbrook Primary School");
  await expect(page.locator(".govuk-summary-list")).toContainText("School");

  await signOut(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in to Safeshare");
  await expect(page.locator(".govuk-notification-banner--success")).toContainText("You have signed out.");
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);

  // The old session is gone: the home page now sends the user to sign in.
  const response = await page.goto("/");
  expect(response?.status()).toBe(200);
  await expect(page).toHaveURL(/\/sign-in$/);
  await checkA11y(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sign in to Safeshare");
  await expect(page.getByText("You have signed out.")).toHaveCount(0);
});

test("a wrong password shows the error summary, links to the email field and keeps the email", async ({ page }) => {
  await visit(page, "/sign-in");
  await page.getByLabel("Email address").fill("siobhan.oconnor@northbrook.example");
  await page.getByLabel("Password").fill(`${DEMO_PASSWORD} wrong`);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/sign-in") && r.request().method() === "POST"),
    submitForm(page, "Sign in"),
  ]);
  expect(response.status()).toBe(400);

  await expect(page).toHaveTitle("Error: Sign in – Safeshare");
  const summary = page.locator(".govuk-error-summary");
  await expect(summary).toBeVisible();
  await expect(summary.getByRole("heading", { level: 2 })).toHaveText("There is a problem");
  await expect(summary).toBeFocused(); // govuk-frontend moves focus to the summary so it is announced
  const message = /Enter a correct email address and password/;
  const link = summary.getByRole("link", { name: message });
  await expect(link).toHaveAttribute("href", "#email");
  await expect(page.locator("#email-error")).toContainText(message);

  const email = page.getByLabel("Email address");
  await expect(email).toHaveValue("siobhan.oconnor@northbrook.example");
  await expect(email).toHaveAttribute("aria-describedby", /email-error/);
  await expect(page.getByLabel("Password")).toHaveValue("");

  await link.click();
  await expect(email).toBeFocused();
  await checkA11y(page); // same document, after the in-page link: still clean
});
