import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { test } from "node:test";
import { auditAccessDenied, idsAskedFor } from "../../../src/app/access-denied";
import type { Db } from "../../../src/platform/db/client";
import { AccountLockedError, NotFoundError } from "../../../src/platform/errors";

const ids = (route: string, params: Record<string, unknown>) => Object.fromEntries(idsAskedFor(route, params).map((a) => [a.param, a.id]));

test("an access-denied event names the ids a route asked for: the resource's id and nested items, concerns and disclosures", () => {
  const [subject, item, disclosure] = [randomUUID(), randomUUID(), randomUUID()];
  assert.deepEqual(ids("/api/v1/subjects/:id/items/:itemId", { id: subject, itemId: item }), { id: subject, itemId: item });
  assert.deepEqual(ids("/rights/:id/recipients/:disclosureId/review", { id: subject, disclosureId: disclosure }), {
    id: subject,
    disclosureId: disclosure,
  });
  assert.deepEqual(ids("/agreements/:id/versions/:version", { id: subject, version: "2" }), { id: subject });
  assert.deepEqual(ids("/api/v1/retention/holds/:id/lift", { id: item }), { id: item }, "a legal hold");
  assert.deepEqual(ids("/retention/review/:id/keep", { id: subject }), { id: subject }, "a file kept at review");
  assert.deepEqual(ids("/retention/disposals/:id/certificate.pdf", { id: item }), { id: item }, "a disposal batch");
});

test("nothing a client typed that is not an id reaches the access-denied event: tokens, steps and malformed ids are left out", () => {
  assert.deepEqual(ids("/invitations/:token", { token: "a-secret-invitation-token-of-forty-characters" }), {});
  assert.deepEqual(ids("/subjects/:id/share/steps/:step", { id: "Kai Denholm", step: "purpose" }), {});
  assert.deepEqual(ids("/no-such-resource/:id", { id: randomUUID() }), {});
});

test("when the access-denied check itself fails, the refusal still goes out as it was (no 500) and the failure is logged", async () => {
  const logged: unknown[] = [];
  const request = {
    session: { stage: "full", actor: { userId: randomUUID(), name: "A", roles: ["practitioner"], organisationId: randomUUID() } },
    routeOptions: { url: "/api/v1/subjects/:id" },
    params: { id: randomUUID() },
    method: "GET",
    log: { error: (...args: unknown[]) => logged.push(args) },
  };
  const brokenDatabase = {
    select: () => {
      throw new Error("connection terminated");
    },
  } as unknown as Db;
  await auditAccessDenied(brokenDatabase, request as never, new NotFoundError());
  assert.equal(logged.length, 1);
});

test("a refusal because the actor's own account is locked is not an attempt on anyone's data, so nothing is recorded", async () => {
  const logged: unknown[] = [];
  const request = {
    session: { stage: "full", actor: { userId: randomUUID(), name: "A", roles: ["org_admin"], organisationId: randomUUID() } },
    routeOptions: { url: "/api/v1/users/:id/password-reset" },
    params: { id: randomUUID() },
    method: "POST",
    log: { error: (...args: unknown[]) => logged.push(args) },
  };
  const untouchable = new Proxy({}, { get: () => assert.fail("the database is not touched") }) as unknown as Db;
  await auditAccessDenied(untouchable, request as never, new AccountLockedError("Your account is locked"));
  assert.deepEqual(logged, []);
});
