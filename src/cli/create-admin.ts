import { Command, Option } from "commander";
import { newUserInput, ORGANISATION_TYPES, organisationInput } from "../features/organisations-and-users/domain";
import { loadConfig } from "../platform/config";
import { ValidationError } from "../platform/errors";
import { zodIssuesToFieldErrors } from "../platform/http/problem";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

/** Bootstraps a partnership administrator on a new deployment, where nobody can yet invite anyone. */
export function createAdminCommand(): Command {
  return new Command("create-admin")
    .description("Create a partnership administrator (and their organisation if it does not exist yet)")
    .requiredOption("--email <email>", "their work email address")
    .requiredOption("--name <name>", "their full name")
    .requiredOption("--organisation <name>", "the organisation they belong to")
    .addOption(new Option("--organisation-type <type>", "type, if the organisation must be created").choices(ORGANISATION_TYPES))
    .option("--password-stdin", "read the password from standard input instead of printing an invitation link")
    .option("--base-url <url>", "address people use to reach Safeshare, for the invitation link", "http://localhost:3000")
    .action(
      async (opts: {
        email: string;
        name: string;
        organisation: string;
        organisationType?: string;
        passwordStdin?: boolean;
        baseUrl: string;
      }) => {
        const { eq, sql } = await import("drizzle-orm");
        const { createOrganisation, createUser } = await import("../features/organisations-and-users");
        const { organisations } = await import("../features/organisations-and-users/schema");
        const { assertAcceptablePassword } = await import("../features/sign-in");
        const { hashPassword } = await import("../platform/crypto/hashing");
        const { openConfiguredDatabase } = await import("../platform/db/open");
        const input = newUserInput.safeParse({ name: opts.name, email: opts.email, roles: ["partnership_admin"] });
        if (!input.success) throw new ValidationError(zodIssuesToFieldErrors(input.error));
        const password = opts.passwordStdin ? await readStdin() : undefined;
        if (password !== undefined)
          assertAcceptablePassword(password, { ...input.data, organisationName: opts.organisation }, "/password-stdin");

        const database = await openConfiguredDatabase(loadConfig());
        try {
          const { db } = database;
          let [organisation] = await db
            .select({ id: organisations.id })
            .from(organisations)
            .where(eq(sql`lower(${organisations.name})`, opts.organisation.toLowerCase()));
          if (!organisation) {
            if (!opts.organisationType) {
              throw new ValidationError([
                {
                  path: "/organisation-type",
                  message: `no organisation called "${opts.organisation}"; give --organisation-type to create it`,
                },
              ]);
            }
            const orgInput = organisationInput.parse({ name: opts.organisation, type: opts.organisationType, isPublicAuthority: true });
            organisation = await createOrganisation(db, undefined, orgInput);
          }
          const created = await createUser(db, undefined, {
            ...input.data,
            organisationId: organisation.id,
            passwordHash: password === undefined ? undefined : await hashPassword(password),
          });
          console.log(`Created partnership administrator ${created.user.name} <${created.user.email}>.`);
          if (created.invitation?.token) {
            console.log(
              `Send them this one-time link to choose a password (valid 7 days): ${opts.baseUrl.replace(/\/$/, "")}/invitations/${created.invitation.token}`,
            );
          }
          console.log("They will set up an authenticator app the first time they sign in.");
        } finally {
          await database.close();
        }
      },
    );
}
