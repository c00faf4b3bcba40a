ALTER TABLE "chronology_entry" ADD COLUMN "code" text;--> statement-breakpoint
ALTER TABLE "chronology_entry" ADD COLUMN "params" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "chronology_entry" ADD COLUMN "summary_code" text;--> statement-breakpoint
-- Entries written before titles were codes. Each sentence that a known writer produced becomes that
-- writer's code and parameters, which render back to the same words; anything else (a rights
-- processing decision, whose basis is only there in words) keeps its words under chronology.legacy.
-- Summaries are kept as written (summary_code stays null), so they read exactly as before.
UPDATE "chronology_entry" SET "code" = 'chronology.legacy', "params" = jsonb_build_object('text', "title");--> statement-breakpoint
UPDATE "chronology_entry" c SET
  "code" = CASE c."kind" WHEN 'CONCERN_RAISED' THEN 'chronology.concernRaised'
    WHEN 'CONCERN_ACKNOWLEDGED' THEN 'chronology.concernAcknowledged' ELSE 'chronology.concernClosed' END,
  "params" = jsonb_build_object('category', k."category"::text)
  FROM "concern" k
  WHERE c."ref_type" = 'concern' AND k."id" = c."ref_id"
    AND ((c."kind" = 'CONCERN_RAISED' AND c."title" LIKE 'Concern raised: %')
      OR (c."kind" = 'CONCERN_ACKNOWLEDGED' AND c."title" LIKE 'Concern acknowledged by the safeguarding lead: %')
      OR (c."kind" = 'CONCERN_CLOSED' AND c."title" LIKE 'Concern closed: %'));--> statement-breakpoint
UPDATE "chronology_entry" c SET "code" = 'chronology.itemRecorded', "params" = jsonb_build_object('category', c."category", 'kind', i."kind"::text)
  FROM "record_item" i
  WHERE c."ref_type" = 'record_item' AND i."id" = c."ref_id" AND c."kind" = 'ITEM_RECORDED'
    AND c."title" ~ ('^[^:]+: ' || lower(i."kind"::text) || ' recorded$');--> statement-breakpoint
UPDATE "chronology_entry" c SET "code" = 'chronology.itemCorrected',
  "params" = jsonb_build_object('category', c."category", 'kind', i."kind"::text,
    'version', (regexp_match(c."title", ' corrected \(version (\d+)\)$'))[1]::int)
  FROM "record_item" i
  WHERE c."ref_type" = 'record_item' AND i."id" = c."ref_id" AND c."kind" = 'ITEM_CORRECTED'
    AND c."title" ~ ('^[^:]+: ' || lower(i."kind"::text) || ' corrected \(version \d+\)$');--> statement-breakpoint
UPDATE "chronology_entry" c SET "code" = 'chronology.itemReceived',
  "params" = jsonb_build_object('category', c."category", 'kind', i."kind"::text,
    'sender', (regexp_match(c."title", ' received from (.+)$'))[1])
  FROM "record_item" i
  WHERE c."ref_type" = 'record_item' AND i."id" = c."ref_id" AND c."kind" = 'ITEM_RECORDED'
    AND c."title" ~ ('^[^:]+: ' || lower(i."kind"::text) || ' received from .+$');--> statement-breakpoint
