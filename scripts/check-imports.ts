/**
 * The import rules of the layout (ARCHITECTURE.md "Import rules"), checked on every `npm test`:
 *
 * - FEATURE-FACE: code outside a feature reaches it only through its public faces: `index.ts` (what
 *   others may call), `domain/index.ts` (its pure rules and types, for pure code), `schema.ts` (its
 *   tables, for joins) and `domain/messages.ts` (its words, for pages and the chronology).
 * - FACE-LEAF: the table and catalogue faces load nothing with I/O: a `schema.ts` imports only the
 *   platform, tables and pure rules (its enums' values), a `domain/messages.ts` only the platform's
 *   messages (and types), so reading a feature's tables or words never loads its services.
 * - FACE-CYCLE: no two features import each other at run time, through their faces or their pure
 *   rules. A face re-exports many modules; were two faces to import each other, whichever loaded
 *   second would see the first half-initialised ("Cannot access X before initialization").
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
  rule: "FEATURE-FACE" | "FACE-LEAF" | "FACE-CYCLE" | "DOMAIN-PURE" | "PLATFORM-BELOW" | "FEATURE-BELOW-APP";
  file: string;
  imports: string;
}

const IMPORT = /(?:^|[\s;}])(?:import|export)\s(?:([^"';]*?)\sfrom\s*)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;

interface Specifier {
  spec: string;
  /** Erased at run time: `import type …`, or braces naming only types. */
  typeOnly: boolean;
}

function specifiers(text: string): Specifier[] {
  return [...text.matchAll(IMPORT)].flatMap((m) => {
    const spec = m[2] ?? m[3];
    if (!spec) return [];
    const clause = (m[1] ?? "").trim();
    const names = /^\{([^}]*)\}$/
      .exec(clause)?.[1]
      ?.split(",")
      .map((n) => n.trim())
      .filter(Boolean);
    const typeOnly = clause.startsWith("type ") || Boolean(names?.length && names.every((n) => n.startsWith("type ")));
    return [{ spec, typeOnly }];
  });
}

function resolveLocal(from: string, spec: string, known: ReadonlySet<string>): string {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec));
  return [base, `${base}.ts`, `${base}/index.ts`].find((candidate) => known.has(candidate)) ?? base;
}

const featureOf = (file: string) => /^src\/features\/([^/]+)\//.exec(file)?.[1];
const isDomain = (file: string) => /^src\/features\/[^/]+\/domain\//.test(file);
const isCatalogue = (file: string) => /^src\/features\/[^/]+\/domain\/messages\.ts$/.test(file);
const isDomainFace = (file: string) => /^src\/features\/[^/]+\/domain\/(index|messages)\.ts$/.test(file);
const isFace = (file: string) => /^src\/features\/[^/]+\/(index|domain\/index|schema|domain\/messages)\.ts$/.test(file);
const isComposition = (file: string) => /^src\/(app|cli|demo)\//.test(file) || file === "src/server.ts";

export function check(files: string[], read: (file: string) => string): Violation[] {
  const violations: Violation[] = [];
  const known = new Set(files);
  // Run-time imports between features: through what others call, and between their pure rules.
  const calls = new Map<string, Set<string>>();
  const rules = new Map<string, Set<string>>();
  for (const file of files) {
    for (const { spec, typeOnly } of specifiers(read(file))) {
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
      if (isSchema(file) && !target.startsWith("src/platform/") && !isSchema(target) && !isDomain(target)) add("FACE-LEAF");
      if (isCatalogue(file) && !typeOnly && target !== "src/platform/messages.ts") add("FACE-LEAF");
      if (isDomain(file)) {
        const pure =
          (to === from && isDomain(target)) ||
          (to !== from && isDomainFace(target)) ||
          PLATFORM_PURE.some((p) => (p.endsWith("/") ? target.startsWith(p) : target === p));
        if (!pure) add("DOMAIN-PURE");
      }
      if (from && to && to !== from && !typeOnly && !isSchema(target) && !isCatalogue(target)) {
        const graph = isDomain(target) ? (isDomain(file) ? rules : undefined) : calls;
        if (graph) (graph.get(from) ?? graph.set(from, new Set()).get(from))?.add(to);
      }
    }
  }
  for (const cycle of [...cyclesOf(calls), ...cyclesOf(rules)]) {
    violations.push({ rule: "FACE-CYCLE", file: cycle.join(" -> "), imports: cycle[0] ?? "" });
  }
  return violations;
}

/** Each set of features that import one another (a strongly connected component), as a path back to its first. */
function cyclesOf(graph: Map<string, Set<string>>): string[][] {
  const cycles: string[][] = [];
  const seen = new Set<string>();
  for (const start of [...graph.keys()].sort()) {
    if (seen.has(start)) continue;
    const reach = (from: string, acc = new Set<string>()): Set<string> => {
      for (const next of graph.get(from) ?? []) if (!acc.has(next)) reach(next, acc.add(next));
      return acc;
    };
    const component = [...reach(start)].filter((f) => f === start || reach(f).has(start)).sort();
    if (!component.includes(start)) continue;
    for (const f of component) seen.add(f);
    if (component.length > 1 || graph.get(start)?.has(start)) cycles.push(component);
  }
  return cycles;
}

function sourceFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((f) => /\.(ts|mts)$/.test(f))
    .map((f) => path.posix.join(dir, f.split(path.sep).join("/")))
    .sort();
}

if (process.argv[1]?.endsWith("check-imports.ts")) {
  const found = [
    ...new Set(check(sourceFiles("src"), (file) => fs.readFileSync(file, "utf8")).map((v) => `${v.rule} ${v.file} -> ${v.imports}`)),
  ];
  for (const v of found.sort()) console.error(v);
  if (found.length) {
    console.error(
      `\n${found.length} import(s) break the layout's rules (see the top of scripts/check-imports.ts and ARCHITECTURE.md "Import rules").`,
    );
    process.exit(1);
  }
  console.log("Import rules: every feature is reached through its faces, domain code is pure, the platform is below, no cycles.");
}
