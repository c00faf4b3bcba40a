import assert from "node:assert/strict";
import { test } from "node:test";
import type { AgreementContent } from "../../../src/features/agreements/domain/content";
import type { AgreementDocument, OrganisationSummary } from "../../../src/features/agreements/domain/document";
import { modelTemplate } from "../../../src/features/agreements/domain/model-template";
import { toOdrl } from "../../../src/features/agreements/domain/odrl";
import { monthsDuration } from "../../../src/features/agreements/domain/odrl/nodes";

const BASE = "https://safeshare.example.gov.uk";
const SCHOOL = "11111111-1111-4111-8111-111111111111";
const COUNCIL = "22222222-2222-4222-8222-222222222222";
const POLICE = "33333333-3333-4333-8333-333333333333";
const AGREEMENT = "44444444-4444-4444-8444-444444444444";
const ZOE = "aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa";

const ORGS: Record<string, OrganisationSummary> = {
  [SCHOOL]: {
    id: SCHOOL,
    name: "Ysgol Gymraeg Bro Taf",
    icoRegistration: "ZA123456",
    dpoName: "Siân Prydderch",
    dpoEmail: "dpo@brotaf.example",
  },
  [COUNCIL]: { id: COUNCIL, name: "Cyngor Caerdydd – Gwasanaethau Plant", icoRegistration: "Z5678901", dpoName: null, dpoEmail: null },
  [POLICE]: {
    id: POLICE,
    name: "Heddlu De Cymru (Zoë Ní Bhriain, DPO office)",
    icoRegistration: null,
    dpoName: "Zoë Ní Bhriain",
    dpoEmail: null,
  },
};

const orgUri = (id: string) => `${BASE}/api/v1/organisations/${id}`;
const POLICY_ID = `${BASE}/api/v1/agreements/${AGREEMENT}/versions/3`;

/** Three flows: school → council (not to be passed on, 24 months), council → police (with the originator's agreement), any → any (default retention). */
function content(): AgreementContent {
  const c = modelTemplate({
    title: "Rhannu gwybodaeth: Bro Taf, Caerdydd a’r Heddlu",
    tier: "STRATEGIC",
    partyOrganisationIds: [SCHOOL, COUNCIL, POLICE],
  });
  c.parties[0]!.signatoryUserId = ZOE;
  c.parties[2]!.controllerRelationship = "JOINT";
  c.dataItems.push({
    key: "offences",
    name: "Offences by household members",
    category: "police",
    specialCategory: false,
    criminalOffence: true,
    kind: "FACT",
    mayIncludeProtectedIdentity: true,
  });
  c.legalBasis[2]!.article9 = ["LE_S35_SCH8P4_SAFEGUARDING"];
  c.legalBasis[2]!.article6 = ["A6_1C_LEGAL_OBLIGATION", "A6_1E_PUBLIC_TASK"];
  const [template] = c.flows;
  c.flows = [
    {
      ...template!,
      key: "school-to-council",
      description: "Ysgol Gymraeg Bro Taf refers welfare concerns to children's services",
      fromOrganisationIds: [SCHOOL],
      toOrganisationIds: [COUNCIL],
      dataItemKeys: ["identity", "education", "health"],
      onwardDisclosure: "NOT_PERMITTED",
      retentionMonths: 24,
      frequency: "AS_NEEDED",
    },
    {
      ...template!,
      key: "council-to-police",
      description: "Strategy discussion information",
      fromOrganisationIds: [COUNCIL],
      toOrganisationIds: [POLICE],
      dataItemKeys: ["identity", "social-care"],
      onwardDisclosure: "WITH_ORIGINATOR_CONSENT",
      retentionMonths: null,
    },
    { ...template!, key: "case-by-case", onwardDisclosure: "PERMITTED" },
  ];
  return c;
}

function doc(overrides: Partial<AgreementDocument> = {}): AgreementDocument {
  const c = content();
  return {
    agreementId: AGREEMENT,
    reference: "DSA-0007",
    title: c.documentControl.title,
    tier: "STRATEGIC",
    status: "ACTIVE",
    version: 3,
    versionState: "SIGNED",
    versionKind: "VARIATION",
    changeSummary: "Added the police",
    inForceVersion: 3,
    inForceSince: "2026-04-01",
    lastReviewedOn: "2026-04-01",
    nextReviewDate: "2027-04-01",
    owner: ORGS[SCHOOL]!,
    parent: null,
    parentInForce: null,
    content: c,
    inherited: [],
    organisations: ORGS,
    users: { [ZOE]: { name: "Zoë Ní Bhriain" } },
    signatures: [
      {
        organisationId: SCHOOL,
        version: 3,
        kind: "SIGNATURE",
        signatoryName: "Zoë Ní Bhriain",
        signatoryJobTitle: "Pennaeth",
        signedAt: "2026-03-31T23:30:00.000Z",
      },
    ],
    generatedAt: "2026-04-02T13:05:00.000Z",
    ...overrides,
  };
}

