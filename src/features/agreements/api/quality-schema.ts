import { z } from "zod";
import { DSA_RULES } from "../../../platform/rules";
import { ITEM_CATEGORIES } from "../../records/domain";
import { SECTIONS } from "../domain/content";
import { ARTICLE_6, ARTICLE_9_10 } from "../domain/lawful-basis";
import { PURPOSE_CODES } from "../domain/purposes";
import { QUALITY_RULES } from "../domain/quality";

const qualityCodes = Object.keys(QUALITY_RULES) as [keyof typeof QUALITY_RULES, ...(keyof typeof QUALITY_RULES)[]];
const dsaCodes = Object.keys(DSA_RULES) as [keyof typeof DSA_RULES, ...(keyof typeof DSA_RULES)[]];

export const qualitySchema = z
  .object({
    version: z.number().int(),
    score: z.number().int().min(0).max(100),
    findings: z.array(
      z.object({
        code: z.enum(qualityCodes),
        severity: z.enum(["missing", "weak"]),
        section: z.enum(SECTIONS),
        path: z.string(),
        message: z.string(),
      }),
    ),
    sections: z.array(
      z.object({
        section: z.enum(SECTIONS),
        title: z.string(),
        status: z.enum(["complete", "weak", "missing"]),
        findings: z.number().int(),
      }),
    ),
  })
  .meta({ id: "AgreementQuality" });

export const proposedShareSchema = z
  .object({
    senderOrganisationId: z.uuid(),
    recipientOrganisationId: z.uuid(),
    purpose: z.enum(PURPOSE_CODES),
    items: z
      .array(
        z.object({
          category: z.enum(ITEM_CATEGORIES),
          specialCategory: z.boolean().default(false),
          criminalOffence: z.boolean().default(false),
          originOrganisationId: z.uuid().optional(),
          originAgreed: z.boolean().optional(),
        }),
      )
      .max(500),
    article6: z.enum(ARTICLE_6).nullable(),
    article9: z.array(z.enum(ARTICLE_9_10)).default([]),
    /** The day of the share; defaults to today. */
    date: z.iso.date().optional(),
  })
  .meta({ id: "ProposedShare" });

export const evaluationSchema = z
  .object({ outcome: z.enum(["ALLOW", "BLOCK"]), findings: z.array(z.object({ code: z.enum(dsaCodes), reason: z.string() })) })
  .meta({ id: "AgreementEvaluation" });
