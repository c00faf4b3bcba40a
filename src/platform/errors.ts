/** Errors the domain and services raise. HTTP status is decided in one table (src/platform/http/problem.ts). */
export type FieldError = { path: string; message: string };

export abstract class DomainError extends Error {
  abstract readonly code: string;
}

/** Also used for things that exist but the actor may not see: their existence is not revealed. */
export class NotFoundError extends DomainError {
  readonly code = "NOT_FOUND";
  constructor(what = "The page or record") {
    super(`${what} could not be found`);
  }
}

export class ValidationError extends DomainError {
  readonly code = "VALIDATION_FAILED";
  constructor(readonly fieldErrors: FieldError[]) {
    super(fieldErrors.map((e) => e.message).join("; "));
  }
}

/** The actor can see the thing but their role does not allow this action. */
export class NotPermittedError extends DomainError {
  readonly code = "NOT_PERMITTED";
}

/**
 * Refused because the actor's own account is locked after too many wrong passwords: a 403 like any
 * refusal, but about the actor, not an attempt on something they may not reach, so not audited as one.
 */
export class AccountLockedError extends NotPermittedError {}

export class ConflictError extends DomainError {
  readonly code = "CONFLICT";
  constructor(
    message: string,
    readonly fieldErrors: FieldError[] = [],
    /** The rule that refuses it, where one does (a legal hold: RET-HOLD), for the problem's `rules`. */
    readonly findings: RuleFinding[] = [],
  ) {
    super(message);
  }
}

export class NotSignedInError extends DomainError {
  readonly code = "NOT_SIGNED_IN";
  constructor() {
    super("Sign in to continue");
  }
}

/** A bearer token that is unknown, revoked or expired (RFC 6750 `invalid_token`); the message says which, to its holder. */
export class TokenRejectedError extends DomainError {
  readonly code = "INVALID_TOKEN";
}

/** A valid token whose client's scopes do not reach this route (RFC 6750 `insufficient_scope`). */
export class InsufficientScopeError extends DomainError {
  readonly code = "INSUFFICIENT_SCOPE";
}

/**
 * Signed in with a password, but the user's roles need a second factor this session has not had
 * (the user gained such a role since signing in, or has not yet enrolled or entered a code).
 */
export class SecondFactorRequiredError extends DomainError {
  readonly code = "SECOND_FACTOR_REQUIRED";
  constructor() {
    super("Your role needs a second factor: sign in again with your authenticator app, or set one up, to continue");
  }
}

/** A finding of the sharing rules, as the API and pages report it: the rule's code, why, and the answer it is about. */
export interface RuleFinding {
  code: string;
  severity: "block" | "warning";
  message: string;
  path: string;
}

/**
 * The rules stop this decision (or this entry in a person's record) being recorded: blocks, and
 * warnings not yet acknowledged. Nothing was changed. Every finding names its rule's code and says
 * why in plain English.
 */
export class RulesBlockedError extends DomainError {
  readonly code = "RULES_BLOCKED";
  constructor(
    readonly findings: RuleFinding[],
    what = "The decision cannot be recorded yet",
  ) {
    super(`${what}: ${[...new Set(findings.map((f) => f.code))].join(", ")}`);
  }
}