// biome-ignore lint/suspicious/noExplicitAny: the export is untyped JSON-LD; tests walk it freely.
type Json = any;
const exportOf = (d: AgreementDocument = doc()): Json => JSON.parse(JSON.stringify(toOdrl(d, `${BASE}/`)));
const ids = (nodes: Json[]) => nodes.map((n) => (typeof n === "string" ? n : n["@id"]));
const shares = (odrl: Json, flow: string) =>
  odrl.permission.filter((p: Json) => p["safeshare:flow"] === flow && p["safeshare:rule"] === "share");

test("the export is a JSON-LD ODRL Agreement with an @context, @id, title, version, status and issued date", () => {
  const odrl = exportOf();
  assert.equal(odrl["@context"][0], "http://www.w3.org/ns/odrl.jsonld");
  assert.equal(odrl["@context"][1].dpv, "https://w3id.org/dpv#");
  assert.equal(odrl["@context"][1]["eu-gdpr"], "https://w3id.org/dpv/legal/eu/gdpr#");
  assert.equal(odrl["@type"], "Agreement");
  assert.equal(odrl["@id"], POLICY_ID, "the trailing slash on the base URL is dropped");
  assert.equal(odrl["dct:title"], "Rhannu gwybodaeth: Bro Taf, Caerdydd a’r Heddlu");
  assert.equal(odrl["dct:identifier"], "DSA-0007");
  assert.equal(odrl["owl:versionInfo"], "3");
  assert.equal(odrl["safeshare:status"], "ACTIVE");
  assert.deepEqual(odrl["dct:issued"], { "@value": "2026-04-01", "@type": "xsd:date" });
  assert.equal(odrl["dct:publisher"]["vcard:fn"], "Ysgol Gymraeg Bro Taf");
});

test("a signed but superseded version is issued on the UK date of its last signature", () => {
  const odrl = exportOf(doc({ inForceVersion: 4, inForceSince: "2026-06-01" }));
  assert.deepEqual(odrl["dct:issued"], { "@value": "2026-04-01", "@type": "xsd:date" }, "23:30 UTC on 31 March is 1 April in London (BST)");
  const draft = exportOf(doc({ inForceVersion: null, inForceSince: null, versionState: "DRAFT", status: "DRAFT" }));
  assert.equal(draft["dct:issued"], undefined);
});

test("each party is assigner of the flows it sends and assignee of the flows it receives", () => {
  const odrl = exportOf();
  const [schoolToCouncil] = shares(odrl, "school-to-council");
  assert.equal(shares(odrl, "school-to-council").length, 1);
  assert.equal(schoolToCouncil.assigner["@id"], orgUri(SCHOOL));
  assert.equal(schoolToCouncil.assigner["vcard:fn"], "Ysgol Gymraeg Bro Taf");
  assert.equal(schoolToCouncil.assignee["@id"], orgUri(COUNCIL));
  assert.equal(schoolToCouncil.assignee["vcard:fn"], "Cyngor Caerdydd – Gwasanaethau Plant");

  const [councilToPolice] = shares(odrl, "council-to-police");
  assert.equal(councilToPolice.assigner["@id"], orgUri(COUNCIL));
  assert.equal(councilToPolice.assignee["@id"], orgUri(POLICE));
  assert.equal(councilToPolice.assignee["vcard:fn"], "Heddlu De Cymru (Zoë Ní Bhriain, DPO office)");
  assert.equal(councilToPolice.assignee["safeshare:controllerRelationship"], "JOINT");

  // Empty senders and recipients mean any party: every ordered pair of different parties.
  const any = shares(odrl, "case-by-case");
  assert.equal(any.length, 6);
  const pairs = any.map((p: Json) => `${p.assigner["@id"]} → ${p.assignee["@id"]}`).sort();
  assert.equal(new Set(pairs).size, 6);
  for (const id of [SCHOOL, COUNCIL, POLICE]) {
    assert.equal(any.filter((p: Json) => p.assigner["@id"] === orgUri(id)).length, 2);
    assert.equal(any.filter((p: Json) => p.assignee["@id"] === orgUri(id)).length, 2);
    assert.ok(!any.some((p: Json) => p.assigner["@id"] === orgUri(id) && p.assignee["@id"] === orgUri(id)));
  }
});

