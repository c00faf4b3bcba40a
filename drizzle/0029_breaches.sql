CREATE TYPE "public"."breach_data_category" AS ENUM('SPECIAL_CATEGORY', 'CRIMINAL_OFFENCE', 'CHILDREN', 'VULNERABLE_ADULTS');--> statement-breakpoint
CREATE TYPE "public"."breach_kind" AS ENUM('DESTRUCTION', 'LOSS', 'ALTERATION', 'UNAUTHORISED_DISCLOSURE', 'UNAUTHORISED_ACCESS');--> statement-breakpoint
CREATE TYPE "public"."breach_report_phase" AS ENUM('INITIAL', 'FOLLOW_UP');--> statement-breakpoint
CREATE TYPE "public"."breach_risk" AS ENUM('NO_RISK', 'RISK', 'HIGH_RISK');--> statement-breakpoint
CREATE TYPE "public"."breach_state" AS ENUM('DISCOVERED', 'INVESTIGATING', 'REPORTED_TO_ICO', 'NOT_REPORTED', 'INDIVIDUALS_TOLD', 'CLOSED');--> statement-breakpoint
CREATE TYPE "public"."breach_type" AS ENUM('CONFIDENTIALITY', 'INTEGRITY', 'AVAILABILITY');--> statement-breakpoint
CREATE TABLE "breach_report" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"breach_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"phase" "breach_report_phase" NOT NULL,
	"reported_at" timestamp with time zone NOT NULL,
	"ico_case_reference" text,
	"delay_reasons" text DEFAULT '' NOT NULL,
	"form" jsonb NOT NULL,
	"recorded_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "breach_report_follow_up_cites_case" CHECK ("breach_report"."phase" = 'INITIAL' or "breach_report"."ico_case_reference" is not null)
);
--> statement-breakpoint
CREATE TABLE "breach_subject" (
	"breach_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	CONSTRAINT "breach_subject_breach_id_subject_id_pk" PRIMARY KEY("breach_id","subject_id")
);
--> statement-breakpoint
CREATE TABLE "breach" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"reference" integer GENERATED ALWAYS AS IDENTITY (sequence name "breach_reference_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"aware_at" timestamp with time zone NOT NULL,
	"occurred_at" timestamp with time zone,
	"how_discovered" text NOT NULL,
	"what_happened" text NOT NULL,
	"types" "breach_type"[] NOT NULL,
	"kinds" "breach_kind"[] NOT NULL,
	"cyber" boolean NOT NULL,
	"data_categories" "breach_data_category"[] DEFAULT '{}' NOT NULL,
	"approx_people" integer,
	"approx_records" integer,
	"consequences" text DEFAULT '' NOT NULL,
	"physical_risk" boolean DEFAULT false NOT NULL,
	"physical_risk_detail" text DEFAULT '' NOT NULL,
	"measures_taken" text DEFAULT '' NOT NULL,
	"measures_proposed" text DEFAULT '' NOT NULL,
	"state" "breach_state" DEFAULT 'DISCOVERED' NOT NULL,
	"risk" "breach_risk",
	"risk_reasoning" text,
	"risk_assessed_at" timestamp with time zone,
	"risk_assessed_by_user_id" uuid,
	"not_reported_reasons" text,
	"individuals_told_at" timestamp with time zone,
	"lessons_learned" text,
	"closed_at" timestamp with time zone,
	"disclosure_id" uuid,
	"recorded_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "breach_occurred_not_after_awareness" CHECK ("breach"."occurred_at" is null or "breach"."occurred_at" <= "breach"."aware_at"),
	CONSTRAINT "breach_closed_with_lessons" CHECK ("breach"."state" <> 'CLOSED' or "breach"."lessons_learned" is not null),
	CONSTRAINT "breach_not_reported_with_reasons" CHECK ("breach"."state" <> 'NOT_REPORTED' or "breach"."not_reported_reasons" is not null)
);
--> statement-breakpoint
ALTER TABLE "breach_report" ADD CONSTRAINT "breach_report_breach_id_breach_id_fk" FOREIGN KEY ("breach_id") REFERENCES "public"."breach"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breach_report" ADD CONSTRAINT "breach_report_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breach_report" ADD CONSTRAINT "breach_report_recorded_by_user_id_app_user_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breach_subject" ADD CONSTRAINT "breach_subject_breach_id_breach_id_fk" FOREIGN KEY ("breach_id") REFERENCES "public"."breach"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breach_subject" ADD CONSTRAINT "breach_subject_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breach_subject" ADD CONSTRAINT "breach_subject_subject_id_subject_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."subject"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breach" ADD CONSTRAINT "breach_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breach" ADD CONSTRAINT "breach_risk_assessed_by_user_id_app_user_id_fk" FOREIGN KEY ("risk_assessed_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breach" ADD CONSTRAINT "breach_disclosure_id_disclosure_id_fk" FOREIGN KEY ("disclosure_id") REFERENCES "public"."disclosure"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breach" ADD CONSTRAINT "breach_recorded_by_user_id_app_user_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "breach_report_breach_idx" ON "breach_report" USING btree ("breach_id","reported_at");--> statement-breakpoint
CREATE UNIQUE INDEX "breach_report_one_initial" ON "breach_report" USING btree ("breach_id") WHERE phase = 'INITIAL';--> statement-breakpoint
CREATE INDEX "breach_subject_subject_idx" ON "breach_subject" USING btree ("subject_id");--> statement-breakpoint
CREATE INDEX "breach_organisation_idx" ON "breach" USING btree ("organisation_id","state","aware_at");--> statement-breakpoint
CREATE INDEX "breach_disclosure_idx" ON "breach" USING btree ("disclosure_id");