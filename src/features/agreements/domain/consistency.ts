import type { FieldError } from "../../../platform/errors";
import type { AgreementContent } from "./content";

/**
 * Cross-references inside one agreement that a schema cannot check: flows and legal bases must name
 * parties of this agreement, flows must name its data items, and keys must be unique. Checked on
 * every save, so a draft is never internally inconsistent.
 */
export function consistencyErrors(content: AgreementContent): FieldError[] {
  const errors: FieldError[] = [];
  const parties = new Set(content.parties.map((p) => p.organisationId));
  const itemKeys = new Set(content.dataItems.map((i) => i.key));

  const duplicateChecks: [string[], (i: number) => FieldError][] = [
    [
      content.parties.map((p) => p.organisationId),
      (i) => ({ path: `/parties/${i}/organisationId`, message: "This organisation is already a party" }),
    ],
    [content.dataItems.map((d) => d.key), (i) => ({ path: `/dataItems/${i}/key`, message: "Another data item already uses this key" })],
    [content.flows.map((f) => f.key), (i) => ({ path: `/flows/${i}/key`, message: "Another flow already uses this key" })],
    [
      content.legalBasis.map((b) => b.organisationId),
      (i) => ({ path: `/legalBasis/${i}/organisationId`, message: "This party already has a legal basis entry" }),
    ],
    [content.purposes.items.map((p) => p.code), (i) => ({ path: `/purposes/items/${i}/code`, message: "This purpose is already listed" })],
  ];
  for (const [values, error] of duplicateChecks) for (const i of duplicates(values)) errors.push(error(i));

  content.legalBasis.forEach((basis, i) => {
    if (!parties.has(basis.organisationId)) {
      errors.push({ path: `/legalBasis/${i}/organisationId`, message: "The legal basis must be for a party to this agreement" });
    }
  });
  content.flows.forEach((flow, i) => {
    flow.fromOrganisationIds.forEach((id, j) => {
      if (!parties.has(id)) errors.push({ path: `/flows/${i}/fromOrganisationIds/${j}`, message: "A flow can only come from a party" });
    });
    flow.toOrganisationIds.forEach((id, j) => {
      if (!parties.has(id)) errors.push({ path: `/flows/${i}/toOrganisationIds/${j}`, message: "A flow can only go to a party" });
    });
    flow.dataItemKeys.forEach((key, j) => {
      if (!itemKeys.has(key))
        errors.push({ path: `/flows/${i}/dataItemKeys/${j}`, message: `There is no data item with the key "${key}"` });
    });
  });
  return errors;
}

/**
 * What must be true before a version goes to the parties for signature: without these there is
 * nothing a party could meaningfully sign, nor anything a share could be checked against.
 */
export function readinessErrors(content: AgreementContent, ownerOrganisationId: string): FieldError[] {
  const errors: FieldError[] = [...consistencyErrors(content)];
  if (content.parties.length < 2) errors.push({ path: "/parties", message: "Add at least two parties" });
  if (!content.parties.some((p) => p.organisationId === ownerOrganisationId)) {
    errors.push({ path: "/parties", message: "The owning organisation must be a party" });
  }
  content.parties.forEach((party, i) => {
    if (!party.signatoryUserId) errors.push({ path: `/parties/${i}/signatoryUserId`, message: "Choose who signs for this party" });
  });
  if (content.purposes.items.length === 0) errors.push({ path: "/purposes/items", message: "Add at least one purpose" });
  if (content.dataItems.length === 0) errors.push({ path: "/dataItems", message: "Add at least one data item" });
  if (content.flows.length === 0) errors.push({ path: "/flows", message: "Describe at least one flow of information" });
  content.parties.forEach((party, i) => {
    const basis = content.legalBasis.find((b) => b.organisationId === party.organisationId);
    if (!basis || basis.article6.length === 0) {
      errors.push({ path: `/legalBasis`, message: `Give an Article 6 basis for party ${i + 1}` });
    }
  });
  if (content.documentControl.tier === "OPERATIONAL" && !content.documentControl.parentAgreementId) {
    errors.push({
      path: "/documentControl/parentAgreementId",
      message: "Choose the tier 1 agreement this operational agreement sits under",
    });
  }
  return errors;
}

function duplicates(values: string[]): number[] {
  const seen = new Set<string>();
  const dupes: number[] = [];
  values.forEach((v, i) => {
    if (seen.has(v)) dupes.push(i);
    seen.add(v);
  });
  return dupes;
}
