import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  accessOpen,
  chasableFrom,
  chaseCutoff,
  disclosureState,
  mayBeChased,
  mayRevokeDisclosure,
  revocationProblem,
} from "../../../src/features/sharing/domain/disclosure-access";

const now = new Date("2027-01-15T10:00:00Z");
const open = { revokedAt: null, expiresAt: new Date("2027-01-31T23:59:59Z"), acknowledgedAt: null, firstOpenedAt: null };

describe("a disclosure's access", () => {
  test("is open until the moment it expires, and not at it", () => {
    assert.equal(accessOpen(open, now), true);
    assert.equal(accessOpen({ ...open, expiresAt: now }, now), false);
    assert.equal(accessOpen({ ...open, revokedAt: now }, now), false);
  });

  test("its state says withdrawn before expired, and expired before acknowledged", () => {
    assert.equal(disclosureState(open, now), "SENT");
    assert.equal(disclosureState({ ...open, firstOpenedAt: now }, now), "OPENED");
    assert.equal(disclosureState({ ...open, acknowledgedAt: now, expiresAt: now }, now), "EXPIRED");
    assert.equal(disclosureState({ ...open, revokedAt: now, expiresAt: now }, now), "REVOKED");
  });

  test("the decider, or a safeguarding or IG lead, may withdraw it; another practitioner may not", () => {
    const decider = { userId: "u1", roles: ["practitioner" as const] };
    assert.equal(mayRevokeDisclosure(decider, "u1"), true);
    assert.equal(mayRevokeDisclosure(decider, "u2"), false);
    assert.equal(mayRevokeDisclosure({ userId: "u3", roles: ["safeguarding_lead"] }, "u1"), true);
    assert.equal(mayRevokeDisclosure({ userId: "u4", roles: ["ig_lead"] }, "u1"), true);
    assert.equal(mayRevokeDisclosure({ userId: "u5", roles: ["org_admin"] }, "u1"), false);
  });

  test("it can be withdrawn only while it is open, in plain words otherwise", () => {
    assert.equal(revocationProblem(open, now), null);
    assert.equal(revocationProblem({ ...open, revokedAt: now }, now), "Access to this disclosure has already been withdrawn");
    assert.equal(
      revocationProblem({ ...open, expiresAt: new Date("2027-01-10T23:59:59Z") }, now),
      "Access to this disclosure has already ended: it expired on 10 January 2027",
    );
  });
});

describe("chasing a disclosure not acknowledged", () => {
  const sentAt = new Date("2027-01-14T10:00:00Z");

  test("becomes possible the partnership's chase time after it was sent: exactly then counts, a moment before does not", () => {
    assert.deepEqual(chasableFrom(sentAt, 24), now);
    assert.equal(mayBeChased(sentAt, 24, now), true);
    assert.equal(mayBeChased(sentAt, 24, new Date(now.getTime() - 1)), false);
    assert.equal(mayBeChased(sentAt, 24, new Date(now.getTime() + 1)), true);
  });

  test("the cutoff a query compares sending times with agrees with the rule at the boundary", () => {
    const cutoff = chaseCutoff(now, 24);
    assert.deepEqual(cutoff, sentAt, "sent exactly at the cutoff: chasable (sentAt <= cutoff)");
    assert.equal(mayBeChased(cutoff, 24, now), true);
    assert.equal(mayBeChased(new Date(cutoff.getTime() + 1), 24, now), false);
  });
});
