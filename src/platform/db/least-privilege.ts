import { sql } from "drizzle-orm";
import pg from "pg";
import type { Db } from "./client";

/**
 * Least privilege (SAFESHARE_MIGRATION_DATABASE_URL): the tables are created and owned by the
 * migration role, and the application's role is granted only reading and writing rows. Not owning
 * audit_event, it cannot disable the append-only triggers, and it has no UPDATE, DELETE or TRUNCATE
 * on the log at all.
 */

/** The role a connection string signs in as (its user, PGUSER or the OS user: the server knows which). */
export async function roleOf(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<{ role: string }>("SELECT current_user AS role")).rows[0]!.role;
  } finally {
    await client.end();
  }
}

/**
 * Grants the application's role what it needs on the owner's tables, on the owner's connection `db`.
 * Called under the start-up lock (Database.exclusively) with the migrations, both at start-up and
 * after a restore: two sessions granting on one table at once fail with "tuple concurrently updated".
 * Nothing to do when the application runs as the owner.
 */
export async function grantToApplication(db: Db, appRole: string): Promise<void> {
  const result = (await db.execute(sql`SELECT current_user = ${appRole} AS owns`)) as unknown as { rows: { owns: boolean }[] };
  if (result.rows[0]!.owns) return;
  const app = sql.identifier(appRole);
  await db.execute(sql`GRANT USAGE ON SCHEMA public TO ${app}`);
  await db.execute(sql`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app}`);
  await db.execute(sql`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO ${app}`);
  await db.execute(sql`REVOKE UPDATE, DELETE, TRUNCATE ON audit_event FROM ${app}`);
  // The job queue (src/platform/jobs): its rows are the app's to take and finish; its tables, like ours, are the owner's.
  await db.execute(sql`GRANT USAGE ON SCHEMA pgboss TO ${app}`);
  await db.execute(sql`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA pgboss TO ${app}`);
}
