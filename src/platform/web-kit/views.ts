import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import nunjucks, { type Environment } from "nunjucks";
import { ROLE_LABELS } from "../auth/roles";
import { ukDate, ukDateTime } from "../dates/calendar";

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));

/** Where the installed design-system packages live; assets are served from them, not a CDN. */
export const packageDir = (name: string) => path.dirname(require.resolve(`${name}/package.json`));

/** The web kit's own stylesheet and scripts, served under /static/ with the design systems' files. */
export const publicDir = path.join(here, "public");

/**
 * Where pages load stylesheets and scripts from: a path named by what is served there (the design
 * systems' versions and our own files' contents). A browser may then keep them for good, so a page
 * load asks the server for nothing it already has, and a new release is a new path it fetches at once.
 */
export const STATIC_PREFIX = `/static/${staticVersion()}/`;

function staticVersion(): string {
  const hash = createHash("sha256");
  for (const name of ["govuk-frontend", "@ministryofjustice/frontend"]) {
    hash.update(`${name}@${require(`${name}/package.json`).version}\n`);
  }
  for (const file of fs.readdirSync(publicDir).sort()) hash.update(file).update(fs.readFileSync(path.join(publicDir, file)));
  return hash.digest("hex").slice(0, 12);
}

/**
 * Template search paths. A feature keeps its pages' templates in `src/features/<feature>/web/views/<name>/`,
 * found by that convention rather than an import, so the platform never depends on a feature; the inner
 * folder namespaces template names ("agreements/show") so two features never shadow each other.
 */
const src = path.resolve(here, "../..");
const featureViewDirs = fs
  .readdirSync(path.join(src, "features"))
  .map((feature) => path.join(src, "features", feature, "web/views"))
  .filter((dir) => fs.existsSync(dir))
  .sort();

export const viewDirs = [
  path.join(here, "views"),
  path.join(src, "app/views"),
  ...featureViewDirs,
  path.join(packageDir("govuk-frontend"), "dist"),
  path.join(packageDir("@ministryofjustice/frontend")),
];

interface TableCell {
  text?: string;
  html?: string;
  classes?: string;
  attributes?: Record<string, string>;
}
interface TableParams {
  head?: (TableCell | null | undefined)[];
  rows?: (TableCell | null | undefined)[][];
  classes?: string;
  [other: string]: unknown;
}

/** A heading's words for a cell's label: its text, or its HTML without the tags. */
const headingText = (cell: TableCell | null | undefined) => (cell?.text ?? cell?.html?.replace(/<[^>]*>/g, "") ?? "").trim();

/**
 * A GOV.UK table's parameters made stackable (`_table.njk`): each cell labelled with its column's
 * heading, and the class safeshare.css stacks on narrow screens. A table without headings is left as it is.
 */
function stackedTable(params: TableParams): TableParams {
  const head = params.head ?? [];
  if (!head.length) return params;
  return {
    ...params,
    classes: [params.classes, "app-table--stacked"].filter(Boolean).join(" "),
    rows: (params.rows ?? []).map((row) =>
      row.map((cell, i) => {
        const label = headingText(head[i]);
        return cell && label ? { ...cell, attributes: { ...cell.attributes, "data-label": label } } : cell;
      }),
    ),
  };
}

/** The web kit's filters for every template: GOV.UK dates, role labels, a linear-time trim, stacked tables. */
export function configureWebKit(env: Environment): void {
  // The built-in trim is `replace(/^\s*|\s*$/g, "")`, which is quadratic in runs of whitespace; the
  // design system trims every component's HTML, so on a long page it was a quarter of the server's
  // time. String#trim strips the same characters in one pass; safe (already escaped) HTML stays safe.
  env.addFilter("trim", (value: unknown) => {
    const trimmed = String(value ?? "").trim();
    return value instanceof nunjucks.runtime.SafeString ? new nunjucks.runtime.SafeString(trimmed) : trimmed;
  });
  env.addFilter("govukDate", (value: Date | string | null) => ukDate(value, ""));
  env.addFilter("govukDateTime", (value: Date | string | null) => (value ? ukDateTime(value) : ""));
  env.addFilter("roleLabel", (role: keyof typeof ROLE_LABELS) => ROLE_LABELS[role] ?? role);
  env.addFilter("stackedTable", stackedTable);
  env.addGlobal("ROLE_LABELS", ROLE_LABELS);
  env.addGlobal("staticPrefix", STATIC_PREFIX);
}

declare module "fastify" {
  interface FastifyReply {
    /** Merged by @fastify/view into every template's context. */
    locals: Record<string, unknown>;
  }
}
