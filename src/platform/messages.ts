/**
 * Words for people, kept apart from the rules that choose them, so a second language (Welsh) is a
 * second catalogue and not a change to any rule.
 *
 * A feature's catalogue (`<feature>/messages.ts`) maps a group to its messages, each keyed by a
 * stable code: `{ itemCategory: { health: "Health" }, chronology: { concernRaised: "Concern raised: …" } }`.
 * A message is looked up as `"group.code"` and may hold placeholders:
 *
 * - `{name}`: the parameter as given (a person's or organisation's name, a reference, a number);
 * - `{name:group}`: the parameter is a code, shown as its message in `group` of the same catalogue
 *   (`{category:itemCategory}` shows "Health" for `health`);
 * - `{name:group:lower}`: the same, in lower case, for a label used mid-sentence.
 *
 * A message that depends on a number is one form per plural category (`{ one, other }` in English;
 * Welsh needs `zero`, `two`, `few` and `many` too), chosen by `Intl.PluralRules` from `params.count`.
 * No library: the whole need is this lookup, and the catalogues are plain data a translator can read.
 */

/** The languages Safeshare speaks. English only for now; Welsh ("cy") is the next. */
export type Locale = "en";

/** One form per plural category that the language uses; `other` is always required. */
export type PluralMessage = { other: string } & Partial<Record<Intl.LDMLPluralRule, string>>;
export type Message = string | PluralMessage;
export type Catalogue = Readonly<Record<string, Readonly<Record<string, Message>>>>;
export type MessageParams = Readonly<Record<string, string | number | null | undefined>>;

const PLACEHOLDER = /\{(\w+)(?::(\w+))?(?::(lower))?\}/g;

/** Whether `key` ("group.code") names a message in the catalogue. */
export function hasMessage(catalogue: Catalogue, key: string): boolean {
  const [group, code] = splitKey(key);
  return catalogue[group]?.[code] !== undefined;
}

/**
 * The message at `key` ("group.code") with its placeholders filled from `params`. A missing key or a
 * missing parameter throws: a person must never read "{name}" or a bare code.
 */
export function message(catalogue: Catalogue, key: string, params: MessageParams = {}, locale: Locale = "en"): string {
  const [group, code] = splitKey(key);
  const found = catalogue[group]?.[code];
  if (found === undefined) throw new Error(`No message for ${key}`);
  const text = typeof found === "string" ? found : pluralForm(found, params.count, locale, key);
  return text.replace(PLACEHOLDER, (_, name: string, labelGroup: string | undefined, lower: string | undefined) => {
    const value = params[name];
    if (value === undefined || value === null) throw new Error(`The message ${key} needs {${name}}`);
    const shown = labelGroup ? message(catalogue, `${labelGroup}.${value}`, {}, locale) : String(value);
    return lower ? shown.toLocaleLowerCase(locale) : shown;
  });
}

function pluralForm(forms: PluralMessage, count: MessageParams[string], locale: Locale, key: string): string {
  if (typeof count !== "number") throw new Error(`The message ${key} needs a numeric {count}`);
  return forms[new Intl.PluralRules(locale).select(count)] ?? forms.other;
}

function splitKey(key: string): [string, string] {
  const dot = key.indexOf(".");
  if (dot < 1) throw new Error(`A message key is "group.code", not ${key}`);
  return [key.slice(0, dot), key.slice(dot + 1)];
}

/** Every key ("group.code") of a catalogue, so a writer that names a message is checked by the compiler. */
export type MessageKey<C extends Catalogue> = { [G in keyof C & string]: `${G}.${keyof C[G] & string}` }[keyof C & string];
