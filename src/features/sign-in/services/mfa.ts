import { randomBytes } from "node:crypto";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import * as OTPAuth from "otpauth";
import QRCode from "qrcode";
import { snapshotOf } from "../../../platform/audit/events";
import { inTransaction } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import { tokenHash } from "../../../platform/crypto/hashing";
import { openTotpSeed, sealTotpSeed } from "../../../platform/crypto/secrets-at-rest";
import type { Db } from "../../../platform/db/client";
import { users } from "../../organisations-and-users/schema";
import type {} from "../audit-events";
import { recoveryCodes } from "../schema";
import { giveBackAttempts, recordFailedAttempt, recordRefusedAttempt, takeAttempt } from "./attempts";

const RECOVERY_CODE_COUNT = 10;

function totpFor(secret: string, label: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: "Safeshare",
    label,
    algorithm: "SHA1", // what every authenticator app supports
    digits: 6,
    period: 30,
    secret: OTPAuth.Secret.fromBase32(secret),
  });
}

export interface EnrolmentDetails {
  key: string;
  qrSvg: string;
}

/** Starts (or resumes) enrolment: the same secret is shown until a code from it is confirmed. */
export async function beginEnrolment(db: Db, userId: string, email: string): Promise<EnrolmentDetails> {
  const [user] = await db.select({ secret: users.totpSecret, enabled: users.mfaEnabledAt }).from(users).where(eq(users.id, userId));
  let secret = user?.secret ? openTotpSeed(db, userId, user.secret) : undefined;
  if (!secret || user?.enabled) {
    secret = new OTPAuth.Secret({ size: 20 }).base32;
    await db
      .update(users)
      .set({ totpSecret: sealTotpSeed(db, userId, secret), mfaEnabledAt: null })
      .where(eq(users.id, userId));
  }
  const uri = totpFor(secret, email).toString();
  const qrSvg = await QRCode.toString(uri, { type: "svg", margin: 2, errorCorrectionLevel: "M" });
  return { key: secret.replace(/(.{4})/g, "$1 ").trim(), qrSvg };
}

/** Accepts a code once: a step at or before the last accepted one is a replay. */
function acceptTotp(secret: string, code: string, lastStep: number | null, now: number): number | undefined {
  const cleaned = code.replace(/\s+/g, "");
  if (!/^\d{6}$/.test(cleaned)) return undefined;
  const delta = totpFor(secret, "").validate({ token: cleaned, window: 1, timestamp: now });
  if (delta === null) return undefined;
  const step = Math.floor(now / 30_000) + delta;
  return lastStep !== null && step <= lastStep ? undefined : step;
}

/**
 * Records a code's time step as used, unless that step or a later one already is: one conditional
 * statement, so when the same code arrives twice at once exactly one of them wins (ASVS 2.8.4).
 */
async function claimTimeStep(db: Db, userId: string, step: number): Promise<boolean> {
  const claimed = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return claimed.length === 1;
}

function newRecoveryCode(): string {
  const raw = randomBytes(10).toString("hex"); // 80 bits
  return `${raw.slice(0, 5)}-${raw.slice(5, 10)}-${raw.slice(10, 15)}-${raw.slice(15)}`;
}

/** Confirms enrolment with a first code; returns recovery codes, shown once and stored hashed. */
export async function confirmEnrolment(db: Db, actor: Actor, code: string, now = Date.now()): Promise<string[] | undefined> {
  const [user] = await db.select({ secret: users.totpSecret }).from(users).where(eq(users.id, actor.userId));
  if (!user?.secret) return undefined;
  const step = acceptTotp(openTotpSeed(db, actor.userId, user.secret), code, null, now);
  if (step === undefined) return undefined;
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await inTransaction(db, async (tx, audit) => {
    await tx
      .update(users)
      .set({ mfaEnabledAt: new Date(now), totpLastStep: step })
      .where(eq(users.id, actor.userId));
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, actor.userId));
    await tx.insert(recoveryCodes).values(codes.map((c) => ({ userId: actor.userId, codeHash: tokenHash(c) })));
    audit.record(snapshotOf(actor), {
      type: "auth.mfa_enrolled",
      entity: { type: "user", id: actor.userId },
      details: { recoveryCodes: codes.length },
    });
  });
  return codes;
}

export type SecondFactorResult = { ok: true; method: "totp" | "recovery_code" } | { ok: false };

/**
 * Checks a TOTP code or an unused recovery code. Failures count towards the second factor's own
 * lockout, which only a right second factor resets: a right password does not.
 */
export async function verifySecondFactor(db: Db, userId: string, code: string, now = Date.now()): Promise<SecondFactorResult> {
  const [user] = await db
    .select({ secret: users.totpSecret, lastStep: users.totpLastStep, enabled: users.mfaEnabledAt, organisationId: users.organisationId })
    .from(users)
    .where(eq(users.id, userId));
  if (!user?.secret || !user.enabled) return { ok: false };
  // Opened before an attempt is counted: a node with the wrong key throws (SecretKeyError, logged as
  // any failure) without using up the person's attempts, as a wrong code would.
  const seed = openTotpSeed(db, userId, user.secret);
  const account = { id: userId, organisationId: user.organisationId };
  const attempt = await takeAttempt(db, account, "second_factor", new Date(now));
  if (!attempt) {
    await recordRefusedAttempt(db, account, "second_factor_locked");
    return { ok: false };
  }
  const step = acceptTotp(seed, code, user.lastStep, now);
  if (step !== undefined && (await claimTimeStep(db, userId, step))) {
    await giveBackAttempts(db, userId, "second_factor");
    return { ok: true, method: "totp" };
  }
  const normalised = code.trim().toLowerCase();
  const [used] = await db
    .update(recoveryCodes)
    .set({ usedAt: new Date(now) })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, tokenHash(normalised)), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  if (used) {
    await giveBackAttempts(db, userId, "second_factor");
    return { ok: true, method: "recovery_code" };
  }
  await recordFailedAttempt(db, attempt, "wrong_second_factor");
  return { ok: false };
}

/** For tests and the CLI: the code an authenticator app would show now. */
export function currentTotpCode(secret: string, now = Date.now()): string {
  return totpFor(secret, "").generate({ timestamp: now });
}
