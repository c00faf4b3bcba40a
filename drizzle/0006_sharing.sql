CREATE TYPE "public"."share_decision_addendum_kind" AS ENUM('CORRECTION', 'EMERGENCY_RECORD', 'OUTCOME');--> statement-breakpoint
CREATE TYPE "public"."share_decision_status" AS ENUM('RECORDED', 'AWAITING_APPROVAL', 'APPROVED', 'RETURNED');--> statement-breakpoint
CREATE TYPE "public"."onward_disclosure" AS ENUM('NOT_PERMITTED', 'WITH_ORIGINATOR_CONSENT', 'PERMITTED');--> statement-breakpoint
CREATE TYPE "public"."information_request_status" AS ENUM('OPEN', 'ANSWERED', 'WITHDRAWN');--> statement-breakpoint
CREATE TYPE "public"."information_request_urgency" AS ENUM('SAFEGUARDING_REFERRAL', 'URGENT', 'ROUTINE');--> statement-breakpoint
CREATE TYPE "public"."share_outcome" AS ENUM('SHARE', 'PARTIAL_SHARE', 'DO_NOT_SHARE');--> statement-breakpoint
CREATE TABLE "disclosure_item" (
	"disclosure_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"source_item_id" uuid NOT NULL,
	"category" "item_category" NOT NULL,
	"kind" "record_item_kind" NOT NULL,
	"text" text NOT NULL,
	"redacted" boolean DEFAULT false NOT NULL,
	"event_date" date NOT NULL,
	"source_name" text NOT NULL,
	"source_method" "source_method" NOT NULL,
	"source_obtained_on" date NOT NULL,
	"historical" boolean NOT NULL,
	"special_category" boolean NOT NULL,
	"criminal_offence" boolean NOT NULL,
	"accuracy" "accuracy_state" NOT NULL,
	CONSTRAINT "disclosure_item_disclosure_id_position_pk" PRIMARY KEY("disclosure_id","position")
);
--> statement-breakpoint
CREATE TABLE "disclosure" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"decision_id" uuid NOT NULL,
	"sender_organisation_id" uuid NOT NULL,
	"recipient_organisation_id" uuid NOT NULL,
	"recipient_user_id" uuid,
	"recipient_role" text,
	"subject" jsonb NOT NULL,
	"purpose_code" text NOT NULL,
	"purpose" text NOT NULL,
	"sent_by_name" text NOT NULL,
	"onward_disclosure" "onward_disclosure" NOT NULL,
	"emergency" boolean DEFAULT false NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"first_opened_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by_user_id" uuid,
	"acknowledged_by_name" text,
	"revoked_at" timestamp with time zone,
	"revoked_by_user_id" uuid,
	"revoke_reason" text,
	"filed_subject_id" uuid,
	"filed_at" timestamp with time zone,
	CONSTRAINT "disclosure_decision_id_unique" UNIQUE("decision_id")
);
--> statement-breakpoint
CREATE TABLE "information_request" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" integer GENERATED ALWAYS AS IDENTITY (sequence name "information_request_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"requesting_organisation_id" uuid NOT NULL,
	"requested_organisation_id" uuid NOT NULL,
	"requesting_subject_id" uuid,
	"subject" jsonb NOT NULL,
	"purpose_code" text NOT NULL,
	"purpose" text NOT NULL,
	"gateway" text,
	"urgency" "information_request_urgency" NOT NULL,
	"due_on" date NOT NULL,
	"status" "information_request_status" DEFAULT 'OPEN' NOT NULL,
	"requested_by_user_id" uuid NOT NULL,
	"requested_by_name" text NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"answered_decision_id" uuid,
	"answered_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	CONSTRAINT "information_request_number_unique" UNIQUE("number")
);
--> statement-breakpoint
CREATE TABLE "record_item_origin" (
	"item_id" uuid PRIMARY KEY NOT NULL,
	"disclosure_id" uuid NOT NULL,
	"from_organisation_id" uuid NOT NULL,
	"onward_disclosure" "onward_disclosure" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "share_approval_rule" (
	"organisation_id" uuid NOT NULL,
	"purpose_code" text NOT NULL,
	CONSTRAINT "share_approval_rule_organisation_id_purpose_code_pk" PRIMARY KEY("organisation_id","purpose_code")
);
--> statement-breakpoint
CREATE TABLE "share_decision_addendum" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"decision_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"kind" "share_decision_addendum_kind" NOT NULL,
	"text" text NOT NULL,
	"record" jsonb,
	"findings" jsonb,
	"added_by_user_id" uuid NOT NULL,
	"added_by_name" text NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "share_decision" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" integer GENERATED ALWAYS AS IDENTITY (sequence name "share_decision_number_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"organisation_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"idempotency_key" text NOT NULL,
	"request_hash" text NOT NULL,
	"status" "share_decision_status" NOT NULL,
	"outcome" "share_outcome" NOT NULL,
	"emergency" boolean DEFAULT false NOT NULL,
	"full_record_due_at" timestamp with time zone,
	"full_record_completed_at" timestamp with time zone,
	"purpose_code" text,
	"recipient_organisation_id" uuid,
	"recipient_user_id" uuid,
	"information_request_id" uuid,
	"agreement_id" uuid,
	"agreement_version" integer,
	"parent_agreement_version" integer,
	"record" jsonb NOT NULL,
	"findings" jsonb NOT NULL,
	"decided_by_user_id" uuid NOT NULL,
	"decided_by_name" text NOT NULL,
	"decided_by_roles" text[] NOT NULL,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	"approved_by_user_id" uuid,
	"approved_at" timestamp with time zone,
	"approval_comments" text,
	"retention_review_on" date NOT NULL,
	CONSTRAINT "share_decision_number_unique" UNIQUE("number")
);
--> statement-breakpoint
ALTER TABLE "record_item" ADD COLUMN "restricted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "disclosure_item" ADD CONSTRAINT "disclosure_item_disclosure_id_disclosure_id_fk" FOREIGN KEY ("disclosure_id") REFERENCES "public"."disclosure"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure_item" ADD CONSTRAINT "disclosure_item_source_item_id_record_item_id_fk" FOREIGN KEY ("source_item_id") REFERENCES "public"."record_item"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure" ADD CONSTRAINT "disclosure_decision_id_share_decision_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."share_decision"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure" ADD CONSTRAINT "disclosure_sender_organisation_id_organisation_id_fk" FOREIGN KEY ("sender_organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure" ADD CONSTRAINT "disclosure_recipient_organisation_id_organisation_id_fk" FOREIGN KEY ("recipient_organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure" ADD CONSTRAINT "disclosure_recipient_user_id_app_user_id_fk" FOREIGN KEY ("recipient_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure" ADD CONSTRAINT "disclosure_acknowledged_by_user_id_app_user_id_fk" FOREIGN KEY ("acknowledged_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure" ADD CONSTRAINT "disclosure_revoked_by_user_id_app_user_id_fk" FOREIGN KEY ("revoked_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure" ADD CONSTRAINT "disclosure_filed_subject_id_subject_id_fk" FOREIGN KEY ("filed_subject_id") REFERENCES "public"."subject"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "information_request" ADD CONSTRAINT "information_request_requesting_organisation_id_organisation_id_fk" FOREIGN KEY ("requesting_organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "information_request" ADD CONSTRAINT "information_request_requested_organisation_id_organisation_id_fk" FOREIGN KEY ("requested_organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "information_request" ADD CONSTRAINT "information_request_requesting_subject_id_subject_id_fk" FOREIGN KEY ("requesting_subject_id") REFERENCES "public"."subject"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "information_request" ADD CONSTRAINT "information_request_requested_by_user_id_app_user_id_fk" FOREIGN KEY ("requested_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "information_request" ADD CONSTRAINT "information_request_answered_decision_id_share_decision_id_fk" FOREIGN KEY ("answered_decision_id") REFERENCES "public"."share_decision"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_item_origin" ADD CONSTRAINT "record_item_origin_item_id_record_item_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."record_item"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_item_origin" ADD CONSTRAINT "record_item_origin_disclosure_id_disclosure_id_fk" FOREIGN KEY ("disclosure_id") REFERENCES "public"."disclosure"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "record_item_origin" ADD CONSTRAINT "record_item_origin_from_organisation_id_organisation_id_fk" FOREIGN KEY ("from_organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_approval_rule" ADD CONSTRAINT "share_approval_rule_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_decision_addendum" ADD CONSTRAINT "share_decision_addendum_decision_id_share_decision_id_fk" FOREIGN KEY ("decision_id") REFERENCES "public"."share_decision"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_decision_addendum" ADD CONSTRAINT "share_decision_addendum_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_decision_addendum" ADD CONSTRAINT "share_decision_addendum_added_by_user_id_app_user_id_fk" FOREIGN KEY ("added_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_decision" ADD CONSTRAINT "share_decision_organisation_id_organisation_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_decision" ADD CONSTRAINT "share_decision_subject_id_subject_id_fk" FOREIGN KEY ("subject_id") REFERENCES "public"."subject"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_decision" ADD CONSTRAINT "share_decision_recipient_organisation_id_organisation_id_fk" FOREIGN KEY ("recipient_organisation_id") REFERENCES "public"."organisation"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_decision" ADD CONSTRAINT "share_decision_recipient_user_id_app_user_id_fk" FOREIGN KEY ("recipient_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_decision" ADD CONSTRAINT "share_decision_agreement_id_agreement_id_fk" FOREIGN KEY ("agreement_id") REFERENCES "public"."agreement"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_decision" ADD CONSTRAINT "share_decision_decided_by_user_id_app_user_id_fk" FOREIGN KEY ("decided_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "share_decision" ADD CONSTRAINT "share_decision_approved_by_user_id_app_user_id_fk" FOREIGN KEY ("approved_by_user_id") REFERENCES "public"."app_user"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "disclosure_item_source_idx" ON "disclosure_item" USING btree ("source_item_id");--> statement-breakpoint
CREATE INDEX "disclosure_recipient_idx" ON "disclosure" USING btree ("recipient_organisation_id","sent_at");--> statement-breakpoint
CREATE INDEX "disclosure_sender_idx" ON "disclosure" USING btree ("sender_organisation_id","sent_at");--> statement-breakpoint
CREATE INDEX "disclosure_unacknowledged_idx" ON "disclosure" USING btree ("sender_organisation_id","sent_at") WHERE acknowledged_at is null and revoked_at is null;--> statement-breakpoint
CREATE INDEX "information_request_requested_idx" ON "information_request" USING btree ("requested_organisation_id","status","due_on");--> statement-breakpoint
CREATE INDEX "information_request_requesting_idx" ON "information_request" USING btree ("requesting_organisation_id","requested_at");--> statement-breakpoint
CREATE INDEX "share_decision_addendum_decision_idx" ON "share_decision_addendum" USING btree ("decision_id");--> statement-breakpoint
CREATE UNIQUE INDEX "share_decision_idempotency" ON "share_decision" USING btree ("organisation_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "share_decision_organisation_idx" ON "share_decision" USING btree ("organisation_id","decided_at");--> statement-breakpoint
CREATE INDEX "share_decision_subject_idx" ON "share_decision" USING btree ("subject_id");--> statement-breakpoint
CREATE INDEX "share_decision_awaiting_idx" ON "share_decision" USING btree ("organisation_id") WHERE status = 'AWAITING_APPROVAL';--> statement-breakpoint
CREATE INDEX "share_decision_emergency_due_idx" ON "share_decision" USING btree ("organisation_id","full_record_due_at") WHERE full_record_completed_at is null;--> statement-breakpoint
-- A recorded decision never changes (domain.md §4): only its approval and the completion of an
-- emergency share's record may be set; corrections are addenda.
CREATE FUNCTION share_decision_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.id, NEW.number, NEW.organisation_id, NEW.subject_id, NEW.idempotency_key, NEW.request_hash, NEW.outcome, NEW.emergency,
      NEW.full_record_due_at, NEW.purpose_code, NEW.recipient_organisation_id, NEW.recipient_user_id, NEW.information_request_id,
      NEW.agreement_id, NEW.agreement_version, NEW.parent_agreement_version, NEW.record, NEW.findings, NEW.decided_by_user_id,
      NEW.decided_by_name, NEW.decided_by_roles, NEW.decided_at, NEW.retention_review_on)
     IS DISTINCT FROM
     (OLD.id, OLD.number, OLD.organisation_id, OLD.subject_id, OLD.idempotency_key, OLD.request_hash, OLD.outcome, OLD.emergency,
      OLD.full_record_due_at, OLD.purpose_code, OLD.recipient_organisation_id, OLD.recipient_user_id, OLD.information_request_id,
      OLD.agreement_id, OLD.agreement_version, OLD.parent_agreement_version, OLD.record, OLD.findings, OLD.decided_by_user_id,
      OLD.decided_by_name, OLD.decided_by_roles, OLD.decided_at, OLD.retention_review_on) THEN
    RAISE EXCEPTION 'a recorded share decision is never changed: add an addendum instead';
  END IF;
  IF OLD.full_record_completed_at IS NOT NULL AND NEW.full_record_completed_at IS DISTINCT FROM OLD.full_record_completed_at THEN
    RAISE EXCEPTION 'an emergency share''s full record is completed once';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER share_decision_immutable BEFORE UPDATE ON share_decision FOR EACH ROW EXECUTE FUNCTION share_decision_immutable();
--> statement-breakpoint
CREATE FUNCTION share_decision_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% rows are part of the record of a decision: % rejected', TG_TABLE_NAME, TG_OP;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER share_decision_no_delete BEFORE DELETE ON share_decision FOR EACH ROW EXECUTE FUNCTION share_decision_no_delete();
--> statement-breakpoint
CREATE TRIGGER share_decision_addendum_frozen BEFORE UPDATE OR DELETE ON share_decision_addendum FOR EACH ROW EXECUTE FUNCTION share_decision_no_delete();
--> statement-breakpoint
-- What was disclosed is a snapshot of that moment: never rewritten.
CREATE TRIGGER disclosure_item_frozen BEFORE UPDATE OR DELETE ON disclosure_item FOR EACH ROW EXECUTE FUNCTION share_decision_no_delete();
--> statement-breakpoint
CREATE FUNCTION disclosure_snapshot_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF (NEW.id, NEW.decision_id, NEW.sender_organisation_id, NEW.recipient_organisation_id, NEW.recipient_user_id, NEW.recipient_role,
      NEW.subject, NEW.purpose_code, NEW.purpose, NEW.sent_by_name, NEW.onward_disclosure, NEW.emergency, NEW.sent_at, NEW.expires_at)
     IS DISTINCT FROM
     (OLD.id, OLD.decision_id, OLD.sender_organisation_id, OLD.recipient_organisation_id, OLD.recipient_user_id, OLD.recipient_role,
      OLD.subject, OLD.purpose_code, OLD.purpose, OLD.sent_by_name, OLD.onward_disclosure, OLD.emergency, OLD.sent_at, OLD.expires_at) THEN
    RAISE EXCEPTION 'what was disclosed is never changed: revoke the disclosure instead';
  END IF;
  IF OLD.revoked_at IS NOT NULL AND NEW.revoked_at IS DISTINCT FROM OLD.revoked_at THEN
    RAISE EXCEPTION 'a revoked disclosure stays revoked';
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER disclosure_snapshot_frozen BEFORE UPDATE ON disclosure FOR EACH ROW EXECUTE FUNCTION disclosure_snapshot_frozen();
--> statement-breakpoint
CREATE TRIGGER disclosure_no_delete BEFORE DELETE ON disclosure FOR EACH ROW EXECUTE FUNCTION share_decision_no_delete();
