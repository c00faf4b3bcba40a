import path from "node:path";
import type { Config } from "../config";
import { sealSecretsAtRest } from "../services/secrets-at-rest";
import { type Database, migrateDatabase, openDatabase } from "./client";
import { lockDataDir } from "./data-dir-lock";
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
 * Least privilege: with SAFESHARE_MIGRATION_DATABASE_URL the tables are created and owned by that
 * role, and the application's role (DATABASE_URL) is granted only reading and writing rows. Not
 * owning audit_event, it cannot disable the append-only triggers, and it has no UPDATE, DELETE or
 * TRUNCATE on the log at all.
 */
async function migratePostgres(config: Config, database: Database): Promise<void> {
  if (!config.migrationDatabaseUrl) return migrateDatabase(database);
  const owner = await openDatabase({ url: config.migrationDatabaseUrl });
  try {
    await migrateDatabase(owner);
    const [{ role }] = (await database.query<{ role: string }>("SELECT current_user AS role")) as [{ role: string }];
    const [{ owns }] = (await owner.query<{ owns: boolean }>("SELECT current_user = $1 AS owns", [role])) as [{ owns: boolean }];
    if (owns) return; // one role for both: nothing to grant
    const app = `"${role.replace(/"/g, '""')}"`;
    await owner.query(`GRANT USAGE ON SCHEMA public TO ${app}`);
    await owner.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app}`);
    await owner.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app}`);
    await owner.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM ${app}`);
  } finally {
    await owner.close();
  }
}
