ALTER TABLE "information_request" ADD COLUMN "answer_acknowledged_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "information_request" ADD COLUMN "answer_acknowledged_by_name" text;