import { randomBytes } from "node:crypto";
import { after, before, describe } from "node:test";
import pg from "pg";
import { keyringOf } from "../../src/crypto/secret-box";
import { type Database, migrateDatabase, openDatabase } from "../../src/db/client";

/** Set by scripts/test.ts after it starts a throwaway cluster. */
const adminUrl = process.env.SAFESHARE_TEST_PG_URL;

/** The key test databases seal secrets with: explicit, so no test depends on a developer's data folder. */
export const TEST_SECRET_KEYS = keyringOf(Buffer.alloc(32, "safeshare test secret key"));

export interface DatabaseContext {
  database: Database;
  kind: "pglite" | "postgres";
}

async function openPostgresForTest(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const name = `t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl!);
  url.pathname = `/${name}`;
  const database = await openDatabase({ url: url.toString() }, { secretKeys: TEST_SECRET_KEYS });
  return {
    database,
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * Runs the same suite against embedded PGlite and a real PostgreSQL 15, each with freshly
 * migrated, empty databases. Without a cluster the Postgres half is skipped loudly, except
 * in CI, where that is an error.
 */
export function describeEachDatabase(title: string, suite: (ctx: DatabaseContext) => void): void {
  for (const kind of ["pglite", "postgres"] as const) {
    const missing = kind === "postgres" && !adminUrl;
    if (missing && process.env.CI === "true") {
      throw new Error("CI=true but SAFESHARE_TEST_PG_URL is not set: run the tests with `npm test`, which starts PostgreSQL");
    }
    const skip = missing ? "PostgreSQL binaries not found: Postgres suite SKIPPED (install postgresql-15)" : false;
    describe(`${title} [${kind}]`, { skip }, () => {
      const ctx = { kind } as DatabaseContext;
      let drop: (() => Promise<void>) | undefined;
      before(async () => {
        if (kind === "pglite") {
          ctx.database = await openDatabase({ memory: true }, { secretKeys: TEST_SECRET_KEYS });
        } else {
          const opened = await openPostgresForTest();
          ctx.database = opened.database;
          drop = opened.drop;
        }
        await migrateDatabase(ctx.database);
      });
      after(async () => {
        if (drop) await drop();
        else await ctx.database?.close();
      });
      suite(ctx);
    });
  }
}