test("every flow has a share permission over an AssetCollection of its data items with DPV categories", () => {
  const odrl = exportOf();
  for (const flow of ["school-to-council", "council-to-police", "case-by-case"]) {
    const [permission] = shares(odrl, flow);
    assert.ok(permission, flow);
    assert.equal(permission.action, "dpv:Share");
    assert.equal(permission.target["@type"], "AssetCollection");
    assert.equal(permission.target["@id"], `${POLICY_ID}#flow/${flow}/data`);
  }
  const items = shares(odrl, "school-to-council")[0].target["dct:hasPart"];
  assert.deepEqual(
    ids(items),
    ["identity", "education", "health"].map((k) => `${POLICY_ID}#item/${k}`),
  );
  const health = items.find((i: Json) => i["safeshare:key"] === "health");
  assert.ok(health["@type"].includes("dpv:SpecialCategoryPersonalData"));
  assert.ok(health["@type"].includes("pd:Health"));
  assert.equal(health.partOf, `${POLICY_ID}#flow/school-to-council/data`);
  const education = items.find((i: Json) => i["safeshare:key"] === "education");
  assert.deepEqual(education["@type"], ["Asset", "pd:School"]);
  // A flow with no items listed carries every item, including criminal offence data.
  const all = shares(odrl, "case-by-case")[0].target["dct:hasPart"];
  assert.equal(all.length, 6);
  const offences = all.find((i: Json) => i["safeshare:key"] === "offences");
  assert.ok(offences["@type"].includes("pd:CriminalOffense") && offences["@type"].includes("pd:Criminal"));
  assert.equal(offences["safeshare:mayIncludeProtectedIdentity"], true);
});

test("share permissions are constrained by purpose, recipient and the sender's legal basis", () => {
  const odrl = exportOf();
  const [permission] = shares(odrl, "school-to-council");
  const byLeft = (left: string) => permission.constraint.filter((c: Json) => c.leftOperand === left);

  const [purpose] = byLeft("purpose");
  assert.equal(purpose.operator, "isAnyOf");
  assert.deepEqual(ids(purpose.rightOperand), [
    "safeshare:purpose/CHILD_PROTECTION_S47",
    "safeshare:purpose/CHILD_IN_NEED_S17",
    "safeshare:purpose/EARLY_HELP",
  ]);
  assert.deepEqual(purpose.rightOperand[0]["skos:broader"], [{ "@id": "dpv:PublicBenefit" }]);

  const [recipient] = byLeft("recipient");
  assert.deepEqual(recipient, { leftOperand: "recipient", operator: "eq", rightOperand: { "@id": orgUri(COUNCIL) } });

  const bases = byLeft("dpv-odrl:LegalBasis");
  assert.equal(bases.length, 2, "Article 6 and, for special category data, Article 9");
  assert.deepEqual(ids(bases[0].rightOperand), ["safeshare:basis/A6_1E_PUBLIC_TASK"]);
  assert.deepEqual(bases[0].rightOperand[0]["skos:broader"], { "@id": "eu-gdpr:A6-1-e" });
  assert.deepEqual(bases[1].rightOperand[0]["skos:broader"], { "@id": "eu-gdpr:A9-2-g" });
  assert.equal(bases[1].rightOperand[0]["@id"], "safeshare:basis/A9_2G_S1P18_SAFEGUARDING");

  // The police send under their own basis.
  const fromPolice = shares(odrl, "case-by-case").find((p: Json) => p.assigner["@id"] === orgUri(POLICE));
  const policeBases = fromPolice.constraint.filter((c: Json) => c.leftOperand === "dpv-odrl:LegalBasis");
  assert.deepEqual(ids(policeBases[0].rightOperand), ["safeshare:basis/A6_1C_LEGAL_OBLIGATION", "safeshare:basis/A6_1E_PUBLIC_TASK"]);
  assert.deepEqual(ids(policeBases[1].rightOperand), ["safeshare:basis/LE_S35_SCH8P4_SAFEGUARDING"]);

  // A flow carrying no special category or criminal offence data needs no Article 9/10 constraint.
  const [councilToPolice] = shares(odrl, "council-to-police");
  assert.equal(councilToPolice.constraint.filter((c: Json) => c.leftOperand === "dpv-odrl:LegalBasis").length, 1);
});

