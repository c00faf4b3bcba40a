import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { ConfigError } from "../config";

/**
 * Folders that may hold PostgreSQL's command-line tools, most specific first: PG_BIN, what
 * `pg_config` reports, every folder on PATH, then Debian's versioned folders, newest first (a
 * newer pg_dump can read an older server; an older one cannot read a newer server).
 */
function postgresBinCandidates(): string[] {
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
function toolMajorVersion(toolPath: string): number {
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

/** The PostgreSQL tool, refused unless it is at least the server's major version (older ones cannot read a newer server). */
export function postgresTool(tool: "pg_dump" | "pg_restore", serverMajor: number): string {
  const dir = findPostgresBinDir([tool]);
  if (!dir) {
    throw new ConfigError(
      `${tool} was not found on PATH or in /usr/lib/postgresql/*/bin: install the PostgreSQL client tools, or set PG_BIN to their folder.`,
    );
  }
  const toolPath = path.join(dir, tool);
  const major = toolMajorVersion(toolPath);
  if (major < serverMajor) {
    throw new ConfigError(
      `${toolPath} is PostgreSQL ${major} but the server is PostgreSQL ${serverMajor}: install client tools of version ${serverMajor} or later, or set PG_BIN to their folder.`,
    );
  }
  return toolPath;
}

/** Runs a PostgreSQL tool to completion; its standard error becomes the error message if it fails. */
export function runTool(toolPath: string, args: string[], env: NodeJS.ProcessEnv, stdout: number | "ignore" = "ignore"): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(toolPath, args, { env, stdio: ["ignore", stdout, "pipe"] });
    let stderr = "";
    child.stderr!.on("data", (chunk) => (stderr += chunk));
    child.once("error", reject);
    child.once("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(toolPath)} failed (exit ${code}): ${stderr.trim()}`)),
    );
  });
}
