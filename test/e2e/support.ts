/**
 * Shared helpers for the browser suite.
 *
 * Every page a test loads must pass an axe check (WCAG 2.0/2.1/2.2 A and AA). The `page` fixture
 * counts document loads and fails the test if any loaded page was left without `checkA11y`, so a
 * forgotten check is a failing test, not a silent gap. Helpers that navigate (`visit`,
 * `submitForm`, `clickAndLoad`) call it for you. The fixture also fails a test on any script error
 * or console error (a Content-Security-Policy violation shows up as one).
 *
 * The same check reads the page as a person would: no rule code, enum name, raw id or ISO date in
 * visible text outside a "Details for IG leads" panel (`data-details-for="ig"`), and no sideways
 * scrolling at 320 CSS pixels (WCAG 1.4.10 reflow). Both are soft: every offence on every page is
 * listed before the test fails.
 */
import { createRequire } from "node:module";
import { type Browser, type BrowserContext, test as base, expect, type Locator, type Page } from "@playwright/test";
import type { AxeResults } from "axe-core";
import * as OTPAuth from "otpauth";

export { expect };

export const DEMO_PASSWORD = "amber kettle orchard lantern";
const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
/** axe-core itself, put into every document the test's page opens (see the `page` fixture). */
const AXE_SOURCE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

interface LoadRecord {
  url: string;
  checked: boolean;
}

const loadsByPage = new WeakMap<Page, LoadRecord[]>();
const expectedErrorsByPage = new WeakMap<Page, RegExp[]>();

/** For a test that provokes a console error on purpose (e.g. a CSP refusal): don't fail on it. */
export function expectConsoleError(page: Page, pattern: RegExp): void {
  expectedErrorsByPage.get(page)?.push(pattern);
}

function formatViolations(violations: AxeResults["violations"]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes
        .map(
          (n) => `    - ${n.target.join(" ")}\n      ${n.html.slice(0, 200)}\n      ${n.failureSummary?.replace(/\n/g, "\n      ") ?? ""}`,
        )
        .join("\n");
      return `  [${v.impact ?? "?"}] ${v.id}: ${v.help}\n    ${v.helpUrl}\n${nodes}`;
    })
    .join("\n");
}

/**
 * What a person must never read on a page (docs/domain.md §9 and the standards): each with a name for
 * the failure message. Rule codes by their families' prefixes, so a new code is caught without a list.
 */
const UNREADABLE: readonly { what: string; pattern: RegExp }[] = [
  { what: "rule code", pattern: /\b(?:GR\d|P|L|R|ICO\d{1,2}|DSA|Q|EX)-[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*\b/g },
  { what: "enum name", pattern: /\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g },
  // A whole uuid, or one cut short ("1308fd64-…"): eight hex digits and a dash start every uuid.
  { what: "raw id", pattern: /\b[0-9a-f]{8}-(?:[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b|[0-9a-f]{0,4}…)/gi },
  { what: "ISO date", pattern: /\b\d{4}-\d{2}-\d{2}(?:T[\d:.]+Z?)?\b/g },
];

/** The page's visible text (screen-reader-only text included), leaving out panels for IG leads. */
async function visibleText(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const texts: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      const text = node.textContent?.trim();
      if (!parent || !text || parent.closest("script, style, template, [data-details-for='ig']")) continue;
      if (!parent.checkVisibility({ visibilityProperty: true })) continue;
      texts.push(text);
    }
    return texts;
  });
}

/** Soft-fails on anything a person should not have to read (see UNREADABLE). */
async function checkPlainEnglish(page: Page): Promise<void> {
  const offences = new Set<string>();
  for (const text of await visibleText(page)) {
    for (const { what, pattern } of UNREADABLE) {
      for (const match of text.matchAll(pattern)) offences.add(`${what} "${match[0]}" in "${text.slice(0, 120)}"`);
    }
  }
  expect.soft([...offences], `Unreadable text on ${page.url()}`).toEqual([]);
}

const NARROWEST = 320;

/** Soft-fails when the page scrolls sideways at 320 CSS pixels; the viewport is put back after. */
async function checkReflow(page: Page): Promise<void> {
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: NARROWEST, height: viewport?.height ?? 720 });
  const overflow = await page.evaluate(() => {
    const width = document.documentElement.scrollWidth;
    if (width <= document.documentElement.clientWidth) return null;
    // Name the innermost elements that stick out or spill over (a long word spills out of its box), so
    // the failure says where to look.
    const viewport = document.documentElement.clientWidth;
    const spills = (e: Element) => e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX === "visible";
    const over = (e: Element) => e.getBoundingClientRect().right > viewport + 0.5 || spills(e);
    const wide = [...document.body.querySelectorAll("*")]
      .filter((e) => over(e) && ![...e.children].some(over))
      .slice(0, 5)
      .map(
        (e) =>
          `${e.tagName.toLowerCase()}${e.id ? `#${e.id}` : ""}${e.className ? `.${String(e.className).trim().split(/\s+/).join(".")}` : ""}`,
      );
    return { width, wide };
  });
  if (viewport) await page.setViewportSize(viewport);
  expect.soft(overflow, `Sideways scrolling at ${NARROWEST}px on ${page.url()}`).toBeNull();
}

