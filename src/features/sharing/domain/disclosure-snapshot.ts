import type { ShareDecisionInput } from "./decision-input";
import type { ProtectedMention } from "./protected-details";
import type { SubjectDetail } from "./vocabulary";

/**
 * What a disclosure carries: a snapshot made at the moment of sharing, minimised to what the decider
 * chose (GR6-MINIMISE) and with identities protected (GR5-PROTECT-IDENTITIES). Pure, so exactly what
 * goes can be tested without a database.
 */

export const REDACTED = "[redacted]";

/**
 * Every occurrence of each phrase taken out. The places are all found in the text as written before
 * anything is replaced, and those that overlap or touch become one "[redacted]": replacing phrases one
 * after another would let one phrase (a decider's own) swallow part of another (a protected address) so
 * that the rest of it no longer matches and goes out.
 */
export function redact(text: string, phrases: readonly string[] = []): { text: string; redacted: boolean } {
  const ranges: [number, number][] = [];
  for (const phrase of new Set(phrases)) {
    if (!phrase) continue;
    for (let at = text.indexOf(phrase); at !== -1; at = text.indexOf(phrase, at + 1)) ranges.push([at, at + phrase.length]);
  }
  if (!ranges.length) return { text, redacted: false };
  ranges.sort((a, b) => a[0] - b[0]);
  let result = "";
  let kept = 0;
  let [start, end] = ranges[0]!;
  for (const [s, e] of ranges.slice(1)) {
    if (s <= end) end = Math.max(end, e);
    else {
      result += text.slice(kept, start) + REDACTED;
      kept = end;
      [start, end] = [s, e];
    }
  }
  result += text.slice(kept, start) + REDACTED + text.slice(end);
  return { text: result, redacted: true };
}

export interface SubjectForDisclosure {
  givenNames: string;
  familyName: string;
  kind: string;
  dateOfBirth: string | null;
  expectedDate: string | null;
  nhsNumber: string | null;
  upn: string | null;
  phone: string | null;
  email: string | null;
}

export interface AddressForDisclosure {
  lines: string;
  postcode: string | null;
  protected: boolean;
}

export interface DisclosedPerson {
  name: string;
  /** The name in its two parts, so a recipient can add the person to its own records as they were named. */
  givenNames?: string;
  familyName?: string;
  kind: string;
  dateOfBirth?: string | null;
  expectedDate?: string | null;
  nhsNumber?: string | null;
  upn?: string | null;
  phone?: string | null;
  email?: string | null;
  addresses?: AddressForDisclosure[];
}

/**
 * The person as the recipient will see them: always their name and kind (the recipient must know who
 * it is about), otherwise only the details chosen. A protected address goes only when a safeguarding
 * lead or IG lead recorded why (`protectedAddressesGo`); otherwise it is left out altogether, not
 * masked, so nothing hints where it is.
 */
export function disclosedPerson(
  subject: SubjectForDisclosure,
  details: readonly SubjectDetail[],
  addresses: readonly AddressForDisclosure[],
  protectedAddressesGo: boolean,
): DisclosedPerson {
  const person: DisclosedPerson = {
    name: `${subject.givenNames} ${subject.familyName}`,
    givenNames: subject.givenNames,
    familyName: subject.familyName,
    kind: subject.kind,
  };
  if (details.includes("dateOfBirth")) {
    person.dateOfBirth = subject.dateOfBirth;
    person.expectedDate = subject.expectedDate;
  }
  if (details.includes("nhsNumber")) person.nhsNumber = subject.nhsNumber;
  if (details.includes("upn")) person.upn = subject.upn;
  if (details.includes("contact")) {
    person.phone = subject.phone;
    person.email = subject.email;
  }
  if (details.includes("addresses")) {
    person.addresses = addresses.filter((a) => !a.protected || protectedAddressesGo).map((a) => ({ ...a }));
  }
  return person;
}

/**
 * Whether a protected detail goes with this share (GR5-PROTECT-IDENTITIES): only when someone who may
 * decide it (a safeguarding lead or IG lead: `mayDecideProtectedDetails`) recorded why the recipient
 * needs it. Anyone else's reason changes nothing: the evaluation refuses it, and this ignores it.
 */
export const protectedDetailsGo = (reason: string | undefined, mayDecide: boolean) => mayDecide && !!reason?.trim();

/** The protected details of an item that are taken out: all of them, unless `protectedDetailsGo`. */
const takenOut = (mentions: readonly ProtectedMention[], reason: string | undefined, mayDecide: boolean) =>
  protectedDetailsGo(reason, mayDecide) ? [] : mentions;

/** A mention as the record keeps it: exactly these three fields, whatever else the finder knew. */
const recorded = ({ phrase, kind, ofSubject }: ProtectedMention): ProtectedMention => ({ phrase, kind, ofSubject });

/** The purpose the recipient is told: the decider's description, or in an emergency the one-line reason. */
export const purposeSent = (input: ShareDecisionInput) => input.purpose.description?.trim() || input.emergency.reason?.trim() || "";

