import type { FastifyInstance } from "fastify";
import type { Actor } from "../../../platform/auth/actor";
import { type DateParts, datePartsFrom, emptyDateParts, isoFromParts } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { actorOf } from "../../../platform/http/auth/plugin";
import { bodyOf, checked, type FormBody, formHelpers, optionsOf, queryOf, str, withFormErrors } from "../../../platform/web-kit/forms";
import { SUBJECT_KINDS } from "../domain/information";
import { type SearchCriteria, type SearchPage, searchSubjects } from "../services/search";
import { createSubject } from "../services/subjects";
import { fullName, nhsDisplay, RECORD_FORM, SUBJECT_KIND_SINGULAR } from "./record-pages";

const PAGE_SIZE = 25;
const MAX_ADDRESSES = 10;

/** The organisation's subjects matching the criteria, a page at a time: an audited read of a result list. */
export const findSubjects = (db: Db, actor: Actor, criteria: SearchCriteria, page: SearchPage, view: string) =>
  searchSubjects(db, actor, criteria, page, view);

interface AddressValues {
  lines: string;
  postcode: string;
  protected: boolean;
}

interface PersonValues {
  kind: string;
  givenNames: string;
  familyName: string;
  aliases: string;
  protectedAliases: string;
  previousNames: string;
  identityProtected: boolean;
  dateOfBirth: DateParts;
  expectedDate: DateParts;
  sexGender: string;
  nhsNumber: string;
  upn: string;
  phone: string;
  email: string;
  addresses: AddressValues[];
}

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);

function personValues(body: FormBody): PersonValues {
  const count = Math.min(MAX_ADDRESSES, Math.max(1, Number.parseInt(str(body, "address-count"), 10) || 1));
  const addresses: AddressValues[] = [];
  for (let i = 0; i < count; i++) {
    const a = {
      lines: str(body, `addresses-${i}-lines`),
      postcode: str(body, `addresses-${i}-postcode`),
      protected: checked(body, `addresses-${i}-protected`),
    };
    // A block left empty is not an address.
    if (a.lines.trim() || a.postcode.trim()) addresses.push(a);
  }
  return {
    kind: str(body, "kind"),
    givenNames: str(body, "givenNames"),
    familyName: str(body, "familyName"),
    aliases: str(body, "aliases"),
    protectedAliases: str(body, "protectedAliases"),
    previousNames: str(body, "previousNames"),
    identityProtected: checked(body, "identityProtected"),
    dateOfBirth: datePartsFrom(body, "dateOfBirth"),
    expectedDate: datePartsFrom(body, "expectedDate"),
    sexGender: str(body, "sexGender"),
    nhsNumber: str(body, "nhsNumber"),
    upn: str(body, "upn"),
    phone: str(body, "phone"),
    email: str(body, "email"),
    addresses,
  };
}

/** The form's values as `subjectInput` takes them. */
function personInput(v: PersonValues) {
  return {
    kind: v.kind || undefined,
    givenNames: v.givenNames,
    familyName: v.familyName,
    aliases: lines(v.aliases),
    protectedAliases: lines(v.protectedAliases),
    previousNames: lines(v.previousNames),
    identityProtected: v.identityProtected,
    dateOfBirth: isoFromParts(v.dateOfBirth),
    expectedDate: isoFromParts(v.expectedDate),
    sexGender: v.sexGender,
    nhsNumber: v.nhsNumber,
    upn: v.upn,
    phone: v.phone,
    email: v.email,
    addresses: v.addresses.map((a) => ({ lines: a.lines, postcode: a.postcode, protected: a.protected })),
  };
}

/** Shown address blocks: what was typed, then one empty block to add another (up to the limit). */
const addressBlocks = (typed: AddressValues[], extra = 1) =>
  [...typed, ...Array.from({ length: extra }, () => ({ lines: "", postcode: "", protected: false }))].slice(0, MAX_ADDRESSES);

const kindOptions = optionsOf(SUBJECT_KINDS, SUBJECT_KIND_SINGULAR);

