import type { SubjectDetail } from "./vocabulary";

/**
 * What a disclosure carries: a snapshot made at the moment of sharing, minimised to what the decider
 * chose (GR6-MINIMISE) and with identities protected (GR5-PROTECT-IDENTITIES). Pure, so exactly what
 * goes can be tested without a database.
 */

export const REDACTED = "[redacted]";

/** Every occurrence of each phrase taken out, longest first so a phrase inside another does not leave fragments. */
export function redact(text: string, phrases: readonly string[] = []): { text: string; redacted: boolean } {
  const sorted = [...new Set(phrases.filter((p) => p.length > 0))].sort((a, b) => b.length - a.length);
  let result = text;
  for (const phrase of sorted) result = result.split(phrase).join(REDACTED);
  return { text: result, redacted: result !== text };
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
 * it is about), otherwise only the details chosen. A protected address goes only with a recorded
 * reason; without one it is left out altogether, not masked, so nothing hints where it is.
 */
export function disclosedPerson(
  subject: SubjectForDisclosure,
  details: readonly SubjectDetail[],
  addresses: readonly AddressForDisclosure[],
  protectedAddressReason: string | undefined,
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
    const withReason = !!protectedAddressReason?.trim();
    person.addresses = addresses.filter((a) => !a.protected || withReason).map((a) => ({ ...a }));
  }
  return person;
}
