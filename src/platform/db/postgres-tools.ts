import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

/**
 * Folders that may hold PostgreSQL's command-line tools, most specific first: PG_BIN, what
 * `pg_config` reports, every folder on PATH, then Debian's versioned folders, newest first (a
 * newer pg_dump can read an older server; an older one cannot read a newer server).
 */
export function postgresBinCandidates(): string[] {
  const candidates = [process.env.PG_BIN ?? ""];
  try {
    candidates.push(execFileSync("pg_config", ["--bindir"], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim());
  } catch {}
  candidates.push(...(process.env.PATH ?? "").split(path.delimiter));
  const debian = "/usr/lib/postgresql";
  if (fs.existsSync(debian)) {
    const versions = fs.readdirSync(debian).filter((v) => /^\d+$/.test(v));
    candidates.push(...versions.sort((a, b) => Number(b) - Number(a)).map((v) => path.join(debian, v, "bin")));
  }
  return candidates.filter((dir) => dir !== "");
}

/** The first candidate folder holding every one of `tools`. */
export function findPostgresBinDir(tools: string[]): string | undefined {
  return postgresBinCandidates().find((dir) => tools.every((tool) => fs.existsSync(path.join(dir, tool))));
}

/** The major version a PostgreSQL tool reports, e.g. 15 for "pg_dump (PostgreSQL) 15.18 (Debian …)". */
export function toolMajorVersion(toolPath: string): number {
  const output = execFileSync(toolPath, ["--version"], { encoding: "utf8" });
  const match = /\(PostgreSQL\)\s+(\d+)/.exec(output);
  if (!match) throw new Error(`could not read the version of ${toolPath} from "${output.trim()}"`);
  return Number(match[1]);
}

/**
 * A connection string split for a libpq tool: the address (without the password) for `--dbname`,
 * and the password in PGPASSWORD, so it never appears in the process list.
 */
export function libpqConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = "";
  return { dbname: parsed.toString(), env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) } };
}
