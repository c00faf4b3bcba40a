import { clickAndLoad, expect, signInAndEnrol, signOut, submitForm, test } from "../support";

/**
 * Retention review and disposal end to end (issue 21). Olusegun Adebayo, an IG lead at Northbrook
 * Primary School, opens the review queue: former pupils' child protection files past the child's date
 * of birth + 25 years. He keeps Liam Osei's file for another year (the form keeps his reason when the
 * months are missing) and proposes Jade Whitmore's for disposal. Catrin Lloyd, the school's other IG
 * lead, approves it and opens the certificate, which names no one. Every page is checked for
 * accessibility. Bernard Hale, the school's administrator, is left for mfa.spec.ts.
 */
test("an IG lead keeps one file and proposes another for disposal; a second IG lead approves it and opens the certificate", async ({
  page,
}) => {
  await signInAndEnrol(page, "olusegun.adebayo@northbrook.example");
  await clickAndLoad(page, page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Retention" }));
  await clickAndLoad(page, page.getByRole("link", { name: "Review queue" }));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Review queue");
  await expect(page.getByText(/^Due for review by the end of [A-Z][a-z]+ \d{4}$/)).toBeVisible();
  const files = page.getByRole("region", { name: /Child protection file \(school\)/ });
  await expect(files.getByRole("table")).toContainText("Jade Whitmore");
  await expect(files.getByRole("table")).toContainText("14 March 2025");
  await expect(files.getByRole("table")).toContainText("Overdue");

  // Keep Liam's file for longer: the reason survives a missing number of months.
  await clickAndLoad(page, files.getByRole("link", { name: /^Keep\s+Liam Osei's file\s+for longer$/ }));
  await page.getByLabel("Why keep it for longer?").fill("His younger sister's care proceedings are still open");
  await submitForm(page, "Keep the file");
  await expect(page.locator(".govuk-error-summary")).toContainText("Enter how many months to keep it for");
  await expect(page.getByLabel("Why keep it for longer?")).toHaveValue("His younger sister's care proceedings are still open");
  await page.getByLabel("For how many more months?").fill("12");
  await submitForm(page, "Keep the file");
  await expect(page.locator(".govuk-notification-banner")).toContainText("File kept for longer");
  await expect(files.getByRole("table")).not.toContainText("Liam Osei");

  // Propose Jade's file for disposal, through the check page.
  await files.getByLabel(/^Select Jade Whitmore/).check();
  await clickAndLoad(page, files.getByRole("button", { name: "Propose for disposal" }));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Check the files you are proposing for disposal");
  await expect(page.locator(".govuk-summary-list")).toContainText("1 file");
  await page.getByLabel("Destroy").check();
  await page
    .getByLabel("Why are these files no longer needed?")
    .fill("Reviewed at the end of its retention period: nothing open concerns it");
  await submitForm(page, "Propose");
  await expect(page.locator(".govuk-notification-banner")).toContainText("Disposal proposed");
  await expect(page.getByText("You proposed this disposal, so another IG lead in your organisation must approve it.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Approve and dispose" })).toHaveCount(0);
  const batch = (await page.getByRole("heading", { level: 1 }).textContent())?.match(/D-\d+/)?.[0] ?? "";
  expect(batch).toMatch(/^D-\d+$/);
  await signOut(page);

  // Catrin approves it from the list of disposals, and opens the certificate.
  await signInAndEnrol(page, "catrin.lloyd@northbrook.example");
  await clickAndLoad(page, page.getByRole("navigation", { name: "Menu" }).getByRole("link", { name: "Retention" }));
  await clickAndLoad(page, page.getByRole("link", { name: "Disposals" }));
  await expect(page.getByRole("table")).toContainText("Waiting for approval");
  await clickAndLoad(page, page.getByRole("link", { name: batch, exact: true }));
  await expect(page.getByRole("table")).toContainText("Jade Whitmore");
  await expect(page.getByText("This cannot be undone")).toBeVisible();
  await submitForm(page, "Approve and dispose");
  await expect(page.locator(".govuk-notification-banner")).toContainText("Files disposed of");
  await expect(page.getByRole("main")).not.toContainText("Jade Whitmore");
  await clickAndLoad(page, page.getByRole("link", { name: "View the certificate to print" }));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Disposal certificate ${batch}`);
  const certificate = page.getByRole("main");
  await expect(certificate).toContainText("Northbrook Primary School");
  await expect(certificate).toContainText("IRMS Information Management Toolkit for Schools");
  await expect(certificate).toContainText("Proposed by");
  await expect(certificate).toContainText("Olusegun Adebayo");
  await expect(certificate).toContainText("Catrin Lloyd");
  await expect(certificate).not.toContainText("Jade");
  await expect(certificate).not.toContainText("Whitmore");
  const pdf = await page.request.get(`${new URL(page.url()).pathname}.pdf`);
  expect(pdf.status()).toBe(200);
  expect(pdf.headers()["content-type"]).toBe("application/pdf");
});
