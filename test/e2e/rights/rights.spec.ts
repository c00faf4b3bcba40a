import type { Page } from "@playwright/test";
import { checkA11y, clickAndLoad, type Enrolment, expect, freshCode, signIn, signInAndEnrol, signOut, submitForm, test } from "../support";

/**
 * People's rights end to end (issue 6). Seán Ó Briain, IG lead at Eastmoor NHS, logs an access
 * request received by letter (the form keeps what he typed when the date is missing), attaches the
 * person from his records, stops the clock for proof of identity, records it when it arrives, and
 * sees the request on his dashboard. Then Aisha asks him to correct what the trust holds about her
 * unborn baby; the correction is told to Westshire Early Help, which the trust shared it with, and
 * Chloé Dubois acknowledges it in her inbox. Last, Ryan Carter, recorded as an alleged perpetrator
 * towards his daughter Lily, asks for her records: the request warns Seán of the referral made
 * without telling the family, and the pack stays a draft until every item and the record of that
 * referral are reviewed. Every page is checked for accessibility.
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
  await page.getByLabel("Enter the 6-digit code from your authenticator app").fill((await freshCode(page, enrolment)).code);
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

test("a father recorded as an alleged perpetrator asks for his daughter's records: the request warns, and the pack is a draft until all of it is reviewed", async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signIn(page, "sean.obriain@eastmoor.nhs.example");
  // A recovery code from his enrolment: no wait for the authenticator's next time step.
  await page.getByLabel("Enter the 6-digit code from your authenticator app").fill(enrolment.recoveryCodes[0] as string);
  await submitForm(page, "Continue");
  await clickAndLoad(page, page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Rights requests" }));
  await clickAndLoad(page, page.getByRole("row", { name: /Lily Carter/ }).getByRole("link"));

  // The referral to social care was made without telling the family, and the requester is recorded as a risk to Lily.
  const warnings = page.locator("#safety-warnings");
  await expect(warnings.getByRole("link", { name: /^SD-\d{6}$/ })).toBeVisible();
  await expect(warnings).toContainText("shared with Westshire County Council Children's Services");
  await expect(warnings).toContainText("Telling Lily's father could place Lily and her mother at risk");
  await expect(warnings).toContainText("Ryan Carter: alleged to have harmed Lily Carter");
  const draft = (left: string) =>
    expect(
      page.getByText(`The access pack is a draft: ${left} not been reviewed. It cannot be sent as the response until every one is.`),
    ).toBeVisible();
  await draft("2 items and 1 record of who it was shared with have");
  await expect(page.getByRole("link", { name: "Download the draft access pack (PDF)" })).toBeVisible();

  // The item the referral shared warns too, and the mother's name in it is highlighted.
  const items = page.getByRole("table", { name: "Lily Carter" });
  await clickAndLoad(page, items.getByRole("row", { name: /^Family circumstances/ }).getByRole("link"));
  await expect(page.locator("#safety-warnings")).toContainText("This item was shared by a decision");
  await expect(page.locator("mark", { hasText: "Jade Carter" })).toBeVisible();
  await expect(page.locator("#third-parties")).toContainText("Jade Carter, parent or carer of Lily Carter");
  await page.getByLabel("Disclose it with words taken out").check();
  await page.getByLabel(/Exemption relied on/).selectOption("EX-THIRD-PARTY");
  await page.getByLabel("Why the exemption applies to this item").fill("Lily's mother has not agreed to her name going to him");
  await page.getByRole("group", { name: "Names of other people to take out" }).getByLabel("Jade Carter").check();
  await submitForm(page, "Save the review");
  await expect(page.getByText("Review saved.")).toBeVisible();
  await clickAndLoad(page, page.getByRole("link", { name: "Back to the request" }));
  await draft("1 item and 1 record of who it was shared with have");

  await clickAndLoad(page, items.getByRole("row", { name: /^Health/ }).getByRole("link"));
  await page.getByLabel("Disclose it in full").check();
  await submitForm(page, "Save the review");
  await clickAndLoad(page, page.getByRole("link", { name: "Back to the request" }));
  await draft("1 record of who it was shared with has");

  // The record of the referral itself: a new page, so checked at 320 pixels wide too.
  await clickAndLoad(
    page,
    page
      .getByRole("table", { name: "Who it has been shared with" })
      .getByRole("link", { name: "Westshire County Council Children's Services" }),
  );
  await expect(page.locator("#safety-warnings")).toContainText("This sharing was decided without telling the child or family");
  await page.setViewportSize({ width: 320, height: 900 });
  await checkA11y(page);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.getByLabel("No, withhold it under an exemption").check();
  await page.getByLabel(/Exemption relied on/).selectOption("EX-CHILD-ABUSE-DATA");
  await page.getByLabel("Why the exemption applies").fill("Telling him Lily was referred is not in her best interests");
  await submitForm(page, "Save the review");
  await expect(page.getByText("Review saved.")).toBeVisible();
  await clickAndLoad(page, page.getByRole("link", { name: "Back to the request" }));
  await expect(page.getByText("Every item and record of who it was shared with has been reviewed.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Download the access pack (PDF)" })).toBeVisible();
});
