import type { Page } from "@playwright/test";
import { clickAndLoad, expect, signIn, signOut, submitForm, test, visit } from "../support";

/**
 * Records end to end (issue 4). Tomasz Wójcik, a practitioner at Northbrook Primary School, adds a
 * child with a protected (refuge) address and the child's parent, links them, records an item through
 * the task list (leaving half way and coming back, then fixing a date the save rejects), corrects it,
 * and raises a concern. Siobhán O'Connor, the school's safeguarding lead, sees the concern on her
 * dashboard, acknowledges and closes it, reads the chronology, and is the only one of the two shown
 * the refuge address. A practitioner from another organisation gets "Page not found" for the child.
 * Every page is checked for accessibility along the way.
 */

const REFUGE = "Flat 3, 14 Larch Close, Eastmoor";

function dayParts(offsetDays = 0) {
  const d = new Date();
  d.setDate(d.getDate() + offsetDays);
  return { day: String(d.getDate()), month: String(d.getMonth() + 1), year: String(d.getFullYear()) };
}

async function fillDate(page: Page, group: string, parts: { day: string; month: string; year: string }) {
  const g = page.getByRole("group", { name: group });
  await g.getByLabel("Day").fill(parts.day);
  await g.getByLabel("Month").fill(parts.month);
  await g.getByLabel("Year").fill(parts.year);
}

const tab = (page: Page, name: string) => page.getByRole("navigation", { name: "Sections of this record" }).getByRole("link", { name });

