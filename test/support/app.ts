import type { Database } from "../../src/db/client";
import { type App, buildApp } from "../../src/http/app";
import { TestClient } from "./http-client";

export async function testApp(database: Database, options: { signInRateLimit?: number } = {}): Promise<App> {
  const app = await buildApp({
    database,
    session: { idleMinutes: 30, absoluteHours: 12 },
    signInRateLimit: options.signInRateLimit ?? 1000,
  });
  await app.ready();
  return app;
}

export const client = (app: App) => new TestClient(app);
