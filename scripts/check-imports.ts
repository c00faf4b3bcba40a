/**
 * The import rules of the layout (ARCHITECTURE.md "Import rules"), checked on every `npm test`:
 *
 * - FEATURE-FACE: code outside a feature reaches it only through its public face, `index.ts`, or,
 *   from pure code, `domain/index.ts` (its pure rules and types).
 * - DOMAIN-PURE: a feature's `domain/` imports no I/O: only other domain code, the platform's pure
 *   modules and pure packages.
 * - PLATFORM-BELOW: `src/platform/` imports no feature and not the composition root, except the
 *   two modules in PLATFORM_NAMES_TABLES, which may import features' `schema.ts`.
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
/**
 * The two places the platform names features' tables, on purpose. Each imports only `schema.ts` files
 * (table declarations, which import nothing with behaviour), so no cycle and no feature logic comes in.
 */
const PLATFORM_NAMES_TABLES: Record<string, string> = {
  // Tenancy in one table (issue 17): every organisation-owned table's ownership rule, side by side,
  // and a test that fails when a table naming an organisation has none.
  "src/platform/db/scope.ts": "the one table of ownership rules",
  // Key rotation re-seals every sealed column in one transaction: it must know them all.
  "src/platform/crypto/secrets-at-rest.ts": "the columns sealed with the secret key",
};
const isSchema = (file: string) => /^src\/features\/[^/]+\/schema\.ts$/.test(file);

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

function resolveLocal(from: string, spec: string, known: ReadonlySet<string>): string {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  return [base, `${base}.ts`, `${base}/index.ts`].find((candidate) => known.has(candidate)) ?? base;
}

const featureOf = (file: string) => /^src\/features\/([^/]+)\//.exec(file)?.[1];
const isDomain = (file: string) => /^src\/features\/[^/]+\/domain\//.test(file);
const isFace = (file: string) => /^src\/features\/[^/]+\/(index|domain\/index)\.ts$/.test(file);
const isComposition = (file: string) => /^src\/(app|cli|demo)\//.test(file) || file === "src/server.ts";

export function check(files: string[], read: (file: string) => string): Violation[] {
  const violations: Violation[] = [];
  const known = new Set(files);
  for (const file of files) {
    for (const spec of specifiers(read(file))) {
      const local = spec.startsWith(".");
      const target = local ? resolveLocal(file, spec, known) : spec;
      const add = (rule: Violation["rule"]) => violations.push({ rule, file, imports: local ? target : spec });
      if (!local) {
        if (isDomain(file) && !PURE_PACKAGES.some((p) => spec === p || spec.startsWith(`${p}/`))) add("DOMAIN-PURE");
        continue;
      }
      const from = featureOf(file);
      const to = featureOf(target);
      const namesTables = file in PLATFORM_NAMES_TABLES && isSchema(target);
      if (file.startsWith("src/platform/") && !target.startsWith("src/platform/") && !namesTables) add("PLATFORM-BELOW");
      if (from && isComposition(target)) add("FEATURE-BELOW-APP");
      if (to && to !== from && !isFace(target) && !namesTables) add("FEATURE-FACE");
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

/**
 * Imports that broke the rules when they were first checked (issue 17), still to be routed through
 * the features' faces. A ratchet: a new violation fails the check, and so does a listed one that has
 * gone (run with --write-baseline to shrink the list), so the file always says what is left.
 */
const BASELINE = "scripts/import-baseline.json";
const describe = (v: Violation) => `${v.rule} ${v.file} -> ${v.imports}`;

if (process.argv[1]?.endsWith("check-imports.ts")) {
  const found = [...new Set(check(sourceFiles("src"), (file) => fs.readFileSync(file, "utf8")).map(describe))].sort();
  if (process.argv.includes("--write-baseline")) {
    fs.writeFileSync(BASELINE, `${JSON.stringify(found, null, 2)}\n`);
    console.log(`${BASELINE}: ${found.length} known violations recorded.`);
    process.exit(0);
  }
  const baseline = new Set<string>(JSON.parse(fs.readFileSync(BASELINE, "utf8")));
  const added = found.filter((v) => !baseline.has(v));
  const fixed = [...baseline].filter((v) => !found.includes(v));
  for (const v of added) console.error(`new: ${v}`);
  for (const v of fixed) console.error(`fixed, remove from ${BASELINE}: ${v}`);
  if (added.length || fixed.length) {
    console.error(
      `\n${added.length} new import(s) break the layout's rules (see the top of scripts/check-imports.ts); ${fixed.length} listed as known are gone.`,
    );
    process.exit(1);
  }
  console.log(`Import rules: no new violation (${baseline.size} known, listed in ${BASELINE}, left to route through feature faces).`);
}
