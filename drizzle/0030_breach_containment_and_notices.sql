CREATE TYPE "public"."breach_notice_audience" AS ENUM('PARENT', 'YOUNG_PERSON');--> statement-breakpoint
CREATE TYPE "public"."breach_notice_state" AS ENUM('DRAFT', 'SENT', 'WITHHELD');--> statement-breakpoint
CREATE TYPE "public"."breach_party_role" AS ENUM('WRONG_RECIPIENT', 'ORIGINATOR');--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'breach_report_due';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'breach_report_overdue';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'breach_involves_your_data';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'breach_delete_copy';--> statement-breakpoint
CREATE TABLE "breach_item" (
	"breach_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	CONSTRAINT "breach_item_breach_id_item_id_pk" PRIMARY KEY("breach_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "breach_notice" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"breach_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"addressee_subject_id" uuid NOT NULL,
	"audience" "breach_notice_audience" NOT NULL,
	"body" text NOT NULL,
	"state" "breach_notice_state" DEFAULT 'DRAFT' NOT NULL,
	"withheld_reason" text,
	"sent_how" text,
	"sent_at" timestamp with time zone,
	"decided_by_user_id" uuid,
	"created_by_user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "breach_notice_withheld_with_reason" CHECK ("breach_notice"."state" <> 'WITHHELD' or "breach_notice"."withheld_reason" is not null),
	CONSTRAINT "breach_notice_sent_recorded" CHECK ("breach_notice"."state" <> 'SENT' or ("breach_notice"."sent_at" is not null and "breach_notice"."sent_how" is not null))
);
--> statement-breakpoint
CREATE TABLE "breach_party" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"breach_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"party_organisation_id" uuid NOT NULL,
	"role" "breach_party_role" NOT NULL,
	"disclosure_id" uuid,
	"term_hours" integer,
	"tell_by" timestamp with time zone NOT NULL,
	"told_at" timestamp with time zone,
	"deletion_confirmed_at" timestamp with time zone,
	"deletion_confirmed_by_user_id" uuid,
	"deletion_confirmed_by_name" text,
	"deletion_note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "breach" ADD COLUMN "decision_id" uuid;--> statement-breakpoint
ALTER TABLE "breach" ADD COLUMN "reminder_sent_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "breach" ADD COLUMN "escalated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "breach_item" ADD CONSTRAINT "breach_item_breach_id_breach_id_fk" FOREIGN KEY ("breach_id") REFERENCES "public"."breach"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breach_item" ADD CONSTRAINT "breach_item_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breach_item" ADD CONSTRAINT "breach_item_item_id_record_item_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."record_item"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breach_notice" ADD CONSTRAINT "breach_notice_breach_id_breach_id_fk" FOREIGN KEY ("breach_id") REFERENCES "public"."breach"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breach_notice" ADD CONSTRAINT "breach_notice_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breach_notice" ADD CONSTRAINT "breach_notice_subject_id_subject_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."subject"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breach_notice" ADD CONSTRAINT "breach_notice_addressee_subject_id_subject_id_fk" FOREIGN KEY ("addressee_subject_id") REFERENCES "public"."subject"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breach_notice" ADD CONSTRAINT "breach_notice_decided_by_user_id_app_user_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breach_notice" ADD CONSTRAINT "breach_notice_created_by_user_id_app_user_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breach_party" ADD CONSTRAINT "breach_party_breach_id_breach_id_fk" FOREIGN KEY ("breach_id") REFERENCES "public"."breach"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breach_party" ADD CONSTRAINT "breach_party_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breach_party" ADD CONSTRAINT "breach_party_party_organisation_id_organisation_id_fk" FOREIGN KEY ("party_organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breach_party" ADD CONSTRAINT "breach_party_disclosure_id_disclosure_id_fk" FOREIGN KEY ("disclosure_id") REFERENCES "public"."disclosure"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "breach_party" ADD CONSTRAINT "breach_party_deletion_confirmed_by_user_id_app_user_id_fk" FOREIGN KEY ("deletion_confirmed_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "breach_item_item_idx" ON "breach_item" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "breach_notice_breach_idx" ON "breach_notice" USING btree ("breach_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "breach_party_one_per_role" ON "breach_party" USING btree ("breach_id","party_organisation_id","role");--> statement-breakpoint
CREATE INDEX "breach_party_party_idx" ON "breach_party" USING btree ("party_organisation_id","created_at");--> statement-breakpoint
CREATE INDEX "breach_party_untold_idx" ON "breach_party" USING btree ("tell_by") WHERE told_at is null;--> statement-breakpoint
ALTER TABLE "breach" ADD CONSTRAINT "breach_decision_id_share_decision_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."share_decision"("id") ON DELETE no action ON UPDATE no action;