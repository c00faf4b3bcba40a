import { format, subMonths } from "date-fns";
import { eq } from "drizzle-orm";
import { createFromTemplate, editAgreement, sendForSignature, signAgreement } from "../features/agreements";
import { agreements } from "../features/agreements/schema";
import type { Actor } from "../platform/auth/actor";
import type { Db } from "../platform/db/client";
import { demoActors } from "./demo-actors";
import {
  COUNCIL,
  type DemoAgreement,
  HEALTH,
  MASH_AGREEMENT,
  PARTNERSHIP_AGREEMENT,
  POLICE,
  SCHOOL,
  SCHOOL_AGREEMENT,
} from "./demo-agreement-terms";

/** The person who signs for each demo organisation: its IG lead. */
const SIGNATORIES: Record<string, { email: string; jobTitle: string }> = {
  [COUNCIL]: { email: "dafydd.pryce@westshire.example", jobTitle: "Data Protection Officer" },
  [SCHOOL]: { email: "bernard.hale@northbrook.example", jobTitle: "School Business Manager" },
  [POLICE]: { email: "priya.raman@police.westshire.example", jobTitle: "Head of Information Management" },
  [HEALTH]: { email: "sean.obriain@eastmoor.nhs.example", jobTitle: "Caldicott Guardian" },
};

type Directory = Map<string, { organisationId: string; actor: Actor; jobTitle: string }>;

async function directory(db: Db): Promise<Directory> {
  const people = await demoActors(db, Object.fromEntries(Object.entries(SIGNATORIES).map(([org, s]) => [org, s.email])));
  const byOrg: Directory = new Map();
  for (const [org, { jobTitle }] of Object.entries(SIGNATORIES)) {
    const actor = people[org]!;
    byOrg.set(org, { organisationId: actor.organisationId, jobTitle, actor });
  }
  return byOrg;
}

/**
 * Drafts, signs and brings into force a demo agreement through the same services people use, so the
 * demo's audit trail and signatures are real. `patch` tailors the model template.
 */
async function agree(db: Db, dir: Directory, password: string, spec: DemoAgreement & { parentAgreementId?: string }): Promise<string> {
  const owner = dir.get(spec.parties[0]!)!;
  const ids = Object.fromEntries(spec.parties.map((p) => [p, dir.get(p)!.organisationId]));
  const created = await createFromTemplate(db, owner.actor, {
    title: spec.title,
    tier: spec.tier,
    parentAgreementId: spec.parentAgreementId,
    partyOrganisationIds: spec.parties.map((p) => ids[p]!),
  });
  const current = await editAgreement(db, owner.actor, created.id, spec.patch(ids));
  const parties = current.content.parties.map((party) => {
    const signatory = [...dir.values()].find((d) => d.organisationId === party.organisationId)!;
    return {
      ...party,
      signatoryUserId: signatory.actor.userId,
      signatoryJobTitle: signatory.jobTitle,
      contactName: signatory.actor.name,
      contactEmail: SIGNATORIES[signatory.actor.organisationName]!.email,
    };
  });
  await editAgreement(db, owner.actor, created.id, {
    parties,
    dpia: { reference: `DPIA-${spec.tier === "STRATEGIC" ? "T1" : "T2"}-2026`, completedOn: "2026-01-15" },
  });
  await sendForSignature(db, owner.actor, created.id);
  for (const party of spec.parties) await signAgreement(db, dir.get(party)!.actor, created.id, { version: 1, password });
  return created.id;
}

/**
 * The demo register (demo-agreement-terms.ts): the partnership agreement, then the two operational
 * agreements under it. The school agreement is left more than three months past its review date, so
 * the demo shows an agreement that is no longer in force.
 */
export async function seedDemoAgreements(db: Db, password: string): Promise<void> {
  const dir = await directory(db);
  const tier1 = await agree(db, dir, password, PARTNERSHIP_AGREEMENT);
  await agree(db, dir, password, { ...MASH_AGREEMENT, parentAgreementId: tier1 });
  const school = await agree(db, dir, password, { ...SCHOOL_AGREEMENT, parentAgreementId: tier1 });
  // Signed two years ago and never reviewed since: more than 3 months past review, so not in force.
  const now = new Date();
  const iso = (d: Date) => format(d, "yyyy-MM-dd");
  await db
    .update(agreements)
    .set({ inForceSince: iso(subMonths(now, 22)), lastReviewedOn: null, nextReviewDate: iso(subMonths(now, 10)) })
    .where(eq(agreements.id, school));
}
