import type { FastifyInstance } from "fastify";
import type { Actor } from "../../../platform/auth/actor";
import { ROLE_LABELS, type Role } from "../../../platform/auth/roles";
import { ukDate } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { NotPermittedError, ValidationError } from "../../../platform/errors";
import { actorOf } from "../../../platform/http/auth/plugin";
import {
  bodyOf,
  type ErrorSummary,
  errorSummary,
  fieldErrorsOf,
  formHelpers,
  queryOf,
  str,
  withFormErrors,
} from "../../../platform/web-kit/forms";
import { presentSubject } from "../api/subjects-schema";
import { SUBJECT_LINK_KINDS, SUBJECT_LINK_LABELS, type SubjectLinkKind } from "../domain/links";
import { loadSubject, recordRead, type SubjectRow } from "../services/access";
import { mayCloseCases } from "../services/case-closure";
import { linkedPeople, linkSubjects } from "../services/links";
import { viewSubject } from "../services/subjects";
import { recentViews } from "../services/viewers";
import { findSubjects } from "./people-list";
import {
  fullName,
  mayOversee,
  nhsDisplay,
  RECORD_FORM,
  SUBJECT_KIND_SINGULAR,
  subjectHeader,
  subjectIdOf,
  VIEW_LABELS,
} from "./record-pages";

const OUTCOMES: Record<string, string> = {
  created: "Person added to your organisation's records.",
  linked: "Link saved.",
  "case-closed": "Case closed.",
  "case-reopened": "Case reopened.",
};

/**
 * How to link another person to this one: each relationship from both ends, so the user never has
 * to think about which end of the link is which. Values are `KIND:direction`: `out` means this person
 * is the link's "from" end ("this person is a parent of the chosen person").
 */
function relationshipOptions(subjectName: string) {
  const options: { value: string; text: string }[] = [];
  for (const kind of SUBJECT_LINK_KINDS) {
    const labels = SUBJECT_LINK_LABELS[kind];
    const symmetric = labels.forward === labels.reverse;
    options.push({ value: `${kind}:in`, text: `The person chosen: ${labels.forward.toLowerCase()} ${subjectName}` });
    if (!symmetric) options.push({ value: `${kind}:out`, text: `${subjectName}: ${labels.forward.toLowerCase()} the person chosen` });
  }
  return options;
}

function linkInput(subjectId: string, otherId: string, relationship: string) {
  const [kind, direction] = relationship.split(":");
  const out = direction === "out";
  return {
    fromSubjectId: out ? subjectId : otherId,
    toSubjectId: out ? otherId : subjectId,
    kind: SUBJECT_LINK_KINDS.includes(kind as SubjectLinkKind) ? kind : undefined,
  };
}

