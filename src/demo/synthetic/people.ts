import { addDays, format, subDays } from "date-fns";
import type { SubjectKind } from "../../features/records/domain";
import { nhsCheckDigit, upnCheckLetter } from "../../features/records/domain";
import { FAMILY_NAMES, GIVEN_NAMES_FEMALE, GIVEN_NAMES_MALE, KNOWN_AS, STREET_KINDS, STREETS, TOWNS } from "./words";

/**
 * Pure generation of synthetic people for `safeshare seed-synthetic`: plausible, fictional and
 * valid by our own rules (NHS numbers pass modulus 11, UPNs carry the right check letter), with the
 * name variation search meets in real records. No I/O: the caller bulk-inserts the rows.
 */

/** mulberry32: a small seeded generator, so the same seed gives the same people. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

export interface SyntheticSubject {
  id: string;
  organisationId: string;
  kind: SubjectKind;
  givenNames: string;
  familyName: string;
  dateOfBirth: string | null;
  expectedDate: string | null;
  sexGender: string | null;
  nhsNumber: string | null;
  upn: string | null;
  phone: string | null;
  /** Aliases and previous names. */
  otherNames: { kind: "ALIAS" | "PREVIOUS_NAME"; name: string }[];
  address: { lines: string; postcode: string; protected: boolean };
  /** How many record items to generate for this person. */
  items: number;
  /** When the organisation closed the child's case (children's social care and early help), or null while it is open. */
  caseClosedOn: string | null;
  /**
   * The latest date an item in this person's record may carry: today while the organisation is still
   * involved; the case's closure for a closed case; for an adult, the end of their part in the
   * child's life (the date a "last entry" retention rule runs from).
   */
  latestEntryOn: string;
}

export interface OrganisationChoice {
  id: string;
  /** Relative share of the records (RECORDS_WEIGHT). */
  weight: number;
  isSchool: boolean;
  /**
   * Over how many years back this organisation's closed children's cases spread, if it records case
   * closure (children's social care and early help: CLOSED_CASE_YEARS); closing starts their retention.
   */
  closedCaseYears?: number;
}

/** Of the children's files an organisation that records case closure holds, the share whose case is closed. */
const CLOSED_SHARE = 0.6;
/**
 * How far back an adult's last entry may be: their part in a child's life ends at some point, most
 * recently (a skew of 3 leaves about one adult in six with no entry for six years or more).
 */
const ADULT_LAST_ENTRY_YEARS = 10;

/** Kinds of people in roughly the proportions a partnership's records hold them. */
const KIND_WEIGHTS: [SubjectKind, number][] = [
  ["CHILD", 52],
  ["UNBORN_CHILD", 2],
  ["PARENT_CARER", 26],
  ["SIBLING", 9],
  ["HOUSEHOLD_MEMBER", 5],
  ["ALLEGED_PERPETRATOR", 5],
  ["OTHER", 1],
];

export class PeopleGenerator {
  private readonly random: () => number;
  private readonly orgTotal: number;
  private nhsSerial: number;
  private upnSerial = 0;

  constructor(
    seed: number,
    private readonly organisations: OrganisationChoice[],
    private readonly itemsPerSubject: number,
    private readonly today: Date,
  ) {
    if (organisations.length === 0) throw new Error("no organisations to hold the records");
    this.random = seededRandom(seed);
    this.orgTotal = organisations.reduce((sum, o) => sum + o.weight, 0);
    // NHS numbers from a fictional block that depends on the seed, so two runs rarely collide.
    this.nhsSerial = 400_000_000 + (seed % 1000) * 100_000;
  }

  /** Front-heavy pick: common names are common, and some surnames are shared by thousands. */
  private pick<T>(list: readonly T[], skew = 2.2): T {
    return list[Math.floor(list.length * this.random() ** skew)]!;
  }

