import type { FastifyInstance } from "fastify";
import type { Db } from "../../../platform/db/client";
import { idParams } from "../../../platform/http/api-schemas";
import { actorOf, requireActor } from "../../../platform/http/auth/plugin";
import { parseForm } from "../../../platform/web-kit/forms";
import { BREACHES_MESSAGES } from "../domain/messages";
import { BREACH_RULES } from "../domain/rules";
import { viewNotices } from "../services/notices";
import { loadBreaches, viewBreach } from "../services/register";
import { breachActions, breachForms, doneBanner } from "./forms";
import { icoPackPages } from "./ico-pack-pages";
import { breachNoticePages, noticesSection } from "./notice-pages";
import { linksForPage } from "./party-pages";
import { breachPeoplePages } from "./people-pages";

const words = BREACHES_MESSAGES.en;

/**
 * The breach register and one breach, to read (issue 22): where "Your work" sends an IG lead whose ICO
 * report is due. IG leads record and change breaches through the forms (forms.ts), each linked from the
 * breach's "Actions".
 */
export async function breachPages(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.addHook("preHandler", requireActor(["ig_lead", "auditor"]));
  await app.register(breachForms, { db });
  // The people a breach names, added and removed by its IG leads (web/people-pages.ts).
  await app.register(breachPeoplePages, { db });

  app.get("/breaches", async (request, reply) => {
    const { rows } = await loadBreaches(db, actorOf(request), { page: 1, pageSize: 200 });
    return reply.view("breaches/register", {
      breaches: rows.map((b) => ({ ...b, stateText: words.state[b.state] })),
      mayRecord: actorOf(request).roles.includes("ig_lead"),
    });
  });

  app.get("/breaches/:id", async (request, reply) => {
    const { id } = parseForm(idParams, request.params);
    const actor = actorOf(request);
    const b = await viewBreach(db, actor, id, "web.breaches.breach");
    const notices = await viewNotices(db, actor, id, "web.breaches.notices");
    const listed = (texts: string[]) => (texts.length ? texts.join(", ") : "Not stated");
    const known = (n: number | null) => (n === null ? "Not known" : String(n));
    const facts: [string, string | Date | null][] = [
      ["State", words.state[b.state]],
      ["Aware since", b.awareAt],
      ["Happened", b.occurredAt ?? "Not known"],
      ["How it was discovered", b.howDiscovered],
      ["What happened", b.whatHappened],
      ["Type", listed(b.types.map((t) => words.type[t]))],
      ["What happened to the data", listed(b.kinds.map((k) => words.kind[k]))],
      ["A cyber incident", b.cyber ? "Yes" : "No"],
      ["Data involved", listed(b.dataCategories.map((c) => words.dataCategory[c]))],
      ["People affected (about)", known(b.approxPeople)],
      ["Records affected (about)", known(b.approxRecords)],
      ["People named", b.people.length ? b.people.map((p) => p.name).join(", ") : "None linked"],
      ["Likely consequences", b.consequences || "Not yet recorded"],
      ["A risk to someone's physical safety", b.physicalRisk ? `Yes: ${b.physicalRiskDetail}` : "No"],
      ["Risk to people", b.risk ? `${words.risk[b.risk]}${b.riskReasoning ? `: ${b.riskReasoning}` : ""}` : "Not yet assessed"],
      ["Measures taken", b.measuresTaken || "Not yet recorded"],
      ["Measures proposed", b.measuresProposed || "Not yet recorded"],
      ["Why it was not reported", b.notReportedReasons],
      ["Lessons learned", b.lessonsLearned],
      ["Recorded by", b.recordedBy],
    ];
    return reply.view("breaches/breach", {
      b,
      facts: facts.filter(([, value]) => value !== null).map(([key, value]) => ({ key, value, when: value instanceof Date })),
      reports: b.reports.map((r) => ({ ...r, phaseText: words.phase[r.phase] })),
      rules: b.warnings.map((w) => ({ code: w.code, rule: BREACH_RULES[w.code] })),
      actions: breachActions(b, actor),
      outcome: doneBanner(request),
      noticesSection: noticesSection(actor, b, notices),
      links: linksForPage(b.links),
    });
  });
  // The ICO report pack, each kept report's and the draft's (web/ico-pack-pages.ts).
  await app.register(icoPackPages, { db });
  await breachNoticePages(app, { db });
}
