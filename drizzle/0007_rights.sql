CREATE TYPE "public"."rights_exemption" AS ENUM('EX-THIRD-PARTY', 'EX-SERIOUS-HARM-SOCIAL-WORK', 'EX-SERIOUS-HARM-HEALTH', 'EX-CHILD-ABUSE-DATA', 'EX-CRIME', 'EX-LEGAL-PRIVILEGE');--> statement-breakpoint
CREATE TYPE "public"."rights_item_decision" AS ENUM('DISCLOSE', 'REDACT', 'WITHHOLD');--> statement-breakpoint
CREATE TYPE "public"."rights_received_via" AS ENUM('ONLINE_FORM', 'EMAIL', 'LETTER', 'PHONE', 'IN_PERSON');--> statement-breakpoint
CREATE TYPE "public"."rights_requester_relationship" AS ENUM('SELF', 'PARENTAL_RESPONSIBILITY', 'REPRESENTATIVE');--> statement-breakpoint
CREATE TYPE "public"."rights_response_outcome" AS ENUM('FULL', 'PARTIAL', 'REFUSED');--> statement-breakpoint
CREATE TYPE "public"."rights_request_state" AS ENUM('RECEIVED', 'AWAITING_IDENTITY', 'AWAITING_CLARIFICATION', 'IN_PROGRESS', 'EXTENDED', 'EXEMPTION_REVIEW', 'RESPONDED', 'CLOSED');--> statement-breakpoint
CREATE TYPE "public"."rights_request_type" AS ENUM('ACCESS', 'RECTIFICATION', 'ERASURE', 'RESTRICTION', 'OBJECTION', 'WITHDRAW_CONSENT', 'COMPLAINT');--> statement-breakpoint
CREATE TABLE "rights_item_review" (
	"request_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"decision" "rights_item_decision" NOT NULL,
	"exemption" "rights_exemption",
	"reason" text,
	"redactions" text[] DEFAULT '{}' NOT NULL,
	"health_opinion" text,
	"health_professional" text,
	"reviewed_by_user_id" uuid NOT NULL,
	"reviewed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "rights_request_event" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"by_name" text NOT NULL,
	"what" text NOT NULL,
	"from_state" "rights_request_state",
	"to_state" "rights_request_state"
);
--> statement-breakpoint
CREATE TABLE "rights_request_subject" (
	"request_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	CONSTRAINT "rights_request_subject_request_id_subject_id_pk" PRIMARY KEY("request_id","subject_id")
);
--> statement-breakpoint
CREATE TABLE "rights_request" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" integer GENERATED ALWAYS AS IDENTITY (sequence name "rights_request_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"public_reference" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"type" "rights_request_type" NOT NULL,
	"state" "rights_request_state" DEFAULT 'RECEIVED' NOT NULL,
	"requester" jsonb NOT NULL,
	"relationship" "rights_requester_relationship" NOT NULL,
	"about" jsonb NOT NULL,
	"details" text DEFAULT '' NOT NULL,
	"received_via" "rights_received_via" NOT NULL,
	"received_on" date NOT NULL,
	"clock_started_on" date NOT NULL,
	"due_on" date NOT NULL,
	"paused_since" date,
	"extension_reason" text,
	"requester_told_of_extension_on" date,
	"identity_verified_at" timestamp with time zone,
	"identity_verified_by_user_id" uuid,
	"identity_evidence" text,
	"authority_evidence" text,
	"harm_risk" boolean DEFAULT false NOT NULL,
	"outcome" "rights_response_outcome",
	"response_reasons" text,
	"responded_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"close_reason" text,
	"acknowledge_by" date,
	"acknowledged_on" date,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "rights_request_number_unique" UNIQUE("number")
);
--> statement-breakpoint
ALTER TABLE "rights_item_review" ADD CONSTRAINT "rights_item_review_request_id_rights_request_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."rights_request"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rights_item_review" ADD CONSTRAINT "rights_item_review_item_id_record_item_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."record_item"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rights_item_review" ADD CONSTRAINT "rights_item_review_reviewed_by_user_id_app_user_id_fk" FOREIGN KEY ("reviewed_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rights_request_event" ADD CONSTRAINT "rights_request_event_request_id_rights_request_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."rights_request"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rights_request_subject" ADD CONSTRAINT "rights_request_subject_request_id_rights_request_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."rights_request"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rights_request_subject" ADD CONSTRAINT "rights_request_subject_subject_id_subject_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."subject"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rights_request" ADD CONSTRAINT "rights_request_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rights_request" ADD CONSTRAINT "rights_request_identity_verified_by_user_id_app_user_id_fk" FOREIGN KEY ("identity_verified_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rights_request" ADD CONSTRAINT "rights_request_created_by_user_id_app_user_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "rights_item_review_once" ON "rights_item_review" USING btree ("request_id","item_id");--> statement-breakpoint
CREATE INDEX "rights_request_event_request_idx" ON "rights_request_event" USING btree ("request_id","at");--> statement-breakpoint
CREATE INDEX "rights_request_open_idx" ON "rights_request" USING btree ("organisation_id","state","due_on");--> statement-breakpoint
CREATE INDEX "rights_request_reference_idx" ON "rights_request" USING btree ("public_reference");