/**
 * The decision as recorded: the answers, plus what Safeshare took out by default, so the record says
 * what did not go. Each shared item lists the protected details found in its text or its source and
 * redacted (none when a lead left them in); the purpose, those found in the purpose sent
 * (`purposeMentions`: always taken out, since what the sharing is for never needs them: a lead who must
 * send one puts it in an item, with the reason); and, where addresses were chosen, how many protected
 * addresses were left out. Whatever a client sent in these fields is replaced. Delivery redacts exactly
 * what this records.
 */
export function withProtectedRedactions(
  input: ShareDecisionInput,
  mentionsOf: (itemId: string) => readonly ProtectedMention[],
  protectedAddresses: number,
  mayDecide: boolean,
  purposeMentions: readonly ProtectedMention[] = [],
): ShareDecisionInput {
  const answers = answersOnly(input);
  const items = (answers.items.items ?? []).map((choice) =>
    choice.share
      ? { ...choice, protectedRedactions: takenOut(mentionsOf(choice.itemId), choice.protectedDetailsReason, mayDecide).map(recorded) }
      : choice,
  );
  const addressesChosen = (answers.items.subjectDetails ?? []).includes("addresses");
  const leftOut = protectedDetailsGo(answers.items.protectedAddressReason, mayDecide) ? 0 : protectedAddresses;
  return {
    ...answers,
    purpose: { ...answers.purpose, ...(purposeMentions.length ? { protectedRedactions: purposeMentions.map(recorded) } : {}) },
    items: {
      ...answers.items,
      ...(answers.items.items ? { items } : {}),
      ...(addressesChosen ? { protectedAddressesLeftOut: leftOut } : {}),
    },
  };
}

/**
 * The answers alone, without what Safeshare records about what it took out: a new draft started from a
 * recorded decision, and an emergency's full record, keep only what people answered, so what is taken
 * out is always worked out by Safeshare, never carried over or taken from a client.
 */
export function answersOnly(input: ShareDecisionInput): ShareDecisionInput {
  const { protectedRedactions: _purpose, ...purpose } = input.purpose;
  const { protectedAddressesLeftOut: _addresses, ...items } = input.items;
  return {
    ...input,
    purpose,
    items: {
      ...items,
      ...(items.items ? { items: items.items.map(({ protectedRedactions: _item, ...choice }) => choice) } : {}),
    },
  };
}

/**
 * Whether two versions of a decision take out the same by default: the same protected details of the
 * purpose and of each item shared, and the same number of protected addresses left out. An approval
 * delivers only what the record says, so a difference (details marked protected while it waited) sends
 * it back to be decided again.
 */
export function sameTakenOut(a: ShareDecisionInput, b: ShareDecisionInput): boolean {
  const takenOutBy = (input: ShareDecisionInput) => {
    const listed = (found: readonly ProtectedMention[] | undefined) => (found ?? []).map((m) => [m.phrase, m.kind, m.ofSubject]);
    return JSON.stringify([
      listed(input.purpose.protectedRedactions),
      (input.items.items ?? []).filter((c) => c.share).map((c) => [c.itemId, listed(c.protectedRedactions)]),
      input.items.protectedAddressesLeftOut ?? null,
    ]);
  };
  return takenOutBy(a) === takenOutBy(b);
}

type RecordedChoice = { redactions?: string[]; protectedRedactions?: readonly ProtectedMention[]; protectedDetailsReason?: string };

/** Everything taken out of one item before it goes: the decider's own redactions and the protected details. */
export const redactionsOf = (choice: RecordedChoice) => [
  ...(choice.redactions ?? []),
  ...(choice.protectedRedactions ?? []).map((m) => m.phrase),
];

/**
 * What is taken out of new words about an item that went (a correction, the person's statement) before
 * its recipient is told them: whatever its disclosure took out, and every protected detail the new words
 * mention (`mentioned`, found in them), unless a lead (`mayDecide`: the decider's roles) let the item's
 * protected details go. A notice is never wider than the disclosure it follows.
 */
export function redactionsForNotice(choice: RecordedChoice | undefined, mentioned: readonly ProtectedMention[], mayDecide: boolean) {
  return redactionsOf({
    redactions: choice?.redactions,
    protectedRedactions: [...(choice?.protectedRedactions ?? []), ...takenOut(mentioned, choice?.protectedDetailsReason, mayDecide)],
  });
}

/**
 * What went, as someone at the sending organisation may see it: a protected address only for those who
 * may decide about it (GR5-PROTECT-IDENTITIES). For anyone else it is absent from the data, with a count
 * of what was left out, as the person's own record does.
 */
export function personForViewer(person: DisclosedPerson, mayDecide: boolean): DisclosedPerson & { protectedAddressesWithheld?: number } {
  if (mayDecide || !person.addresses) return person;
  const shown = person.addresses.filter((a) => !a.protected);
  return { ...person, addresses: shown, protectedAddressesWithheld: person.addresses.length - shown.length };
}
