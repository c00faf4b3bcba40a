/**
 * NCSC password guidance (and ASVS 2.1): long passwords that are hard to guess; no composition
 * rules, no forced expiry. How hard a password is to guess is a strength estimator's judgement
 * (zxcvbn, passed in so this stays free of I/O), told the words an attacker would try first: the
 * service's name, the person's own name and email, and their organisation's name.
 */
const PASSWORD_MIN_LENGTH = 12;
const PASSWORD_MAX_LENGTH = 256;
/** zxcvbn's 0–4 scale: 3 is "safely unguessable", about 10⁸ guesses or more. */
const PASSWORD_MIN_SCORE = 3;
const SERVICE_NAME = "Safeshare";
/** Name parts shorter than this ("Al", "Bo") are in too many ordinary words to refuse. */
const MIN_CONTEXT_WORD_LENGTH = 4;

/** Who is choosing the password, for the words they must not build it from. */
export interface PasswordContext {
  name?: string;
  email?: string;
  organisationName?: string;
}

export interface PasswordStrength {
  score: number;
  /** The estimator's plain-English reason and advice, each a sentence. */
  warning: string | null;
  suggestions: string[];
}

export type StrengthEstimator = (password: string, userInputs: string[]) => PasswordStrength;

const MESSAGES = {
  tooShort: `Password must be ${PASSWORD_MIN_LENGTH} characters or more. Three random words work well`,
  tooLong: `Password must be ${PASSWORD_MAX_LENGTH} characters or fewer`,
  ownWords: "Password must not contain your name, email address or the name of this service",
  organisation: "Password is too easy to guess without your organisation's name. Add more words that are less common",
  advice: "Three or four random words work well",
};

/** Lower case without accents, so "Wójcik" is the same word as "wojcik". */
function fold(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

function wordsOf(text: string | undefined): string[] {
  return fold(text ?? "")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length >= MIN_CONTEXT_WORD_LENGTH);
}

/** Words that identify the person or the service: refused anywhere in a password. */
function ownWords(context: PasswordContext): string[] {
  return [SERVICE_NAME, context.name, context.email?.split("@")[0]].flatMap(wordsOf);
}

/** The estimator's sentences as one GOV.UK error message: no full stop at the end. */
function weakMessage(strength: PasswordStrength): string {
  const sentences = ["Password is too easy to guess", strength.warning, strength.suggestions[0] ?? MESSAGES.advice];
  return sentences
    .filter((s): s is string => !!s)
    .map((s) => s.replace(/\.$/, ""))
    .join(". ");
}

/**
 * The one password policy, for every place a password is set. Returns what is wrong in plain
 * English, or undefined when the password is acceptable.
 */
export function checkPassword(password: string, context: PasswordContext, estimate: StrengthEstimator): string | undefined {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) return MESSAGES.tooShort;
  if (length > PASSWORD_MAX_LENGTH) return MESSAGES.tooLong;
  const folded = fold(password);
  if (ownWords(context).some((word) => folded.includes(word))) return MESSAGES.ownWords;

  const organisationWords = wordsOf(context.organisationName);
  const userInputs = [SERVICE_NAME, context.name, context.email, context.organisationName, ...ownWords(context), ...organisationWords];
  const strength = estimate(
    password,
    userInputs.filter((s): s is string => !!s),
  );
  if (strength.score < PASSWORD_MIN_SCORE) return weakMessage(strength);

  // zxcvbn counts "Northbrook Primary 2026!" as strong even told the organisation's name, so judge
  // what is left once the organisation's words are taken out: that part must be strong on its own.
  const rest = organisationWords.reduce((text, word) => text.replaceAll(word, " "), folded);
  if (rest !== folded && estimate(rest, []).score < PASSWORD_MIN_SCORE) return MESSAGES.organisation;
  return undefined;
}
