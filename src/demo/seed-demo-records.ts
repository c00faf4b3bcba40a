import { addMonths, format, subDays } from "date-fns";
import { acknowledgeConcern, closeConcern, correctItem, createSubject, linkSubjects, raiseConcern, recordItem } from "../features/records";
import type { Actor } from "../platform/auth/actor";
import type { Db } from "../platform/db/client";
import { demoActors } from "./demo-actors";

/**
 * Demo families (issue 4): fictional people with histories a real partnership would recognise, each
 * organisation holding only what it would itself know. Written through the same services people
 * use, so the audit trail, chronologies and DSL dashboards are real. Dates are relative to today so
 * the demo never goes stale.
 */

const PEOPLE = {
  tomasz: "tomasz.wojcik@northbrook.example",
  siobhan: "siobhan.oconnor@northbrook.example",
  helen: "helen.ng@eastmoor.nhs.example",
  gareth: "gareth.ellis@police.westshire.example",
} as const;

export async function seedDemoRecords(db: Db, now = new Date()): Promise<void> {
  const who = await demoActors(db, PEOPLE);
  const daysAgo = (n: number) => format(subDays(now, n), "yyyy-MM-dd");
  const item = (actor: Actor, subjectId: string, input: Record<string, unknown>) => recordItem(db, actor, subjectId, input);

  // Northbrook Primary School: worries about Kai, who lives with his mother and her partner.
  const kai = await createSubject(db, who.tomasz, {
    kind: "CHILD",
    givenNames: "Kai",
    familyName: "Brennan-Nowak",
    dateOfBirth: "2017-09-14",
    sexGender: "Male",
    upn: "K823200115001",
    addresses: [{ lines: "27 Larch Close, Northbrook", postcode: "WS3 4PL" }],
  });
  const megan = await createSubject(db, who.tomasz, {
    kind: "PARENT_CARER",
    givenNames: "Megan",
    familyName: "Brennan",
    dateOfBirth: "1992-02-08",
    phone: "07700 900417",
    addresses: [
      { lines: "27 Larch Close, Northbrook", postcode: "WS3 4PL" },
      { lines: "Haven refuge, 2 Alder Mews, Westshire", postcode: "WS8 1HZ", protected: true },
    ],
  });
  const darren = await createSubject(db, who.tomasz, {
    kind: "HOUSEHOLD_MEMBER",
    givenNames: "Darren",
    familyName: "Pike",
    aliases: ["Daz Pike"],
  });
  await linkSubjects(db, who.tomasz, { fromSubjectId: megan.subject.id, toSubjectId: kai.subject.id, kind: "PARENT_OF" });
  await linkSubjects(db, who.tomasz, { fromSubjectId: darren.subject.id, toSubjectId: kai.subject.id, kind: "LIVES_WITH" });
  await item(who.tomasz, kai.subject.id, {
    category: "education",
    kind: "FACT",
    text: "Attendance this half term is 81% (12 sessions missed, 9 of them Mondays). Mother reported illness for 4 of them.",
    eventDate: daysAgo(20),
    source: { name: "School attendance register", method: "DOCUMENT", obtainedOn: daysAgo(20) },
  });
  await item(who.tomasz, kai.subject.id, {
    category: "education",
    kind: "OPINION",
    text: "In my view Kai has become withdrawn since the autumn: he no longer joins in at playtime and often seems tired in the mornings.",
    eventDate: daysAgo(12),
    source: { name: "Tomasz Wójcik, class teacher", method: "OBSERVED", obtainedOn: daysAgo(12) },
  });
  await item(who.tomasz, kai.subject.id, {
    category: "family_circumstances",
    kind: "FACT",
    text: 'Kai said, unprompted, during reading time: "Darren shouts at Mum at night and he threw a plate." Recorded in his words straight afterwards.',
    eventDate: daysAgo(3),
    source: { name: "Kai Brennan-Nowak (the child)", method: "TOLD_DIRECTLY", obtainedOn: daysAgo(3) },
  });
  // The refuge written into Kai's own record: a share of this item takes the address out (GR5-PROTECT-IDENTITIES).
  await item(who.tomasz, kai.subject.id, {
    category: "family_circumstances",
    kind: "FACT",
    text: "Kai's mother phoned: she and Kai are staying at Haven refuge, 2 Alder Mews, WS8 1HZ for now. Only his mother may collect him.",
    eventDate: daysAgo(2),
    source: { name: "Megan Brennan (mother), by phone", method: "PHONE_CALL", obtainedOn: daysAgo(2) },
    acknowledgedWarnings: ["GR5-PROTECT-IDENTITIES"],
  });
  const uniform = await raiseConcern(db, who.tomasz, kai.subject.id, {
    category: "NEGLECT",
    description: "Kai came to school hungry on three mornings in one week and without a coat in cold weather.",
    levelOfNeed: "EARLY_HELP",
    noticedOn: daysAgo(60),
  });
  await acknowledgeConcern(db, who.siobhan, kai.subject.id, uniform.id, {
    followUpAction: "Spoke to mother at pick-up; offered a breakfast club place and the Early Help assessment.",
  });
  await closeConcern(db, who.siobhan, kai.subject.id, uniform.id, {
    outcome: "Breakfast club place taken up; Early Help assessment declined by mother. Monitoring continues.",
  });
  // Left unacknowledged on purpose: the demo DSL's dashboard shows it.
  await raiseConcern(db, who.tomasz, kai.subject.id, {
    category: "DOMESTIC_ABUSE",
    description: "Kai's account of shouting and a plate being thrown at home, with his recent withdrawal and poor attendance.",
    levelOfNeed: "CHILD_IN_NEED_S17",
    noticedOn: daysAgo(3),
  });

  // Eastmoor NHS Trust health visiting: Aisha is pregnant; her toddler Yusuf is on the caseload.
  const aisha = await createSubject(db, who.helen, {
    kind: "PARENT_CARER",
    givenNames: "Aisha",
    familyName: "Rahman",
    dateOfBirth: "1998-11-30",
    nhsNumber: "485 777 3457",
    addresses: [{ lines: "Flat 9, Beacon House, Eastmoor", postcode: "WS11 2RT" }],
  });
  const unborn = await createSubject(db, who.helen, {
    kind: "UNBORN_CHILD",
    givenNames: "Baby",
    familyName: "Rahman",
    expectedDate: format(addMonths(now, 3), "yyyy-MM-dd"),
  });
  const yusuf = await createSubject(db, who.helen, {
    kind: "CHILD",
    givenNames: "Yusuf",
    familyName: "Rahman",
    dateOfBirth: "2024-06-21",
    nhsNumber: "401 023 2137",
  });
  await linkSubjects(db, who.helen, { fromSubjectId: aisha.subject.id, toSubjectId: unborn.subject.id, kind: "PARENT_OF" });
  await linkSubjects(db, who.helen, { fromSubjectId: aisha.subject.id, toSubjectId: yusuf.subject.id, kind: "PARENT_OF" });
  await linkSubjects(db, who.helen, { fromSubjectId: yusuf.subject.id, toSubjectId: unborn.subject.id, kind: "SIBLING_OF" });
  await item(who.helen, unborn.subject.id, {
    category: "health",
    kind: "FACT",
    text: "Antenatal contact at 26 weeks. Mother booked late (22 weeks); missed two midwife appointments.",
    eventDate: daysAgo(9),
    source: { name: "Community midwife, Eastmoor maternity", method: "FROM_ANOTHER_AGENCY", obtainedOn: daysAgo(8) },
    specialCategory: true,
  });
  await item(who.helen, unborn.subject.id, {
    category: "health",
    kind: "OPINION",
    text: "Mother presented with low mood and said she feels isolated since moving. I think she would benefit from perinatal mental health support.",
    eventDate: daysAgo(9),
    source: { name: "Helen Ng, health visitor", method: "OBSERVED", obtainedOn: daysAgo(9) },
    specialCategory: true,
  });
  await item(who.helen, yusuf.subject.id, {
    category: "social_care",
    kind: "FACT",
    text: "An older half-sibling was on a child in need plan in another authority in 2019; the plan closed in 2020.",
    eventDate: "2019-05-01",
    source: { name: "Mother, at the new-birth visit", method: "TOLD_DIRECTLY", obtainedOn: daysAgo(300) },
    historical: true,
  });

  // Westshire Police: a domestic abuse call-out. Megan has since moved to a refuge: a protected address.
  const meganPolice = await createSubject(db, who.gareth, {
    kind: "PARENT_CARER",
    givenNames: "Megan",
    familyName: "Brennan",
    dateOfBirth: "1992-02-08",
    addresses: [
      { lines: "27 Larch Close, Northbrook", postcode: "WS3 4PL" },
      { lines: "Haven refuge, 2 Alder Mews, Westshire", postcode: "WS8 1HZ", protected: true },
    ],
  });
  const darrenPolice = await createSubject(db, who.gareth, {
    kind: "ALLEGED_PERPETRATOR",
    givenNames: "Darren",
    familyName: "Pike",
    dateOfBirth: "1988-07-19",
  });
  const kaiPolice = await createSubject(db, who.gareth, {
    kind: "CHILD",
    givenNames: "Kai",
    familyName: "Brennan-Nowak",
    dateOfBirth: "2017-09-14",
  });
  await linkSubjects(db, who.gareth, {
    fromSubjectId: darrenPolice.subject.id,
    toSubjectId: meganPolice.subject.id,
    kind: "ALLEGED_PERPETRATOR_TOWARDS",
  });
  await linkSubjects(db, who.gareth, { fromSubjectId: meganPolice.subject.id, toSubjectId: kaiPolice.subject.id, kind: "PARENT_OF" });
  const callOut = await item(who.gareth, meganPolice.subject.id, {
    category: "police",
    kind: "FACT",
    text: "Call to 27 Larch Close at 23:40: neighbour reported shouting and breaking glass. Megan had a cut to her hand; Darren Pike had left. A child (Kai, 7) was present upstairs.",
    eventDate: daysAgo(6),
    source: { name: "PC 4471 Evans, attending officer", method: "OBSERVED", obtainedOn: daysAgo(6) },
    criminalOffence: true,
  });
  await correctItem(db, who.gareth, meganPolice.subject.id, callOut.id, {
    category: "police",
    kind: "FACT",
    text: "Call to 27 Larch Close at 23:40: neighbour reported shouting and breaking glass. Megan had a cut to her hand; Darren Pike had left. A child (Kai, 9) was present upstairs.",
    eventDate: daysAgo(6),
    source: { name: "PC 4471 Evans, attending officer", method: "OBSERVED", obtainedOn: daysAgo(6) },
    criminalOffence: true,
    reason: "Kai's age was recorded wrongly in the first report: he is 9 (date of birth checked with the school).",
  });
  await item(who.gareth, meganPolice.subject.id, {
    category: "police",
    kind: "OPINION",
    text: "DASH risk assessment completed with Megan: assessed as high risk; referred to MARAC.",
    eventDate: daysAgo(5),
    source: { name: "DC Gareth Ellis, domestic abuse investigator", method: "MEETING", obtainedOn: daysAgo(5) },
  });
  await item(who.gareth, kaiPolice.subject.id, {
    category: "police",
    kind: "FACT",
    text: "Kai was present in the house during the incident of domestic abuse attended by officers (Operation Encompass notification due to the school).",
    eventDate: daysAgo(6),
    source: { name: "PC 4471 Evans, attending officer", method: "OBSERVED", obtainedOn: daysAgo(6) },
  });
  await raiseConcern(db, who.gareth, kaiPolice.subject.id, {
    category: "DOMESTIC_ABUSE",
    description: "Child present at a high-risk domestic abuse incident; notify the school and children's social care.",
    levelOfNeed: "CHILD_IN_NEED_S17",
    noticedOn: daysAgo(6),
  });
}
