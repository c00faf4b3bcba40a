import { randomUUID } from "node:crypto";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { Actor } from "../../../platform/auth/actor";
import { today } from "../../../platform/dates/calendar";
import type { Db } from "../../../platform/db/client";
import { actorOf } from "../../../platform/http/auth/plugin";
import { bodyOf, errorSummary, type FormBody, formHelpers, list, optionsOf, str, withFormErrors } from "../../../platform/web-kit/forms";
import type { SubjectRow } from "../../records";
import { loadSubject, recordItem, subjectHeader, subjectIdOf, viewSubjectRow } from "../../records";
import { mayDecideProtectedDetails, SOURCE_METHOD_LABELS } from "../../records/domain";
import { RECIPIENT_ROLE_LABELS, RECIPIENT_ROLES } from "../domain/vocabulary";
import { otherMembers, shareableItems } from "../services/choices";
import { decisionIdByKey } from "../services/decisions";
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
    worry: str(body, "worry"),
    worryMethod: str(body, "worryMethod"),
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

/** The record item's paths as the emergency form's fields: what the sharer typed becomes one. */
const WORRY_FIELDS: Record<string, string> = { "/text": "/worry", "/source/method": "/worryMethod" };

/** How the sharer knows what they typed: the methods that fit someone writing it down themselves. */
const WORRY_METHODS = ["OBSERVED", "TOLD_DIRECTLY", "PHONE_CALL", "OTHER"] as const;

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
      worryMethodItems: formHelpers.radioItems(
        WORRY_METHODS.map((m) => ({ value: m, text: SOURCE_METHOD_LABELS[m] })),
        values.worryMethod,
      ),
      nothingRecorded: shareable.items.length === 0,
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
    let values = valuesOf(bodyOf(request));
    return withFormErrors(
      reply,
      (summary) => page(reply, actor, subject, values, summary),
      async () => {
        // A second press of the button finds the share the first made, rather than writing the worry down twice.
        const made = await decisionIdByKey(db, actor, values.key);
        if (made) return reply.redirect(`/share-decisions/${made}?outcome=emergency`, 303);
        if (values.worry.trim()) {
          // What the sharer is worried about, typed here because nothing is recorded yet, goes on the
          // person's record first, as an item with its source (the sharer, and how they know), so what
          // is sent is a record item like any other. Kept even if the share is then refused: nothing typed is lost.
          const day = today();
          const item = await recordItem(db, actor, id, {
            category: "other",
            // Written in haste and not yet checked: recorded as the sharer's account, not as established fact.
            kind: "OPINION",
            text: values.worry,
            eventDate: day,
            // Not asked how they know? "Other": an emergency share does not wait for the question.
            source: { name: `${actor.name}, ${actor.organisationName}`, method: values.worryMethod || "OTHER", obtainedOn: day },
            // Protected details in it are taken out of what is sent; being warned about them must not delay the share.
            acknowledgedWarnings: ["GR5-PROTECT-IDENTITIES"],
          });
          values = { ...values, worry: "", worryMethod: "", items: [...values.items, item.id] };
        }
        const input = {
          subjectId: id,
          emergency: { immediateRisk: true, reason: values.reason || undefined },
          recipient: { organisationId: values.organisationId || undefined, role: values.role || undefined },
          items: { items: values.items.map((itemId) => ({ itemId, share: true })), subjectDetails: values.subjectDetails },
        };
        const { detail } = await recordShareDecision(db, actor, input, values.key);
        return reply.redirect(`/share-decisions/${detail.id}?outcome=emergency`, 303);
      },
      { mapPath: (p) => EMERGENCY_FIELDS[p] ?? WORRY_FIELDS[p] ?? (p.startsWith("/items/items") ? "/items" : p) },
    );
  });
}
