import { subDays } from "date-fns";
import type { Db } from "../db/client";
import { today } from "../domain/calendar";
import { demoActors, demoItemId, demoItems, demoSubjectId } from "./demo-actors";
import { correctForRequest } from "./rights/item-actions";
import { attachSubject, logRightsRequest, transitionRightsRequest, verifyIdentity } from "./rights/requests";

/**
 * Demo rights requests (issue 6), made through the same services people use: at the school, a
 * mother's correction of her son's attendance, made and told to children's social care (whose inbox
 * shows the notice to acknowledge); at the council, a complaint to acknowledge within 30 days.
 */

const PEOPLE = {
  bernard: "bernard.hale@northbrook.example",
  tomasz: "tomasz.wojcik@northbrook.example",
  dafydd: "dafydd.pryce@westshire.example",
} as const;

export async function seedDemoRights(db: Db, now = new Date()): Promise<void> {
  const { bernard, tomasz, dafydd } = await demoActors(db, PEOPLE);

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
}
