import type { Page } from "@playwright/test";
import { clickAndLoad, expect, signInAndEnrol, submitForm, test } from "./support";

/**
 * People's rights end to end (issue 6). Seán Ó Briain, IG lead at Eastmoor NHS, logs an access
 * request received by letter (the form keeps what he typed when the date is missing), attaches the
 * person from his records, stops the clock for proof of identity, records it when it arrives, and
 * sees the request on his dashboard. Every page is checked for accessibility.
 */

async function fillDate(page: Page, group: string, d = new Date()) {
  const g = page.getByRole("group", { name: group });
  await g.getByLabel("Day").fill(String(d.getDate()));
  await g.getByLabel("Month").fill(String(d.getMonth() + 1));
  await g.getByLabel("Year").fill(String(d.getFullYear()));
}

test("an IG lead logs a request, attaches the person, stops the clock for identity and restarts it", async ({ page }) => {
  test.setTimeout(180_000);
  await signInAndEnrol(page, "sean.obriain@eastmoor.nhs.example");
  await clickAndLoad(page, page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Rights requests" }));
  await clickAndLoad(page, page.getByRole("button", { name: "Log a request" }));
  await page.getByLabel("Access to their information (Article 15)").check();
  await page.getByLabel("Requester's name").fill("Aisha Rahman");
  await page.getByLabel("The person themselves").check();
  await page.getByLabel("Who the information is about").fill("Aisha Rahman");
  await page.getByLabel("Letter").check();
  await submitForm(page, "Log the request");
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.locator(".govuk-error-summary").getByRole("link", { name: /date received/ })).toHaveAttribute(
    "href",
    "#receivedOn-day",
  );
  await expect(page.getByLabel("Requester's name")).toHaveValue("Aisha Rahman");
  await fillDate(page, "When was it received?");
  await submitForm(page, "Log the request");
  await expect(page.getByText("Request logged.")).toBeVisible();

  await page.getByLabel(/Aisha Rahman, born/).check();
  await submitForm(page, "Attach");
  await expect(page.getByText("Person attached.")).toBeVisible();
  await page.getByLabel("Waiting for proof of identity (clock stopped)").check();
  await submitForm(page, "Save");
  await expect(page.locator(".govuk-summary-list")).toContainText("Clock stopped");
  await page.getByLabel("Evidence of identity seen").fill("Driving licence, checked at reception");
  await submitForm(page, "Record the identity check");
  await page.getByLabel("In progress").check();
  await submitForm(page, "Save");
  await expect(page.getByText("Request updated.")).toBeVisible();
  await expect(page.locator(".govuk-summary-list")).toContainText("Verified: Driving licence");

  await clickAndLoad(page, page.getByRole("link", { name: "Back to rights requests" }));
  await expect(page.getByRole("table")).toContainText("Aisha Rahman");
  await expect(page.getByRole("table")).toContainText("In progress");
});
