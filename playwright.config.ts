import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

/**
 * Browser suite: Debian chromium (never `playwright install`) against the real app on a fresh
 * embedded database. One server, one worker: the demo accounts' lockout and MFA state is shared,
 * so each test signs in as a different demo account.
 */
const PORT = Number(process.env.SAFESHARE_E2E_PORT ?? 3107);
const BASE_URL = `http://127.0.0.1:${PORT}`;

// Playwright loads this file in the runner and again in each worker; workers inherit the runner's
// environment, so the data directory is created once and shared.
if (!process.env.SAFESHARE_E2E_DATA_DIR) {
  process.env.SAFESHARE_E2E_DATA_DIR = fs.mkdtempSync(path.join(os.tmpdir(), "safeshare-e2e-"));
  const dataDir = process.env.SAFESHARE_E2E_DATA_DIR;
  // The runner outlives the web server it started: remove the throwaway database when it exits.
  process.on("exit", () => fs.rmSync(dataDir, { recursive: true, force: true }));
}
const dataDir = process.env.SAFESHARE_E2E_DATA_DIR;

export default defineConfig({
  testDir: "test/e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: "list",
  // Generous: argon2 hashing and axe on every page are CPU-bound, and CI machines are shared.
  timeout: 120_000,
  expect: { timeout: 15_000 },
  use: {
    baseURL: BASE_URL,
    browserName: "chromium",
    javaScriptEnabled: true,
    // Off: recording a trace (a screenshot stream and a DOM snapshot at each step) took 40% of the
    // suite's time (records.spec 72 s against 43 s), and CI keeps only what the run prints. To see a
    // failure step by step, run that spec again with `--trace on`.
    trace: "off",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: "node bin/safeshare.js start",
    url: `${BASE_URL}/api/v1/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      SAFESHARE_DATA_DIR: dataDir,
      PORT: String(PORT),
      HOST: "127.0.0.1",
      LOG_LEVEL: "warn",
      // Every test signs in from 127.0.0.1; the limiter itself is covered by test/db/sign-in/sign-in.test.ts.
      SAFESHARE_SIGN_IN_RATE_LIMIT: "1000",
    },
  },
});
