import { format, parseISO } from "date-fns";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { z } from "zod";
import { today, ukDate, ukDateTime } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { ConflictError, NotFoundError, type RuleFinding } from "../../../platform/errors";
import { actorOf, requireActor } from "../../../platform/http/auth/plugin";
import {
  bodyOf,
  type ErrorSummary,
  errorSummary,
  type FormBody,
  formHelpers,
  idParam,
  list,
  queryOf,
  str,
  withFormErrors,
} from "../../../platform/web-kit/forms";
import { fullName, viewSubjectRow } from "../../records";
import { sendCertificatePdf } from "../api/certificate-pdf";
import { batchReference, copyReference, fileReference } from "../domain/certificate";
import { counted, ruleSentence } from "../domain/certificate-text";
import { RETENTION_MESSAGES } from "../domain/messages";
import { proposeInput } from "../domain/review-inputs";
import { RETENTION_RULES, type RetentionRuleCode } from "../domain/rules";
import { DISPOSAL_ACTIONS, RETENTION_CATEGORIES, type RetentionCategory } from "../domain/schedule";
import { loadCertificate } from "../services/certificate";
import { approveDisposal, cancelDisposal, type DisposalSummary, loadDisposals, proposeDisposal, viewDisposal } from "../services/disposal";
import { keepFile, viewHeldCopy } from "../services/keep";
import { type QueueFile, type QueueGroup, viewReviewQueue } from "../services/review-queue";

/**
 * The IG lead's retention review (issue 21): the review queue of files due by the end of this month,
 * keeping a file for longer, proposing files for disposal (checked on a page of its own), and disposal
 * batches approved by a second IG lead, with their certificates as a printable page and a tagged PDF.
 * The schedule and legal holds are other pages (`/retention`, `/retention/rules`, `/retention/holds`).
 */

const words = RETENTION_MESSAGES.en;
const PAGE_SIZE = 50;

/** The sub-navigation every page here shares. */
const SECTIONS = [
  { href: "/retention/review", text: "Review queue" },
  { href: "/retention/disposals", text: "Disposals" },
  { href: "/retention", text: "Schedule" },
  { href: "/retention/holds", text: "Legal holds" },
];
const sectionsFor = (current: string) => SECTIONS.map((s) => ({ ...s, active: s.href === current }));