/**
 * GOV.UK Frontend's conditional reveals put aria-expanded on the radio or checkbox that reveals a
 * follow-up question. The ARIA spec does not list it for those roles, so axe reports it; the design
 * system keeps it on purpose because screen readers announce it (alphagov/govuk-frontend#979, a
 * documented known issue). Only that finding, on exactly those inputs, is set aside.
 */
function isConditionalRevealInput(html: string, failure: string): boolean {
  return (
    /class="govuk-(radios|checkboxes)__input"/.test(html) &&
    /aria-controls="conditional-/.test(html) &&
    /aria-expanded="(true|false)"/.test(failure) &&
    !/aria-(?!expanded)[a-z]+="/.test(failure)
  );
}

/**
 * Runs axe on the page as it is now; fails on any violation, listing each one readably. Then reads
 * the page for unreadable text and checks it reflows at 320px.
 */
export async function checkA11y(page: Page): Promise<void> {
  await page.waitForLoadState("load");
  // axe is already in the page (an init script): run it there. Injecting its half a megabyte of source
  // for each check, as @axe-core/playwright does, took 0.6 s a page against 0.25 s (measured on the
  // sign-in and cookies pages); our pages have no iframes for it to cross.
  const results = await page.evaluate(
    (tags) => (window as unknown as { axe: typeof import("axe-core") }).axe.run(document, { runOnly: { type: "tag", values: tags } }),
    WCAG_TAGS,
  );
  const violations = results.violations.flatMap((v) => {
    if (v.id !== "aria-allowed-attr") return [v];
    const nodes = v.nodes.filter((n) => !isConditionalRevealInput(n.html, n.failureSummary ?? ""));
    return nodes.length ? [{ ...v, nodes }] : [];
  });
  const summary = violations.map((v) => `${v.id} (${v.nodes.length} element${v.nodes.length === 1 ? "" : "s"}): ${v.help}`);
  expect(summary, `Accessibility violations on ${page.url()}:\n${formatViolations(violations)}`).toEqual([]);
  await checkPlainEnglish(page);
  await checkReflow(page);
  const loads = loadsByPage.get(page);
  const last = loads?.at(-1);
  if (last) last.checked = true;
}

/** Goes to a URL, expects the given HTTP status (200 unless told) and checks accessibility. */
export async function visit(page: Page, url: string, status = 200): Promise<void> {
  const response = await page.goto(url);
  expect(response?.status(), `status of ${url}`).toBe(status);
  await checkA11y(page);
}

/** Clicks something that loads a new page (a link or a submit button), then checks accessibility. */
export async function clickAndLoad(page: Page, target: Locator): Promise<void> {
  await Promise.all([page.waitForEvent("load"), target.click()]);
  await checkA11y(page);
}

/** Submits the form with the named button and checks the page that comes back. */
export async function submitForm(page: Page, buttonName: string): Promise<void> {
  await clickAndLoad(page, page.getByRole("button", { name: buttonName, exact: true }));
}

/** Signs in with email and the demo password (first factor only). */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await visit(page, "/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await submitForm(page, "Sign in");
}

export async function signOut(page: Page): Promise<void> {
  await submitForm(page, "Sign out");
  await expect(page).toHaveURL(/\/sign-in\?signedOut=1$/);
}

/** A TOTP code for the setup key shown on /mfa/setup (base32, spaced every 4 characters). */
export function totpCode(setupKey: string, timestamp = Date.now()): string {
  const totp = new OTPAuth.TOTP({
    secret: OTPAuth.Secret.fromBase32(setupKey.replace(/\s+/g, "")),
    algorithm: "SHA1",
    digits: 6,
    period: 30,
  });
  return totp.generate({ timestamp });
}

/**
 * On /mfa/setup: reads the setup key, enters a valid code and lands on the recovery codes page.
 * Returns the key and the recovery codes shown.
 */
export interface Enrolment {
  setupKey: string;
  recoveryCodes: string[];
  /** The 30-second time step of the code used to enrol: codes from this step are spent. */
  usedStep: number;
}

/** Waits until the authenticator shows a code from a step after `usedStep` (replay protection). */
export async function waitForFreshStep(page: Page, usedStep: number): Promise<void> {
  const wait = (usedStep + 1) * 30_000 - Date.now();
  if (wait > 0) await page.waitForTimeout(wait + 250);
}

