import path from "node:path";
import type { Config } from "../config";
import { type Database, migrateDatabase, openDatabase } from "./client";
import { lockDataDir } from "./data-dir-lock";

/**
 * Opens the configured database: Postgres when DATABASE_URL is set, otherwise the embedded
 * PGlite in the data folder, locked for this process. Migrations are applied before use.
 * `serving`: for the web server, whose requests must not wait on the database for longer than
 * config.databaseTimeouts allow; the batch commands (verify-audit, seed-synthetic) may rightly run
 * one statement for minutes, so they wait as long as it takes.
 */
export async function openConfiguredDatabase(config: Config, { serving = false } = {}): Promise<Database> {
  if (config.databaseUrl) {
    const database = await openDatabase({ url: config.databaseUrl, ...(serving ? { timeouts: config.databaseTimeouts } : {}) });
    await migrateDatabase(database);
    return database;
  }
  const release = lockDataDir(config.dataDir);
  try {
    const database = await openDatabase({ pgliteDir: path.join(config.dataDir, "pglite") });
    await migrateDatabase(database);
    return {
      ...database,
      close: async () => {
        try {
          await database.close();
        } finally {
          release();
        }
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
