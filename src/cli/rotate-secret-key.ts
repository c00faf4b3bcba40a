import fs from "node:fs";
import { Command } from "commander";
import { ConfigError, loadConfig } from "../platform/config";
import { keyringOf, parseSecretKey } from "../platform/crypto/secret-box";

function newKeyFrom(options: { newKeyFile?: string }): Buffer {
  const source = options.newKeyFile ? `--new-key-file ${options.newKeyFile}` : "SAFESHARE_NEW_SECRET_KEY";
  const text = options.newKeyFile ? fs.readFileSync(options.newKeyFile, "utf8") : process.env.SAFESHARE_NEW_SECRET_KEY;
  if (!text) throw new ConfigError("give the new key with --new-key-file or SAFESHARE_NEW_SECRET_KEY");
  const key = parseSecretKey(text);
  if (!key) throw new ConfigError(`${source} must hold 32 random bytes in base64, such as the output of \`openssl rand -base64 32\``);
  return key;
}

export function rotateSecretKeyCommand(): Command {
  return new Command("rotate-secret-key")
    .description(
      "Seal every secret at rest (TOTP seeds, app secrets) again under a new key, in one audited transaction; then switch the configuration to the new key",
    )
    .option("--new-key-file <path>", "file holding the new key (32 random bytes in base64); or set SAFESHARE_NEW_SECRET_KEY")
    .action(async (options: { newKeyFile?: string }) => {
      const { rotateSecretKey } = await import("../platform/crypto/secrets-at-rest");
      const { openConfiguredDatabase } = await import("../platform/db/open");
      const { configuredSecretKeys } = await import("../platform/db/secret-keys");
      const config = loadConfig();
      const newKey = newKeyFrom(options);
      const { keyFile } = configuredSecretKeys(config);
      const database = await openConfiguredDatabase(config);
      try {
        const result = await rotateSecretKey(database, keyringOf(newKey));
        const where = keyFile ? `replace the contents of ${keyFile} with the new key` : "set SAFESHARE_SECRET_KEY to the new key";
        console.log(
          [
            `Sealed ${result.values} secrets again under key ${result.toKeyId} (was ${result.fromKeyId}).`,
            `Now ${where}, and restart Safeshare. Until then it cannot open them.`,
            `With several nodes, give each node the old key in SAFESHARE_PREVIOUS_SECRET_KEYS until every node has restarted.`,
          ].join("\n"),
        );
      } finally {
        await database.close();
      }
    });
}
