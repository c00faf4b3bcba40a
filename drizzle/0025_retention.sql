CREATE TYPE "public"."disposal_action" AS ENUM('DESTROY', 'ANONYMISE');--> statement-breakpoint
CREATE TYPE "public"."disposal_batch_status" AS ENUM('PROPOSED', 'EXECUTED', 'CANCELLED');--> statement-breakpoint
CREATE TYPE "public"."legal_hold_scope" AS ENUM('SUBJECTS', 'CATEGORIES', 'ORGANISATION', 'PARTNERSHIP');--> statement-breakpoint
CREATE TYPE "public"."retention_action" AS ENUM('REVIEW', 'DESTROY', 'ANONYMISE');--> statement-breakpoint
CREATE TYPE "public"."retention_category" AS ENUM('SCHOOL_CHILD_PROTECTION_FILE', 'COUNCIL_CHILD_PROTECTION_RECORD', 'EARLY_HELP_RECORD', 'CHILD_RECORD', 'ADULT_RECORD');--> statement-breakpoint
CREATE TYPE "public"."retention_trigger" AS ENUM('DATE_OF_BIRTH', 'CASE_CLOSURE', 'LAST_ENTRY');--> statement-breakpoint
CREATE TABLE "anonymised_record" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"batch_id" uuid NOT NULL,
	"category" "retention_category" NOT NULL,
	"first_year" integer,
	"last_year" integer,
	"items" integer NOT NULL,
	"concerns" jsonb NOT NULL,
	"decisions" jsonb NOT NULL,
	"disposed_year" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "disposal_batch_file" (
	"batch_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	CONSTRAINT "disposal_batch_file_batch_id_subject_id_pk" PRIMARY KEY("batch_id","subject_id")
);
--> statement-breakpoint
CREATE TABLE "disposal_batch" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"reference" integer GENERATED ALWAYS AS IDENTITY (sequence name "disposal_batch_reference_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"category" "retention_category" NOT NULL,
	"action" "disposal_action" NOT NULL,
	"status" "disposal_batch_status" DEFAULT 'PROPOSED' NOT NULL,
	"reason" text NOT NULL,
	"proposed_by_user_id" uuid NOT NULL,
	"proposed_by_name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"approved_by_user_id" uuid,
	"approved_by_name" text,
	"executed_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"certificate" jsonb,
	"certificate_hash" text
);
--> statement-breakpoint
CREATE TABLE "legal_hold" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"scope" "legal_hold_scope" NOT NULL,
	"name" text NOT NULL,
	"instruction" text NOT NULL,
	"subject_ids" uuid[] DEFAULT '{}' NOT NULL,
	"categories" "retention_category"[] DEFAULT '{}' NOT NULL,
	"set_by_user_id" uuid NOT NULL,
	"set_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lifted_at" timestamp with time zone,
	"lifted_by_user_id" uuid,
	"lift_reason" text
);
--> statement-breakpoint
CREATE TABLE "retention_keep" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"keep_until" date NOT NULL,
	"reason" text NOT NULL,
	"decided_by_user_id" uuid NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "retention_rule" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"category" "retention_category" NOT NULL,
	"trigger" "retention_trigger" NOT NULL,
	"period_months" integer NOT NULL,
	"action" "retention_action" NOT NULL,
	"disposal_method" text NOT NULL,
	"source" text NOT NULL,
	"updated_by_user_id" uuid NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "subject" ADD COLUMN "case_closed_on" date;--> statement-breakpoint
ALTER TABLE "subject" ADD COLUMN "case_closed_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "subject" ADD COLUMN "disposed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "disclosure" ADD COLUMN "disposed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "anonymised_record" ADD CONSTRAINT "anonymised_record_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "anonymised_record" ADD CONSTRAINT "anonymised_record_batch_id_disposal_batch_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."disposal_batch"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disposal_batch_file" ADD CONSTRAINT "disposal_batch_file_batch_id_disposal_batch_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."disposal_batch"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disposal_batch_file" ADD CONSTRAINT "disposal_batch_file_subject_id_subject_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."subject"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disposal_batch" ADD CONSTRAINT "disposal_batch_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disposal_batch" ADD CONSTRAINT "disposal_batch_proposed_by_user_id_app_user_id_fk" FOREIGN KEY ("proposed_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disposal_batch" ADD CONSTRAINT "disposal_batch_approved_by_user_id_app_user_id_fk" FOREIGN KEY ("approved_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_hold" ADD CONSTRAINT "legal_hold_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_hold" ADD CONSTRAINT "legal_hold_set_by_user_id_app_user_id_fk" FOREIGN KEY ("set_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "legal_hold" ADD CONSTRAINT "legal_hold_lifted_by_user_id_app_user_id_fk" FOREIGN KEY ("lifted_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_keep" ADD CONSTRAINT "retention_keep_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_keep" ADD CONSTRAINT "retention_keep_subject_id_subject_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."subject"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_keep" ADD CONSTRAINT "retention_keep_decided_by_user_id_app_user_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_rule" ADD CONSTRAINT "retention_rule_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "retention_rule" ADD CONSTRAINT "retention_rule_updated_by_user_id_app_user_id_fk" FOREIGN KEY ("updated_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "anonymised_record_organisation_idx" ON "anonymised_record" USING btree ("organisation_id","category");--> statement-breakpoint
CREATE INDEX "disposal_batch_file_subject_idx" ON "disposal_batch_file" USING btree ("subject_id");--> statement-breakpoint
CREATE INDEX "disposal_batch_organisation_idx" ON "disposal_batch" USING btree ("organisation_id","created_at");--> statement-breakpoint
CREATE INDEX "legal_hold_active_idx" ON "legal_hold" USING btree ("organisation_id") WHERE lifted_at is null;--> statement-breakpoint
CREATE INDEX "retention_keep_subject_idx" ON "retention_keep" USING btree ("organisation_id","subject_id","keep_until");--> statement-breakpoint
CREATE UNIQUE INDEX "retention_rule_category" ON "retention_rule" USING btree ("organisation_id","category");--> statement-breakpoint
ALTER TABLE "subject" ADD CONSTRAINT "subject_case_closed_by_user_id_app_user_id_fk" FOREIGN KEY ("case_closed_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "subject_case_closed_idx" ON "subject" USING btree ("organisation_id","case_closed_on") WHERE case_closed_on is not null;