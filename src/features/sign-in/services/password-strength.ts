import { createRequire } from "node:module";
import type { PasswordStrength } from "../domain/password-policy";

type Zxcvbn = typeof import("@zxcvbn-ts/core").zxcvbn;

let zxcvbn: Zxcvbn | undefined;

/**
 * zxcvbn's work grows steeply with length and with look-alike characters ("p@$$w0rd" repeated to
 * 256 characters took minutes), and the forms that set passwords are open to anyone holding a
 * link. So it judges the first 64 characters (a long password with a strong start is strong) and
 * tries at most 10 look-alike readings of each: at most about a second on a busy server.
 */
const ESTIMATED_LENGTH = 64;
const L33T_READINGS = 10;

/**
 * zxcvbn with its common-password, English word and name dictionaries and keyboard patterns,
 * configured once. The dictionaries are megabytes of data, so they are loaded on the first
 * password checked rather than when the CLI or server starts.
 */
function estimator(): Zxcvbn {
  if (!zxcvbn) {
    const require = createRequire(import.meta.url);
    const core: typeof import("@zxcvbn-ts/core") = require("@zxcvbn-ts/core");
    const common: typeof import("@zxcvbn-ts/language-common") = require("@zxcvbn-ts/language-common");
    const en: typeof import("@zxcvbn-ts/language-en") = require("@zxcvbn-ts/language-en");
    core.zxcvbnOptions.setOptions({
      translations: en.translations,
      graphs: common.adjacencyGraphs,
      dictionary: { ...common.dictionary, ...en.dictionary },
      l33tMaxSubstitutions: L33T_READINGS,
    });
    zxcvbn = core.zxcvbn;
  }
  return zxcvbn;
}

/** How hard the password is to guess, knowing the words an attacker would try first (`userInputs`). */
export function estimatePasswordStrength(password: string, userInputs: string[]): PasswordStrength {
  const { score, feedback } = estimator()([...password].slice(0, ESTIMATED_LENGTH).join(""), userInputs);
  return { score, warning: feedback.warning, suggestions: feedback.suggestions };
}
