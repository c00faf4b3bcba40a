import { Command, InvalidArgumentError } from "commander";
import { loadConfig } from "../platform/config";

const positive = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError("must be a whole number above 0");
  return n;
};

/** Fills a demo database with fictional people and record items, for benchmarks and load tests. */
export function seedSyntheticCommand(): Command {
  return new Command("seed-synthetic")
    .description("Add fictional people and record items to the demo partnership (seeding it first into an empty database), by bulk SQL")
    .requiredOption("--subjects <n>", "how many people to add", positive)
    .option("--items-per-subject <n>", "mean record items per person", positive, 10)
    .option("--seed <n>", "random seed: the same seed gives the same people", positive, 1)
    .action(async (opts: { subjects: number; itemsPerSubject: number; seed: number }) => {
      const { seedDemoPartnership } = await import("../demo/seed-demo");
      const { seedSynthetic } = await import("../demo/synthetic/seed-synthetic");
      const { openConfiguredDatabase } = await import("../platform/db/open");
      const database = await openConfiguredDatabase(loadConfig());
      try {
        if (await seedDemoPartnership(database.db)) console.log("The database was empty: added the demo partnership first.");
        const result = await seedSynthetic(database, {
          subjects: opts.subjects,
          itemsPerSubject: opts.itemsPerSubject,
          seed: opts.seed,
          log: (line) => process.stderr.write(`\r${line}   `),
        });
        process.stderr.write("\n");
        console.log(
          `Added ${result.subjects} people (${result.otherNames} other names, ${result.addresses} addresses) and ${result.items} record items in ${result.seconds} s.`,
        );
      } finally {
        await database.close();
      }
    });
}
