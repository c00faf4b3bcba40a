import type { Actor } from "../../../platform/auth/actor";
import type { Db } from "../../../platform/db/client";
import { correctItem, disputeItem } from "../../records";
import { reasonInput, statementInput } from "../domain/inputs";
import { act, requestAndItem } from "./act-on-item";

/** Rectification (UK GDPR Art 16): the item corrected, or an opinion kept with the person's statement beside it. */

/** Rectification by correction: a new version (the old one stays, marked corrected), and every recipient told. */
export async function correctForRequest(db: Db, actor: Actor, requestId: string, itemId: string, raw: unknown): Promise<number> {
  const { reason } = reasonInput.parse(raw);
  const { request, item } = await requestAndItem(db, actor, requestId, itemId, "correct");
  let correctedText = "";
  return act(
    db,
    actor,
    { request, item },
    { kind: "CORRECTED", reason },
    async (tx) => {
      correctedText = (await correctItem(tx, actor, item.subjectId, itemId, raw)).text;
    },
    {
      kind: "CORRECTED",
      content: () => correctedText,
      say: (shown) =>
        shown === null
          ? "Information we sent you has been corrected at the person's request. You can no longer open what we sent: if you kept a copy, ask us for the corrected version."
          : `Information we sent you has been corrected at the person's request. Replace it with the corrected version: ${shown}`,
    },
  );
}

/** Rectification by a supplementary statement: an opinion stays, with the person's disagreement recorded beside it. */
export async function addStatement(db: Db, actor: Actor, requestId: string, itemId: string, raw: unknown): Promise<number> {
  const { statement } = statementInput.parse(raw);
  const { request, item } = await requestAndItem(db, actor, requestId, itemId, "statement");
  return act(
    db,
    actor,
    { request, item },
    { kind: "STATEMENT_ADDED", reason: statement },
    (tx) => disputeItem(tx, actor, item.subjectId, itemId, { reason: `Statement from the person: ${statement}` }),
    {
      kind: "DISPUTED",
      content: () => statement,
      say: (shown) =>
        shown === null
          ? "The person disagrees with information we sent you and their statement is recorded with it. If you kept a copy, ask us for the statement."
          : `The person disagrees with information we sent you. Their statement: ${shown}`,
    },
  );
}
