import type { App } from "../../src/app/build-app";

export interface RegisteredRoute {
  method: string;
  url: string;
}

/**
 * Every route the app has registered, read from fastify's printed route tree (each line a path
 * segment under its parent, with its methods), so a test can cover routes added after it was written.
 */
export function registeredRoutes(app: App): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  const stack: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split("\n")) {
    const m = /^((?:│ {3}| {4})*)[├└]── (.+?)(?: \(([^)]*)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack[depth] = (depth ? (stack[depth - 1] ?? "") : "") + m[2];
    stack.length = depth + 1;
    for (const method of (m[3] ?? "").split(",").map((s) => s.trim())) {
      if (method) routes.push({ method, url: stack[depth]! });
    }
  }
  return routes;
}
