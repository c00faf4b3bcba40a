import { Command, CommanderError, InvalidArgumentError } from "commander";
import type { Checkpoint } from "../platform/audit/checkpoints";
import { ConfigError, loadConfig } from "../platform/config";
import { SecretKeyError } from "../platform/crypto/secret-box";
import { DataDirLockedError } from "../platform/db/data-dir-lock";
import { DomainError, ValidationError } from "../platform/errors";
import { auditCheckpointCommand } from "./audit-checkpoint";
import { backupCommand, restoreCommand } from "./backup";
import { createAdminCommand } from "./create-admin";
import { rotateSecretKeyCommand } from "./rotate-secret-key";
import { seedSyntheticCommand } from "./seed-synthetic";
import { demoOnStart, EMPTY_DATABASE_HINT } from "./start-demo";

// A command loads what it does (the database, the app, the features) when it runs, with `await
// import()`: so `--help` and a mistyped argument answer at once, not after loading the whole app
// (2.6 s, through tsx, for every call).

const program = new Command()
  .name("safeshare")
  .description("Safeshare: lawful, proportionate, recorded information sharing for safeguarding partnerships")
  .showSuggestionAfterError(true)
  .exitOverride();

const port = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError("must be a port number from 0 to 65535");
  return n;
};

program
  .command("start")
  .description(
    "Apply migrations, seed the demo partnership into an empty embedded database (PostgreSQL only with --demo), and serve the web app and API",
  )
  .option("-p, --port <port>", "port to listen on (default: PORT or 3000)", port)
  .option("--demo", "seed the demo partnership into an empty database, PostgreSQL included")
  .option("--no-demo", "do not seed the demo partnership into an empty embedded database")
  .action(async (options: { port?: number; demo?: boolean }) => {
    const started = performance.now();
    const { holdsNoPartnership, seedDemoPartnership } = await import("../demo/seed-demo");
    const { openConfiguredDatabase } = await import("../platform/db/open");
    const { startServer } = await import("../server");
    const { printDemoAccounts } = await import("./demo-accounts");
    const config = loadConfig(process.env, { port: options.port });
    const database = await openConfiguredDatabase(config, { serving: true });
    // Under the start-up lock, so that of several nodes starting on an empty database one seeds it.
    const { plan, accounts } = await database.exclusively(async () => {
      const plan = demoOnStart({ kind: database.kind, demo: options.demo, empty: await holdsNoPartnership(database.db) });
      return {
        plan,
        accounts: plan === "seed" ? await seedDemoPartnership(database.db, { emailInvitations: !!config.smtpUrl }) : undefined,
      };
    });
    if (plan === "explain") console.log(EMPTY_DATABASE_HINT);
    const server = await startServer(config, database);
    const address = server.app.server.address();
    const actualPort = typeof address === "object" && address ? address.port : config.port;
    console.log(
      `Safeshare is running at http://${config.host}:${actualPort} (${database.kind === "postgres" ? "PostgreSQL" : `embedded database in ${config.dataDir}`}), ready in ${Math.round(performance.now() - started)} ms`,
    );
    if (accounts) printDemoAccounts(accounts);
    const stop = async () => {
      await server.close();
      await database.close();
      process.exit(0);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });

program
  .command("migrate")
  .description("Apply database migrations and exit")
  .action(async () => {
    const { openConfiguredDatabase } = await import("../platform/db/open");
    const database = await openConfiguredDatabase(loadConfig());
    await database.close();
    console.log("Migrations applied.");
  });

program
  .command("seed-demo")
  .description("Seed the fictional demo partnership (only into a database with no organisations)")
  .action(async () => {
    const { seedDemoPartnership } = await import("../demo/seed-demo");
    const { openConfiguredDatabase } = await import("../platform/db/open");
    const { printDemoAccounts } = await import("./demo-accounts");
    const config = loadConfig();
    const database = await openConfiguredDatabase(config);
    try {
      const accounts = await database.exclusively(() => seedDemoPartnership(database.db, { emailInvitations: !!config.smtpUrl }));
      if (!accounts) {
        console.error("The database already has organisations; the demo partnership was not added.");
        process.exitCode = 1;
      } else printDemoAccounts(accounts);
    } finally {
      await database.close();
    }
  });

program.addCommand(createAdminCommand());
program.addCommand(seedSyntheticCommand());
program.addCommand(backupCommand());
program.addCommand(restoreCommand());
program.addCommand(rotateSecretKeyCommand());

program
  .command("verify-audit")
  .description(
    "Recompute the audit log's hash chain and check it against the signed checkpoints; exits 1 if any event was changed or removed",
  )
  .action(async () => {
    const { verifyAndRecord } = await import("../features/audit-log");
    const { CheckpointFileError, configuredCheckpointSigner, readCheckpoints } = await import("../platform/audit/checkpoints");
    const { openConfiguredDatabase } = await import("../platform/db/open");
    const config = loadConfig();
    const publicKey = configuredCheckpointSigner(config).publicKey;
    let checkpoints: Checkpoint[];
    try {
      checkpoints = readCheckpoints(config.checkpointDir);
    } catch (error) {
      if (!(error instanceof CheckpointFileError)) throw error;
      console.error(`FAILED: ${error.message}`);
      process.exitCode = 1;
      return;
    }
    const database = await openConfiguredDatabase(config);
    try {
      const result = await verifyAndRecord(database, undefined, { checkpoints, publicKey });
      if (!result.ok) {
        console.error(`FAILED: event ${result.firstBadSeq}: ${result.reason} (${result.count} events verified before it)`);
        process.exitCode = 1;
      } else if (result.checkpoints?.ok === false) {
        console.error(`FAILED: ${result.checkpoints.message}`);
        process.exitCode = 1;
      } else {
        console.log(
          `OK: ${result.count} events verified; head hash ${result.headHash}; agrees with ${result.checkpoints?.ok ? result.checkpoints.checked : 0} signed checkpoints in ${config.checkpointDir}`,
        );
      }
    } finally {
      await database.close();
    }
  });

program.addCommand(auditCheckpointCommand());

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof CommanderError) {
    // Commander has already printed its one-line reason (or the help text).
    process.exit(error.exitCode);
  }
  if (error instanceof ConfigError || error instanceof DataDirLockedError || error instanceof SecretKeyError) {
    console.error(`safeshare: ${error.message}`);
    process.exit(2);
  }
  if (error instanceof ValidationError) {
    console.error(`safeshare: ${error.fieldErrors.map((e) => `${e.path.replace(/^\//, "--")}: ${e.message}`).join("; ")}`);
    process.exit(2);
  }
  if (error instanceof DomainError) {
    console.error(`safeshare: ${error.message}`);
    process.exit(2);
  }
  throw error;
}
