import { and, desc, eq, isNotNull, isNull, type SQL, sql } from "drizzle-orm";
import { snapshotOf } from "../../../platform/audit/events";
import { type AuditTrail, inTransaction } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import { ADMINISTRATOR_ROLES, hasAnyRole, ROLE_LABELS, type Role } from "../../../platform/auth/roles";
import { randomToken, tokenHash } from "../../../platform/crypto/hashing";
import { today, ukDayStart } from "../../../platform/dates/calendar";
import type { Db, Tx } from "../../../platform/db/client";
import { visibleTo } from "../../../platform/db/scope";
import { ConflictError, type FieldError, NotFoundError, NotPermittedError, ValidationError } from "../../../platform/errors";
import { agreementStandingFor } from "../../agreements";
import { agreementReference } from "../../agreements/domain";
import { agreements } from "../../agreements/schema";
import { users } from "../../organisations-and-users/schema";
import type {} from "../audit-events";
import type { NewApiClientInput } from "../domain/inputs";
import type { RevocationReason } from "../domain/revocation";
import { type ClientRole, scopesBeyondAgreement } from "../domain/scopes";
import { apiTokenOf, tokenHint } from "../domain/token";
import { apiClients, apiTokens } from "../schema";

/** What the administrator's pages and the API show of a client: never a token or its hash. */
export interface ApiClientView {
  id: string;
  name: string;
  organisationId: string;
  responsible: { id: string; name: string };
  roles: ClientRole[];
  scopes: string[];
  agreement: { id: string; reference: string; title: string } | null;
  expiresAt: Date;
  createdAt: Date;
  revokedAt: Date | null;
  revocation: RevocationReason | null;
  status: "active" | "expired" | "revoked";
  lastUsedAt: Date | null;
}

export interface TokenView {
  hint: string;
  createdAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  lastUsedAddress: string | null;
}

function assertAdministers(actor: Actor): void {
  if (!hasAnyRole(actor.roles, ADMINISTRATOR_ROLES)) {
    throw new NotPermittedError("Only administrators can manage API clients");
  }
}

const viewColumns = {
  client: apiClients,
  responsibleName: users.name,
  agreementNumber: agreements.number,
  agreementTitle: agreements.title,
  /** The latest use of any of its tokens; the driver may hand back text, so `present` makes it a date. */
  lastUsedAt: sql<
    Date | string | null
  >`(select max(${apiTokens.lastUsedAt}) from ${apiTokens} where ${apiTokens.clientId} = ${apiClients.id})`,
};

type ViewRow = {
  client: typeof apiClients.$inferSelect;
  responsibleName: string;
  agreementNumber: number | null;
  agreementTitle: string | null;
  lastUsedAt: Date | string | null;
};

function present(row: ViewRow, now: Date): ApiClientView {
  const c = row.client;
  return {
    id: c.id,
    name: c.name,
    organisationId: c.organisationId,
    responsible: { id: c.responsibleUserId, name: row.responsibleName },
    roles: c.roles as ClientRole[],
    scopes: c.scopes,
    agreement:
      c.agreementId && row.agreementNumber !== null
        ? { id: c.agreementId, reference: agreementReference(row.agreementNumber), title: row.agreementTitle! }
        : null,
    expiresAt: c.expiresAt,
    createdAt: c.createdAt,
    revokedAt: c.revokedAt,
    revocation: c.revocation,
    status: c.revokedAt ? "revoked" : c.expiresAt <= now ? "expired" : "active",
    lastUsedAt: row.lastUsedAt === null ? null : new Date(row.lastUsedAt),
  };
}

const selectViews = (db: Db, actor: Actor, where?: SQL) =>
  db
    .select(viewColumns)
    .from(apiClients)
    .innerJoin(users, eq(users.id, apiClients.responsibleUserId))
    .leftJoin(agreements, eq(agreements.id, apiClients.agreementId))
    .where(and(visibleTo(actor, apiClients), where));

/** The clients of the administrator's organisation (every organisation's, for a partnership admin), newest first. */
export async function loadApiClients(db: Db, actor: Actor, now = new Date()): Promise<ApiClientView[]> {
  assertAdministers(actor);
  const rows = await selectViews(db, actor).orderBy(desc(apiClients.createdAt));
  return rows.map((r) => present(r, now));
}

export async function loadApiClient(db: Db, actor: Actor, id: string, now = new Date()): Promise<ApiClientView> {
  assertAdministers(actor);
  const [row] = await selectViews(db, actor, eq(apiClients.id, id));
  if (!row) throw new NotFoundError("The API client");
  return present(row, now);
}

/** A client's tokens, newest first: the live one and those rotated out or revoked. */
export async function loadTokens(db: Db, actor: Actor, clientId: string): Promise<TokenView[]> {
  await loadApiClient(db, actor, clientId);
  return db
    .select({
      hint: apiTokens.hint,
      createdAt: apiTokens.createdAt,
      revokedAt: apiTokens.revokedAt,
      lastUsedAt: apiTokens.lastUsedAt,
      lastUsedAddress: apiTokens.lastUsedAddress,
    })
    .from(apiTokens)
    .where(eq(apiTokens.clientId, clientId))
    .orderBy(desc(apiTokens.createdAt));
}

