import type { CookieSerializeOptions } from "@fastify/cookie";
import type { FastifyReply, FastifyRequest } from "fastify";

export const SESSION_COOKIE = "safeshare_session";
export const CSRF_COOKIE = "safeshare_csrf";

/**
 * The one rule for our cookies: HttpOnly and SameSite=Lax always; Secure whenever the request came
 * over TLS, directly or via a trusted proxy (`auto` is @fastify/cookie's test of request.protocol).
 */
export const COOKIE_OPTIONS = { path: "/", httpOnly: true, sameSite: "lax", secure: "auto" } as const satisfies CookieSerializeOptions;

export function setSessionCookie(reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, COOKIE_OPTIONS);
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: "/" });
}

/**
 * A new CSRF secret to go with a new session, so a token obtained before sign-in (by whoever had the
 * page then) is worthless after it. @fastify/csrf-protection keeps the secret in our signed cookie
 * and only makes a new one when the request has none; the page being rendered gets a token for it.
 */
export function rotateCsrfSecret(request: FastifyRequest, reply: FastifyReply): void {
  delete request.cookies[CSRF_COOKIE];
  reply.locals = { ...reply.locals, csrfToken: reply.generateCsrf() };
}
