CREATE TYPE "public"."subject_kind" AS ENUM('CHILD', 'UNBORN_CHILD', 'PARENT_CARER', 'SIBLING', 'HOUSEHOLD_MEMBER', 'ALLEGED_PERPETRATOR', 'OTHER');--> statement-breakpoint
CREATE TYPE "public"."subject_link_kind" AS ENUM('PARENT_OF', 'SIBLING_OF', 'LIVES_WITH', 'ALLEGED_PERPETRATOR_TOWARDS');--> statement-breakpoint
CREATE TYPE "public"."subject_name_kind" AS ENUM('ALIAS', 'PREVIOUS_NAME');--> statement-breakpoint
CREATE TABLE "subject_address" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_id" uuid NOT NULL,
	"lines" text NOT NULL,
	"postcode" text,
	"protected" boolean DEFAULT false NOT NULL,
	"current" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subject_link" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"from_subject_id" uuid NOT NULL,
	"to_subject_id" uuid NOT NULL,
	"kind" "subject_link_kind" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subject_name" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"subject_id" uuid NOT NULL,
	"kind" "subject_name_kind" NOT NULL,
	"name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subject" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"kind" "subject_kind" NOT NULL,
	"given_names" text NOT NULL,
	"family_name" text NOT NULL,
	"date_of_birth" date,
	"expected_date" date,
	"sex_gender" text,
	"nhs_number" text,
	"upn" text,
	"phone" text,
	"email" text,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "subject_address" ADD CONSTRAINT "subject_address_subject_id_subject_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."subject"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_link" ADD CONSTRAINT "subject_link_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_link" ADD CONSTRAINT "subject_link_from_subject_id_subject_id_fk" FOREIGN KEY ("from_subject_id") REFERENCES "public"."subject"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_link" ADD CONSTRAINT "subject_link_to_subject_id_subject_id_fk" FOREIGN KEY ("to_subject_id") REFERENCES "public"."subject"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject_name" ADD CONSTRAINT "subject_name_subject_id_subject_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."subject"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject" ADD CONSTRAINT "subject_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subject" ADD CONSTRAINT "subject_created_by_user_id_app_user_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "subject_address_subject_idx" ON "subject_address" USING btree ("subject_id");--> statement-breakpoint
CREATE UNIQUE INDEX "subject_link_once" ON "subject_link" USING btree ("from_subject_id","to_subject_id","kind");--> statement-breakpoint
CREATE INDEX "subject_link_to_idx" ON "subject_link" USING btree ("to_subject_id");--> statement-breakpoint
CREATE INDEX "subject_name_subject_idx" ON "subject_name" USING btree ("subject_id");--> statement-breakpoint
CREATE INDEX "subject_organisation_idx" ON "subject" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "subject_nhs_number_idx" ON "subject" USING btree ("organisation_id","nhs_number");--> statement-breakpoint
CREATE INDEX "subject_upn_idx" ON "subject" USING btree ("organisation_id","upn");--> statement-breakpoint
CREATE INDEX "subject_dob_idx" ON "subject" USING btree ("organisation_id","date_of_birth");