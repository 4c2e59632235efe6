ALTER TABLE "imports" ADD COLUMN "points_written" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "series" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "time_from" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "imports" ADD COLUMN "time_to" timestamp with time zone;