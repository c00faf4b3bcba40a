import { checkA11y, clickAndLoad, expect, signInWithSecondFactor, test } from "../support";

test("a partnership administrator opens the background jobs from the home page and reads each queue's counts in words", async ({
  page,
}) => {
  await signInWithSecondFactor(page, "amara.okafor@westshire.example");
  const partnership = page.locator(".govuk-grid-column-one-third", { has: page.getByRole("heading", { name: "Partnership" }) });
  await clickAndLoad(page, partnership.getByRole("link", { name: "Background jobs" }));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Background jobs");
  await expect(page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Background jobs" })).toBeVisible();

  const table = page.getByRole("table", { name: "Jobs by what they do" });
  await expect(table.getByRole("columnheader")).toHaveText(["What they do", "Waiting", "Running", "Failed"]);
  await expect(table.getByRole("row", { name: /Escalating unopened emergency shares/ })).toBeVisible();
  await expect(table.getByRole("row", { name: /Emailing notifications/ }).first()).toBeVisible();
  await expect(page.getByRole("heading", { name: "Failed jobs" })).toBeVisible();
  await checkA11y(page);

  // It reflows at 320 CSS pixels: no sideways scrolling.
  await page.setViewportSize({ width: 320, height: 900 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
});