/**
 * A code the server takes now, and its step: from the first step after the last one used, as early as
 * the server allows. It accepts a code one step either side of its own clock (for phones whose clocks
 * drift), so the next step's code is good at once, and signing in again within the same 30 seconds
 * waits for nothing; only a third time in one step waits. (mfa.spec.ts tests the replay refusal itself.)
 */
export async function freshCode(page: Page, enrolment: Enrolment): Promise<{ code: string; step: number }> {
  const step = Math.max(Math.floor(Date.now() / 30_000), enrolment.usedStep + 1);
  const wait = (step - 1) * 30_000 - Date.now();
  if (wait > 0) await page.waitForTimeout(wait + 250);
  return { code: totpCode(enrolment.setupKey, step * 30_000 + 1_000), step };
}

async function enrolMfa(page: Page): Promise<Enrolment> {
  await expect(page).toHaveURL(/\/mfa\/setup$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Set up your authenticator app");
  const setupKey = (await page.locator("#setup-key").textContent())?.trim() ?? "";
  expect(setupKey).toMatch(/^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/);
  const now = Date.now();
  await page.getByLabel("Code from your authenticator app").fill(totpCode(setupKey, now));
  await submitForm(page, "Continue");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Save your recovery codes");
  const recoveryCodes = (await page.locator("#recovery-codes code").allTextContents()).map((c) => c.trim());
  expect(recoveryCodes.length).toBeGreaterThan(0);
  return { setupKey, recoveryCodes, usedStep: Math.floor(now / 30_000) };
}

/**
 * The authenticators set up so far in this run, by email. The suite shares one server and one worker,
 * so a demo account enrolled by one spec signs in with its code in the next.
 */
const enrolled = new Map<string, Enrolment>();

/** Signs in as an MFA-required user for the first time and enrols; ends on the home page. */
export async function signInAndEnrol(page: Page, email: string): Promise<Enrolment> {
  await signIn(page, email);
  const enrolment = await enrolMfa(page);
  enrolled.set(email, enrolment);
  await clickAndLoad(page, page.getByRole("link", { name: "Continue to Safeshare" }));
  await expect(page).toHaveURL(/\/$/);
  return enrolment;
}

/**
 * Signs in as an MFA-required user, whether or not an earlier spec enrolled them: with a fresh code
 * from the authenticator set up then, or by enrolling now. Ends on the home page.
 */
export async function signInWithSecondFactor(page: Page, email: string): Promise<void> {
  const enrolment = enrolled.get(email);
  if (!enrolment) {
    await signInAndEnrol(page, email);
    return;
  }
  await signIn(page, email);
  await expect(page).toHaveURL(/\/sign-in\/second-factor$/);
  const { code, step } = await freshCode(page, enrolment);
  await page.getByLabel("Enter the 6-digit code from your authenticator app").fill(code);
  await submitForm(page, "Continue");
  enrolled.set(email, { ...enrolment, usedStep: step });
  await expect(page).toHaveURL(/\/$/);
}

/** A second person's own browser, ready for checkA11y like the test's `page`. */
export async function newBrowserContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext();
  await context.addInitScript({ path: AXE_SOURCE });
  return context;
}

export const test = base.extend({
  page: async ({ page }, use, testInfo) => {
    const loads: LoadRecord[] = [];
    const unchecked: string[] = [];
    const problems: string[] = [];
    const expectedErrors: RegExp[] = [];
    // Every document the page opens gets axe before its own scripts run, for checkA11y. An init script
    // is the browser's, not the page's, so the pages' Content-Security-Policy does not apply to it.
    await page.addInitScript({ path: AXE_SOURCE });
    loadsByPage.set(page, loads);
    expectedErrorsByPage.set(page, expectedErrors);
    page.on("load", () => {
      const previous = loads.at(-1);
      if (previous && !previous.checked) unchecked.push(previous.url);
      loads.push({ url: page.url(), checked: false });
    });
    page.on("pageerror", (error) => problems.push(`page error on ${page.url()}: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() !== "error") return;
      // Chromium logs every 4xx document as "Failed to load resource"; the tests assert statuses themselves.
      const location = message.location().url;
      if (message.text().startsWith("Failed to load resource") && location === page.url()) return;
      if (expectedErrors.some((pattern) => pattern.test(message.text()))) return;
      problems.push(`console error on ${page.url()}: ${message.text()}`);
    });

    await use(page);

    const last = loads.at(-1);
    if (last && !last.checked) unchecked.push(last.url);
    if (testInfo.status !== testInfo.expectedStatus) return; // the test already failed: don't pile on
    expect(problems, "script or console errors (a CSP violation is one)").toEqual([]);
    expect(unchecked, "pages loaded without an accessibility check (call checkA11y, or use visit/submitForm)").toEqual([]);
  },
});