  private between(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  private organisation(): OrganisationChoice {
    let r = this.random() * this.orgTotal;
    for (const o of this.organisations) {
      r -= o.weight;
      if (r < 0) return o;
    }
    return this.organisations[this.organisations.length - 1]!;
  }

  private kind(): SubjectKind {
    let r = this.random() * 100;
    for (const [kind, weight] of KIND_WEIGHTS) {
      r -= weight;
      if (r < 0) return kind;
    }
    return "CHILD";
  }

  private nhsNumber(): string {
    for (;;) {
      const firstNine = String(this.nhsSerial++).padStart(9, "0");
      const check = nhsCheckDigit(firstNine);
      if (check !== null) return `${firstNine}${check}`;
    }
  }

  private upn(): string {
    // LA 823, establishment 2001, the year the child started, then a serial.
    const rest = `8232001${String(this.between(10, 25)).padStart(2, "0")}${String(this.upnSerial++ % 1000).padStart(3, "0")}`;
    return `${upnCheckLetter(rest)}${rest}`;
  }

  /** Items per person: mostly a few, some many (a geometric spread around the mean). */
  private itemCount(): number {
    return Math.min(Math.round(-Math.log(1 - this.random()) * this.itemsPerSubject), this.itemsPerSubject * 20);
  }

  /** Days before today, up to `years` years, skewed towards today (`skew` > 1). */
  private daysBack(years: number, skew: number): number {
    return Math.floor(years * 365.25 * this.random() ** skew);
  }

  next(): SyntheticSubject {
    const organisation = this.organisation();
    const kind = this.kind();
    const female = this.random() < 0.5;
    const isChild = kind === "CHILD" || kind === "SIBLING";
    // A closed case: the child was 0 to 17 when it closed, any time in the organisation's years of
    // records (a council's go back decades, so some of its "children" are adults now).
    const closedDaysAgo =
      kind === "CHILD" && organisation.closedCaseYears && this.random() < CLOSED_SHARE
        ? this.daysBack(organisation.closedCaseYears, 1.3)
        : null;
    // Retention of a file about anyone but a child (siblings too) runs from its last entry.
    const lastEntryDaysAgo = kind === "CHILD" || kind === "UNBORN_CHILD" ? 0 : this.daysBack(ADULT_LAST_ENTRY_YEARS, 3);
    let givenNames = this.pick(female ? GIVEN_NAMES_FEMALE : GIVEN_NAMES_MALE);
    if (this.random() < 0.06) givenNames += ` ${this.pick(female ? GIVEN_NAMES_FEMALE : GIVEN_NAMES_MALE)}`;
    let familyName = this.pick(FAMILY_NAMES);
    if (this.random() < 0.03) familyName = `${familyName}-${this.pick(FAMILY_NAMES)}`;
    const ageDays =
      kind === "UNBORN_CHILD" ? 0 : isChild ? (closedDaysAgo ?? 0) + this.between(0, 17 * 365) : this.between(18 * 365, 70 * 365);
    const otherNames: SyntheticSubject["otherNames"] = [];
    if (this.random() < 0.05) otherNames.push({ kind: "ALIAS", name: `${this.pick(KNOWN_AS)} ${familyName}` });
    if (!isChild && this.random() < 0.08) otherNames.push({ kind: "PREVIOUS_NAME", name: `${givenNames} ${this.pick(FAMILY_NAMES)}` });
    return {
      id: crypto.randomUUID(),
      organisationId: organisation.id,
      kind,
      givenNames,
      familyName,
      dateOfBirth: kind === "UNBORN_CHILD" ? null : format(subDays(this.today, ageDays), "yyyy-MM-dd"),
      expectedDate: kind === "UNBORN_CHILD" ? format(addDays(this.today, this.between(7, 250)), "yyyy-MM-dd") : null,
      sexGender: kind === "UNBORN_CHILD" ? null : this.random() < 0.005 ? "Non-binary" : female ? "Female" : "Male",
      nhsNumber: kind !== "UNBORN_CHILD" && this.random() < 0.85 ? this.nhsNumber() : null,
      upn: isChild && organisation.isSchool && ageDays > 4 * 365 ? this.upn() : null,
      phone: !isChild && this.random() < 0.4 ? `07700 900${String(this.between(0, 999)).padStart(3, "0")}` : null,
      otherNames,
      address: {
        lines: `${this.between(1, 180)} ${this.pick(STREETS, 1)} ${this.pick(STREET_KINDS, 1)}, ${this.pick(TOWNS, 1)}`,
        postcode: `WS${this.between(1, 19)} ${this.between(1, 9)}${"ABDEFGHJLNPQRSTUWXYZ"[this.between(0, 19)]}${"ABDEFGHJLNPQRSTUWXYZ"[this.between(0, 19)]}`,
        // A refuge or safe-house address: rare, and only for the people who flee to them.
        protected: (kind === "PARENT_CARER" || isChild) && this.random() < 0.005,
      },
      items: this.itemCount(),
      caseClosedOn: closedDaysAgo === null ? null : format(subDays(this.today, closedDaysAgo), "yyyy-MM-dd"),
      latestEntryOn: format(subDays(this.today, closedDaysAgo ?? Math.min(lastEntryDaysAgo, ageDays)), "yyyy-MM-dd"),
    };
  }
}
