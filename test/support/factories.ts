import { randomBytes } from "node:crypto";
import { type AgreementContentInput, agreementContentSchema } from "../../src/features/agreements/domain/content";
import { agreementParties, agreements, agreementVersions } from "../../src/features/agreements/schema";
import type { OrganisationType } from "../../src/features/organisations-and-users/domain/organisation";
import { organisations, users } from "../../src/features/organisations-and-users/schema";
import type { Actor } from "../../src/platform/auth/actor";
import type { Role } from "../../src/platform/auth/roles";
import { hashPassword } from "../../src/platform/crypto/hashing";
import type { Db } from "../../src/platform/db/client";

export const TEST_PASSWORD = "violet harbour pencil thunder";
let cachedHash: Promise<string> | undefined;

export async function newOrganisation(db: Db, overrides: { name?: string; type?: OrganisationType } = {}) {
  const [org] = await db
    .insert(organisations)
    .values({
      name: overrides.name ?? `Test organisation ${randomBytes(4).toString("hex")}`,
      type: overrides.type ?? "school",
      isPublicAuthority: true,
    })
    .returning();
  return org!;
}

export async function newUser(
  db: Db,
  organisation: { id: string; name: string },
  roles: Role[] = ["practitioner"],
  overrides: { name?: string; email?: string } = {},
) {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const email = overrides.email ?? `user-${randomBytes(5).toString("hex")}@example.org`;
  const [user] = await db
    .insert(users)
    .values({ organisationId: organisation.id, name: overrides.name ?? "Test User", email, roles, passwordHash: await cachedHash })
    .returning();
  const actor: Actor = { userId: user!.id, name: user!.name, roles, organisationId: organisation.id, organisationName: organisation.name };
  return { user: user!, email, actor };
}

/**
 * An agreement in force at version 1, written straight to the tables: for tests of what the
 * agreement allows, not of drafting and signing it (agreements.test.ts covers those).
 */
export async function newSignedAgreement(db: Db, owner: { id: string }, content: AgreementContentInput, nextReviewDate = "2027-09-01") {
  const parsed = agreementContentSchema.parse(content);
  const [agreement] = await db
    .insert(agreements)
    .values({
      title: parsed.documentControl.title,
      tier: parsed.documentControl.tier,
      parentAgreementId: parsed.documentControl.parentAgreementId,
      ownerOrganisationId: owner.id,
      status: "ACTIVE",
      inForceVersion: 1,
      inForceSince: "2026-01-01",
      lastReviewedOn: "2026-01-01",
      nextReviewDate,
    })
    .returning();
  await db
    .insert(agreementVersions)
    .values({ agreementId: agreement!.id, version: 1, state: "SIGNED", content: parsed, cameIntoForceAt: new Date() });
  await db.insert(agreementParties).values(parsed.parties.map((p) => ({ agreementId: agreement!.id, organisationId: p.organisationId })));
  return agreement!;
}
