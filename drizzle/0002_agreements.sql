CREATE TYPE "public"."agreement_status" AS ENUM('DRAFT', 'AWAITING_SIGNATURES', 'ACTIVE', 'UNDER_REVIEW', 'SUSPENDED', 'EXPIRED', 'TERMINATED');--> statement-breakpoint
CREATE TYPE "public"."agreement_tier" AS ENUM('STRATEGIC', 'OPERATIONAL');--> statement-breakpoint
CREATE TYPE "public"."agreement_version_kind" AS ENUM('ORIGINAL', 'VARIATION', 'ACCESSION');--> statement-breakpoint
CREATE TYPE "public"."agreement_version_state" AS ENUM('DRAFT', 'AWAITING_SIGNATURES', 'SIGNED', 'DISCARDED');--> statement-breakpoint
CREATE TYPE "public"."agreement_signature_kind" AS ENUM('SIGNATURE', 'ACCESSION');--> statement-breakpoint
CREATE TABLE "agreement_party" (
	"agreement_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	CONSTRAINT "agreement_party_agreement_id_organisation_id_pk" PRIMARY KEY("agreement_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "agreement_signature" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"agreement_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"organisation_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" "agreement_signature_kind" NOT NULL,
	"signatory_name" text NOT NULL,
	"signatory_job_title" text NOT NULL,
	"signed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "agreement_version" (
	"agreement_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"state" "agreement_version_state" DEFAULT 'DRAFT' NOT NULL,
	"kind" "agreement_version_kind" DEFAULT 'ORIGINAL' NOT NULL,
	"content" jsonb NOT NULL,
	"change_summary" text,
	"required_signatories" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"came_into_force_at" timestamp with time zone,
	CONSTRAINT "agreement_version_agreement_id_version_pk" PRIMARY KEY("agreement_id","version")
);
--> statement-breakpoint
CREATE TABLE "agreement" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" integer GENERATED ALWAYS AS IDENTITY (sequence name "agreement_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"title" text NOT NULL,
	"tier" "agreement_tier" NOT NULL,
	"parent_agreement_id" uuid,
	"owner_organisation_id" uuid NOT NULL,
	"status" "agreement_status" DEFAULT 'DRAFT' NOT NULL,
	"in_force_version" integer,
	"latest_version" integer DEFAULT 1 NOT NULL,
	"in_force_since" date,
	"last_reviewed_on" date,
	"next_review_date" date,
	"status_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "agreement_number_unique" UNIQUE("number")
);
--> statement-breakpoint
ALTER TABLE "agreement_party" ADD CONSTRAINT "agreement_party_agreement_id_agreement_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreement"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_party" ADD CONSTRAINT "agreement_party_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_signature" ADD CONSTRAINT "agreement_signature_agreement_id_agreement_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreement"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_signature" ADD CONSTRAINT "agreement_signature_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_signature" ADD CONSTRAINT "agreement_signature_user_id_app_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_version" ADD CONSTRAINT "agreement_version_agreement_id_agreement_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreement"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement_version" ADD CONSTRAINT "agreement_version_created_by_user_id_app_user_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement" ADD CONSTRAINT "agreement_parent_agreement_id_agreement_id_fk" FOREIGN KEY ("parent_agreement_id") REFERENCES "public"."agreement"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "agreement" ADD CONSTRAINT "agreement_owner_organisation_id_organisation_id_fk" FOREIGN KEY ("owner_organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agreement_party_organisation_idx" ON "agreement_party" USING btree ("organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "agreement_signature_once" ON "agreement_signature" USING btree ("agreement_id","version","organisation_id");--> statement-breakpoint
CREATE INDEX "agreement_owner_idx" ON "agreement" USING btree ("owner_organisation_id");--> statement-breakpoint
CREATE INDEX "agreement_parent_idx" ON "agreement" USING btree ("parent_agreement_id");