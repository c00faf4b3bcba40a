CREATE TYPE "public"."rights_item_action_kind" AS ENUM('CORRECTED', 'STATEMENT_ADDED', 'RESTRICTED', 'RESTRICTION_LIFTED', 'ERASURE_REFUSED', 'ERASED');--> statement-breakpoint
CREATE TYPE "public"."recipient_notice_kind" AS ENUM('CORRECTED', 'DISPUTED', 'RESTRICTED', 'RESTRICTION_LIFTED', 'ERASED');--> statement-breakpoint
CREATE TABLE "recipient_notice" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"sender_organisation_id" uuid NOT NULL,
	"recipient_organisation_id" uuid NOT NULL,
	"disclosure_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"kind" "recipient_notice_kind" NOT NULL,
	"text" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by_name" text
);
--> statement-breakpoint
CREATE TABLE "rights_item_action" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"kind" "rights_item_action_kind" NOT NULL,
	"reason" text NOT NULL,
	"requester_told_on" date,
	"by_user_id" uuid NOT NULL,
	"by_name" text NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "record_item" ADD COLUMN "erased_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "recipient_notice" ADD CONSTRAINT "recipient_notice_request_id_rights_request_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."rights_request"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recipient_notice" ADD CONSTRAINT "recipient_notice_sender_organisation_id_organisation_id_fk" FOREIGN KEY ("sender_organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recipient_notice" ADD CONSTRAINT "recipient_notice_recipient_organisation_id_organisation_id_fk" FOREIGN KEY ("recipient_organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recipient_notice" ADD CONSTRAINT "recipient_notice_item_id_record_item_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."record_item"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rights_item_action" ADD CONSTRAINT "rights_item_action_request_id_rights_request_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."rights_request"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rights_item_action" ADD CONSTRAINT "rights_item_action_item_id_record_item_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."record_item"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rights_item_action" ADD CONSTRAINT "rights_item_action_by_user_id_app_user_id_fk" FOREIGN KEY ("by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "recipient_notice_recipient_idx" ON "recipient_notice" USING btree ("recipient_organisation_id","acknowledged_at");--> statement-breakpoint
CREATE INDEX "recipient_notice_request_idx" ON "recipient_notice" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "rights_item_action_request_idx" ON "rights_item_action" USING btree ("request_id");--> statement-breakpoint
-- Erasure (UK GDPR Art 17): the one change ever allowed to what was recorded. The text (and any
-- dispute note or correction reason, which can repeat it) becomes '[erased]' and erased_at is set, once; the row stays as a tombstone so the
-- chronology and the audit log still say that something was recorded and erased, and when.
CREATE OR REPLACE FUNCTION record_item_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  erasing boolean := OLD.erased_at IS NULL AND NEW.erased_at IS NOT NULL AND NEW.text = '[erased]';
BEGIN
  IF OLD.erased_at IS NOT NULL AND NEW.erased_at IS DISTINCT FROM OLD.erased_at THEN
    RAISE EXCEPTION 'an erased record item stays erased';
  END IF;
  IF NEW.erased_at IS NOT NULL AND OLD.erased_at IS NULL AND NOT erasing THEN
    RAISE EXCEPTION 'erasing a record item replaces its text with [erased]';
  END IF;
  IF (NEW.organisation_id, NEW.subject_id, NEW.lineage_id, NEW.version, NEW.supersedes_id, NEW.category, NEW.kind,
      NEW.event_date, NEW.source_name, NEW.source_method, NEW.source_obtained_on, NEW.historical, NEW.special_category,
      NEW.criminal_offence, NEW.recorded_by_user_id, NEW.recorded_at)
     IS DISTINCT FROM
     (OLD.organisation_id, OLD.subject_id, OLD.lineage_id, OLD.version, OLD.supersedes_id, OLD.category, OLD.kind,
      OLD.event_date, OLD.source_name, OLD.source_method, OLD.source_obtained_on, OLD.historical, OLD.special_category,
      OLD.criminal_offence, OLD.recorded_by_user_id, OLD.recorded_at)
     OR (NEW.text IS DISTINCT FROM OLD.text AND NOT erasing)
     OR (NEW.correction_reason IS DISTINCT FROM OLD.correction_reason
         AND NOT (erasing AND OLD.correction_reason IS NOT NULL AND NEW.correction_reason = '[erased]')) THEN
    RAISE EXCEPTION 'record items are never edited in place: record a correction instead';
  END IF;
  IF OLD.accuracy = 'CORRECTED' AND NEW.accuracy <> 'CORRECTED' THEN
    RAISE EXCEPTION 'a corrected record item stays corrected: the version that replaced it is the current one';
  END IF;
  IF OLD.disputed_at IS NOT NULL AND NOT erasing
     AND (NEW.dispute_note, NEW.disputed_at, NEW.disputed_by_user_id)
         IS DISTINCT FROM (OLD.dispute_note, OLD.disputed_at, OLD.disputed_by_user_id) THEN
    RAISE EXCEPTION 'a dispute is kept as it was recorded';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
-- What was disclosed stays as it was, except that an erased item's text is erased in every copy.
CREATE FUNCTION disclosure_item_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.text = '[erased]'
     AND (NEW.disclosure_id, NEW.position, NEW.source_item_id, NEW.category, NEW.kind, NEW.redacted, NEW.event_date, NEW.source_name,
          NEW.source_method, NEW.source_obtained_on, NEW.historical, NEW.special_category, NEW.criminal_offence, NEW.accuracy)
         IS NOT DISTINCT FROM
         (OLD.disclosure_id, OLD.position, OLD.source_item_id, OLD.category, OLD.kind, OLD.redacted, OLD.event_date, OLD.source_name,
          OLD.source_method, OLD.source_obtained_on, OLD.historical, OLD.special_category, OLD.criminal_offence, OLD.accuracy) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'disclosure_item rows are part of the record of a decision: % rejected', TG_OP;
END $$;
--> statement-breakpoint
DROP TRIGGER disclosure_item_frozen ON disclosure_item;
--> statement-breakpoint
CREATE TRIGGER disclosure_item_frozen BEFORE UPDATE OR DELETE ON disclosure_item FOR EACH ROW EXECUTE FUNCTION disclosure_item_frozen();
