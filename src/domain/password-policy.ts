/**
 * NCSC password guidance (and ASVS 2.1): long passwords, checked against a deny-list of common
 * ones and words tied to the service or the person; no composition rules, no forced expiry.
 */
export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export type PasswordProblem = "too_short" | "too_long" | "common" | "contextual";

export const PASSWORD_MESSAGES: Record<PasswordProblem, string> = {
  too_short: `Password must be ${PASSWORD_MIN_LENGTH} characters or more. Three random words work well`,
  too_long: `Password must be ${PASSWORD_MAX_LENGTH} characters or fewer`,
  common: "Password is too common and easy to guess. Choose a different one, for example three random words",
  contextual: "Password must not contain your name, email address or the name of this service",
};

/** Pure check; `isCommon` is the deny-list lookup, passed in so this stays free of I/O. */
export function checkPassword(
  password: string,
  context: { email?: string; name?: string },
  isCommon: (candidate: string) => boolean,
): PasswordProblem | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return "too_short";
  if (length > PASSWORD_MAX_LENGTH) return "too_long";
  const lower = password.toLowerCase();
  if (isCommon(lower) || isCommon(password)) return "common";
  const words = ["safeshare", context.email?.toLowerCase().split("@")[0], ...(context.name?.toLowerCase().split(/\s+/) ?? [])].filter(
    (w): w is string => !!w && w.length >= 4,
  );
  if (words.some((w) => lower.includes(w))) return "contextual";
  return undefined;
}
