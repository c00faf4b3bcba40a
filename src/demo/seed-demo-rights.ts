import { randomUUID } from "node:crypto";
import { subDays } from "date-fns";
import { createSubject, linkSubjects, recordItem } from "../features/records";
import { attachSubject, correctForRequest, logRightsRequest, transitionRightsRequest, verifyIdentity } from "../features/rights";
import { recordShareDecision } from "../features/sharing";
import type { Actor } from "../platform/auth/actor";
import { today } from "../platform/dates/calendar";
import type { Db } from "../platform/db/client";
import { demoActors, demoItemId, demoItems, demoSubjectId } from "./demo-actors";

/**
 * Demo rights requests (issue 6), made through the same services people use: at the school, a
 * mother's correction of her son's attendance, made and told to children's social care (whose inbox
 * shows the notice to acknowledge); at the council, a complaint to acknowledge within 30 days; at
 * Eastmoor NHS, a father recorded as an alleged perpetrator asking for his daughter's records, whose
 * referral to social care was made without telling the family (the pack warns and starts a draft).
 */

const PEOPLE = {
  bernard: "bernard.hale@northbrook.example",
  tomasz: "tomasz.wojcik@northbrook.example",
  dafydd: "dafydd.pryce@westshire.example",
  helen: "helen.ng@eastmoor.nhs.example",
  sean: "sean.obriain@eastmoor.nhs.example",
  joanna: "joanna.kowalczyk@westshire.example",
} as const;

export async function seedDemoRights(db: Db, now = new Date()): Promise<void> {
  const { bernard, tomasz, dafydd, helen, sean, joanna } = await demoActors(db, PEOPLE);

  const kai = await demoSubjectId(db, tomasz, "Kai", "Brennan-Nowak");
  const attendance = demoItemId(await demoItems(db, kai), "Attendance this half term");
  const correction = await logRightsRequest(db, bernard, {
    type: "RECTIFICATION",
    requester: { name: "Megan Brennan", email: "megan.brennan@example" },
    relationship: "PARENTAL_RESPONSIBILITY",
    about: { name: "Kai Brennan-Nowak" },
    details: "Two of the Monday absences were hospital appointments I told the office about. Please correct his record.",
    receivedVia: "EMAIL",
    receivedOn: today(subDays(now, 5)),
  });
  await attachSubject(db, bernard, correction.id, kai);
  await verifyIdentity(
    db,
    bernard,
    correction.id,
    {
      evidence: "Known to the school office; reply sent to the email on file",
      authorityEvidence: "Named as Kai's mother with parental responsibility on the admission form",
    },
    now,
  );
  await transitionRightsRequest(db, bernard, correction.id, { to: "IN_PROGRESS" }, now);
  await correctForRequest(db, bernard, correction.id, attendance, {
    category: "education",
    kind: "FACT",
    text: "Attendance this half term is 81% (12 sessions missed, 9 of them Mondays; 2 were hospital appointments, authorised). Mother reported illness for 4 of them.",
    eventDate: today(subDays(now, 20)),
    source: { name: "School attendance register", method: "DOCUMENT", obtainedOn: today(subDays(now, 20)) },
    historical: false,
    specialCategory: false,
    criminalOffence: false,
    reason: "Hospital appointment letters for two Mondays were on file but not entered in the register",
  });

  await logRightsRequest(db, dafydd, {
    type: "COMPLAINT",
    requester: { name: "Darius Novak", email: "d.novak@example" },
    relationship: "SELF",
    about: { name: "Darius Novak" },
    details: "I asked in September who my information had been shared with and have had no answer.",
    receivedVia: "LETTER",
    receivedOn: today(subDays(now, 26)),
  });

  await seedFatherAccessRequest(db, { helen, sean, joanna }, now);
}

/**
 * Lily Carter, on Eastmoor's health visiting caseload: her mother told the health visitor that Lily's
 * father, recorded as an alleged perpetrator towards her, must not know where they are staying; Lily
 * was referred to children's social care without telling the family. Now he asks for her records.
 */
