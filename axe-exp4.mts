import { chromium } from "@playwright/test";
import fs from "node:fs";
const src = fs.readFileSync("node_modules/axe-core/axe.min.js", "utf8");
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--headless=new","--no-sandbox","--disable-gpu"] });
const page = await browser.newPage();
await page.addInitScript({ content: src });
await page.goto("http://127.0.0.1:3298/sign-in");
await page.getByLabel("Email address").fill("tomasz.wojcik@northbrook.example");
await page.getByLabel("Password").fill("amber kettle orchard lantern");
await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: "Sign in", exact: true }).click()]);
console.log(page.url());
const TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
await page.goto("http://127.0.0.1:3298/subjects");
const link = await page.locator("main a[href^='/subjects/']").first().getAttribute("href");
for (const url of ["/", "/subjects", link!, "/share"]) {
  await page.goto("http://127.0.0.1:3298" + url);
  const el = await page.evaluate(() => document.querySelectorAll("*").length);
  const times: number[] = [];
  for (let i = 0; i < 3; i++) { const t = performance.now(); await page.evaluate((tags) => (window as any).axe.run(document, { runOnly: { type: "tag", values: tags } }), TAGS); times.push(Math.round(performance.now() - t)); }
  const rules: string[] = await page.evaluate((tags) => (window as any).axe.getRules(tags).map((r: any) => r.ruleId), TAGS);
  const per: [string, number][] = [];
  for (const r of rules) { const t = performance.now(); await page.evaluate((r) => (window as any).axe.run(document, { runOnly: { type: "rule", values: [r] } }), r); per.push([r, Math.round(performance.now() - t)]); }
  per.sort((a, b) => b[1] - a[1]);
  console.log(url, "elements", el, "full", times.join(" "), "top", JSON.stringify(per.slice(0, 6)), "sum", per.reduce((a, b) => a + b[1], 0));
}
await browser.close();