/** Who may answer for a client: a member whose account is open and who has signed in at least once. */
const activeMember = and(isNull(users.deactivatedAt), isNotNull(users.passwordHash));

/** Stops a client's tokens in use (on rotation, or with the client itself); those already stopped keep their time. */
export async function stopLiveTokens(tx: Tx, clientId: string, at: Date): Promise<void> {
  await tx
    .update(apiTokens)
    .set({ revokedAt: at })
    .where(and(eq(apiTokens.clientId, clientId), isNull(apiTokens.revokedAt)));
}

/** The people of the administrator's organisation who may answer for a client. */
export async function responsibleCandidates(db: Db, actor: Actor) {
  assertAdministers(actor);
  return db
    .select({ id: users.id, name: users.name, roles: users.roles })
    .from(users)
    .where(and(visibleTo(actor, users), eq(users.organisationId, actor.organisationId), activeMember))
    .orderBy(users.name);
}

/** Issues a token for the client inside the caller's transaction: only its hash is kept, and it is returned once. */
async function issueToken(tx: Tx, audit: AuditTrail, actor: Actor, clientId: string, rotated: boolean): Promise<string> {
  const token = apiTokenOf(randomToken());
  await tx.insert(apiTokens).values({ tokenHash: tokenHash(token), clientId, hint: tokenHint(token) });
  audit.record(snapshotOf(actor), {
    type: "api_client.token_issued",
    entity: { type: "api_client", id: clientId },
    details: { hint: tokenHint(token), rotated },
  });
  return token;
}

/**
 * Checks a new client against the person who will answer for it and the agreement it serves: it may
 * act with no role its responsible person does not hold (so a token never reaches further than a person
 * of the organisation, and no further than the administrator could grant), and a client serving an
 * agreement needs that agreement in force, its organisation a party, and no scope the agreement cannot give.
 */
async function checkNewClient(db: Db, actor: Actor, input: NewApiClientInput) {
  const errors: FieldError[] = [];
  const [person] = await db
    .select({ id: users.id, name: users.name, roles: users.roles, organisationId: users.organisationId })
    .from(users)
    .where(and(visibleTo(actor, users), eq(users.id, input.responsibleUserId), activeMember));
  if (!person) throw new ValidationError([{ path: "/responsibleUserId", message: "Select the person responsible for this system" }]);
  const lacking = input.roles.filter((r) => !(person.roles as Role[]).includes(r));
  if (lacking.length) {
    errors.push({
      path: "/roles",
      message: `${person.name} does not hold the role ${lacking.map((r) => ROLE_LABELS[r]).join(" or ")}: a system cannot act with a role its responsible person lacks`,
    });
  }
  if (input.agreementId) {
    const standing = await agreementStandingFor(db, input.agreementId, person.organisationId, today());
    if (!standing?.party) errors.push({ path: "/agreementId", message: "Select an agreement your organisation is a party to" });
    else if (standing.notInForceReason)
      errors.push({ path: "/agreementId", message: `This agreement is not in force: ${standing.notInForceReason}` });
    const beyond = scopesBeyondAgreement(input.scopes);
    if (beyond.length) {
      errors.push({
        path: "/scopes",
        message: `A system serving an agreement cannot have ${beyond.join(", ")}: an agreement does not cover them`,
      });
    }
  }
  if (errors.length) throw new ValidationError(errors);
  return person;
}

/**
 * An administrator sets up a client for a partner system and gets its first token, shown once. The
 * client belongs to its responsible person's organisation.
 */
export async function createApiClient(db: Db, actor: Actor, input: NewApiClientInput): Promise<{ client: ApiClientView; token: string }> {
  assertAdministers(actor);
  const person = await checkNewClient(db, actor, input);
  const expiresAt = ukDayStart(input.expiresOn);
  const created = await inTransaction(db, async (tx, audit) => {
    const [row] = await tx
      .insert(apiClients)
      .values({
        organisationId: person.organisationId,
        name: input.name,
        responsibleUserId: person.id,
        createdByUserId: actor.userId,
        roles: input.roles,
        scopes: input.scopes,
        agreementId: input.agreementId,
        expiresAt,
      })
      .returning({ id: apiClients.id });
    const id = row!.id;
    audit.record(
      snapshotOf(actor),
      {
        type: "api_client.created",
        entity: { type: "api_client", id },
        details: {
          responsibleUserId: person.id,
          roles: input.roles,
          scopes: input.scopes,
          agreementId: input.agreementId,
          expiresAt: expiresAt.toISOString(),
        },
      },
      person.organisationId,
    );
    return { id, token: await issueToken(tx, audit, actor, id, false) };
  });
  return { client: await loadApiClient(db, actor, created.id), token: created.token };
}

/** A new token for a client; the one it replaces stops working at once. Only for a client still active. */
export async function rotateApiToken(db: Db, actor: Actor, id: string): Promise<string> {
  const client = await loadApiClient(db, actor, id);
  if (client.status !== "active") throw new ConflictError("This API client is no longer active: set up a new client instead");
  return inTransaction(db, async (tx, audit) => {
    await stopLiveTokens(tx, id, new Date());
    return issueToken(tx, audit, actor, id, true);
  });
}
