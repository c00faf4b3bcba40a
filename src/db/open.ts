import path from "node:path";
import type { Config } from "../config";
import { type Database, migrateDatabase, openDatabase } from "./client";
import { lockDataDir } from "./data-dir-lock";

/**
 * Opens the configured database: Postgres when DATABASE_URL is set, otherwise the embedded
 * PGlite in the data folder, locked for this process. Migrations are applied before use.
 */
export async function openConfiguredDatabase(config: Config): Promise<Database> {
  if (config.databaseUrl) {
    const database = await openDatabase({ url: config.databaseUrl, timeouts: config.databaseTimeouts });
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
