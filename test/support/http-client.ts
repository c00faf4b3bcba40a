import type { App } from "../../src/app/build-app";

/**
 * A minimal browser over fastify.inject: keeps cookies, and reads the CSRF token from the last
 * page it loaded, as a person's browser would submit it.
 */
export class TestClient {
  readonly cookies = new Map<string, string>();
  csrfToken: string | undefined;

  /** `headers` go with every request: an `X-Forwarded-For` says which client this is behind a trusted proxy. */
  constructor(
    private readonly app: App,
    private readonly headers: Record<string, string> = {},
  ) {}

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  private remember(response: Awaited<ReturnType<App["inject"]>>) {
    for (const c of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now());
      if (expired || c.value === "") this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const token = /name="_csrf" value="([^"]+)"/.exec(response.body)?.[1];
    if (token) this.csrfToken = token;
    return response;
  }

  async get(url: string, headers: Record<string, string> = {}) {
    return this.remember(
      await this.app.inject({ method: "GET", url, headers: { ...this.headers, cookie: this.cookieHeader(), ...headers } }),
    );
  }

  /** Submits a form like a browser: urlencoded, with the page's CSRF token unless told otherwise. */
  async post(url: string, form: Record<string, string | string[]>, { csrf = true, headers = {} as Record<string, string> } = {}) {
    const body = new URLSearchParams();
    if (csrf && this.csrfToken) body.append("_csrf", this.csrfToken);
    for (const [k, v] of Object.entries(form)) for (const item of [v].flat()) body.append(k, item);
    return this.remember(
      await this.app.inject({
        method: "POST",
        url,
        headers: { ...this.headers, cookie: this.cookieHeader(), "content-type": "application/x-www-form-urlencoded", ...headers },
        payload: body.toString(),
      }),
    );
  }

  /** JSON API call with the session cookie and the CSRF header, as a same-origin script would. */
  async api(method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE", url: string, json?: unknown, headers: Record<string, string> = {}) {
    return this.remember(
      await this.app.inject({
        method,
        url,
        headers: {
          ...this.headers,
          cookie: this.cookieHeader(),
          ...(this.csrfToken ? { "x-csrf-token": this.csrfToken } : {}),
          ...(json !== undefined ? { "content-type": "application/json" } : {}),
          ...headers,
        },
        payload: json === undefined ? undefined : JSON.stringify(json),
      }),
    );
  }

  async signIn(email: string, password: string) {
    await this.get("/sign-in");
    return this.post("/sign-in", { email, password });
  }
}
