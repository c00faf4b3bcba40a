import type { FastifyInstance } from "fastify";
import type { Db } from "../../../platform/db/client";
import { actorOf } from "../../../platform/http/auth/plugin";
import { bodyOf, idParam, list, queryOf, str, withFormErrors } from "../../../platform/web-kit/forms";
import { loadSubject } from "../services/access";
import { correctItem, disputeItem, viewItem, viewItems } from "../services/items";
import {
  ITEM_DATE_FIELDS,
  type ItemValues,
  itemErrorPath,
  itemFormContext,
  itemInput,
  itemValuesFromBody,
  itemValuesOf,
} from "./item-form";
import { groupItems, itemForPage, RECORD_FORM, subjectHeader, subjectIdOf } from "./record-pages";

const OUTCOMES: Record<string, string> = {
  recorded: "Record item saved.",
  corrected: "Correction saved. The earlier version stays on the record, marked as corrected.",
  disputed: "Item marked as disputed.",
};

const itemIdOf = (request: Parameters<typeof subjectIdOf>[0]) => idParam(request, "itemId", "The record item");

/** A subject's record items, one item with all its versions, correcting and disputing it. */
export async function itemPages(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.get("/subjects/:id/items", async (request, reply) => {
    const actor = actorOf(request);
    const id = subjectIdOf(request);
    const subject = await loadSubject(db, actor, id);
    const items = await viewItems(db, actor, id, "web.subjects.items");
    return reply.view("records/items", { ...subjectHeader(subject, actor, "items"), groups: groupItems(items) });
  });

  /** The item and every version of it; the latest can be corrected or disputed. */
  const itemContext = async (request: Parameters<typeof subjectIdOf>[0], view: string) => {
    const actor = actorOf(request);
    const id = subjectIdOf(request);
    const itemId = itemIdOf(request);
    const subject = await loadSubject(db, actor, id);
    const { item, versions } = await viewItem(db, actor, id, itemId, view);
    const latest = versions.at(-1) ?? item;
    return { actor, id, subject, item, latest, versions };
  };

  app.get("/subjects/:id/items/:itemId", async (request, reply) => {
    const { actor, subject, item, latest, versions } = await itemContext(request, "web.subjects.item");
    return reply.view("records/item", {
      ...subjectHeader(subject, actor, "items"),
      item: itemForPage(item),
      latest: itemForPage(latest),
      isLatest: latest.id === item.id,
      versions: versions.map(itemForPage).reverse(),
      outcome: OUTCOMES[queryOf(request).outcome ?? ""],
    });
  });

  const correctView = (context: Awaited<ReturnType<typeof itemContext>>, values: ItemValues & { reason: string }, extra = {}) => ({
    ...itemFormContext,
    ...subjectHeader(context.subject, context.actor),
    item: itemForPage(context.latest),
    values,
    errors: {},
    ...extra,
  });

  app.get("/subjects/:id/items/:itemId/correct", async (request, reply) => {
    const context = await itemContext(request, "web.subjects.item.correct");
    // Only the latest version is corrected: an older link leads to the current one.
    if (context.latest.id !== context.item.id) return reply.redirect(`/subjects/${context.id}/items/${context.latest.id}/correct`);
    return reply.view("records/item-correct", correctView(context, { ...itemValuesOf(context.latest), reason: "" }));
  });

  app.post("/subjects/:id/items/:itemId/correct", async (request, reply) => {
    const context = await itemContext(request, "web.subjects.item.correct");
    const body = bodyOf(request);
    const values = { ...itemValuesFromBody(body), reason: str(body, "reason") };
    const acknowledged = list(body, "acknowledged");
    return withFormErrors(
      reply,
      (summary) => reply.view("records/item-correct", correctView(context, values, { acknowledged, ...summary })),
      async () => {
        const corrected = await correctItem(db, context.actor, context.id, context.item.id, {
          ...itemInput(values),
          reason: values.reason,
          acknowledgedWarnings: acknowledged,
        });
        return reply.redirect(`/subjects/${context.id}/items/${corrected.id}?outcome=corrected`, 303);
      },
      { ...RECORD_FORM, dateFields: ITEM_DATE_FIELDS, mapPath: itemErrorPath },
    );
  });

  app.get("/subjects/:id/items/:itemId/dispute", async (request, reply) => {
    const context = await itemContext(request, "web.subjects.item.dispute");
    if (context.latest.id !== context.item.id) return reply.redirect(`/subjects/${context.id}/items/${context.latest.id}/dispute`);
    return reply.view("records/item-dispute", {
      ...subjectHeader(context.subject, context.actor),
      item: itemForPage(context.item),
      values: { reason: "" },
    });
  });

  app.post("/subjects/:id/items/:itemId/dispute", async (request, reply) => {
    const context = await itemContext(request, "web.subjects.item.dispute");
    const values = { reason: str(bodyOf(request), "reason") };
    return withFormErrors(
      reply,
      (summary) =>
        reply.view("records/item-dispute", {
          ...subjectHeader(context.subject, context.actor),
          item: itemForPage(context.item),
          values,
          ...summary,
        }),
      async () => {
        await disputeItem(db, context.actor, context.id, context.item.id, values);
        return reply.redirect(`/subjects/${context.id}/items/${context.item.id}?outcome=disputed`, 303);
      },
      RECORD_FORM,
    );
  });
}