test("a practitioner records a child, a linked parent, an item and a concern; the safeguarding lead acts on it", async ({ page }) => {
  test.setTimeout(300_000); // a long journey with an axe check on every page (about three minutes on a busy CI machine)
  await signIn(page, "tomasz.wojcik@northbrook.example");

  // Records, from the service navigation.
  await clickAndLoad(page, page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Records" }));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Records");
  await clickAndLoad(page, page.getByRole("button", { name: "Add a person" }));

  // The child: a wrong date and NHS number first; what was typed is kept.
  await page.getByLabel("Child", { exact: true }).check();
  await page.getByLabel("Given names").fill("Kai");
  await page.getByLabel("Family name").fill("Featherstone");
  await page.getByLabel("Other names they are known by (optional)").fill("Kai F\nKiki");
  await fillDate(page, "Date of birth", { day: "31", month: "2", year: "2019" });
  await page.getByLabel("NHS number (optional)").fill("943 476 5918");
  await submitForm(page, "Save person");
  await expect(page).toHaveTitle(/^Error: Add a person/);
  const summary = page.locator(".govuk-error-summary");
  await expect(summary).toContainText("Enter a real date of birth, like 27 3 2019");
  await expect(summary.getByRole("link", { name: /NHS number's check digit is wrong/ })).toHaveAttribute("href", "#nhsNumber");
  await expect(summary.getByRole("link", { name: /real date of birth/ })).toHaveAttribute("href", "#dateOfBirth-day");
  await expect(page.getByLabel("Given names")).toHaveValue("Kai");
  await expect(page.getByLabel("Other names they are known by (optional)")).toHaveValue("Kai F\nKiki");
  await fillDate(page, "Date of birth", { day: "14", month: "5", year: "2019" });
  await page.getByLabel("NHS number (optional)").fill("943 476 5919");
  const address1 = page.getByRole("group", { name: /^Address 1/ });
  await address1.getByLabel("Address", { exact: true }).fill("12 Mill Lane\nNorthbrook");
  await address1.getByLabel("Postcode").fill("NB1 2AB");
  await submitForm(page, "Add another address");
  const address2 = page.getByRole("group", { name: /^Address 2/ });
  await expect(page.getByRole("group", { name: /^Address 1/ }).getByLabel("Address", { exact: true })).toHaveValue(
    "12 Mill Lane\nNorthbrook",
  );
  await address2.getByLabel("Address", { exact: true }).fill(REFUGE);
  await address2.getByLabel("Postcode").fill("EM4 9ZZ");
  await address2.getByLabel("Protected address (for example, a refuge)").check();
  await submitForm(page, "Save person");
  await expect(page.locator(".govuk-notification-banner--success")).toContainText("Person added");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Kai Featherstone");
  const kaiUrl = page.url().replace(/\?.*$/, "");
  // A practitioner is told there is a protected address, and never sent it.
  await expect(page.locator(".govuk-summary-list")).toContainText("12 Mill Lane");
  await expect(page.getByRole("main")).toContainText("This person has a protected address");
  expect(await page.content()).not.toContain("Larch Close");
  await expect(page.locator(".govuk-summary-list")).toContainText("943 476 5919");
  await expect(page.locator(".govuk-summary-list")).toContainText("Kiki");

  // The parent.
  await visit(page, "/subjects/new");
  await page.getByLabel("Parent or carer", { exact: true }).check();
  await page.getByLabel("Given names").fill("Sam");
  await page.getByLabel("Family name").fill("Featherstone");
  await fillDate(page, "Date of birth", { day: "2", month: "11", year: "1990" });
  await submitForm(page, "Save person");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Sam Featherstone");

  // Search, then link Sam to Kai as a parent.
  // Search forgives a misspelling, and names the rule a wrong NHS number breaks.
  await visit(page, "/subjects?q=Fetherstone");
  const results = page.getByRole("table");
  await expect(results).toContainText("Kai Featherstone");
  await expect(results).toContainText("Sam Featherstone");
  await expect(results).toContainText("943 476 5919");
  await page.getByLabel("NHS number").fill("943 476 591");
  await submitForm(page, "Search");
  await expect(page.locator("#nhsNumber-error")).toContainText("Enter a 10-digit NHS number");
  await expect(page.getByLabel("Name")).toHaveValue("Fetherstone");
  await visit(page, kaiUrl);
  await clickAndLoad(page, tab(page, "People"));
  await expect(page.getByRole("main")).toContainText("No one is linked to Kai Featherstone yet.");
  await page.getByLabel("Name of the person to link").fill("Featherstone");
  await submitForm(page, "Find the person");
  await page.getByRole("group", { name: "Which person?" }).getByRole("radio", { name: "Sam Featherstone" }).check();
  await page.getByLabel("The person chosen: parent or carer of Kai Featherstone").check();
  await submitForm(page, "Save link");
  await expect(page.locator(".govuk-notification-banner--success")).toContainText("Link saved");
  const people = page.getByRole("table");
  await expect(people).toContainText("Sam Featherstone");
  await expect(people).toContainText("Parent or carer of Kai");

  // A record item through the task list.
  await clickAndLoad(page, tab(page, "Record items"));
  await clickAndLoad(page, page.getByRole("button", { name: "Add a record item" }));
  const tasks = page.locator(".govuk-task-list");
  await expect(tasks.locator(".govuk-task-list__status")).toHaveText(["Not yet started", "Not yet started", "Not yet started"]);
  await clickAndLoad(page, tasks.getByRole("link", { name: "What happened" }));
  await page.getByLabel("Education").check();
  await page.getByLabel("Fact", { exact: true }).check();
  const text = "Kai arrived with a bruise on his left forearm. He said he fell off his bike.";
  await page.getByLabel("What is being recorded").fill(text);
  await fillDate(page, "When it happened", dayParts(2)); // in the future: refused when saving
  await submitForm(page, "Save and continue");
  await expect(tasks.locator(".govuk-task-list__status").first()).toHaveText("Completed");

  // Leave half way; the draft is on the server when Tomasz comes back.
  await visit(page, kaiUrl);
  await visit(page, `${kaiUrl}/items/new`);
  await expect(tasks.locator(".govuk-task-list__status")).toHaveText(["Completed", "Not yet started", "Not yet started"]);
  await clickAndLoad(page, tasks.getByRole("link", { name: "What happened" }));
  await expect(page.getByLabel("What is being recorded")).toHaveValue(text);
  await clickAndLoad(page, page.getByRole("link", { name: "Back to the task list without saving" }));
  await clickAndLoad(page, tasks.getByRole("link", { name: "Where it came from" }));
  await page.getByLabel("Who provided the information").fill("Class teacher, Northbrook Primary");
  await page.getByLabel("Observed by the person recording it").check();
  await fillDate(page, "Date the information was obtained", dayParts(0));
  await submitForm(page, "Save and continue");
  await clickAndLoad(page, tasks.getByRole("link", { name: "Sensitivity" }));
  await submitForm(page, "Save and continue");
  await expect(tasks.locator(".govuk-task-list__status")).toHaveText(["Completed", "Completed", "Completed"]);
  await clickAndLoad(page, page.getByRole("button", { name: "Check your answers" }));
  await expect(page.locator(".govuk-summary-list").first()).toContainText(text);
  await submitForm(page, "Save item");
  const itemErrors = page.locator(".govuk-error-summary");
  await expect(itemErrors).toBeFocused();
  const dateError = itemErrors.getByRole("link", { name: "The event date must be today or in the past" });
  await expect(dateError).toHaveAttribute("href", `${new URL(kaiUrl).pathname}/items/new/what-happened?return=check#eventDate-day`);
  await clickAndLoad(page, dateError);
  await expect(page.locator("#eventDate-error")).toContainText("The event date must be today or in the past");
  await fillDate(page, "When it happened", dayParts(-3));
  // Fixing an answer from the check page goes straight back to it.
  await submitForm(page, "Save and continue");
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Check");
  await submitForm(page, "Save item");
  await expect(page.locator(".govuk-notification-banner--success")).toContainText("Record item saved");
  await expect(page.locator(".govuk-summary-card").first()).toContainText("Fact");

  // Correct it: both versions stay visible.
  await clickAndLoad(page, page.getByRole("button", { name: "Correct this item" }));
  await expect(page.getByLabel("What is being recorded")).toHaveValue(text);
  const corrected = "Kai arrived with a bruise on his right forearm. He said he fell off his bike.";
  await page.getByLabel("What is being recorded").fill(corrected);
  await submitForm(page, "Save correction");
  await expect(page.locator("#reason-error")).toContainText("Enter why the item is being corrected");
  await expect(page.getByLabel("What is being recorded")).toHaveValue(corrected);
  await page.getByLabel("Why is this item being corrected?").fill("Wrong arm: the teacher checked her notes.");
  await submitForm(page, "Save correction");
  await expect(page.locator(".govuk-notification-banner--success")).toContainText("Correction saved");
  const versions = page.locator(".govuk-summary-card");
  await expect(versions).toHaveCount(2);
  await expect(versions.nth(0)).toContainText("Version 2");
  await expect(versions.nth(0)).toContainText(corrected);
  await expect(versions.nth(0)).toContainText("Wrong arm: the teacher checked her notes.");
  await expect(versions.nth(1)).toContainText("Version 1");
  await expect(versions.nth(1)).toContainText(text);
  await expect(versions.nth(1).locator(".govuk-tag", { hasText: "Corrected" }).first()).toBeVisible();
  // The parent says the corrected version is still wrong: it is marked as disputed while it is checked.
  await clickAndLoad(page, page.getByRole("button", { name: "Mark as disputed" }));
  await page.getByLabel("What is disputed, and by whom?").fill("Sam Featherstone says Kai did not fall off a bike.");
  await submitForm(page, "Mark as disputed");
  await expect(page.locator(".govuk-notification-banner--success")).toContainText("Item marked as disputed");
  await expect(versions.nth(0)).toContainText("What is disputed: Sam Featherstone says Kai did not fall off a bike.");
  await expect(versions.nth(0)).toContainText("Wrong arm: the teacher checked her notes.");
  await clickAndLoad(page, tab(page, "Record items"));
  await expect(page.locator(".govuk-inset-text")).toContainText("Earlier version, replaced by version 2");
  await expect(page.locator(".govuk-inset-text")).toContainText(text);

  // Raise a concern.
  await clickAndLoad(page, tab(page, "Concerns"));
  await clickAndLoad(page, page.getByRole("button", { name: "Raise a concern" }));
  await page.getByLabel("Neglect").check();
  await page.getByLabel("Describe the concern").fill("Kai has come to school hungry three days this week.");
  await page.getByLabel("Early help").check();
  await fillDate(page, "When did you notice it?", dayParts(0));
  await submitForm(page, "Raise concern");
  await expect(page.locator(".govuk-notification-banner--success")).toContainText("Concern raised");
  await expect(page.locator(".govuk-summary-card")).toContainText("Awaiting safeguarding lead");

  // The chronology, filtered.
  await clickAndLoad(page, tab(page, "Chronology"));
  const timeline = page.locator(".moj-timeline");
  await expect(timeline.locator(".moj-timeline__item")).toHaveCount(3);
  // The item as first recorded has been corrected since, and its correction is disputed: both say so.
  await expect(timeline.locator(".moj-timeline__item", { hasText: "fact recorded" }).locator(".govuk-tag")).toHaveText("Corrected");
  await expect(timeline.locator(".moj-timeline__item", { hasText: "corrected (version 2)" }).locator(".govuk-tag")).toHaveText("Disputed");
  // Printed, it is the whole chronology alone: no navigation, tabs, back link or print button.
  await clickAndLoad(page, page.getByRole("link", { name: "Print the whole chronology" }));
  await expect(page.getByRole("button", { name: "Print this chronology" })).toBeVisible();
  await expect(timeline.locator(".moj-timeline__item")).toHaveCount(3);
  await page.emulateMedia({ media: "print" });
  await expect(page.getByRole("navigation", { name: "Menu" })).toBeHidden();
  await expect(page.getByRole("navigation", { name: "Sections of this record" })).toBeHidden();
  await expect(page.getByRole("link", { name: "Back to the chronology" })).toBeHidden();
  await expect(page.getByRole("button", { name: "Print this chronology" })).toBeHidden();
  await expect(timeline).toBeVisible();
  await page.emulateMedia({ media: "screen" });
  await clickAndLoad(page, page.getByRole("link", { name: "Back to the chronology" }));
  await page.getByLabel("Concerns").check();
  await submitForm(page, "Apply filters");
  await expect(timeline.locator(".moj-timeline__item")).toHaveCount(1);
  await expect(timeline).toContainText("Concern raised: Neglect");
  // The tab is the only one a practitioner has without "who has viewed this record".
  await expect(page.getByRole("navigation", { name: "Sections of this record" }).getByRole("link")).toHaveCount(5);
  await signOut(page);

  // The safeguarding lead: the new concern is on her dashboard.
  await signIn(page, "siobhan.oconnor@northbrook.example");
  const dashboard = page.locator("#work-list");
  await expect(dashboard).toContainText("Acknowledge the concern about Kai Featherstone: neglect");
  await clickAndLoad(page, dashboard.getByRole("link", { name: "Acknowledge the concern about Kai Featherstone" }));
  await page.getByLabel("What will happen next?").fill("Speak to Kai's parent today; offer breakfast club.");
  await submitForm(page, "Acknowledge concern");
  await expect(page.locator(".govuk-notification-banner--success")).toContainText("Concern acknowledged");
  await clickAndLoad(page, page.getByRole("link", { name: "Record outcome and close concern" }));
  await page.getByLabel("What was the outcome?").fill("Parent agreed to early help; breakfast club place from Monday.");
  await submitForm(page, "Close concern");
  await expect(page.locator(".govuk-notification-banner--success")).toContainText("Concern closed");
  await expect(page.locator(".govuk-summary-card")).toContainText("Closed");
  await visit(page, "/");
  await expect(page.locator("main")).not.toContainText("Acknowledge the concern about Kai Featherstone");

  // She sees the refuge address, and who has looked at Kai's record.
  await visit(page, kaiUrl);
  await expect(page.locator(".govuk-summary-list")).toContainText(REFUGE);
  await expect(page.locator(".govuk-summary-list")).toContainText("Protected address");
  await clickAndLoad(page, tab(page, "Who has viewed this record"));
  await expect(page.getByRole("table")).toContainText("Tomasz Wójcik");
  await expect(page.getByRole("table")).toContainText("Siobhán O'Connor");
  await signOut(page);

  // Another organisation's practitioner: the record does not exist for her.
  await signIn(page, "helen.ng@eastmoor.nhs.example");
  await visit(page, kaiUrl, 404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
});
