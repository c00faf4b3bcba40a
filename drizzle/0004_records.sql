-- Name search (issue 4): trigram matching over names folded to lower case without accents.
-- pg_trgm, unaccent and btree_gin are trusted contrib extensions (PostgreSQL 13+), so the database
-- owner can create them; PGlite loads the same three (src/db/client.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS unaccent;--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS btree_gin;--> statement-breakpoint
-- unaccent() is only STABLE (its dictionary could change); naming the dictionary explicitly makes the
-- result fixed, which generated columns and indexes require.
CREATE OR REPLACE FUNCTION safeshare_fold(t text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, t)) $$;--> statement-breakpoint
CREATE TYPE "public"."accuracy_state" AS ENUM('ACCURATE', 'DISPUTED', 'CORRECTED');--> statement-breakpoint
CREATE TYPE "public"."concern_category" AS ENUM('PHYSICAL_ABUSE', 'EMOTIONAL_ABUSE', 'SEXUAL_ABUSE', 'NEGLECT', 'CHILD_SEXUAL_EXPLOITATION', 'CHILD_CRIMINAL_EXPLOITATION', 'DOMESTIC_ABUSE', 'ONLINE_HARM', 'RADICALISATION', 'OTHER');--> statement-breakpoint
CREATE TYPE "public"."concern_status" AS ENUM('OPEN', 'ACKNOWLEDGED', 'CLOSED');--> statement-breakpoint
CREATE TYPE "public"."item_category" AS ENUM('education', 'health', 'police', 'social_care', 'family_circumstances', 'housing', 'other');--> statement-breakpoint
CREATE TYPE "public"."record_item_kind" AS ENUM('FACT', 'OPINION');--> statement-breakpoint
CREATE TYPE "public"."source_method" AS ENUM('TOLD_DIRECTLY', 'OBSERVED', 'PHONE_CALL', 'MEETING', 'DOCUMENT', 'FROM_ANOTHER_AGENCY', 'OTHER');--> statement-breakpoint
CREATE TABLE "chronology_entry" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"occurred_on" date NOT NULL,
	"category" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"ref_type" text NOT NULL,
	"ref_id" uuid NOT NULL,
	"recorded_by_user_id" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "concern" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"category" "concern_category" NOT NULL,
	"description" text NOT NULL,
	"level_of_need" text NOT NULL,
	"noticed_on" date NOT NULL,
	"status" "concern_status" DEFAULT 'OPEN' NOT NULL,
	"raised_by_user_id" uuid,
	"raised_at" timestamp with time zone DEFAULT now() NOT NULL,
	"acknowledged_by_user_id" uuid,
	"acknowledged_at" timestamp with time zone,
	"follow_up_action" text,
	"closed_by_user_id" uuid,
	"closed_at" timestamp with time zone,
	"outcome" text
);
--> statement-breakpoint
CREATE TABLE "form_draft" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"form" text NOT NULL,
	"key" text NOT NULL,
	"data" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partnership_setting" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_by_user_id" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "record_item" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"lineage_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"supersedes_id" uuid,
	"category" "item_category" NOT NULL,
	"kind" "record_item_kind" NOT NULL,
	"text" text NOT NULL,
	"event_date" date NOT NULL,
	"source_name" text NOT NULL,
	"source_method" "source_method" NOT NULL,
	"source_obtained_on" date NOT NULL,
	"historical" boolean DEFAULT false NOT NULL,
	"special_category" boolean DEFAULT false NOT NULL,
	"criminal_offence" boolean DEFAULT false NOT NULL,
	"accuracy" "accuracy_state" DEFAULT 'ACCURATE' NOT NULL,
	"correction_reason" text,
	"dispute_note" text,
	"disputed_at" timestamp with time zone,
	"disputed_by_user_id" uuid,
	"recorded_by_user_id" uuid,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "subject_name" ADD COLUMN "search_name" text GENERATED ALWAYS AS (safeshare_fold(name)) STORED;--> statement-breakpoint
