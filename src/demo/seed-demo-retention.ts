import { createSubject, recordItem } from "../features/records";
import { approveDisposal, proposeDisposal } from "../features/retention";
import type { Actor } from "../platform/auth/actor";
import type { Db } from "../platform/db/client";
import { demoActors } from "./demo-actors";

/**
 * Retention in the demo (issue 21): Northbrook Primary School holds child protection files of former
 * pupils born in 1998 to 2000, past the child's date of birth + 25 years, so its review queue has work
 * in it: two wait for review, and one was disposed of by its two IG leads (one proposed, the other
 * approved), leaving a certificate. Written through the services people use.
 */

const PEOPLE = {
  tomasz: "tomasz.wojcik@northbrook.example",
  olusegun: "olusegun.adebayo@northbrook.example",
  catrin: "catrin.lloyd@northbrook.example",
} as const;

const source = (name: string, obtainedOn: string) => ({ name, method: "OBSERVED", obtainedOn });

async function formerPupil(
  db: Db,
  teacher: Actor,
  person: { givenNames: string; familyName: string; dateOfBirth: string },
  items: { category: string; text: string; eventDate: string }[],
): Promise<string> {
  const { subject } = await createSubject(db, teacher, { kind: "CHILD", ...person });
  for (const item of items) {
    await recordItem(db, teacher, subject.id, {
      category: item.category,
      kind: "FACT",
      text: item.text,
      eventDate: item.eventDate,
      source: source("Designated safeguarding lead at the time", item.eventDate),
      historical: true,
    });
  }
  return subject.id;
}

export async function seedDemoRetention(db: Db): Promise<void> {
  const who = await demoActors(db, PEOPLE);
  // Awaiting review: a former pupil born in 2000, whose file reached date of birth + 25 years in 2025.
  await formerPupil(db, who.tomasz, { givenNames: "Jade", familyName: "Whitmore", dateOfBirth: "2000-03-14" }, [
    {
      category: "education",
      text: "Jade's attendance fell to 74% in the spring term; her mother said she had been caring for a younger brother.",
      eventDate: "2010-04-28",
    },
    {
      category: "family_circumstances",
      text: "Jade said there had been arguments at home and she did not want to go back tonight. Referred to children's social care.",
      eventDate: "2011-01-20",
    },
  ]);
  await formerPupil(db, who.tomasz, { givenNames: "Liam", familyName: "Osei", dateOfBirth: "1999-10-02" }, [
    {
      category: "education",
      text: "Liam was collected at the end of the day by an adult the school did not know; his father confirmed by phone it was an uncle.",
      eventDate: "2009-11-12",
    },
  ]);
  // Disposed of: proposed by one IG lead and approved by the other, with its certificate.
  const kyle = await formerPupil(db, who.tomasz, { givenNames: "Kyle", familyName: "Morton", dateOfBirth: "1998-06-18" }, [
    {
      category: "education",
      text: "Kyle was often late on Mondays and said he had been at his dad's at the weekend.",
      eventDate: "2008-02-11",
    },
  ]);
  const { id } = await proposeDisposal(db, who.olusegun, {
    category: "SCHOOL_CHILD_PROTECTION_FILE",
    action: "DESTROY",
    reason: "Reviewed at the end of the retention period: no open proceedings, inquiry or request concerns the file.",
    subjectIds: [kyle],
  });
  await approveDisposal(db, who.catrin, id);
}
