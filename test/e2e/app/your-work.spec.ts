import type { Page } from "@playwright/test";
import { clickAndLoad, expect, signIn, signInWithSecondFactor, signOut, test } from "../support";

/**
 * "Your work" (issue 18): a teacher, a DSL and an IG lead each find what they must act on first on
 * their home page, soonest due first, each item linking to where it is done. The teacher chases the
 * referral the council has not acknowledged; the council's DSL sees the chase, and so does the
 * decision's page. Every page is checked for accessibility, and the home page reflows at 320px.
 */

/** The first heading under the welcome is the person's work, and these are its items in order. */
async function workFirst(page: Page): Promise<string[]> {
  await expect(page.locator("main h2").first()).toHaveText("Your work");
  return (await page.locator("#work-list > li > a").allTextContents()).map((t) => t.trim());
}

async function reflows(page: Page): Promise<void> {
  const viewport = page.viewportSize()!;
  await page.setViewportSize({ width: 320, height: 640 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await page.setViewportSize(viewport);
}

test("a teacher, a DSL and an IG lead each see their own work first, and the teacher chases an unacknowledged referral", async ({
  page,
}) => {
  test.setTimeout(180_000);
  const referral = "Westshire County Council Children's Services has not acknowledged the information you sent about Kai Brennan-Nowak";

  // The teacher: the referral sent two days ago (overdue to chase), then the emergency record he owes.
  await signIn(page, "tomasz.wojcik@northbrook.example");
  expect(await workFirst(page)).toEqual([referral, "Complete the full record of the emergency share about Kai Brennan-Nowak"]);
  const chase = page.locator("#work-list > li").filter({ hasText: referral });
  await expect(chase.locator(".govuk-tag")).toHaveText(/overdue/i);
  await reflows(page);
  await clickAndLoad(page, chase.getByRole("button", { name: /^Chase/ }));
  await expect(page.locator(".govuk-notification-banner--success")).toContainText("Chase recorded");
  await expect(page.locator("#work-list > li").filter({ hasText: referral })).toContainText(/You chased them on \d{1,2} \w+ \d{4}/);
  // The decision's own page says it was chased, and by whom.
  await clickAndLoad(page, page.getByRole("link", { name: referral }));
  await expect(page.locator(".govuk-summary-list").filter({ hasText: "Chased" })).toContainText("by Tomasz Wójcik");
  await signOut(page);

  // The school's DSL: the concern and the council's request, each due the next working day, before
  // the undated approval; she follows the concern to where it is acknowledged.
  await signIn(page, "siobhan.oconnor@northbrook.example");
  const dsl = await workFirst(page);
  expect(dsl).toContain("Acknowledge the concern about Kai Brennan-Nowak: domestic abuse");
  expect(dsl).toContain("Answer the request from Westshire County Council Children's Services for information about Kai Brennan-Nowak");
  expect(dsl.indexOf("Approve or return Tomasz Wójcik's decision about Kai Brennan-Nowak")).toBeGreaterThan(
    dsl.indexOf("Acknowledge the concern about Kai Brennan-Nowak: domestic abuse"),
  );
  await reflows(page);
  await clickAndLoad(page, page.getByRole("link", { name: "Acknowledge the concern about Kai Brennan-Nowak: domestic abuse" }));
  await expect(page.getByRole("button", { name: "Acknowledge concern" })).toBeVisible();
  await signOut(page);

  // The council's DSL, the recipient: the referral to acknowledge says the school chased it.
  await signIn(page, "joanna.kowalczyk@westshire.example");
  const received = page
    .locator("#work-list > li")
    .filter({ hasText: "Acknowledge the information Northbrook Primary School shared with you about Kai Brennan-Nowak" });
  await expect(received).toContainText(/Northbrook Primary School chased this on \d{1,2} \w+ \d{4}/);
  await signOut(page);

  // The council's IG lead: the lapsed agreement's review (overdue) before the complaint's clock.
  // The agreements journey enrolled his authenticator earlier in the run.
  await signInWithSecondFactor(page, "dafydd.pryce@westshire.example");
  const ig = await workFirst(page);
  expect(ig[0]).toBe("Review DSA-0003: Northbrook Primary School to children's social care: referrals and feedback");
  expect(ig[1]).toMatch(/^Answer rights request SR-\w+: A data protection complaint/);
  await expect(page.locator("#work-list > li").nth(1).locator(".govuk-tag")).toHaveText(
    /^Due in \d+ working days?$|^Due (today|tomorrow)$/,
  );
  await reflows(page);
});