/** Finding people in the organisation's records, and adding one. */
export async function peopleListPages(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.get("/subjects", async (request, reply) => {
    const actor = actorOf(request);
    const query = queryOf(request);
    const values = {
      q: (query.q ?? "").trim(),
      dateOfBirth: datePartsFrom(request.query as Record<string, unknown>, "dateOfBirth"),
      nhsNumber: (query.nhsNumber ?? "").trim(),
      upn: (query.upn ?? "").trim(),
    };
    const criteria: SearchCriteria = {
      q: values.q || undefined,
      dateOfBirth: isoFromParts(values.dateOfBirth) || undefined,
      nhsNumber: values.nhsNumber || undefined,
      upn: values.upn || undefined,
    };
    const searching = Object.values(criteria).some(Boolean);
    const page = Math.min(100_000, Math.max(1, Number.parseInt(query.page ?? "1", 10) || 1));
    const render = (extra: Record<string, unknown>) => reply.view("records/list", { values, searching, ...extra });
    return withFormErrors(
      reply,
      (summary) => render({ ...summary, results: null }),
      async () => {
        const { rows, total } = await findSubjects(db, actor, criteria, { page, pageSize: PAGE_SIZE }, "web.subjects.search");
        const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
        const params = new URLSearchParams();
        if (values.q) params.set("q", values.q);
        for (const part of ["day", "month", "year"] as const)
          if (values.dateOfBirth[part]) params.set(`dateOfBirth-${part}`, values.dateOfBirth[part]);
        if (values.nhsNumber) params.set("nhsNumber", values.nhsNumber);
        if (values.upn) params.set("upn", values.upn);
        const hrefFor = (n: number) => {
          const p = new URLSearchParams(params);
          p.set("page", String(n));
          return `/subjects?${p.toString()}`;
        };
        return render({
          results: rows.map((s) => ({
            id: s.id,
            name: fullName(s),
            kind: SUBJECT_KIND_SINGULAR[s.kind],
            dateOfBirth: s.dateOfBirth,
            expectedDate: s.expectedDate,
            nhsNumber: nhsDisplay((s as { nhsNumber?: string | null }).nhsNumber),
          })),
          total,
          page,
          pages,
          previous: page > 1 ? { href: hrefFor(page - 1) } : undefined,
          next: page < pages ? { href: hrefFor(page + 1) } : undefined,
          first: (page - 1) * PAGE_SIZE + 1,
          last: (page - 1) * PAGE_SIZE + rows.length,
        });
      },
      { ...RECORD_FORM, dateFields: ["dateOfBirth"] },
    );
  });

  const newContext = { ...formHelpers, kindOptions };

  app.get("/subjects/new", async (_request, reply) => {
    const values: PersonValues = {
      kind: "",
      givenNames: "",
      familyName: "",
      aliases: "",
      protectedAliases: "",
      previousNames: "",
      identityProtected: false,
      dateOfBirth: emptyDateParts(),
      expectedDate: emptyDateParts(),
      sexGender: "",
      nhsNumber: "",
      upn: "",
      phone: "",
      email: "",
      addresses: [],
    };
    return reply.view("records/new", { ...newContext, values, addresses: addressBlocks([], 2) });
  });

  app.post("/subjects/new", async (request, reply) => {
    const actor = actorOf(request);
    const body = bodyOf(request);
    const values = personValues(body);
    // "Add another address" shows the form again with an empty address block; nothing is saved yet.
    if (str(body, "action") === "add-address") {
      return reply.view("records/new", { ...newContext, values, addresses: addressBlocks(values.addresses), addressAdded: true });
    }
    return withFormErrors(
      reply,
      (summary) => reply.view("records/new", { ...newContext, values, addresses: addressBlocks(values.addresses), ...summary }),
      async () => {
        const created = await createSubject(db, actor, personInput(values));
        return reply.redirect(`/subjects/${created.subject.id}?outcome=created`, 303);
      },
      {
        ...RECORD_FORM,
        dateFields: ["dateOfBirth", "expectedDate"],
        mapPath: (path) => path.replace(/^\/(aliases|protectedAliases|previousNames)\/\d+$/, "/$1"),
      },
    );
  });
}
