import { type App, type AppOptions, buildApp } from "../../src/app/build-app";
import type { Database } from "../../src/platform/db/client";
import { TestClient } from "./http-client";

/** The public base URL the test app is configured with: documents it serves must name this, never a request's Host. */
export const TEST_PUBLIC_URL = "https://safeshare.westshire.test";

export async function testApp(
  database: Database,
  options: {
    signInRateLimit?: number;
    trustProxy?: AppOptions["trustProxy"];
    serverTiming?: boolean;
    sendsEmail?: boolean;
    allowLocalWebhooks?: boolean;
  } = {},
): Promise<App> {
  const app = await buildApp({
    database,
    session: { idleMinutes: 30, absoluteHours: 12 },
    publicUrl: TEST_PUBLIC_URL,
    signInRateLimit: options.signInRateLimit ?? 1000,
    trustProxy: options.trustProxy,
    serverTiming: options.serverTiming,
    sendsEmail: options.sendsEmail,
    allowLocalWebhooks: options.allowLocalWebhooks,
  });
  await app.ready();
  return app;
}

export const client = (app: App) => new TestClient(app);
