import assert from "node:assert/strict";
import { test } from "node:test";
import { PeopleGenerator } from "../../../src/demo/synthetic/people";
import { nhsNumberProblem, upnProblem } from "../../../src/features/records/domain/identifiers";

const organisations = [
  { id: "00000000-0000-4000-8000-000000000001", weight: 6, isSchool: false },
  { id: "00000000-0000-4000-8000-000000000002", weight: 2, isSchool: true },
];
const today = new Date("2026-12-01T12:00:00Z");
const generate = (seed: number, n: number) => {
  const people = new PeopleGenerator(seed, organisations, 10, today);
  return Array.from({ length: n }, () => people.next());
};

test("synthetic people: the same seed gives the same people, another seed different ones", () => {
  const strip = (p: ReturnType<typeof generate>[number]) => ({ ...p, id: "" });
  assert.deepEqual(generate(7, 200).map(strip), generate(7, 200).map(strip));
  assert.notDeepEqual(generate(7, 200).map(strip), generate(8, 200).map(strip));
});

test("synthetic people pass our own identifier and date rules", () => {
  const people = generate(3, 5000);
  for (const p of people) {
    if (p.nhsNumber) assert.equal(nhsNumberProblem(p.nhsNumber), null, p.nhsNumber);
    if (p.upn) assert.equal(upnProblem(p.upn), null, p.upn);
    if (p.kind === "UNBORN_CHILD") {
      assert.equal(p.dateOfBirth, null);
      assert.ok(p.expectedDate! > "2026-12-01");
    } else assert.ok(p.dateOfBirth! <= "2026-12-01");
  }
  // UPNs only for children held by a school; NHS numbers unique.
  assert.ok(people.filter((p) => p.upn).every((p) => p.organisationId === organisations[1]!.id));
  const nhs = people.flatMap((p) => (p.nhsNumber ? [p.nhsNumber] : []));
  assert.equal(new Set(nhs).size, nhs.length);
});

test("synthetic people vary like real records: shared surnames, accents, aliases, a mean near the items asked for", () => {
  const people = generate(5, 20000);
  const bySurname = new Map<string, number>();
  for (const p of people) bySurname.set(p.familyName, (bySurname.get(p.familyName) ?? 0) + 1);
  const commonest = Math.max(...bySurname.values());
  assert.ok(commonest > (20000 / bySurname.size) * 5, `the commonest surname is held by ${commonest}`);
  assert.ok(
    people.some((p) => /[^ -~]/.test(p.familyName + p.givenNames)),
    "some names have accents",
  );
  assert.ok(
    people.some((p) => p.otherNames.length > 0),
    "some people have aliases or previous names",
  );
  const share = (n: number) => n / people.length;
  assert.ok(share(people.filter((p) => p.kind === "CHILD").length) > 0.4);
  assert.ok(share(people.filter((p) => p.address.protected).length) < 0.01);
  const mean = people.reduce((n, p) => n + p.items, 0) / people.length;
  assert.ok(mean > 9.75 && mean < 10.25, `mean items ${mean}`);
});

test("synthetic files reach their retention dates: closed cases over the organisation's years, adults' last entries years back", () => {
  const closing = [
    { id: "00000000-0000-4000-8000-000000000003", weight: 1, isSchool: false, closedCaseYears: 40 },
    { id: "00000000-0000-4000-8000-000000000004", weight: 1, isSchool: false, closedCaseYears: 7 },
    { id: "00000000-0000-4000-8000-000000000005", weight: 1, isSchool: true },
  ];
  const generator = new PeopleGenerator(9, closing, 10, today);
  const people = Array.from({ length: 30000 }, () => generator.next());
  const yearsAgo = (date: string) => (today.getTime() - Date.parse(date)) / (365.25 * 86_400_000);
  const childrenAt = (org: string) => people.filter((p) => p.organisationId === org && p.kind === "CHILD");
  const share = (list: unknown[], of: unknown[]) => list.length / of.length;
  for (const [org, years, period] of [
    [closing[0]!.id, 40, 35],
    [closing[1]!.id, 7, 6],
  ] as const) {
    const children = childrenAt(org);
    const closed = children.filter((p) => p.caseClosedOn);
    assert.ok(share(closed, children) > 0.55 && share(closed, children) < 0.65, `${closed.length} of ${children.length} closed`);
    for (const p of closed) {
      // Closed while a child, within the organisation's years; nothing recorded after the closure.
      assert.ok(p.dateOfBirth! <= p.caseClosedOn! && yearsAgo(p.dateOfBirth!) - yearsAgo(p.caseClosedOn!) < 18, p.dateOfBirth!);
      assert.ok(yearsAgo(p.caseClosedOn!) >= 0 && yearsAgo(p.caseClosedOn!) <= years, p.caseClosedOn!);
      assert.equal(p.latestEntryOn, p.caseClosedOn);
    }
    // A few percent of the organisation's children's files are past closure + the period: due for review or disposal.
    const due = share(
      closed.filter((p) => yearsAgo(p.caseClosedOn!) > period),
      children,
    );
    assert.ok(due > 0.02 && due < 0.12, `${(due * 100).toFixed(1)}% past closure + ${period} years`);
  }
  // Nobody else's case closes, and an open case's record runs to today.
  const todayIso = today.toISOString().slice(0, 10);
  assert.ok(people.filter((p) => p.kind !== "CHILD" || p.organisationId === closing[2]!.id).every((p) => p.caseClosedOn === null));
  assert.ok(people.filter((p) => p.kind === "CHILD" && !p.caseClosedOn).every((p) => p.latestEntryOn === todayIso));
  // A file about anyone but a child runs from its last entry: some have had none for over six years.
  const others = people.filter((p) => p.kind !== "CHILD" && p.kind !== "UNBORN_CHILD");
  assert.ok(others.every((p) => p.dateOfBirth! <= p.latestEntryOn && p.latestEntryOn <= todayIso));
  const quiet = share(
    others.filter((p) => yearsAgo(p.latestEntryOn) > 6),
    others,
  );
  assert.ok(quiet > 0.08 && quiet < 0.25, `${(quiet * 100).toFixed(1)}% with no entry for six years`);
});
