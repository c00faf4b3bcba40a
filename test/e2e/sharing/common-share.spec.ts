import type { Locator, Page } from "@playwright/test";
import { clickAndLoad, expect, signIn, submitForm, test } from "../support";

/**
 * The common share, measured (issue 18): Tomasz Wójcik, a teacher at Northbrook Primary School,
 * shares what Kai told him with Westshire children's social care under the partnership agreement,
 * without consent because asking would put Kai at risk. The test walks it as he would and counts the
 * pages he goes through (from the first question to the recorded decision, not counting it) and the
 * inputs he fills or chooses, and prints them; the target is at most 10 pages and 12 inputs.
 */

function counter(page: Page) {
  const counts = { pages: 0, inputs: 0 };
  const visited: string[] = [];
  let counting = false;
  // Each page shown is a document answered 200 (a redirect after a form is not a page).
  page.on("response", (response) => {
    const request = response.request();
    if (!counting || !request.isNavigationRequest() || request.frame() !== page.mainFrame() || response.status() >= 300) return;
    counts.pages++;
    visited.push(new URL(response.url()).pathname.replace(/\/subjects\/[^/]+/, ""));
  });
  return {
    counts,
    visited,
    start: () => {
      counting = true;
    },
    stop: () => {
      counting = false;
    },
    check: async (target: Locator) => {
      counts.inputs++;
      await target.check();
    },
    fill: async (target: Locator, text: string) => {
      counts.inputs++;
      await target.fill(text);
    },
    select: async (target: Locator, label: string) => {
      counts.inputs++;
      await target.selectOption({ label });
    },
  };
}

