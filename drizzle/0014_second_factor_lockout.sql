ALTER TABLE "app_user" ADD COLUMN "failed_second_factors" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "app_user" ADD COLUMN "second_factor_locked_until" timestamp with time zone;