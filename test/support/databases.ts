import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { after, before, describe } from "node:test";
import pg from "pg";
import { keyringOf } from "../../src/platform/crypto/secret-box";
import { type Database, migrateDatabase, openDatabase } from "../../src/platform/db/client";

/** Set by scripts/test.ts after it starts a throwaway cluster. */
const adminUrl = process.env.SAFESHARE_TEST_PG_URL;

/** The key test databases seal secrets with: explicit, so no test depends on a developer's data folder. */
export const TEST_SECRET_KEYS = keyringOf(Buffer.alloc(32, "safeshare test secret key"));

export interface DatabaseContext {
  database: Database;
  kind: "pglite" | "postgres";
}

/** A new, empty database in the test cluster, and a way to drop it. */
export async function createPostgresTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `t_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl!);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

async function openPostgresForTest(): Promise<{ database: Database; drop: () => Promise<void> }> {
  const created = await createPostgresTestDatabase();
  const database = await openDatabase({ url: created.url }, { secretKeys: TEST_SECRET_KEYS });
  return {
    database,
    drop: async () => {
      await database.close();
      await created.drop();
    },
  };
}

/**
 * A freshly migrated embedded database, dumped once per `npm test` run by scripts/test.ts
 * (SAFESHARE_TEST_PGLITE_TEMPLATE): each suite starts from it rather than running initdb and every
 * migration again, about 2.5 s a suite. Run on its own, a test file migrates its own database.
 */
function pgliteTemplate(): Blob | undefined {
  const file = process.env.SAFESHARE_TEST_PGLITE_TEMPLATE;
  return file ? new Blob([fs.readFileSync(file)]) : undefined;
}

/** Why a PostgreSQL suite is skipped (never in CI, where a missing cluster is an error), or false. */
export function postgresSkipReason(): string | false {
  if (adminUrl) return false;
  if (process.env.CI === "true") {
    throw new Error("CI=true but SAFESHARE_TEST_PG_URL is not set: run the tests with `npm test`, which starts PostgreSQL");
  }
  return "PostgreSQL binaries not found: Postgres suite SKIPPED (install postgresql-15)";
}

/** A suite that only makes sense on PostgreSQL (e.g. pg_dump), skipped loudly without a cluster and never in CI. */
export function describeOnPostgres(title: string, suite: () => void): void {
  describe(`${title} [postgres]`, { skip: postgresSkipReason() }, suite);
}

/**
 * Runs the same suite against embedded PGlite and a real PostgreSQL 15, each with freshly
 * migrated, empty databases. Without a cluster the Postgres half is skipped loudly, except
 * in CI, where that is an error.
 */
export function describeEachDatabase(title: string, suite: (ctx: DatabaseContext) => void): void {
  for (const kind of ["pglite", "postgres"] as const) {
    const skip = kind === "postgres" ? postgresSkipReason() : false;
    describe(`${title} [${kind}]`, { skip }, () => {
      const ctx = { kind } as DatabaseContext;
      let drop: (() => Promise<void>) | undefined;
      before(async () => {
        if (kind === "pglite") {
          const template = pgliteTemplate();
          ctx.database = await openDatabase({ memory: true, loadDataDir: template }, { secretKeys: TEST_SECRET_KEYS });
          // The template is this run's migrations, already applied (scripts/test.ts): nothing left to do.
          if (!template) await migrateDatabase(ctx.database);
        } else {
          const opened = await openPostgresForTest();
          ctx.database = opened.database;
          drop = opened.drop;
          await migrateDatabase(ctx.database);
        }
      });
      after(async () => {
        if (drop) await drop();
        else await ctx.database?.close();
      });
      suite(ctx);
    });
  }
}

/**
 * The documented least-privilege setup in the test cluster: a migration role that owns `count` new
 * databases and an application role that owns nothing; each database's URL as either role, and a
 * way to drop them all.
 */
export async function createLeastPrivilegeDatabases(
  count = 1,
): Promise<{ databases: { ownerUrl: string; appUrl: string }[]; drop: () => Promise<void> }> {
  const suffix = randomBytes(4).toString("hex");
  const [owner, app] = [`ss_owner_${suffix}`, `ss_app_${suffix}`];
  const names = Array.from({ length: count }, (_, i) => `t_roles_${suffix}_${i}`);
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE ROLE ${owner} LOGIN; CREATE ROLE ${app} LOGIN`);
    for (const name of names) await admin.query(`CREATE DATABASE ${name} OWNER ${owner}`);
  } finally {
    await admin.end();
  }
  const urlFor = (role: string, name: string) => {
    const url = new URL(adminUrl!);
    url.username = role;
    url.pathname = `/${name}`;
    return url.toString();
  };
  return {
    databases: names.map((name) => ({ ownerUrl: urlFor(owner, name), appUrl: urlFor(app, name) })),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      try {
        for (const name of names) await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.query(`DROP ROLE ${app}; DROP ROLE ${owner}`);
      } finally {
        await c.end();
      }
    },
  };
}
