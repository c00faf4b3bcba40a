import { Command } from "commander";
import type { BackupSummary, RowCounts } from "../app/backup-summary";
import type { RestoreAnchoring } from "../platform/audit/checkpoints";
import { loadConfig } from "../platform/config";

const ROW_WORDS: Record<keyof RowCounts, [string, string]> = {
  organisations: ["organisation", "organisations"],
  users: ["user", "users"],
  subjects: ["person", "people"],
  items: ["record item", "record items"],
  shareDecisions: ["share decision", "share decisions"],
  disclosures: ["disclosure", "disclosures"],
  rightsRequests: ["rights request", "rights requests"],
  auditEvents: ["audit event", "audit events"],
};

const count = (n: number, [one, many]: [string, string]) => `${n.toLocaleString("en-GB")} ${n === 1 ? one : many}`;

const size = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${bytes} bytes`;

/** The summary for the operator, in words; the same facts as the JSON line. */
export function plainSummary(summary: BackupSummary, action: "backup" | "restore"): string {
  const engine = summary.engine === "postgres" ? "PostgreSQL database" : "embedded database";
  const lines = [
    action === "backup"
      ? summary.audit.verified
        ? `Backed up the ${engine} to ${summary.file} (${size(summary.bytes)}) in ${summary.seconds} s.`
        : `No backup was written to ${summary.file}.`
      : `Restored the ${engine} from ${summary.file} (${size(summary.bytes)}) in ${summary.seconds} s.`,
  ];
  const { audit } = summary;
  if (audit.verified) {
    lines.push(`The audit log verifies: ${count(audit.headSeq, ROW_WORDS.auditEvents)}, the newest with hash ${audit.headHash}.`);
  } else {
    lines.push(
      `The audit log does NOT verify: event ${audit.firstBadSeq}: ${audit.reason} (${count(audit.eventsVerified, ROW_WORDS.auditEvents)} verified before it).`,
      action === "backup"
        ? "Investigate with safeshare verify-audit before taking a backup."
        : "Do not use this database: restore an earlier backup, and keep this one for investigation.",
    );
  }
  if (summary.checkpoints) lines.push(...checkpointLines(summary.checkpoints));
  const rows = (Object.keys(ROW_WORDS) as (keyof RowCounts)[]).map((key) => count(summary.rows[key], ROW_WORDS[key]));
  lines.push(`Rows: ${rows.join(", ")}.`);
  return lines.join("\n");
}

function checkpointLines(anchoring: RestoreAnchoring): string[] {
  if (!anchoring.ok) {
    return [
      `The audit log does NOT agree with the signed checkpoints: ${anchoring.message}.`,
      "Do not use this database: keep it, the backup and the checkpoint file for investigation.",
    ];
  }
  const { seq } = anchoring.checkpoint;
  return [
    `The audit log agrees with the ${count(anchoring.checked, ["signed checkpoint", "signed checkpoints"])} up to event ${seq}.`,
    ...(anchoring.movedAside
      ? [
          `Checkpoints signed after the backup was taken no longer apply: the checkpoint file was moved to ${anchoring.movedAside} (keep it for the auditor).`,
        ]
      : []),
    `A new checkpoint of event ${seq} was signed.`,
  ];
}

/** 1 when the database must not be used (or no backup was written): the audit log does not verify, or not against its checkpoints. */
export function exitCodeOf(summary: BackupSummary): 0 | 1 {
  return summary.audit.verified && summary.checkpoints?.ok !== false ? 0 : 1;
}

/** JSON on standard output for scripts and monitoring; the plain summary on standard error for people. */
function report(summary: BackupSummary, action: "backup" | "restore"): void {
  console.log(JSON.stringify({ action, ...summary }));
  console.error(plainSummary(summary, action));
  process.exitCode = exitCodeOf(summary);
}

export function backupCommand(): Command {
  return new Command("backup")
    .description(
      "Verify the audit log and write a backup: pg_dump's custom format of one consistent snapshot (DATABASE_URL), or the embedded database's data folder (stop Safeshare first)",
    )
    .requiredOption("-o, --output <file>", "the backup file to write (created readable by its owner only)")
    .action(async (opts: { output: string }) => {
      const { backupEmbedded, backupPostgres } = await import("../app/backup");
      const config = loadConfig();
      // Under least privilege the application's role may not read drizzle's migration journal: the owner backs up.
      const summary = config.databaseUrl
        ? await backupPostgres(config.migrationDatabaseUrl ?? config.databaseUrl, opts.output)
        : await backupEmbedded(config.dataDir, opts.output);
      report(summary, "backup");
    });
}

export function restoreCommand(): Command {
  return new Command("restore")
    .description(
      "Restore a backup into an empty database (DATABASE_URL) or an empty embedded data folder, apply migrations, and verify the audit log; exits 1 if it does not verify",
    )
    .requiredOption("-i, --input <file>", "the backup file written by safeshare backup")
    .action(async (opts: { input: string }) => {
      const { restoreEmbedded, restorePostgres } = await import("../app/restore");
      const { configuredCheckpointSigner } = await import("../platform/audit/checkpoints");
      const { roleOf } = await import("../platform/db/least-privilege");
      const config = loadConfig();
      const checkpoints = { dir: config.checkpointDir, signer: configuredCheckpointSigner(config) };
      // Under least privilege the owner restores (so it owns the tables) and grants the application's role again.
      const summary = config.databaseUrl
        ? config.migrationDatabaseUrl
          ? await restorePostgres(config.migrationDatabaseUrl, opts.input, { appRole: await roleOf(config.databaseUrl), checkpoints })
          : await restorePostgres(config.databaseUrl, opts.input, { checkpoints })
        : await restoreEmbedded(config.dataDir, opts.input, { checkpoints });
      report(summary, "restore");
    });
}
