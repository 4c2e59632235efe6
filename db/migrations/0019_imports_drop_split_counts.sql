ALTER TABLE "imports" DROP COLUMN "points_inserted";--> statement-breakpoint
ALTER TABLE "imports" DROP COLUMN "points_updated";