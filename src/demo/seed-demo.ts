import { count } from "drizzle-orm";
import { chooseDelivery } from "../features/notifications";
import { createUser } from "../features/organisations-and-users";
import type { OrganisationType } from "../features/organisations-and-users/domain";
import { organisations, users } from "../features/organisations-and-users/schema";
import { inTransaction } from "../platform/audit/write";
import type { Role } from "../platform/auth/roles";
import { hashPassword } from "../platform/crypto/hashing";
import type { Db } from "../platform/db/client";
import type {} from "./audit-events";
import { demoActors } from "./demo-actors";
import { seedDemoAgreements } from "./seed-demo-agreements";
import { seedDemoBreaches } from "./seed-demo-breaches";
import { seedDemoRecords } from "./seed-demo-records";
import { seedDemoRetention } from "./seed-demo-retention";
import { seedDemoRights } from "./seed-demo-rights";
import { seedDemoSharing } from "./seed-demo-sharing";

/** Shared by every demo account; passes the password policy so it can be typed as-is. */
export const DEMO_PASSWORD = "amber kettle orchard lantern";

interface DemoOrganisation {
  name: string;
  type: OrganisationType;
  ico: string;
  publicAuthority: boolean;
  dpo: string;
  domain: string;
  people: { name: string; local: string; roles: Role[] }[];
}

/** A fictional partnership in a fictional county. Names include accents on purpose. */
const DEMO: DemoOrganisation[] = [
  {
    name: "Westshire County Council Children's Services",
    type: "childrens_social_care",
    ico: "Z5550001",
    publicAuthority: true,
    dpo: "Dafydd Pryce",
    domain: "westshire.example",
    people: [
      { name: "Amara Okafor", local: "amara.okafor", roles: ["partnership_admin"] },
      { name: "Dafydd Pryce", local: "dafydd.pryce", roles: ["ig_lead"] },
      { name: "Joanna Kowalczyk", local: "joanna.kowalczyk", roles: ["practitioner", "safeguarding_lead"] },
      { name: "Rosa Martínez", local: "rosa.martinez", roles: ["auditor"] },
    ],
  },
  {
    name: "Northbrook Primary School",
    type: "school",
    ico: "Z5550002",
    publicAuthority: true,
    dpo: "Westshire Schools DPO Service",
    domain: "northbrook.example",
    people: [
      { name: "Siobhán O'Connor", local: "siobhan.oconnor", roles: ["safeguarding_lead"] },
      { name: "Tomasz Wójcik", local: "tomasz.wojcik", roles: ["practitioner"] },
      { name: "Bernard Hale", local: "bernard.hale", roles: ["org_admin", "ig_lead"] },
      // The school's information governance: two IG leads, so a disposal one proposes the other approves.
      { name: "Olusegun Adebayo", local: "olusegun.adebayo", roles: ["ig_lead"] },
      { name: "Catrin Lloyd", local: "catrin.lloyd", roles: ["ig_lead"] },
    ],
  },
  {
    name: "Westshire Police",
    type: "police",
    ico: "Z5550003",
    publicAuthority: true,
    dpo: "Information Management Unit",
    domain: "police.westshire.example",
    people: [
      { name: "Gareth Ellis", local: "gareth.ellis", roles: ["practitioner", "safeguarding_lead"] },
      { name: "Priya Raman", local: "priya.raman", roles: ["ig_lead"] },
    ],
  },
  {
    name: "Eastmoor NHS Foundation Trust",
    type: "health_trust",
    ico: "Z5550004",
    publicAuthority: true,
    dpo: "Trust Data Protection Officer",
    domain: "eastmoor.nhs.example",
    people: [
      { name: "Helen Ng", local: "helen.ng", roles: ["practitioner"] },
      { name: "Seán Ó Briain", local: "sean.obriain", roles: ["ig_lead"] },
    ],
  },
  {
    name: "Millfield Medical Practice",
    type: "gp_practice",
    ico: "Z5550005",
    publicAuthority: true,
    dpo: "Primary Care DPO",
    domain: "millfield.nhs.example",
    people: [{ name: "Dr Ravi Chandran", local: "ravi.chandran", roles: ["practitioner", "safeguarding_lead"] }],
  },
  {
    name: "Westshire Early Help",
    type: "early_help",
    ico: "Z5550006",
    publicAuthority: true,
    dpo: "Dafydd Pryce",
    domain: "earlyhelp.westshire.example",
    people: [{ name: "Chloé Dubois", local: "chloe.dubois", roles: ["practitioner"] }],
  },
  {
    name: "Haven Domestic Abuse Service",
    type: "voluntary_community",
    ico: "ZA555007",
    publicAuthority: false,
    dpo: "Haven Trustees",
    domain: "haven.example",
    people: [{ name: "Nia Williams", local: "nia.williams", roles: ["practitioner", "safeguarding_lead"] }],
  },
];

export interface DemoAccount {
  email: string;
  name: string;
  organisation: string;
  roles: Role[];
}

/** No organisation yet: a new deployment, into which the demo may go. */
export async function holdsNoPartnership(db: Db): Promise<boolean> {
  const [existing] = await db.select({ n: count() }).from(organisations);
  return (existing?.n ?? 0) === 0;
}

/**
 * Seeds the demo partnership into an empty database; does nothing if any organisation exists.
 * `emailInvitations`: Safeshare has a mail server, so the demo's invitation goes by email (to the
 * mail catcher, README "Email") rather than as a link for an administrator to pass on.
 */
export async function seedDemoPartnership(db: Db, { emailInvitations = false } = {}): Promise<DemoAccount[] | undefined> {
  if (!(await holdsNoPartnership(db))) return undefined;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const accounts: DemoAccount[] = [];
  await inTransaction(db, async (tx, audit) => {
    for (const o of DEMO) {
      const [org] = await tx
        .insert(organisations)
        .values({
          name: o.name,
          type: o.type,
          icoRegistration: o.ico,
          isPublicAuthority: o.publicAuthority,
          dpoName: o.dpo,
          dpoEmail: `dpo@${o.domain}`,
        })
        .returning({ id: organisations.id });
      for (const p of o.people) {
        const email = `${p.local}@${o.domain}`;
        await tx.insert(users).values({ organisationId: org!.id, name: p.name, email, roles: p.roles, passwordHash });
        accounts.push({ email, name: p.name, organisation: o.name, roles: p.roles });
      }
    }
    audit.record(
      { kind: "system", name: "safeshare seed-demo" },
      {
        type: "partnership.demo_seeded",
        details: { organisations: DEMO.length, users: accounts.length },
      },
    );
  });
  await seedDemoAgreements(db, DEMO_PASSWORD);
  await seedDemoRecords(db);
  await seedDemoSharing(db);
  await seedDemoRights(db);
  await seedDemoRetention(db);
  await seedDemoBreaches(db);
  // Early Help's practitioner reads her notifications in one email a day (README "Email").
  const { chloe } = await demoActors(db, { chloe: "chloe.dubois@earlyhelp.westshire.example" });
  await chooseDelivery(db, chloe, { delivery: "daily_digest" });
  // Northbrook's administrator has invited a new teaching assistant, who has not chosen a password yet.
  const { bernard } = await demoActors(db, { bernard: "bernard.hale@northbrook.example" });
  await createUser(
    db,
    bernard,
    { name: "Ffion Hughes", email: "ffion.hughes@northbrook.example", roles: ["practitioner"], organisationId: bernard.organisationId },
    { byEmail: emailInvitations },
  );
  return accounts;
}
