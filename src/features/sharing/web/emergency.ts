import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { Actor } from "../../../platform/auth/actor";
import type { Db } from "../../../platform/db/client";
import { actorOf } from "../../../platform/http/auth/plugin";
import { bodyOf, errorSummary, type FormBody, formHelpers, list, optionsOf, str, withFormErrors } from "../../../platform/web-kit/forms";
import type { SubjectRow } from "../../records";
import { loadSubject, subjectHeader, subjectIdOf, viewSubjectRow } from "../../records";
import { mayDecideProtectedDetails } from "../../records/domain";
import { RECIPIENT_ROLE_LABELS, RECIPIENT_ROLES } from "../domain/vocabulary";
import { otherMembers, shareableItems } from "../services/choices";
import { recordShareDecision } from "../services/record-decision";
import { itemRows, subjectDetailOptions } from "./wizard-context";

/**
 * The emergency route (ICO9-EMERGENCY): immediate risk to life or of serious harm, so the share goes
 * now with a one-line reason, and the full record is due within the partnership's deadline. Nothing
 * blocks it but what it cannot go without: who it goes to, what, and why it cannot wait.
 */

function valuesOf(body: FormBody) {
  return {
    reason: str(body, "reason"),
    organisationId: str(body, "organisationId"),
    role: str(body, "role"),
    items: list(body, "items"),
    subjectDetails: list(body, "subjectDetails"),
    key: str(body, "key") || randomUUID(),
  };
}

/** The service's paths as the emergency form's fields. */
const EMERGENCY_FIELDS: Record<string, string> = {
  "/emergency/reason": "/reason",
  "/recipient/organisationId": "/organisationId",
  "/recipient/role": "/role",
  "/items/items": "/items",
};

export async function emergencyPages(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  const page = async (
    reply: FastifyReply,
    actor: Actor,
    subject: SubjectRow,
    values: ReturnType<typeof valuesOf>,
    summary = errorSummary([]),
  ) => {
    const [members, shareable] = await Promise.all([otherMembers(db, actor), shareableItems(db, actor, subject.id)]);
    return reply.view("sharing/emergency", {
      ...subjectHeader(subject, actor),
      values,
      organisationItems: formHelpers.selectItems(
        members.map((m) => ({ value: m.id, text: m.name })),
        values.organisationId,
        "Choose the organisation",
      ),
      roleItems: formHelpers.radioItems(optionsOf(RECIPIENT_ROLES, RECIPIENT_ROLE_LABELS), values.role),
      items: itemRows(shareable, {}, mayDecideProtectedDetails(actor.roles)).map((i) => ({
        value: i.id,
        html: i.text,
        // Redacting a protected detail never delays the share: it is said, and done, without a question.
        hint: {
          text: `${i.title}: ${i.tags.map((t) => t.text).join(", ")}${i.protectedFound ? `. It mentions ${i.protectedFound.what}: that is taken out before it goes` : ""}`,
        },
        checked: values.items.includes(i.id),
      })),
      detailItems: formHelpers.checkboxItems(subjectDetailOptions, values.subjectDetails),
      ...summary,
    });
  };

  app.get("/subjects/:id/share/emergency", async (request, reply) => {
    const actor = actorOf(request);
    const subject = await viewSubjectRow(db, actor, subjectIdOf(request), "web.share.emergency");
    return page(reply, actor, subject, valuesOf({}));
  });

  app.post("/subjects/:id/share/emergency", async (request, reply) => {
    const actor = actorOf(request);
    const id = subjectIdOf(request);
    const subject = await loadSubject(db, actor, id);
    const values = valuesOf(bodyOf(request));
    const input = {
      subjectId: id,
      emergency: { immediateRisk: true, reason: values.reason || undefined },
      recipient: { organisationId: values.organisationId || undefined, role: values.role || undefined },
      items: { items: values.items.map((itemId) => ({ itemId, share: true })), subjectDetails: values.subjectDetails },
    };
    return withFormErrors(
      reply,
      (summary) => page(reply, actor, subject, values, summary),
      async () => {
        const { detail } = await recordShareDecision(db, actor, input, values.key);
        return reply.redirect(`/share-decisions/${detail.id}?outcome=emergency`, 303);
      },
      { mapPath: (p) => EMERGENCY_FIELDS[p] ?? (p.startsWith("/items/items") ? "/items" : p) },
    );
  });
}
