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
