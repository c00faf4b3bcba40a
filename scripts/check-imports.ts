/**
 * The import rules of the layout (ARCHITECTURE.md "Import rules"), checked on every `npm test`:
 *
 * - FEATURE-FACE: code outside a feature reaches it only through its public face, `index.ts`, or,
 *   from pure code, `domain/index.ts` (its pure rules and types).
 * - DOMAIN-PURE: a feature's `domain/` imports no I/O: only other domain code, the platform's pure
 *   modules and pure packages.
 * - PLATFORM-BELOW: `src/platform/` imports no feature and not the composition root.
 * - FEATURE-BELOW-APP: a feature imports neither the composition root (`src/app`, `src/server.ts`,
 *   `src/cli`) nor the demo data.
 *
 * Exits 1 and names each offending import. `node --import tsx scripts/check-imports.ts`.
 */
import fs from "node:fs";
import path from "node:path";

/** Platform modules without I/O, which pure domain code may use. */
const PLATFORM_PURE = [
  "src/platform/auth/actor.ts",
  "src/platform/auth/roles.ts",
  "src/platform/dates/",
  "src/platform/errors.ts",
  "src/platform/messages.ts",
  "src/platform/rules.ts",
  "src/platform/text.ts",
];
/** Packages that compute without I/O. */
const PURE_PACKAGES = ["zod", "date-fns", "date-holidays"];

export interface Violation {
  rule: "FEATURE-FACE" | "DOMAIN-PURE" | "PLATFORM-BELOW" | "FEATURE-BELOW-APP";
  file: string;
  imports: string;
}

const IMPORT = /(?:^|[\s;}])(?:import|export)\s(?:[^"';]*?\sfrom\s*)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

function specifiers(text: string): string[] {
  return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2]).filter((s): s is string => Boolean(s));
}

function resolveLocal(from: string, spec: string): string {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  for (const candidate of [base, `${base}.ts`, `${base}/index.ts`]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return base;
}

const featureOf = (file: string) => /^src\/features\/([^/]+)\//.exec(file)?.[1];
const isDomain = (file: string) => /^src\/features\/[^/]+\/domain\//.test(file);
const isFace = (file: string) => /^src\/features\/[^/]+\/(index|domain\/index)\.ts$/.test(file);
const isComposition = (file: string) => /^src\/(app|cli|demo)\//.test(file) || file === "src/server.ts";

export function check(files: string[], read: (file: string) => string): Violation[] {
  const violations: Violation[] = [];
  for (const file of files) {
    for (const spec of specifiers(read(file))) {
      const local = spec.startsWith(".");
      const target = local ? resolveLocal(file, spec) : spec;
      const add = (rule: Violation["rule"]) => violations.push({ rule, file, imports: local ? target : spec });
      if (!local) {
        if (isDomain(file) && !PURE_PACKAGES.some((p) => spec === p || spec.startsWith(`${p}/`))) add("DOMAIN-PURE");
        continue;
      }
      const from = featureOf(file);
      const to = featureOf(target);
      if (file.startsWith("src/platform/") && !target.startsWith("src/platform/")) add("PLATFORM-BELOW");
      if (from && isComposition(target)) add("FEATURE-BELOW-APP");
      if (to && to !== from && !isFace(target)) add("FEATURE-FACE");
      if (isDomain(file)) {
        const pure =
          (to === from && isDomain(target)) ||
          (to !== from && /^src\/features\/[^/]+\/domain\/index\.ts$/.test(target)) ||
          PLATFORM_PURE.some((p) => (p.endsWith("/") ? target.startsWith(p) : target === p));
        if (!pure) add("DOMAIN-PURE");
      }
    }
  }
  return violations;
}

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => /\.(ts|mts)$/.test(f))
    .map((f) => path.posix.join(dir, f.split(path.sep).join("/")))
    .sort();
}

if (process.argv[1]?.endsWith("check-imports.ts")) {
  const violations = check(sourceFiles("src"), (file) => fs.readFileSync(file, "utf8"));
  for (const v of violations) console.error(`${v.rule}: ${v.file} imports ${v.imports}`);
  if (violations.length) {
    console.error(`\n${violations.length} import(s) break the layout's rules (see the top of scripts/check-imports.ts).`);
    process.exit(1);
  }
  console.log("Import rules: every import keeps to the layout.");
}
