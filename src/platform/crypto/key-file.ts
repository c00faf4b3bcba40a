import fs from "node:fs";
import path from "node:path";

/**
 * Reads a key kept in a file in the data folder, creating it on first use with `create()`: the file
 * is created exclusively with mode 0600 (readable by the service's user only), so two processes
 * starting at once end up with the same key and nobody else can read it.
 */
export function readOrCreateKeyFile(file: string, create: () => string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  try {
    fs.writeFileSync(file, create(), { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return fs.readFileSync(file, "utf8");
}