/** The teacher finds Kai's record and starts deciding whether to share: counting starts at the wizard. */
async function openWizardForKai(page: Page, you: ReturnType<typeof counter>): Promise<void> {
  await signIn(page, "tomasz.wojcik@northbrook.example");
  await clickAndLoad(page, page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Records" }));
  await page.getByLabel("Name").fill("Kai Brennan-Nowak");
  await submitForm(page, "Search");
  await clickAndLoad(page, page.getByRole("link", { name: "Kai Brennan-Nowak" }));
  you.start();
  await clickAndLoad(page, page.getByRole("button", { name: "Decide whether to share" }));
}

test("a teacher's common share under the partnership agreement: pages and inputs counted", async ({ page }) => {
  test.setTimeout(300_000);
  const you = counter(page);
  await openWizardForKai(page, you);

  await you.check(page.getByLabel("No: decide and record it now"));
  await submitForm(page, "Continue");

  // Who it goes to: the one agreement in force between the school and the council is chosen for him.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Who it goes to");
  await you.select(page.getByLabel("Which organisation?"), "Westshire County Council Children's Services");
  await you.check(page.getByLabel("Social worker"));
  await submitForm(page, "Save and continue");

  // The decision comes early, so only the parts that apply are asked.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your decision");
  await you.check(page.getByLabel("Share", { exact: true }));
  await submitForm(page, "Save and continue");

  // Only the purposes the agreement lists; left undescribed, the agreement's words describe it.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Why you are sharing");
  await expect(page.getByRole("group", { name: "What is the purpose?" }).getByRole("radio")).toHaveCount(3);
  await you.check(page.getByLabel("Child in need (Children Act 1989 s17)"));
  await submitForm(page, "Save and continue");

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("What to share");
  await you.check(page.locator(".govuk-summary-card", { hasText: "Darren shouts at Mum" }).getByRole("radio", { name: "Share it" }));
  await submitForm(page, "Save and continue");

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Telling the family, and consent");
  await you.check(page.getByRole("group", { name: /Have the child or family been told/ }).getByRole("radio", { name: "No", exact: true }));
  // "If not, why not?" is revealed under the answer that asks it.
  await you.fill(page.getByLabel("If not, why not?"), "Telling the household could put Kai at risk from Darren Pike");
  await you.check(page.getByLabel("Not asked for: asking would put the child at risk"));
  await submitForm(page, "Save and continue");

  // The legal basis comes from the agreement: he confirms it from a summary in plain English.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Confirm the legal basis");
  await expect(page.locator("#agreement-summary")).toContainText(
    "You are sharing under the Westshire Safeguarding Partnership information sharing agreement, which says you can share",
  );
  await expect(page.locator("#agreement-summary")).toContainText(
    "with Westshire County Council Children's Services to find out whether a child needs help, and to help them, without consent where asking would put the child at risk.",
  );
  await expect(page.locator("#legal-basis")).toContainText("Education Act 2002 s175");
  await expect(page.getByRole("link", { name: "change the legal basis" })).toBeVisible();
  await submitForm(page, "Confirm and continue");

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your reasons");
  await you.fill(page.getByLabel("Your reasons"), "Kai has described violence at home; social care need to assess whether he is safe");
  await you.fill(page.getByLabel("Why sharing is necessary and proportionate"), "Only Kai's own words, not the rest of his file");
  await expect(page.getByLabel(/Which other organisation may hold/)).toHaveCount(0);
  await submitForm(page, "Save and continue");

  // Check your answers shows what applies, and nothing "Not answered".
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your answers");
  await expect(page.getByText("Not answered")).toHaveCount(0);
  await expect(page.getByText("Assessing and meeting the needs of children in need and their families.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Back", exact: true })).toBeVisible();
  for (const box of await page
    .getByRole("group", { name: /Read each warning/ })
    .getByRole("checkbox")
    .all())
    await you.check(box);
  you.stop();
  await submitForm(page, "Record the decision");
  await expect(page.getByText("Decision recorded.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Decided to share with Westshire County Council Children's Services");

  // The target of issue 18: at most 10 pages and 12 inputs (before: 21 pages and 26 inputs).
  expect(you.counts.pages).toBeLessThanOrEqual(10);
  expect(you.counts.inputs).toBeLessThanOrEqual(12);
  console.log(JSON.stringify({ commonShare: you.counts, visited: you.visited }));
});

/**
 * The decision not to share (issue 18): it needs the purpose, the reasons and the advice, so none of
 * a share's parts (what to share, consent, the legal basis) is asked, and check your answers shows
 * only what was.
 */
test("a teacher's decision not to share asks only the purpose, the reasons and the advice", async ({ page }) => {
  test.setTimeout(300_000);
  const you = counter(page);
  await openWizardForKai(page, you);
  await you.check(page.getByLabel("No: decide and record it now"));
  await submitForm(page, "Continue");

  await you.select(page.getByLabel("Which organisation?"), "Westshire Police");
  await you.check(page.getByLabel("Police officer or staff in a safeguarding role"));
  await submitForm(page, "Save and continue");
  await you.check(page.getByLabel("Do not share", { exact: true }));
  await submitForm(page, "Save and continue");

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Why you are sharing");
  await you.check(page.getByLabel("Preventing or detecting crime"));
  await you.fill(page.getByLabel("Describe the purpose"), "The police asked whether Kai has said anything about Darren Pike");
  await submitForm(page, "Save and continue");

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your reasons");
  await expect(page.getByLabel("Why sharing is necessary and proportionate")).toHaveCount(0);
  await you.fill(page.getByLabel("Your reasons"), "Children's social care are already involved and will share what the police need");
  await submitForm(page, "Save and continue");

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Advice");
  await you.check(page.locator('input[name="advice-sought"][value="yes"]'));
  await you.fill(page.getByLabel("Who gave it"), "Siobhán O'Connor");
  await you.fill(page.getByLabel("What they advised"), "Leave it to social care, who lead on this");
  await submitForm(page, "Save and continue");

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check your answers");
  await expect(page.getByText("Not answered")).toHaveCount(0);
  for (const part of ["What to share", "Telling the family, and consent", "The legal basis"])
    await expect(page.getByRole("heading", { name: part })).toHaveCount(0);
  you.stop();
  await submitForm(page, "Record the decision");
  await expect(page.getByText("Decision recorded.")).toBeVisible();
  console.log(JSON.stringify({ notToShare: you.counts, visited: you.visited }));
  expect(you.counts.pages).toBeLessThanOrEqual(7);
});
