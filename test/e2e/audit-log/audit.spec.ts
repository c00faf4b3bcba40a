import fs from "node:fs";
import { checkA11y, clickAndLoad, expect, signIn, submitForm, test, visit } from "../support";

test("an auditor reads the audit log and checks it has not been changed", async ({ page }) => {
  await signIn(page, "rosa.martinez@westshire.example");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Welcome, Rosa Martínez");

  const nav = page.getByRole("navigation", { name: "Menu" });
  await expect(nav.getByRole("link")).toHaveText(["Home", "Agreements", "Organisations", "Breaches", "Audit log"]);
  await clickAndLoad(page, nav.getByRole("link", { name: "Audit log" }));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Audit log");
  await expect(page.getByRole("table")).toBeVisible();

  await submitForm(page, "Check the audit log has not been changed");
  await expect(page).toHaveURL(/\/audit\/verify$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("The audit log is intact");
  await expect(page.locator("#head-hash")).toHaveText(/^[0-9a-f]{64}$/);
  await clickAndLoad(page, page.getByRole("link", { name: "Back to the audit log" }));
  await expect(page).toHaveURL(/\/audit$/);

  // Her check is itself on the record, newest first, in a sentence with her name; the code is in the IG leads' details.
  const newest = page.getByRole("table").getByRole("row").nth(1);
  await expect(newest.getByRole("cell").nth(1)).toContainText("Rosa Martínez checked the audit log has not been changed");
  await expect(newest.getByText("audit.verified")).toBeHidden();
  await newest.getByText("Details for IG leads").click();
  await expect(newest.getByText("audit.verified")).toBeVisible();
});

test("an auditor filters the audit log, keeps the filters on reload, and downloads the filtered view", async ({ page }) => {
  await signIn(page, "rosa.martinez@westshire.example");
  await visit(page, "/audit");

  const rosa = await page.getByLabel("Who did it").locator("option", { hasText: "Rosa Martínez" }).first().getAttribute("value");
  await page.getByLabel("Who did it").selectOption(rosa!);
  await page.getByLabel("What happened").selectOption({ label: "Someone signed in" });
  await submitForm(page, "Apply filters");
  const sentences = page.getByRole("table").getByRole("row").locator("td:nth-child(2) p");
  await expect(sentences.first()).toHaveText("Rosa Martínez signed in");
  expect(new Set(await sentences.allTextContents())).toEqual(new Set(["Rosa Martínez signed in"]));

  // The filters are in the address: a reload shows the same view with the same choices.
  await page.reload();
  await checkA11y(page);
  await expect(page.getByLabel("What happened")).toHaveValue("auth.signed_in");
  await expect(page.getByLabel("Who did it")).toHaveValue(rosa!);

  // It reflows at 320 CSS pixels: no sideways scrolling.
  await page.setViewportSize({ width: 320, height: 900 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await page.setViewportSize({ width: 1280, height: 900 });

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /Download these events/ }).click()]);
  expect(download.suggestedFilename()).toBe("audit-log.csv");
  const csv = fs.readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, "");
  const [head, ...lines] = csv.trim().split("\r\n");
  expect(head).toMatch(/^"Number","When","What happened","Who"/);
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) expect(line).toContain('"Rosa Martínez signed in"');

  // The download is on the record too.
  await page.getByLabel("Who did it").selectOption("");
  await page.getByLabel("What happened").selectOption({ label: "Someone downloaded part of the audit log" });
  await submitForm(page, "Apply filters");
  await expect(sentences.first()).toHaveText("Rosa Martínez downloaded part of the audit log");

  // A date that is not real: the error summary, and what was typed is still there.
  await page.locator("#from-day").fill("31");
  await page.locator("#from-month").fill("2");
  await page.locator("#from-year").fill("2026");
  await submitForm(page, "Apply filters");
  await expect(page.getByRole("alert")).toContainText("The start date must be a real date, like 27 3 2026");
  await expect(page.locator("#from-day")).toHaveValue("31");
});