ALTER TABLE "subject" ADD COLUMN "search_name" text GENERATED ALWAYS AS (safeshare_fold(given_names || ' ' || family_name)) STORED;--> statement-breakpoint
ALTER TABLE "chronology_entry" ADD CONSTRAINT "chronology_entry_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chronology_entry" ADD CONSTRAINT "chronology_entry_subject_id_subject_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."subject"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "chronology_entry" ADD CONSTRAINT "chronology_entry_recorded_by_user_id_app_user_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concern" ADD CONSTRAINT "concern_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concern" ADD CONSTRAINT "concern_subject_id_subject_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."subject"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concern" ADD CONSTRAINT "concern_raised_by_user_id_app_user_id_fk" FOREIGN KEY ("raised_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concern" ADD CONSTRAINT "concern_acknowledged_by_user_id_app_user_id_fk" FOREIGN KEY ("acknowledged_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concern" ADD CONSTRAINT "concern_closed_by_user_id_app_user_id_fk" FOREIGN KEY ("closed_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_draft" ADD CONSTRAINT "form_draft_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "form_draft" ADD CONSTRAINT "form_draft_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partnership_setting" ADD CONSTRAINT "partnership_setting_updated_by_user_id_app_user_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_item" ADD CONSTRAINT "record_item_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_item" ADD CONSTRAINT "record_item_subject_id_subject_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."subject"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_item" ADD CONSTRAINT "record_item_supersedes_id_record_item_id_fk" FOREIGN KEY ("supersedes_id") REFERENCES "public"."record_item"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_item" ADD CONSTRAINT "record_item_disputed_by_user_id_app_user_id_fk" FOREIGN KEY ("disputed_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_item" ADD CONSTRAINT "record_item_recorded_by_user_id_app_user_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "chronology_entry_subject_idx" ON "chronology_entry" USING btree ("subject_id","occurred_on","recorded_at");--> statement-breakpoint
CREATE INDEX "concern_subject_idx" ON "concern" USING btree ("subject_id");--> statement-breakpoint
CREATE INDEX "concern_open_idx" ON "concern" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE UNIQUE INDEX "form_draft_once" ON "form_draft" USING btree ("user_id","form","key");--> statement-breakpoint
CREATE INDEX "record_item_subject_idx" ON "record_item" USING btree ("subject_id","event_date");--> statement-breakpoint
CREATE UNIQUE INDEX "record_item_lineage_version" ON "record_item" USING btree ("lineage_id","version");--> statement-breakpoint
CREATE INDEX "subject_name_search_name_idx" ON "subject_name" USING gin ("search_name" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "subject_search_name_idx" ON "subject" USING gin ("organisation_id","search_name" gin_trgm_ops);--> statement-breakpoint
-- Record items are never edited in place (issue 4). What was recorded, including (on a later version)
-- why the previous one was corrected, never changes. The accuracy may move from ACCURATE to DISPUTED,
-- and from either to CORRECTED when a new version replaces the row; CORRECTED is final, or an old
-- version could pass for the current one again. A dispute is recorded once and then kept as it was.
CREATE FUNCTION record_item_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.organisation_id, NEW.subject_id, NEW.lineage_id, NEW.version, NEW.supersedes_id, NEW.category, NEW.kind, NEW.text,
      NEW.event_date, NEW.source_name, NEW.source_method, NEW.source_obtained_on, NEW.historical, NEW.special_category,
      NEW.criminal_offence, NEW.correction_reason, NEW.recorded_by_user_id, NEW.recorded_at)
     IS DISTINCT FROM
     (OLD.organisation_id, OLD.subject_id, OLD.lineage_id, OLD.version, OLD.supersedes_id, OLD.category, OLD.kind, OLD.text,
      OLD.event_date, OLD.source_name, OLD.source_method, OLD.source_obtained_on, OLD.historical, OLD.special_category,
      OLD.criminal_offence, OLD.correction_reason, OLD.recorded_by_user_id, OLD.recorded_at) THEN
    RAISE EXCEPTION 'record items are never edited in place: record a correction instead';
  END IF;
  IF OLD.accuracy = 'CORRECTED' AND NEW.accuracy <> 'CORRECTED' THEN
    RAISE EXCEPTION 'a corrected record item stays corrected: the version that replaced it is the current one';
  END IF;
  IF OLD.disputed_at IS NOT NULL
     AND (NEW.dispute_note, NEW.disputed_at, NEW.disputed_by_user_id)
         IS DISTINCT FROM (OLD.dispute_note, OLD.disputed_at, OLD.disputed_by_user_id) THEN
    RAISE EXCEPTION 'a dispute is kept as it was recorded';
  END IF;
  RETURN NEW;
END $$;--> statement-breakpoint
CREATE TRIGGER record_item_immutable BEFORE UPDATE ON record_item FOR EACH ROW EXECUTE FUNCTION record_item_immutable();