async function seedFatherAccessRequest(db: Db, who: Record<"helen" | "sean" | "joanna", Actor>, now: Date): Promise<void> {
  const daysAgo = (n: number) => today(subDays(now, n));
  const person = async (kind: string, givenNames: string, familyName: string, dateOfBirth?: string) =>
    (await createSubject(db, who.helen, { kind, givenNames, familyName, dateOfBirth })).subject.id;
  const lily = await person("CHILD", "Lily", "Carter", "2022-03-10");
  const jade = await person("PARENT_CARER", "Jade", "Carter", "1996-07-21");
  const ryan = await person("PARENT_CARER", "Ryan", "Carter", "1993-01-05");
  for (const [fromSubjectId, kind] of [
    [jade, "PARENT_OF"],
    [ryan, "PARENT_OF"],
    [ryan, "ALLEGED_PERPETRATOR_TOWARDS"],
  ] as const) {
    await linkSubjects(db, who.helen, { fromSubjectId, toSubjectId: lily, kind });
  }
  const staying = await recordItem(db, who.helen, lily, {
    category: "family_circumstances",
    kind: "FACT",
    text: "At the home visit Jade Carter said Ryan no longer lives with them and must not find out where she and Lily are staying.",
    eventDate: daysAgo(12),
    source: { name: "Helen Ng, health visitor", method: "TOLD_DIRECTLY", obtainedOn: daysAgo(12) },
  });
  await recordItem(db, who.helen, lily, {
    category: "health",
    kind: "OPINION",
    text: "At her two-year review Lily's speech and movement are on track; she is a happy, sociable toddler.",
    eventDate: daysAgo(40),
    source: { name: "Helen Ng, health visitor", method: "OBSERVED", obtainedOn: daysAgo(40) },
    specialCategory: true,
  });
  await recordShareDecision(
    db,
    who.helen,
    {
      subjectId: lily,
      purpose: { code: "CHILD_IN_NEED_S17", description: "Referral: Lily's mother fears her former partner" },
      information: { personal: true, confidential: true, thirdParty: true },
      recipient: { organisationId: who.joanna.organisationId, role: "SOCIAL_WORKER", userId: who.joanna.userId, routine: false },
      transparency: {
        informed: false,
        notInformedReason: "Telling Lily's father could place Lily and her mother at risk",
        capacity: "NOT_CAPABLE",
        parentalResponsibility: "Mother and father",
        consentStatus: "NOT_SOUGHT",
        consentNotSoughtReason: "UNSAFE_TO_SEEK",
      },
      lawfulBasis: { article6: "A6_1E_PUBLIC_TASK", gateway: "CA2004_S11", commonLaw: "CL_PUBLIC_INTEREST" },
      items: { items: [{ itemId: staying.id, share: true }], subjectDetails: ["dateOfBirth"] },
      advice: { sought: false },
      decision: {
        outcome: "SHARE",
        reasons: "Lily's mother fears her former partner; social care should know before he finds them.",
        necessityAndProportionality: "What the mother said at the visit, and nothing about Lily's health.",
      },
      acknowledgedWarnings: ["GR4-SEEK-ADVICE", "ICO6-AGREEMENT", "GR5-PROTECT-IDENTITIES"],
    },
    randomUUID(),
    subDays(now, 11),
  );
  const request = await logRightsRequest(db, who.sean, {
    type: "ACCESS",
    requester: { name: "Ryan Carter", email: "ryan.carter@example" },
    relationship: "PARENTAL_RESPONSIBILITY",
    about: { name: "Lily Carter", dateOfBirth: "2022-03-10" },
    details: "Everything the health visitors hold about my daughter, and who you have given it to.",
    receivedVia: "LETTER",
    receivedOn: daysAgo(3),
  });
  await attachSubject(db, who.sean, request.id, lily);
}
