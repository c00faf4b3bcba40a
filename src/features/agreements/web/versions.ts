import type { FastifyInstance } from "fastify";
import { today, ukDateTime } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { NotFoundError } from "../../../platform/errors";
import { actorOf } from "../../../platform/http/auth/plugin";
import { formHelpers, queryOf } from "../../../platform/web-kit/forms";
import { compareOutlines, ROW_CHANGE_LABELS } from "../domain/compare";
import { isInForce, VERSION_KIND_LABELS, VERSION_STATE_LABELS } from "../domain/lifecycle";
import { outlineAgreement } from "../domain/outline";
import { loadAgreementDocument } from "../services/load-document";
import { agreementId, VERSION_STATE_TAG_CLASSES } from "./agreement-pages";
import { loadAgreementState } from "./load";

const CHANGE_TAG_CLASSES = {
  UNCHANGED: "govuk-tag--grey",
  CHANGED: "govuk-tag--yellow",
  ADDED: "govuk-tag--green",
  REMOVED: "govuk-tag--red",
} as const;

function versionNumber(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === "") return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new NotFoundError(`Version ${raw} of the agreement`);
  return n;
}

/** The version history and a side-by-side comparison of two versions. */
export async function versionPages(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.get("/agreements/:id/versions", async (request, reply) => {
    const actor = actorOf(request);
    const state = await loadAgreementState(db, actor, agreementId(request));
    const { agreement, versions } = state;
    // The version in force is marked so only while the agreement is: a lapsed agreement has no version in force.
    const inForceNow = isInForce(agreement, agreement.parent, today()) ? agreement.inForceVersion : null;
    const options = versions.map((v) => ({
      value: String(v.version),
      text: `Version ${v.version} (${VERSION_STATE_LABELS[v.state].toLowerCase()})`,
    }));
    return reply.view("agreements/versions", {
      agreement,
      reference: state.reference,
      title: state.latest.content.documentControl.title,
      versions: versions.map((v, i) => ({
        version: v.version,
        kind: VERSION_KIND_LABELS[v.kind],
        state: VERSION_STATE_LABELS[v.state],
        stateClass: VERSION_STATE_TAG_CLASSES[v.state],
        inForce: v.version === inForceNow,
        changeSummary: v.changeSummary,
        created: ukDateTime(v.createdAt),
        cameIntoForce: v.cameIntoForceAt ? ukDateTime(v.cameIntoForceAt) : null,
        previous: versions[i + 1]?.version ?? null,
      })),
      fromItems: formHelpers.selectItems(options, String(versions[1]?.version ?? versions[0]?.version ?? "")),
      toItems: formHelpers.selectItems(options, String(versions[0]?.version ?? "")),
      canCompare: versions.length > 1,
    });
  });

  app.get("/agreements/:id/compare", async (request, reply) => {
    const actor = actorOf(request);
    const id = agreementId(request);
    const q = queryOf(request);
    const state = await loadAgreementState(db, actor, id);
    const from = versionNumber(q.from) ?? state.versions[1]?.version ?? state.latest.version;
    const to = versionNumber(q.to) ?? state.latest.version;
    // One clock for both, so "document produced" does not count as a change.
    const now = new Date();
    const [before, after] = await Promise.all([
      loadAgreementDocument(db, actor, id, from, now),
      loadAgreementDocument(db, actor, id, to, now),
    ]);
    const comparison = compareOutlines(outlineAgreement(before), outlineAgreement(after));
    const options = state.versions.map((v) => ({
      value: String(v.version),
      text: `Version ${v.version} (${VERSION_STATE_LABELS[v.state].toLowerCase()})`,
    }));
    return reply.view("agreements/compare", {
      agreement: state.agreement,
      reference: state.reference,
      title: after.title,
      comparison,
      fromLabel: `Version ${from}`,
      toLabel: `Version ${to}`,
      fromState: VERSION_STATE_LABELS[before.versionState],
      toState: VERSION_STATE_LABELS[after.versionState],
      changeLabels: ROW_CHANGE_LABELS,
      changeClasses: CHANGE_TAG_CLASSES,
      fromItems: formHelpers.selectItems(options, String(from)),
      toItems: formHelpers.selectItems(options, String(to)),
    });
  });
}