test("retention is a delete duty with an ISO 8601 duration in months", () => {
  assert.equal(monthsDuration(72), "P72M");
  const odrl = exportOf();
  const retentionOf = (flow: string) => {
    const [duty] = shares(odrl, flow)[0].duty;
    assert.equal(duty.action, "delete");
    const [elapsed] = duty.constraint;
    assert.equal(elapsed.leftOperand, "elapsedTime");
    assert.equal(elapsed.rightOperand["@type"], "xsd:duration");
    return elapsed.rightOperand["@value"];
  };
  assert.equal(retentionOf("school-to-council"), "P24M", "the flow's own period");
  assert.equal(retentionOf("council-to-police"), "P72M", "the agreement's default");
  assert.match(retentionOf("case-by-case"), /^P\d+M$/);
  assert.deepEqual(shares(odrl, "school-to-council")[0]["dpv:hasStorageCondition"], {
    "@type": "dpv:StorageDuration",
    "rdf:value": { "@value": "P24M", "@type": "xsd:duration" },
  });
});

test("onward disclosure: prohibited where NOT_PERMITTED, needs the originator's consent where so agreed", () => {
  const odrl = exportOf();
  assert.equal(odrl.prohibition.length, 1);
  const [prohibition] = odrl.prohibition;
  assert.equal(prohibition["safeshare:flow"], "school-to-council");
  assert.equal(prohibition.action, "dpv:Share");
  assert.equal(prohibition.assignee["@id"], orgUri(COUNCIL));
  assert.equal(prohibition.assigner["@id"], orgUri(SCHOOL));
  assert.equal(prohibition.target, `${POLICY_ID}#flow/school-to-council/data`);
  assert.deepEqual(prohibition.constraint, [
    { leftOperand: "dpv-odrl:DataSource", operator: "eq", rightOperand: { "@id": orgUri(SCHOOL) } },
  ]);

  const onward = odrl.permission.filter((p: Json) => p["safeshare:rule"] === "onward");
  const withConsent = onward.find((p: Json) => p["safeshare:flow"] === "council-to-police");
  assert.deepEqual(withConsent.duty, [{ "@type": "Duty", action: "obtainConsent", consentingParty: withConsent.assigner }]);
  assert.ok(onward.filter((p: Json) => p["safeshare:flow"] === "case-by-case").every((p: Json) => p.duty === undefined));
  assert.ok(!onward.some((p: Json) => p["safeshare:flow"] === "school-to-council"));
});

test("the owner must review the agreement by its next review date", () => {
  const [review] = exportOf().obligation;
  assert.equal(review.action, "reviewPolicy");
  assert.equal(review.assignee["@id"], orgUri(SCHOOL));
  assert.deepEqual(review.constraint, [
    { leftOperand: "dateTime", operator: "lteq", rightOperand: { "@value": "2027-04-01", "@type": "xsd:date" } },
  ]);
  const [undated] = exportOf(doc({ nextReviewDate: null })).obligation;
  assert.deepEqual(undated.constraint[0].rightOperand, { "@value": "P12M", "@type": "xsd:duration" });
});

test("data subjects and applicable law use DPV terms; Safeshare codes are kept", () => {
  const odrl = exportOf();
  const child = odrl["dpv:hasDataSubject"].find((s: Json) => s["@id"] === "safeshare:subject/CHILD");
  assert.deepEqual(child["skos:broader"], [{ "@id": "dpv:Child" }, { "@id": "dpv:VulnerableDataSubject" }]);
  assert.deepEqual(odrl["dpv:hasApplicableLaw"], [{ "@id": "legal-gb:law-GDPR" }, { "@id": "legal-gb:law-DPA" }]);
});

test("JSON.stringify round-trips, non-ASCII names intact", () => {
  const exported = toOdrl(doc(), BASE);
  const text = JSON.stringify(exported);
  assert.deepEqual(JSON.parse(text), exported);
  assert.ok(text.includes("Ysgol Gymraeg Bro Taf"));
  assert.ok(text.includes("Zoë Ní Bhriain"));
  assert.ok(text.includes("Cyngor Caerdydd – Gwasanaethau Plant"));
  // Stable: the same document exports the same JSON.
  assert.equal(JSON.stringify(toOdrl(doc(), BASE)), text);
});

test("an agreement with no flows still exports a valid shape", () => {
  const d = doc();
  d.content = { ...d.content, flows: [], purposes: { ...d.content.purposes, items: [] } };
  const odrl = exportOf(d);
  assert.deepEqual(odrl.permission, []);
  assert.deepEqual(odrl.prohibition, []);
  assert.equal(odrl.obligation.length, 1);
});
