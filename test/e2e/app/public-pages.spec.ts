import { checkA11y, expect, expectConsoleError, submitForm, test, visit } from "../support";

test("the cookies and accessibility pages are reachable without signing in", async ({ page }) => {
  await visit(page, "/cookies");
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/cookies/i);
  await visit(page, "/accessibility");
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/accessibility/i);
  // Both are linked from every page's footer.
  const footer = page.getByRole("contentinfo");
  await expect(footer.getByRole("link", { name: "Cookies" })).toHaveAttribute("href", "/cookies");
  await expect(footer.getByRole("link", { name: "Accessibility statement" })).toHaveAttribute("href", "/accessibility");
});

test("an unknown address shows an accessible 'page not found' page with status 404", async ({ page }) => {
  await visit(page, "/no-such-page-here", 404);
  await expect(page).toHaveTitle(/not found/i);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(/not found/i);
  await expect(page.getByRole("link", { name: "Go to the Safeshare home page" })).toHaveAttribute("href", "/");
});

test("the CSP forbids inline script, and the page's own scripts still run under it", async ({ page }) => {
  const response = await page.goto("/sign-in");
  expect(response?.status()).toBe(200);
  await checkA11y(page);
  const csp = response?.headers()["content-security-policy"] ?? "";
  const directives = new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name as string, values]),
  );
  const scriptSrc = directives.get("script-src") ?? directives.get("default-src");
  expect(scriptSrc, `CSP: ${csp}`).toBeDefined();
  expect(scriptSrc).not.toContain("'unsafe-inline'");
  expect(scriptSrc).not.toContain("'unsafe-eval'");
  expect(directives.get("script-src-elem") ?? []).not.toContain("'unsafe-inline'");
  expect(directives.get("script-src-attr") ?? []).not.toContain("'unsafe-inline'");

  // No inline script on the page at all: every <script> has a src.
  await expect(page.locator("script:not([src])")).toHaveCount(0);

  // js-enabled.js ran (it adds the classes the GOV.UK styles key on) ...
  await expect(page.locator("body")).toHaveClass(/\bjs-enabled\b/);
  await expect(page.locator("body")).toHaveClass(/\bgovuk-frontend-supported\b/);
  // ... and init.mjs initialised the govuk-frontend components.
  await expect(page.locator('[data-module="govuk-button"]').first()).toHaveAttribute("data-govuk-button-init", "");

  // An inline script injected into the page is refused by the browser.
  expectConsoleError(page, /Content Security Policy/);
  const blocked = page.waitForEvent("console", (m) => m.type() === "error" && /Content Security Policy/.test(m.text()));
  await page.evaluate(() => {
    const script = document.createElement("script");
    script.textContent = "document.body.dataset.inlineRan = 'yes'";
    document.body.append(script);
  });
  await blocked;
  await expect(page.locator("body")).not.toHaveAttribute("data-inline-ran", "yes");
});

test("anyone can ask what is held about them, without signing in, and is given a reference", async ({ page }) => {
  await visit(page, "/your-information");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Ask about the information held about you");
  await page.getByLabel("Get a copy of the information held about you").check();
  await page.getByLabel("Your name").fill("Megan Brennan");
  await page.getByLabel("Your email address").fill("megan.brennan@example.org");
  await page.getByLabel("You", { exact: true }).check();
  await page.getByLabel("Full name of the person the information is about").fill("Megan Brennan");
  await page.getByLabel("Tell them what you would like (optional)").fill("Everything you hold about me, and who you have shared it with");
  await page.getByLabel("Northbrook Primary School").check();
  await page.getByLabel("Westshire Police").check();
  // A person takes a few seconds to fill the form in; a script sending it at once is refused (test/db/rights: what it says).
  await page.waitForTimeout(3000);
  await submitForm(page, "Send your request");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Request sent");
  await expect(page.locator(".govuk-panel")).toContainText(/SR-[0-9A-F]{8}/);
});
