/**
 * A token names itself, so secret scanners (GitHub's, GitLab's, gitleaks) can be taught to catch a
 * leaked one by its prefix, as GitLab's `glpat-` is caught: `safeshare_` then 32 random bytes, base64url.
 */
const TOKEN_PREFIX = "safeshare_";

export const TOKEN_PATTERN = /^safeshare_[A-Za-z0-9_-]{43}$/;

/** A new token from 32 random bytes (`randomToken`, base64url: 43 characters). */
export const apiTokenOf = (randomPart: string) => `${TOKEN_PREFIX}${randomPart}`;

/** The few characters of a token shown to tell tokens apart later (never enough to use it). */
export const tokenHint = (token: string) => `${token.slice(0, TOKEN_PREFIX.length + 4)}…`;
