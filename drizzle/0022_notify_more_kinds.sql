ALTER TYPE "public"."notification_kind" ADD VALUE 'notice_to_acknowledge';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'agreement_to_sign';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'agreement_review_due';--> statement-breakpoint
ALTER TYPE "public"."notification_kind" ADD VALUE 'work_due';--> statement-breakpoint
ALTER TABLE "agreement" ADD COLUMN "review_due_notified_for" date;--> statement-breakpoint
ALTER TABLE "notification" ADD COLUMN "counts" jsonb;--> statement-breakpoint
ALTER TABLE "share_decision" ADD COLUMN "approvers_notified_at" timestamp with time zone;