import type { Page } from "@playwright/test";
import {
  clickAndLoad,
  type Enrolment,
  expect,
  signIn,
  signInAndEnrol,
  signOut,
  submitForm,
  test,
  totpCode,
  waitForFreshStep,
} from "./support";

/**
 * People's rights end to end (issue 6). Seán Ó Briain, IG lead at Eastmoor NHS, logs an access
 * request received by letter (the form keeps what he typed when the date is missing), attaches the
 * person from his records, stops the clock for proof of identity, records it when it arrives, and
 * sees the request on his dashboard. Then Aisha asks him to correct what the trust holds about her
 * unborn baby; the correction is told to Westshire Early Help, which the trust shared it with, and
 * Chloé Dubois acknowledges it in her inbox. Every page is checked for accessibility.
 */

// The tests run in order: the second signs Seán in with the authenticator he enrolled in the first.
test.describe.configure({ mode: "serial" });
let enrolment: Enrolment;

async function fillDate(page: Page, group: string, d = new Date()) {
  const g = page.getByRole("group", { name: group });
  await g.getByLabel("Day").fill(String(d.getDate()));
  await g.getByLabel("Month").fill(String(d.getMonth() + 1));
  await g.getByLabel("Year").fill(String(d.getFullYear()));
}

test("an IG lead logs a request, attaches the person, stops the clock for identity and restarts it", async ({ page }) => {
  test.setTimeout(180_000);
  enrolment = await signInAndEnrol(page, "sean.obriain@eastmoor.nhs.example");
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

test("a correction is made for the requester and every organisation it was shared with is told and acknowledges", async ({ page }) => {
  test.setTimeout(180_000);
  await signIn(page, "sean.obriain@eastmoor.nhs.example");
  await waitForFreshStep(page, enrolment.usedStep);
  await page.getByLabel("Enter the 6-digit code from your authenticator app").fill(totpCode(enrolment.setupKey));
  await submitForm(page, "Continue");
  await clickAndLoad(page, page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Rights requests" }));
  await clickAndLoad(page, page.getByRole("button", { name: "Log a request" }));
  await page.getByLabel("Correcting inaccurate information (Article 16)").check();
  await page.getByLabel("Requester's name").fill("Aisha Rahman");
  await page.getByLabel("Someone with parental responsibility for them").check();
  await page.getByLabel("Who the information is about").fill("Baby Rahman");
  await page.getByLabel("What they asked for").fill("I booked at 12 weeks, not 22: please correct it");
  await page.getByLabel("Email", { exact: true }).check();
  await fillDate(page, "When was it received?");
  await submitForm(page, "Log the request");
  await page.getByRole("radio", { name: "Baby Rahman" }).check();
  await submitForm(page, "Attach");
  await page.getByLabel("Evidence of identity seen").fill("Passport, checked at the antenatal clinic");
  await page.getByLabel("How their authority to act for the person was checked").fill("She is the expectant mother");
  await submitForm(page, "Record the identity check");
  await page.getByLabel("In progress").check();
  await submitForm(page, "Save");

  const items = page.getByRole("table", { name: "Baby Rahman" });
  await clickAndLoad(page, items.getByRole("row", { name: /Antenatal contact/ }).getByRole("link"));
  const corrected = "Antenatal contact at 26 weeks. Mother booked at 12 weeks; missed two midwife appointments.";
  await page.getByLabel("What it should say").fill(corrected);
  await submitForm(page, "Correct and tell recipients");
  await expect(page).toHaveTitle(/^Error: /);
  await expect(page.getByLabel("What it should say")).toHaveValue(corrected);
  await page.getByLabel("Why it is being corrected").fill("The booking letter shows 12 weeks");
  await submitForm(page, "Correct and tell recipients");
  await expect(page.getByText("Every organisation it was sent to has been told.")).toBeVisible();
  await signOut(page);

  await signIn(page, "chloe.dubois@earlyhelp.westshire.example");
  await clickAndLoad(page, page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Sharing" }));
  const notice = page.locator(".govuk-summary-card", { hasText: "Corrected: Baby Rahman, from Eastmoor NHS Foundation Trust" });
  await expect(notice).toContainText("booked at 12 weeks");
  await submitForm(page, "Acknowledge: Corrected, Baby Rahman");
  await expect(page.getByText("Notice acknowledged")).toBeVisible();
  await expect(notice).toContainText("Acknowledged");
});
