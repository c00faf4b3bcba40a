import { z } from "zod";

/**
 * Control characters other than tab, line feed and carriage return. PostgreSQL's `text` and `jsonb`
 * refuse NUL outright (a 500 rather than a field error), and none of the others belongs in anything a
 * person types: they arrive pasted from other systems and are invisible on the page.
 */
const CONTROL_CHARACTERS = /[^\P{Cc}\t\n\r]/u;

export const hasControlCharacters = (value: string) => CONTROL_CHARACTERS.test(value);

export const controlCharactersMessage = (label: string) => `${label} must not contain control characters`;

/**
 * The one rule for text typed into a form or sent to the API: a string with no control characters.
 * Chain `.trim()`, `.min()` and `.max()` after it as with `z.string()`. `label` names the field in the
 * message, as the field's other messages do ("Given names", "The reason").
 */
export const textInput = (label: string, missing?: string) =>
  z.string(missing ? { error: missing } : undefined).refine((v) => !hasControlCharacters(v), controlCharactersMessage(label));

/** An email address as accounts are looked up by it: case and surrounding spaces do not matter. */
export const normalisedEmail = (email: string) => email.trim().toLowerCase();
