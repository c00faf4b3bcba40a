import { z } from "zod";
import { snapshotOf } from "../../../platform/audit/events";
import { inTransaction } from "../../../platform/audit/write";
import type { Actor } from "../../../platform/auth/actor";
import { hasAnyRole } from "../../../platform/auth/roles";
import type { Db } from "../../../platform/db/client";
import { NotPermittedError } from "../../../platform/errors";
import type {} from "../audit-events";
import { type AgreementContent, type AgreementContentInput, agreementContentSchema, TIERS } from "../domain/content";
import { canDraftAgreements } from "../domain/lifecycle";
import { modelTemplate } from "../domain/model-template";
import { agreements, agreementVersions } from "../schema";
import { assertValidContent, syncParties } from "./agreement-writes";
import type { AgreementRow } from "./queries";

export const newFromTemplateInput = z.object({
  title: z
    .string({ error: "Enter the agreement's title" })
    .trim()
    .min(1, "Enter the agreement's title")
    .max(200, "Title must be 200 characters or fewer"),
  tier: z.enum(TIERS, { error: "Select tier 1 (strategic) or tier 2 (operational)" }),
  parentAgreementId: z.uuid({ error: "Choose the tier 1 agreement" }).nullable().optional(),
  /** The other parties; the owning organisation is always a party. */
  partyOrganisationIds: z
    .array(z.uuid({ error: "Select an organisation" }))
    .max(100)
    .default([]),
  /** Partnership admins may draft on behalf of a member; everyone else drafts for their own organisation. */
  ownerOrganisationId: z.uuid().optional(),
});
export type NewFromTemplateInput = z.input<typeof newFromTemplateInput>;

function ownerFor(actor: Actor, requested?: string): string {
  if (!canDraftAgreements(actor)) throw new NotPermittedError("Only IG leads and partnership administrators can draft agreements");
  if (requested && requested !== actor.organisationId && !hasAnyRole(actor.roles, ["partnership_admin"])) {
    throw new NotPermittedError("You can only draft agreements that your own organisation owns");
  }
  return requested ?? actor.organisationId;
}

/** "New agreement from the model template": pre-filled safeguarding defaults the author then edits. */
export function createFromTemplate(db: Db, actor: Actor, input: NewFromTemplateInput): Promise<AgreementRow> {
  const parsed = newFromTemplateInput.parse(input);
  const owner = ownerFor(actor, parsed.ownerOrganisationId);
  const parties = [owner, ...parsed.partyOrganisationIds.filter((id) => id !== owner)];
  const content = modelTemplate({
    title: parsed.title,
    tier: parsed.tier,
    parentAgreementId: parsed.parentAgreementId ?? null,
    partyOrganisationIds: [...new Set(parties)],
  });
  return insertAgreement(db, actor, owner, content, true);
}

/** An agreement entered as structured fields, e.g. transcribed from an existing Word document. */
export function importAgreement(
  db: Db,
  actor: Actor,
  input: { content: AgreementContentInput; ownerOrganisationId?: string },
): Promise<AgreementRow> {
  const owner = ownerFor(actor, input.ownerOrganisationId);
  return insertAgreement(db, actor, owner, agreementContentSchema.parse(input.content), false);
}

function insertAgreement(db: Db, actor: Actor, owner: string, content: AgreementContent, fromTemplate: boolean): Promise<AgreementRow> {
  return inTransaction(db, async (tx, audit) => {
    await assertValidContent(tx, content, { ownerOrganisationId: owner });
    const { title, tier, parentAgreementId } = content.documentControl;
    const [agreement] = await tx.insert(agreements).values({ title, tier, parentAgreementId, ownerOrganisationId: owner }).returning();
    await tx.insert(agreementVersions).values({ agreementId: agreement!.id, version: 1, content, createdByUserId: actor.userId });
    await syncParties(tx, agreement!.id);
    audit.record(snapshotOf(actor), {
      type: "agreement.created",
      entity: { type: "agreement", id: agreement!.id },
      details: { tier, fromTemplate, parties: content.parties.map((p) => p.organisationId) },
    });
    return agreement!;
  });
}
