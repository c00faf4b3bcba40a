import type { FastifyReply, FastifyRequest } from "fastify";

export const SESSION_COOKIE = "safeshare_session";

/** HttpOnly and SameSite=Lax always; Secure whenever the request came over TLS (directly or via a trusted proxy). */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: "/",
    httpOnly: true,
    sameSite: "lax",
    secure: request.protocol === "https",
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: "/" });
}
