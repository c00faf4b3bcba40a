import assert from "node:assert/strict";
import fs from "node:fs";
import { describe, test } from "node:test";
import { migrateDatabase, openDatabase } from "../../src/db/client";
import { seedDemoPartnership } from "../../src/services/seed-demo";
import { emptyPostgresDatabase, postgresOnly } from "../support/databases";

/**
 * Operations (issue 16): several nodes starting on one PostgreSQL, a database that is stopped or
 * frozen, and what the log holds meanwhile.
 */

const migrationCount = JSON.parse(fs.readFileSync("drizzle/meta/_journal.json", "utf8")).entries.length;

describe("two nodes starting at once on an empty PostgreSQL", { skip: postgresOnly() }, () => {
  test("both start: the schema is migrated once and the demo partnership seeded once", async () => {
    const empty = await emptyPostgresDatabase();
    const nodes = [await openDatabase({ url: empty.url }), await openDatabase({ url: empty.url })];
    try {
      // What `safeshare start` does on each node: migrate, then seed the demo partnership into an empty database.
      const seeded = await Promise.all(
        nodes.map(async (database) => {
          await migrateDatabase(database);
          return database.exclusively((db) => seedDemoPartnership(db));
        }),
      );
      assert.equal(seeded.filter(Boolean).length, 1, "exactly one node seeds the demo partnership");
      const [applied] = await nodes[0]!.query<{ n: number }>("select count(*)::int as n from drizzle.__drizzle_migrations");
      assert.equal(applied!.n, migrationCount);
      const [organisations] = await nodes[0]!.query<{ rows: number; names: number }>(
        "select count(*)::int as rows, count(distinct name)::int as names from organisation",
      );
      assert.ok(organisations!.rows > 0);
      assert.equal(organisations!.rows, organisations!.names, "no organisation seeded twice");
    } finally {
      await Promise.all(nodes.map((database) => database.close()));
      await empty.drop();
    }
  });
});
