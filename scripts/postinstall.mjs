/**
 * After `npm ci` / `npm install`: installs tools/partner-client, the tools the partner-client test
 * generates a typed client and lints the OpenAPI document with (openapi-typescript and @redocly/cli
 * need TypeScript 5, and the project is on TypeScript 7, so they cannot share one node_modules).
 * Skipped for a production install (`--omit=dev`), which runs no tests.
 */
import { spawnSync } from "node:child_process";

if ((process.env.npm_config_omit ?? "").includes("dev") || process.env.NODE_ENV === "production") process.exit(0);
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const result = spawnSync(npm, ["ci", "--prefix", "tools/partner-client", "--no-audit", "--no-fund"], { stdio: "inherit" });
process.exit(result.status ?? 1);
