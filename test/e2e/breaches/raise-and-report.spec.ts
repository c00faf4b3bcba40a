import { clickAndLoad, expect, signIn, signInWithSecondFactor, signOut, submitForm, test, visit } from "../support";

/** Yesterday's date in the UK, as the date fields take it: the breach's T0 is then always in the past and within 72 hours. */
function ukYesterday(): { day: string; month: string; year: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "numeric", year: "numeric" })
      .formatToParts(new Date(Date.now() - 24 * 3600 * 1000))
      .map((p) => [p.type, p.value]),
  );
  return { day: parts.day!, month: parts.month!, year: parts.year! };
}

/**
 * A breach end to end (issue 22's "Done when"). Priya Raman, Westshire Police's IG lead, learns that the
 * police's Operation Encompass notice about Kai went to Northbrook, a school he had left the week before. From the share decision
 * she reports it as a breach: the form keeps what she typed when she leaves a field out, she checks her
 * answers, and recording it withdraws the recipient's access at once. She assesses the risk, prepares the ICO report from the
 * draft pack, records the report made to the ICO and downloads the pack kept with it. The risk is high,
 * so Kai's mother is told in a notice drafted in plain English, recorded as given in person; Darren Pike,
 * named among the people affected and recorded as an alleged perpetrator towards her, is not offered one, and a second letter is withheld with the reason.
 * She closes the breach with the lessons learned. The school's
 * safeguarding lead is asked to delete every copy, and confirms it. Every page is checked for
 * accessibility and plain English.
 */