UPDATE "chronology_entry" c SET "code" = m."code", "params" = CASE WHEN m."param" IS NULL THEN '{}'::jsonb
    ELSE jsonb_build_object(m."param", (regexp_match(c."title", m."pattern"))[1]) END
  FROM (VALUES
    ('DECISION_APPROVED', '^Approved by (.+)$', 'sharingChronology.decisionApproved', 'by'),
    ('DECISION_RETURNED', '^Returned by (.+)$', 'sharingChronology.decisionReturned', 'by'),
    ('DECISION_CORRECTION', '^Correction added to a share decision$', 'sharingChronology.correctionAdded', NULL),
    ('DECISION_OUTCOME', '^Outcome of a share decision recorded$', 'sharingChronology.outcomeRecorded', NULL),
    ('EMERGENCY_RECORD_COMPLETED', '^Full record of the emergency share completed$', 'sharingChronology.emergencyRecordCompleted', NULL),
    ('INFORMATION_REQUESTED', '^Information requested from (.+)$', 'sharingChronology.informationRequested', 'organisation'),
    ('DISCLOSURE_SENT', '^Information sent to (.+)$', 'sharingChronology.disclosureSent', 'recipient'),
    ('DISCLOSURE_RECEIVED', '^Information received from (.+)$', 'sharingChronology.disclosureReceived', 'sender'),
    ('DISCLOSURE_ACKNOWLEDGED', '^Receipt acknowledged by (.+)$', 'sharingChronology.disclosureAcknowledged', 'recipient'),
    ('DISCLOSURE_REVOKED', '^Access withdrawn from (.+)$', 'sharingChronology.disclosureRevoked', 'recipient'),
    ('DECISION_RECORDED', '^Emergency share$', 'decisionTitle.emergency', NULL),
    ('DECISION_RECORDED', '^Emergency share with (.+)$', 'decisionTitle.emergencyWith', 'recipient'),
    ('DECISION_RECORDED', '^Decided to share$', 'decisionTitle.share', NULL),
    ('DECISION_RECORDED', '^Decided to share with (.+)$', 'decisionTitle.shareWith', 'recipient'),
    ('DECISION_RECORDED', '^Decided to share some information$', 'decisionTitle.partialShare', NULL),
    ('DECISION_RECORDED', '^Decided to share some information with (.+)$', 'decisionTitle.partialShareWith', 'recipient'),
    ('DECISION_RECORDED', '^Decided not to share$', 'decisionTitle.doNotShare', NULL),
    ('DECISION_RECORDED', '^Decided not to share with (.+)$', 'decisionTitle.doNotShareWith', 'recipient')
  ) AS m("kind", "pattern", "code", "param")
  WHERE c."kind" = m."kind" AND c."title" ~ m."pattern";--> statement-breakpoint
UPDATE "chronology_entry" c SET "code" = 'sharingChronology.requestRefused',
  "params" = jsonb_build_object('organisation', (regexp_match(c."title", '^(.+) decided not to share: (IR-\d+)$'))[1],
    'reference', (regexp_match(c."title", '^(.+) decided not to share: (IR-\d+)$'))[2])
  WHERE c."kind" = 'INFORMATION_REQUEST_REFUSED' AND c."title" ~ '^.+ decided not to share: IR-\d+$';--> statement-breakpoint
UPDATE "chronology_entry" c SET "code" = 'rightsChronology.' || m."step",
  "params" = jsonb_build_object('reference', (regexp_match(c."title", '^Rights request (\S+): '))[1])
  FROM (VALUES
    ('RIGHTS_IDENTITY', 'requester''s identity verified', 'identityVerified'),
    ('RIGHTS_ATTACHED', 'received', 'attached'),
    ('RIGHTS_COMPLAINT_ACKNOWLEDGED', 'complaint acknowledged', 'complaintAcknowledged'),
    ('RIGHTS_CORRECTED', 'an item corrected', 'CORRECTED'),
    ('RIGHTS_STATEMENT_ADDED', 'the person''s statement added to an item', 'STATEMENT_ADDED'),
    ('RIGHTS_RESTRICTED', 'an item restricted', 'RESTRICTED'),
    ('RIGHTS_RESTRICTION_LIFTED', 'an item''s restriction lifted', 'RESTRICTION_LIFTED'),
    ('RIGHTS_ERASURE_REFUSED', 'erasure of an item refused', 'ERASURE_REFUSED'),
    ('RIGHTS_ERASED', 'an item erased', 'ERASED')
  ) AS m("kind", "what", "step")
  WHERE c."kind" = m."kind" AND c."title" ~ '^Rights request \S+: ' AND substring(c."title" from ': (.*)$') = m."what";--> statement-breakpoint
UPDATE "chronology_entry" c SET "code" = 'rightsChronology.state',
  "params" = jsonb_build_object('reference', (regexp_match(c."title", '^Rights request (\S+): '))[1], 'state', substring(c."kind" from 8))
  WHERE c."kind" IN ('RIGHTS_RECEIVED', 'RIGHTS_AWAITING_IDENTITY', 'RIGHTS_AWAITING_CLARIFICATION', 'RIGHTS_IN_PROGRESS', 'RIGHTS_EXTENDED',
      'RIGHTS_EXEMPTION_REVIEW', 'RIGHTS_RESPONDED', 'RIGHTS_CLOSED')
    AND c."title" ~ '^Rights request \S+: ';--> statement-breakpoint
ALTER TABLE "chronology_entry" ALTER COLUMN "code" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "chronology_entry" DROP COLUMN "title";