const queueQuery = z.object({
  category: z.enum(RETENTION_CATEGORIES).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

/** What a page's outcome banner says, for a batch of files or of copies of shared information. */
const OUTCOMES: Record<string, { file: string; copy: string }> = {
  kept: {
    file: "File kept for longer. It leaves the queue until its new review date.",
    copy: "Copy kept for longer. It leaves the queue until its new review date.",
  },
  proposed: {
    file: "Disposal proposed. Another IG lead must approve it before anything is removed.",
    copy: "Disposal proposed. Another IG lead must approve it before anything is removed.",
  },
  disposed: {
    file: "Files disposed of. Their personal data has been removed, and the certificate below records what was done.",
    copy: "Copies disposed of. Who they were about and what they said have been removed, and the certificate below records what was done. The organisations that shared them can see the date.",
  },
  cancelled: {
    file: "Proposal cancelled. Nothing was removed, and the files are back in the review queue.",
    copy: "Proposal cancelled. Nothing was removed, and the copies are back in the review queue.",
  },
};
/** The outcome named in the address ("kept", or "kept-copy" for a copy), in words for a file or a copy. */
const outcomeOf = (request: FastifyRequest, kind: "file" | "copy" = "file") => {
  const [outcome = "", of] = (queryOf(request).outcome ?? "").split("-");
  return OUTCOMES[outcome]?.[of === "copy" ? "copy" : kind];
};

const COPIES_HEADING = "Copies of information other organisations shared";

/** A file's or copy's state in the queue, in words: held, already proposed, overdue or due this month. */
function entryState(entry: Pick<QueueFile, "heldBy" | "proposedIn" | "dueOn">, on: string) {
  const hold = entry.heldBy[0];
  if (hold) return { text: `Under legal hold “${entry.heldBy.map((h) => h.name).join("”, “")}”`, tag: "govuk-tag--purple", held: true };
  if (entry.proposedIn)
    return {
      text: `Proposed in disposal batch ${batchReference(entry.proposedIn.reference)}`,
      href: `/retention/disposals/${entry.proposedIn.id}`,
      tag: "govuk-tag--blue",
    };
  if (entry.dueOn && entry.dueOn < on) return { text: "Overdue", tag: "govuk-tag--red" };
  return { text: "Due this month", tag: "govuk-tag--yellow" };
}

const slug = (category: RetentionCategory) => category.toLowerCase().replaceAll("_", "-");

/** "runs from …" inside a sentence. */
const lowerFirst = (text: string) => `${text[0]?.toLowerCase() ?? ""}${text.slice(1)}`;

function presentGroup(group: QueueGroup, on: string, page: number) {
  const category = group.rule.category;
  const copies = category === "DISCLOSED_COPY";
  const pages = Math.max(1, Math.ceil(group.total / PAGE_SIZE));
  const href = (n: number) => `/retention/review?category=${category}&page=${n}#${slug(category)}`;
  return {
    category,
    slug: slug(category),
    copies,
    name: copies ? COPIES_HEADING : words.category[category],
    sentence: copies
      ? `Each copy is kept for the retention term of the agreement it was shared under. Where the agreement sets none, your schedule's rule applies: it ${lowerFirst(ruleSentence(group.rule))}. A copy filed onto one of your own files goes with that file instead`
      : ruleSentence(group.rule),
    source: group.rule.source,
    total: group.total,
    count: copies ? counted(group.total, "copy", "copies") : counted(group.total, "file"),
    files: group.files.map((f) => {
      const state = entryState(f, on);
      return {
        subjectId: f.subjectId,
        reference: f.reference,
        name: f.name,
        due: ukDate(f.dueOn, "Not known"),
        state,
        selectable: !state.held && !f.proposedIn,
      };
    }),
    copyRows: group.copies.map((c) => {
      const state = entryState(c, on);
      return {
        disclosureId: c.disclosureId,
        reference: c.reference,
        name: c.name,
        from: c.from,
        received: ukDate(c.receivedOn),
        due: `${ukDate(c.dueOn)}, ${c.byAgreement ? "by the agreement" : "by your schedule"}`,
        state,
        selectable: !state.held && !c.proposedIn,
      };
    }),
    pagination:
      pages > 1
        ? {
            previous: page > 1 ? { href: href(page - 1) } : undefined,
            next: page < pages ? { href: href(page + 1) } : undefined,
            label: `Page ${page} of ${pages}`,
          }
        : undefined,
  };
}

export async function retentionReviewPages(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.addHook("preHandler", requireActor(["ig_lead"]));
  app.addHook("preHandler", async (_request, reply) => {
    reply.locals = { ...reply.locals, ...formHelpers };
  });

  // ---- The review queue ----

  const queuePage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extra: { summary?: ErrorSummary; posted?: Pick<ProposeValues, "category" | "subjectIds" | "disclosureIds"> } = {},
  ) => {
    const { category, page } = queueQuery.parse(queryOf(request));
    const on = today();
    const queue = await viewReviewQueue(db, actorOf(request), { category, page, pageSize: PAGE_SIZE }, "web.retention.review");
    return reply.view("retention/review-queue", {
      sections: sectionsFor("/retention/review"),
      outcome: outcomeOf(request),
      month: format(parseISO(queue.endsOn), "MMMM yyyy"),
      filtered: Boolean(category),
      groups: queue.groups.map((g) => presentGroup(g, on, page)),
      empty: queue.groups.every((g) => g.total === 0),
      posted: extra.posted ?? { category: "", subjectIds: [], disclosureIds: [] },
      ...(extra.summary ?? errorSummary([])),
    });
  };

  app.get("/retention/review", (request, reply) => queuePage(request, reply));

  // The files (or copies) chosen on the queue, checked on a page of their own before anything is proposed.
  const proposePage = (reply: FastifyReply, values: ProposeValues, summary = errorSummary([]), findings: readonly RuleFinding[] = []) => {
    const copies = values.category === "DISCLOSED_COPY";
    return reply.view("retention/propose", {
      values,
      copies,
      ruleName: copies ? COPIES_HEADING : (words.category[values.category as RetentionCategory] ?? ""),
      files: copies ? counted(values.disclosureIds.length, "copy", "copies") : counted(values.subjectIds.length, "file"),
      references: copies ? values.disclosureIds.map(copyReference) : values.subjectIds.map(fileReference),
      actionItems: formHelpers.radioItems(
        DISPOSAL_ACTIONS.map((value) => ({ value, text: words.disposalChoice[value], hint: words.disposalChoiceHint[value] })),
        values.action,
      ),
      rules: rulesOf(findings),
      ...summary,
    });
  };

  app.post("/retention/review/propose", async (request, reply) => {
    const values = proposeValues(bodyOf(request));
    const field = values.category === "DISCLOSED_COPY" ? "disclosureIds" : "subjectIds";
    const chosen = proposeInput.pick({ category: true, subjectIds: true, disclosureIds: true }).safeParse(values);
    if (!chosen.success || !chosen.data[field].length) {
      reply.status(400);
      const message =
        field === "disclosureIds" ? "Select at least one copy to propose for disposal" : "Select at least one file to propose for disposal";
      const summary = errorSummary([{ path: `/${field}`, message }], {
        hrefFor: () => `#${values.category ? slug(values.category as RetentionCategory) : "main-content"}-files`,
      });
      return queuePage(request, reply, { summary, posted: values });
    }
    return proposePage(reply, values);
  });

  app.post("/retention/disposals", async (request, reply) => {
    const values = proposeValues(bodyOf(request));
    let findings: readonly RuleFinding[] = [];
    return withFormErrors(
      reply,
      (summary) => proposePage(reply, values, summary, findings),
      async () => {
        try {
          const { id } = await proposeDisposal(db, actorOf(request), {
            ...values,
            action: values.action || undefined,
          });
          return reply.redirect(`/retention/disposals/${id}?outcome=proposed`, 303);
        } catch (error) {
          if (error instanceof ConflictError) findings = error.findings;
          throw error;
        }
      },
      {
        // The files or copies are chosen on the queue: any problem with one is shown with the list of them.
        mapPath: (path) => (/^\/(subjectIds|disclosureIds|category)/.test(path) ? "/files" : path),
        leadWithMessage: true,
      },
    );
  });

  // ---- Keeping a file for longer ----

  const keepPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: { months: string; reason: string },
    summary = errorSummary([]),
  ) => {
    const id = idParam(request, "id", "The file");
    const actor = actorOf(request);
    // A copy of information another organisation shared is kept the same way, by its disclosure's id.
    const copy = await viewHeldCopy(db, actor, id, "web.retention.keep_copy");
    if (copy) {
      return reply.view("retention/keep", {
        id,
        copy: true,
        title: `Keep the copy about ${copy.name} for longer`,
        caption: `Copy ${copy.reference} from ${copy.from}, received ${ukDate(copy.receivedOn)}`,
        values,
        ...summary,
      });
    }
    const subject = await viewSubjectRow(db, actor, id, "web.retention.keep");
    if (subject.disposedAt) throw new NotFoundError("The file");
    return reply.view("retention/keep", {
      id,
      copy: false,
      title: `Keep ${fullName(subject)}'s file for longer`,
      caption: `File ${fileReference(id)}`,
      values,
      ...summary,
    });
  };

  app.get("/retention/review/:id/keep", (request, reply) => keepPage(request, reply, { months: "", reason: "" }));

  app.post("/retention/review/:id/keep", async (request, reply) => {
    const id = idParam(request, "id", "The file");
    const body = bodyOf(request);
    const values = { months: str(body, "months"), reason: str(body, "reason") };
    return withFormErrors(
      reply,
      (summary) => keepPage(request, reply, values, summary),
      async () => {
        const { kept } = await keepFile(db, actorOf(request), id, { months: values.months || undefined, reason: values.reason });
        return reply.redirect(`/retention/review?outcome=${kept === "copy" ? "kept-copy" : "kept"}`, 303);
      },
      { onePerField: true },
    );
  });

  // ---- Disposal batches ----

  app.get("/retention/disposals", async (request, reply) => {
    const { page } = queueQuery.parse(queryOf(request));
    const { rows, total } = await loadDisposals(db, actorOf(request), { page, pageSize: PAGE_SIZE });
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    return reply.view("retention/disposals", {
      sections: sectionsFor("/retention/disposals"),
      rows: rows.map(presentSummary),
      previous: page > 1 ? { href: `/retention/disposals?page=${page - 1}` } : undefined,
      next: page < pages ? { href: `/retention/disposals?page=${page + 1}` } : undefined,
    });
  });

  const disposalPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    summary = errorSummary([]),
    findings: readonly RuleFinding[] = [],
  ) => {
    const actor = actorOf(request);
    const id = idParam(request, "id", "The disposal batch");
    const batch = await viewDisposal(db, actor, id, "web.retention.disposal");
    const certificate = batch.status === "EXECUTED" ? await loadCertificate(db, actor, id) : null;
    const copies = batch.category === "DISCLOSED_COPY";
    return reply.view("retention/disposal", {
      sections: sectionsFor("/retention/disposals"),
      outcome: outcomeOf(request, copies ? "copy" : "file"),
      batch: presentSummary(batch),
      copies,
      files: batch.fileList,
      copyList: batch.copyList,
      proposer: batch.proposedByActor,
      certificate: certificate?.outline,
      rules: rulesOf(findings),
      ...summary,
    });
  };

  app.get("/retention/disposals/:id", (request, reply) => disposalPage(request, reply));

  app.post("/retention/disposals/:id/approve", async (request, reply) => {
    const id = idParam(request, "id", "The disposal batch");
    let findings: readonly RuleFinding[] = [];
    return withFormErrors(
      reply,
      (summary) => disposalPage(request, reply, summary, findings),
      async () => {
        try {
          await approveDisposal(db, actorOf(request), id);
        } catch (error) {
          if (error instanceof ConflictError) findings = error.findings;
          throw error;
        }
        return reply.redirect(`/retention/disposals/${id}?outcome=disposed`, 303);
      },
      { leadWithMessage: true },
    );
  });

  app.post("/retention/disposals/:id/cancel", async (request, reply) => {
    const id = idParam(request, "id", "The disposal batch");
    return withFormErrors(
      reply,
      (summary) => disposalPage(request, reply, summary),
      async () => {
        await cancelDisposal(db, actorOf(request), id);
        return reply.redirect(`/retention/disposals/${id}?outcome=cancelled`, 303);
      },
      { leadWithMessage: true },
    );
  });

  // ---- The certificate: a printable page and a tagged PDF, only once the batch is carried out ----

  app.get("/retention/disposals/:id/certificate", async (request, reply) => {
    const { id, outline } = await loadCertificate(db, actorOf(request), idParam(request, "id", "The disposal certificate"));
    return reply.view("retention/certificate", { id, certificate: outline });
  });

  app.get("/retention/disposals/:id/certificate.pdf", (request, reply) =>
    sendCertificatePdf(reply, db, actorOf(request), idParam(request, "id", "The disposal certificate")),
  );
}