/** A person's summary, the people around them, linking another person, and who has viewed the record. */
export async function subjectPages(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.get("/subjects/:id", async (request, reply) => {
    const actor = actorOf(request);
    const id = subjectIdOf(request);
    const record = await viewSubject(db, actor, id, "web.subjects.show");
    // The allowlist presenter the API uses: a protected address never reaches the page for a role that does not need it.
    const person = presentSubject(record, actor);
    const outcome = OUTCOMES[queryOf(request).outcome ?? ""];
    return reply.view("records/summary", {
      ...subjectHeader(record.subject, actor, "summary"),
      person: {
        ...person,
        kindLabel: SUBJECT_KIND_SINGULAR[person.kind],
        nhsNumber: nhsDisplay(person.nhsNumber),
        createdAt: record.subject.createdAt,
        caseClosedOn: record.subject.caseClosedOn,
      },
      mayCloseCases: mayCloseCases(actor),
      outcome,
    });
  });

  app.get("/subjects/:id/people", async (request, reply) => {
    const actor = actorOf(request);
    const id = subjectIdOf(request);
    const subject = await loadSubject(db, actor, id);
    const people = await linkedPeople(db, actor, id);
    await recordRead(db, actor, id, "web.subjects.people", { count: people.length });
    return reply.view("records/people", {
      ...subjectHeader(subject, actor, "people"),
      people: people.map((p) => {
        const labels = SUBJECT_LINK_LABELS[p.kind];
        return {
          ...p,
          name: fullName(p),
          kindLabel: SUBJECT_KIND_SINGULAR[p.subjectKind],
          // The other person's relationship to this one ("Parent or carer of Kai"), read from their end.
          theirRelationship: `${p.forward ? labels.reverse : labels.forward} ${subject.givenNames}`,
        };
      }),
      outcome: OUTCOMES[queryOf(request).outcome ?? ""],
    });
  });

  /** Choosing the person to link: a search of the organisation's records, then how they are related. */
  const linkContext = async (actor: Actor, subject: SubjectRow, q: string) => {
    let results: SubjectRow[] = [];
    let searchErrors: ErrorSummary | undefined;
    try {
      if (q) results = (await findSubjects(db, actor, { q }, { page: 1, pageSize: 20 }, "web.subjects.link.search")).rows;
    } catch (error) {
      // A search the service refuses (e.g. a single letter) is a problem with the search box, shown on the page.
      const found = fieldErrorsOf(error);
      if (!found) throw error;
      searchErrors = errorSummary(found.fieldErrors, RECORD_FORM);
    }
    return {
      ...formHelpers,
      ...subjectHeader(subject, actor, "people"),
      ...searchErrors,
      searchFailed: !!searchErrors,
      q,
      candidates: results
        .filter((r) => r.id !== subject.id)
        .map((r) => ({
          value: r.id,
          text: fullName(r),
          hint: [SUBJECT_KIND_SINGULAR[r.kind], r.dateOfBirth ? `born ${ukDate(r.dateOfBirth)}` : null].filter(Boolean).join(", "),
        })),
      relationshipOptions: relationshipOptions(fullName(subject)),
    };
  };

  app.get("/subjects/:id/people/link", async (request, reply) => {
    const actor = actorOf(request);
    const id = subjectIdOf(request);
    const subject = await loadSubject(db, actor, id);
    await recordRead(db, actor, id, "web.subjects.link");
    const q = (queryOf(request).q ?? "").trim();
    return reply.view("records/link", { ...(await linkContext(actor, subject, q)), values: {} });
  });

  app.post("/subjects/:id/people/link", async (request, reply) => {
    const actor = actorOf(request);
    const id = subjectIdOf(request);
    const subject = await loadSubject(db, actor, id);
    const body = bodyOf(request);
    const values = { otherId: str(body, "otherId"), relationship: str(body, "relationship") };
    const q = str(body, "q").trim();
    return withFormErrors(
      reply,
      async (summary) => reply.view("records/link", { ...(await linkContext(actor, subject, q)), values, ...summary }),
      async () => {
        const missing = [
          ...(values.otherId ? [] : [{ path: "/otherId", message: "Choose the person to link" }]),
          ...(values.relationship ? [] : [{ path: "/relationship", message: "Select how they are related" }]),
        ];
        if (missing.length) throw new ValidationError(missing);
        await linkSubjects(db, actor, linkInput(id, values.otherId, values.relationship));
        return reply.redirect(`/subjects/${id}/people?outcome=linked`, 303);
      },
      {
        ...RECORD_FORM,
        // The service speaks of the link's two ends; the page of "the person chosen" and "the relationship".
        mapPath: (path) => (path === "/kind" ? "/relationship" : path === "/fromSubjectId" || path === "/toSubjectId" ? "/otherId" : path),
      },
    );
  });

  app.get("/subjects/:id/viewers", async (request, reply) => {
    const actor = actorOf(request);
    if (!mayOversee(actor)) throw new NotPermittedError("Only safeguarding leads and IG leads see who has viewed a record");
    const id = subjectIdOf(request);
    const subject = await loadSubject(db, actor, id);
    const views = await recentViews(db, actor, id, 100);
    // The page names the person, so looking is a view like any other; recorded after the list is read,
    // so the list shows who looked before you.
    await recordRead(db, actor, id, "web.subjects.viewers");
    return reply.view("records/viewers", {
      ...subjectHeader(subject, actor, "viewers"),
      views: views.map((v) => ({
        ...v,
        roles: v.roles.map((r) => ROLE_LABELS[r as Role] ?? r).join(", "),
        viewLabel: VIEW_LABELS[v.view] ?? v.view,
      })),
    });
  });
}
