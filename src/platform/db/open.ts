import path from "node:path";
import type { Config } from "../config";
import { sealSecretsAtRest } from "../crypto/secrets-at-rest";
import { type Database, migrateDatabase, openDatabase } from "./client";
import { lockDataDir } from "./data-dir-lock";
import { grantToApplication } from "./least-privilege";
import { configuredSecretKeys } from "./secret-keys";

/**
 * Opens the configured database: Postgres when DATABASE_URL is set, otherwise the embedded
 * PGlite in the data folder, locked for this process. Migrations are applied before use, then
 * any secret not yet sealed under the current key is sealed (sealSecretsAtRest).
 * `serving`: for the web server, whose requests must not wait on the database for longer than
 * config.databaseTimeouts allow; the batch commands (verify-audit, seed-synthetic) may rightly run
 * one statement for minutes, so they wait as long as it takes.
 */
export async function openConfiguredDatabase(config: Config, { serving = false } = {}): Promise<Database> {
  const { keyring: secretKeys, keyFile } = configuredSecretKeys(config);
  if (config.databaseUrl) {
    if (keyFile) {
      console.warn(
        `safeshare: SAFESHARE_SECRET_KEY is not set, so secrets in PostgreSQL are sealed with the key file ${keyFile}; every node needs the same key, so set SAFESHARE_SECRET_KEY in production`,
      );
    }
    const target = { url: config.databaseUrl, ...(serving ? { timeouts: config.databaseTimeouts } : {}) };
    const database = await openDatabase(target, { secretKeys });
    try {
      await migratePostgres(config, database);
      await sealSecretsAtRest(database);
    } catch (error) {
      await database.close();
      throw error;
    }
    return database;
  }
  const release = lockDataDir(config.dataDir);
  try {
    const database = await openDatabase({ pgliteDir: path.join(config.dataDir, "pglite") }, { secretKeys });
    await migrateDatabase(database);
    await sealSecretsAtRest(database);
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

/**
 * Least privilege (src/platform/db/least-privilege.ts): with SAFESHARE_MIGRATION_DATABASE_URL the migrations
 * run as that role, which then grants the application's role (DATABASE_URL) its rights, both under
 * the start-up lock so that nodes starting together take turns.
 */
async function migratePostgres(config: Config, database: Database): Promise<void> {
  if (!config.migrationDatabaseUrl) return migrateDatabase(database);
  const [{ role }] = (await database.query<{ role: string }>("SELECT current_user AS role")) as [{ role: string }];
  const owner = await openDatabase({ url: config.migrationDatabaseUrl });
  try {
    await migrateDatabase(owner, (db) => grantToApplication(db, role));
  } finally {
    await owner.close();
  }
}