test("an IG lead raises a breach from a share, withdrawing access, and produces the ICO report pack", async ({ page }) => {
  await signInWithSecondFactor(page, "priya.raman@police.westshire.example");
  await visit(page, "/share-decisions");
  await clickAndLoad(
    page,
    page
      .getByRole("row", { name: /Kai Brennan-Nowak/ })
      .getByRole("link", { name: /^SD-/ })
      .first(),
  );
  await clickAndLoad(page, page.getByRole("link", { name: "Report this as a breach" }));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Record a breach");
  await expect(page.locator("#disclosure")).toContainText("Northbrook Primary School");
  await expect(page.locator("#disclosure")).toContainText("access to the information at once");

  // Left out how it was discovered: the error summary says so, and keeps what she typed.
  const t0 = ukYesterday();
  await page
    .getByRole("group", { name: /When did your organisation become aware/ })
    .getByLabel("Day")
    .fill(t0.day);
  await page
    .getByRole("group", { name: /When did your organisation become aware/ })
    .getByLabel("Month")
    .fill(t0.month);
  await page
    .getByRole("group", { name: /When did your organisation become aware/ })
    .getByLabel("Year")
    .fill(t0.year);
  await page.getByLabel("Time you became aware").fill("9:00am");
  await page
    .getByRole("group", { name: /Was it a cyber incident/ })
    .getByLabel("No")
    .check();
  await page
    .getByRole("group", { name: /Could the breach put anyone at risk of physical harm/ })
    .getByLabel("Yes")
    .check();
  await page
    .getByLabel("Who is at risk of physical harm, and how?")
    .fill("Kai's mother, if word of the incident reached Darren Pike through the school");
  await submitForm(page, "Continue");
  await expect(page.locator(".govuk-error-summary")).toContainText("Enter how the breach was discovered");
  await expect(page.getByLabel("Time you became aware")).toHaveValue("9:00am");
  await expect(page.getByLabel("Who is at risk of physical harm, and how?")).toHaveValue(
    "Kai's mother, if word of the incident reached Darren Pike through the school",
  );
  await page
    .getByLabel("How was the breach discovered?")
    .fill("Northbrook's safeguarding lead rang to say Kai had left the school the week before.");
  await submitForm(page, "Continue");

  // Check your answers, in words, before the record withdraws anything.
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check the breach before you record it");
  const answer = (label: string) => page.locator(".govuk-summary-list__row", { hasText: label }).locator("dd").first();
  await expect(answer("When your organisation became aware")).toHaveText(/^\s*\d{1,2} \w+ \d{4} at 9:00am\s*$/);
  await expect(answer("What happened to the data")).toHaveText("Disclosed without authority");
  await expect(answer("Who is at risk of physical harm, and how")).toHaveText(
    "Kai's mother, if word of the incident reached Darren Pike through the school",
  );
  await expect(page.locator("#disclosure")).toContainText("Recording this breach will withdraw Northbrook Primary School's access");
  await submitForm(page, "Record the breach");

  // Recorded, and the school can no longer open it; the 72 hours are counting down.
  await expect(page.locator(".govuk-notification-banner")).toContainText("The recipient can no longer open the information.");
  const reference = (await page.getByRole("heading", { level: 1 }).textContent())?.match(/BR-\d+/)?.[0] ?? "";
  expect(reference).toMatch(/^BR-\d+$/);
  await expect(page.getByRole("main")).toContainText("Kai Brennan-Nowak");
  await expect(page.locator("#clock")).toHaveText(/^Report to the ICO due in (2 days|1 day)/);
  const breachPath = new URL(page.url()).pathname;
  const banner = page.locator(".govuk-notification-banner");

  // The investigation starts, the facts gain what was done, and Darren Pike is named among the people affected.
  await clickAndLoad(page, page.getByRole("link", { name: "Start the investigation" }));
  await submitForm(page, "Start the investigation");
  await expect(banner).toContainText("The investigation has started.");
  await clickAndLoad(page, page.getByRole("link", { name: "Change the facts" }));
  await page.getByLabel("What have you done about it so far? (optional)").fill("Asked Northbrook to delete the notice.");
  await submitForm(page, "Save the changes");
  await expect(banner).toContainText("The facts of the breach are changed.");
  await clickAndLoad(page, page.getByRole("link", { name: "Change the people affected" }));
  await page.getByLabel("Find a person by name").fill("Darren");
  await submitForm(page, "Search");
  await page.getByRole("checkbox", { name: /Darren Pike/ }).check();
  await submitForm(page, "Add the people selected");
  await clickAndLoad(page, page.locator(".govuk-back-link"));
  await expect(page.getByRole("main")).toContainText("Darren Pike");
  // Not offered while the breach is assessed as a risk, but the page reads well on its own.
  await visit(page, `${breachPath}/not-reported`);
  await visit(page, breachPath);

  await clickAndLoad(page, page.getByRole("link", { name: "Assess the risk" }));
  await page.getByLabel("A high risk to people", { exact: true }).check();
  await page
    .getByLabel("Why did you reach this view?")
    .fill("A child's presence at a domestic abuse incident reached a school with no need to know, while his mother is in a refuge.");
  await submitForm(page, "Save the assessment");
  await expect(banner).toContainText("The risk to people is recorded.");

  // The draft pack: the ICO's form's fields from the facts now.
  await clickAndLoad(page, page.getByRole("link", { name: "Prepare the ICO report (draft pack)" }));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Draft ICO report pack: breach ${reference}`);
  await expect(page.getByText("This is a draft. It has not been sent to the ICO.")).toBeVisible();
  await expect(page.getByRole("main")).toContainText("Westshire Police");
  await expect(page.getByRole("main")).toContainText("Disclosed without authority");
  const draftPdf = await page.request.get(`${new URL(page.url()).pathname}.pdf`);
  expect(draftPdf.status()).toBe(200);
  expect(draftPdf.headers()["content-type"]).toBe("application/pdf");
  await clickAndLoad(page, page.getByRole("link", { name: `Back to breach ${reference}` }));

  // The report made to the ICO, and the pack kept with it.
  await clickAndLoad(page, page.getByRole("link", { name: "Record a report made to the ICO" }));
  await page.getByLabel("Initial report").check();
  await page.getByRole("group", { name: "When was the report made?" }).getByLabel("Day").fill(t0.day);
  await page.getByRole("group", { name: "When was the report made?" }).getByLabel("Month").fill(t0.month);
  await page.getByRole("group", { name: "When was the report made?" }).getByLabel("Year").fill(t0.year);
  await page.getByLabel("Time the report was made").fill("4:30pm");
  await submitForm(page, "Record the report");
  await expect(page.locator(".govuk-notification-banner")).toContainText("The report to the ICO is recorded.");
  await clickAndLoad(page, page.getByRole("link", { name: /^View the pack/ }));
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`ICO report pack: breach ${reference}`);
  const late = page.locator(".govuk-summary-list__row", { hasText: "Reported more than 72 hours after becoming aware" });
  await expect(late.locator("dd")).toHaveText("No");
  const pdf = await page.request.get(`${new URL(page.url()).pathname}.pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
  expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");

  await clickAndLoad(page, page.getByRole("link", { name: `Back to breach ${reference}` }));
  await expect(page.locator("#clock")).toHaveText("Reported to the ICO on time");

  // A high risk: Kai's mother is told, in a notice drafted in plain English and recorded as given in person.
  // Darren Pike, named among the people affected and recorded as an alleged perpetrator towards Kai's
  // mother, is not offered one.
  await clickAndLoad(page, page.getByRole("link", { name: "Draft a notice" }));
  await expect(page.getByRole("main")).toContainText(
    "Darren Pike is recorded as an alleged perpetrator of harm towards Megan Brennan: Safeshare will not send them a notice",
  );
  await expect(page.getByRole("radio", { name: /Darren Pike/ })).toHaveCount(0);
  await page.getByRole("radio", { name: "Megan Brennan, parent or carer of Kai Brennan-Nowak" }).check();
  await submitForm(page, "Draft the notice");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Notice to Megan Brennan");
  await expect(page.getByLabel("The notice")).toHaveValue(/Information Commissioner's Office/);
  await clickAndLoad(page, page.getByRole("link", { name: "Record that it was sent" }));
  await page.getByLabel("In person").check();
  const today = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", day: "numeric", month: "numeric", year: "numeric" })
    .format(new Date())
    .split("/");
  await page.getByLabel("Day").fill(today[0]!);
  await page.getByLabel("Month").fill(today[1]!);
  await page.getByLabel("Year").fill(today[2]!);
  await submitForm(page, "Record that it was sent");
  await expect(page.getByRole("main").locator(".govuk-tag")).toHaveText("Sent");
  await clickAndLoad(page, page.getByRole("link", { name: "Back to the breach" }));
  await expect(page.locator("#notices ~ ul")).toContainText("Notice to Megan Brennan about Kai Brennan-Nowak: Sent");

  // A second letter, to the refuge, is withheld with the reason.
  await clickAndLoad(page, page.getByRole("link", { name: "Draft a notice" }));
  await page.getByRole("radio", { name: "Megan Brennan, parent or carer of Kai Brennan-Nowak" }).check();
  await submitForm(page, "Draft the notice");
  await clickAndLoad(page, page.getByRole("link", { name: "Withhold it: telling them would increase the risk" }));
  await page.getByLabel("Why would telling them increase the risk?").fill("A letter to the refuge could be opened by other residents.");
  await submitForm(page, "Withhold the notice");
  await expect(page.getByRole("main").locator(".govuk-tag")).toHaveText("Withheld");
  await clickAndLoad(page, page.getByRole("link", { name: "Back to the breach" }));

  // Closed once the lessons learned are recorded.
  await clickAndLoad(page, page.getByRole("link", { name: "Close the breach" }));
  await submitForm(page, "Close the breach");
  await expect(page.locator(".govuk-error-summary")).toContainText("Enter the lessons learned before closing the breach");
  await page
    .getByLabel("What lessons have been learned?")
    .fill("Check a child's current school before an Operation Encompass notice goes.");
  await submitForm(page, "Close the breach");
  await expect(banner).toContainText("Breach closed.");
  await clickAndLoad(page, page.getByRole("link", { name: "Back to the breach register" }));
  await clickAndLoad(page, page.getByRole("link", { name: "Breaches at other organisations involving information yours shared" }));
  await signOut(page);

  // The school, which received it, is asked to confirm it deleted every copy.
  await signIn(page, "siobhan.oconnor@northbrook.example");
  await clickAndLoad(
    page,
    page
      .getByRole("region", { name: "Your work" })
      .getByRole("link", { name: "Confirm you deleted information Westshire Police sent by mistake" }),
  );
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Delete information sent to you by mistake");
  await submitForm(page, "Confirm deletion");
  await expect(page.locator(".govuk-error-summary")).toContainText("Confirm that your organisation has deleted every copy");
  await page.getByLabel("I confirm we have deleted every copy").check();
  await page.getByLabel("Anything to add (optional)").fill("Our copy of the notice was deleted from the safeguarding system.");
  await submitForm(page, "Confirm deletion");
  await expect(page.getByText("Deletion confirmed")).toBeVisible();
  await clickAndLoad(page, page.getByRole("link", { name: "Back to requests to delete information" }));
  await expect(page.getByRole("main")).toContainText("Westshire Police");
});
