import { Command } from "commander";
import { loadConfig } from "../platform/config";

export function auditCheckpointCommand(): Command {
  return new Command("audit-checkpoint")
    .description("Sign the audit log's head (count and hash) and append it to the checkpoint file outside the database")
    .option("--public-key", "print the public key that verifies the checkpoints (for an auditor keeping copies), and exit")
    .action(async (options: { publicKey?: boolean }) => {
      const { checkpointKeyId, configuredCheckpointSigner, publicKeyPem, publishCheckpoint } = await import(
        "../platform/audit/checkpoints"
      );
      const { openConfiguredDatabase } = await import("../platform/db/open");
      const config = loadConfig();
      const signer = configuredCheckpointSigner(config);
      if (options.publicKey) {
        process.stdout.write(`# key ${checkpointKeyId(signer.publicKey)}\n${publicKeyPem(signer.publicKey)}`);
        return;
      }
      const database = await openConfiguredDatabase(config);
      try {
        const checkpoint = await publishCheckpoint(database, signer, config.checkpointDir);
        console.log(`Checkpoint of event ${checkpoint!.seq} (head hash ${checkpoint!.hash}) appended to ${config.checkpointDir}`);
      } finally {
        await database.close();
      }
    });
}
