CREATE TABLE "forecast_models" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"forecast_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"name" text NOT NULL,
	"spec" text NOT NULL,
	"weight" double precision NOT NULL,
	"mase" double precision,
	"smape" double precision,
	"mape" double precision,
	"coverage" jsonb,
	"winkler" jsonb,
	"note" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "forecasts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"source" text NOT NULL,
	"metric" text,
	"filters" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"bucket" text,
	"period" integer NOT NULL,
	"horizon" integer NOT NULL,
	"levels" double precision[] NOT NULL,
	"method_requested" text NOT NULL,
	"method_used" text,
	"status" text DEFAULT 'queued' NOT NULL,
	"error" text,
	"job_id" uuid,
	"history_from" timestamp with time zone,
	"history_to" timestamp with time zone,
	"history_points" integer NOT NULL,
	"points" jsonb,
	"backtest" jsonb,
	"notes" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"completed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "forecast_models" ADD CONSTRAINT "forecast_models_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecast_models" ADD CONSTRAINT "forecast_models_forecast_id_forecasts_id_fk" FOREIGN KEY ("forecast_id") REFERENCES "public"."forecasts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecasts" ADD CONSTRAINT "forecasts_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecasts" ADD CONSTRAINT "forecasts_job_id_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."jobs"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "forecasts" ADD CONSTRAINT "forecasts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "forecast_models_forecast_idx" ON "forecast_models" USING btree ("forecast_id","position");--> statement-breakpoint
CREATE INDEX "forecasts_latest_idx" ON "forecasts" USING btree ("tenant_id","metric","created_at" DESC NULLS LAST) WHERE "forecasts"."status" = 'succeeded';--> statement-breakpoint
CREATE INDEX "forecasts_tenant_created_idx" ON "forecasts" USING btree ("tenant_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "forecasts_metric_created_idx" ON "forecasts" USING btree ("tenant_id","metric","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);