interface ProposeValues {
  category: string;
  subjectIds: string[];
  disclosureIds: string[];
  action: string;
  reason: string;
}

const proposeValues = (body: FormBody): ProposeValues => ({
  category: str(body, "category"),
  subjectIds: list(body, "subjectIds"),
  disclosureIds: list(body, "disclosureIds"),
  action: str(body, "action"),
  reason: str(body, "reason"),
});

/** Rule codes for the "Details for IG leads" panel, from a refusal's findings. */
const rulesOf = (findings: readonly RuleFinding[]) =>
  findings.map((f) => ({ code: f.code, rule: RETENTION_RULES[f.code as RetentionRuleCode] ?? f.message }));

function presentSummary(d: DisposalSummary) {
  return {
    id: d.id,
    href: `/retention/disposals/${d.id}`,
    reference: d.reference,
    rule: words.category[d.category],
    action: words.disposalChoice[d.action],
    files: d.category === "DISCLOSED_COPY" ? counted(d.files, "copy", "copies") : counted(d.files, "file"),
    status: words.disposalStatus[d.status],
    statusTag: { PROPOSED: "govuk-tag--yellow", EXECUTED: "govuk-tag--green", CANCELLED: "govuk-tag--grey" }[d.status],
    executed: d.status === "EXECUTED",
    proposed: d.status === "PROPOSED",
    reason: d.reason,
    proposedBy: d.proposedBy,
    proposedAt: ukDateTime(d.proposedAt),
    approvedBy: d.approvedBy,
    executedAt: d.executedAt ? ukDateTime(d.executedAt) : null,
    cancelledAt: d.cancelledAt ? ukDateTime(d.cancelledAt) : null,
  };
}
