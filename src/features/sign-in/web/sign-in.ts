import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import type { Db } from "../../../platform/db/client";
import { ValidationError } from "../../../platform/errors";
import { clearSessionCookie, rotateCsrfSecret, setSessionCookie } from "../../../platform/http/auth/session-cookie";
import { perAccount, perAddress } from "../../../platform/http/rate-limit";
import { handleForm, parseForm } from "../../../platform/web-kit/forms";
import { codeInput, signInInput } from "../../organisations-and-users/domain";
import type {} from "../audit-events";
import { LOCKOUT_MINUTES, MAX_FAILED_ATTEMPTS } from "../services/attempts";
import { beginEnrolment, confirmEnrolment, verifySecondFactor } from "../services/mfa";
import { acceptInvitation, loadInvitation } from "../services/passwords";
import { createSession, endSession, signOut } from "../services/sessions";
import { completeSignIn, signInWithPassword } from "../services/sign-in";
import { loadedSession } from "./session-plugin";

const SIGN_IN_FAILED = `Enter a correct email address and password. After ${MAX_FAILED_ATTEMPTS} wrong attempts an account is locked for ${LOCKOUT_MINUTES} minutes`;
// Also shown while wrong codes have blocked the second factor, so the message covers that too.
const CODE_FAILED = `The code is not correct or has already been used. Enter the current code from your authenticator app, or an unused recovery code. After ${MAX_FAILED_ATTEMPTS} wrong codes, signing in is blocked for ${LOCKOUT_MINUTES} minutes`;

/** Replaces any session with a new one: a new token whenever privilege rises (ASVS 3.2.1). */
async function replaceSession(db: Db, request: FastifyRequest, reply: FastifyReply, userId: string, secondFactorPassed: boolean) {
  const current = loadedSession(request);
  if (current) await endSession(db, current.tokenHash);
  setSessionCookie(reply, await createSession(db, userId, secondFactorPassed));
  rotateCsrfSecret(request, reply);
}

export async function signInRoutes(app: FastifyInstance, { db, rateLimit }: { db: Db; rateLimit: number }): Promise<void> {
  const limited = perAddress(rateLimit);
  const oneAccount = await perAccount(app, db, rateLimit);

  app.get("/sign-in", async (request, reply) => {
    if (loadedSession(request)?.stage === "full") return reply.redirect("/");
    const { signedOut, passwordSet } = request.query as Record<string, string | undefined>;
    return reply.view("auth/sign-in", { values: {}, signedOut: !!signedOut, passwordSet: !!passwordSet });
  });

  app.post("/sign-in", { ...limited, preHandler: oneAccount }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const values = { email: typeof body.email === "string" ? body.email : "" };
    return handleForm(reply, { view: "auth/sign-in", context: {}, values }, async () => {
      const { email, password } = parseForm(signInInput, body);
      const result = await signInWithPassword(db, email, password);
      if (!result.ok) throw new ValidationError([{ path: "/email", message: SIGN_IN_FAILED }]);
      // Password only: the session stays unverified, so a role needing a second factor gained later still asks for one.
      await replaceSession(db, request, reply, result.userId, false);
      if (result.secondFactor === "none") {
        await completeSignIn(db, result.userId, "none");
        return reply.redirect("/");
      }
      return reply.redirect(result.secondFactor === "verify" ? "/sign-in/second-factor" : "/mfa/setup");
    });
  });

  app.get("/sign-in/second-factor", async (request, reply) => {
    if (loadedSession(request)?.stage !== "second_factor") return reply.redirect("/sign-in");
    return reply.view("auth/second-factor", { values: {} });
  });

  app.post("/sign-in/second-factor", limited, async (request, reply) => {
    const session = loadedSession(request);
    if (session?.stage !== "second_factor") return reply.redirect("/sign-in");
    return handleForm(reply, { view: "auth/second-factor", context: {}, values: {} }, async () => {
      const { code } = parseForm(codeInput, request.body);
      const result = await verifySecondFactor(db, session.actor.userId, code);
      if (!result.ok) throw new ValidationError([{ path: "/code", message: CODE_FAILED }]);
      await replaceSession(db, request, reply, session.actor.userId, true);
      await completeSignIn(db, session.actor.userId, result.method);
      return reply.redirect("/");
    });
  });

  app.get("/mfa/setup", async (request, reply) => {
    const session = loadedSession(request);
    if (session?.stage !== "enrol") return reply.redirect(session ? "/" : "/sign-in");
    const enrolment = await beginEnrolment(db, session.actor.userId, session.email);
    return reply.view("auth/mfa-setup", { enrolment, values: {} });
  });

  app.post("/mfa/setup", limited, async (request, reply) => {
    const session = loadedSession(request);
    if (session?.stage !== "enrol") return reply.redirect(session ? "/" : "/sign-in");
    const enrolment = await beginEnrolment(db, session.actor.userId, session.email);
    return handleForm(reply, { view: "auth/mfa-setup", context: { enrolment }, values: {} }, async () => {
      const { code } = parseForm(codeInput, request.body);
      const codes = await confirmEnrolment(db, session.actor, code);
      if (!codes)
        throw new ValidationError([
          { path: "/code", message: "The code is not correct. Enter the 6-digit code your authenticator app shows now" },
        ]);
      await replaceSession(db, request, reply, session.actor.userId, true);
      await completeSignIn(db, session.actor.userId, "totp");
      return reply.view("auth/recovery-codes", { codes });
    });
  });

  app.post("/sign-out", async (request, reply) => {
    const session = loadedSession(request);
    if (session) await signOut(db, session);
    clearSessionCookie(reply);
    return reply.redirect("/sign-in?signedOut=1");
  });

  const tokenParams = z.object({ token: z.string().min(20).max(100) });

  app.get("/invitations/:token", async (request, reply) => {
    const { token } = parseForm(tokenParams, request.params);
    const invitation = await loadInvitation(db, token);
    return reply.view("auth/invitation", { invitation, token, values: {} });
  });

  app.post("/invitations/:token", limited, async (request, reply) => {
    const { token } = parseForm(tokenParams, request.params);
    const invitation = await loadInvitation(db, token);
    const body = (request.body ?? {}) as Record<string, unknown>;
    return handleForm(reply, { view: "auth/invitation", context: { invitation, token }, values: {} }, async () => {
      const password = typeof body.password === "string" ? body.password : "";
      const confirmation = typeof body.confirmPassword === "string" ? body.confirmPassword : "";
      await acceptInvitation(db, token, password, confirmation);
      return reply.redirect("/sign-in?passwordSet=1");
    });
  });
}
