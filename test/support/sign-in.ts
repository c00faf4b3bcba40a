import type { App } from "../../src/app/build-app";
import { createSession } from "../../src/features/sign-in/services/sessions";
import type { Db } from "../../src/platform/db/client";
import { TestClient } from "./http-client";

/**
 * A client already past sign-in (both factors), for tests about what happens after it. The
 * sign-in journey itself is tested in sign-in.test.ts and the browser suite.
 */
export async function signedInAs(app: App, db: Db, who: { user: { id: string } }): Promise<TestClient> {
  const browser = new TestClient(app);
  browser.cookies.set("safeshare_session", await createSession(db, who.user.id, true));
  await browser.get("/"); // picks up a CSRF token, as a page load would
  return browser;
}
