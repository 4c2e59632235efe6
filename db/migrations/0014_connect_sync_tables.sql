CREATE TABLE "connector_sync_records" (
	"tenant_id" uuid NOT NULL,
	"source_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"external_id" text NOT NULL,
	"day" date NOT NULL,
	"amount" double precision NOT NULL,
	"customer_key" text,
	"counts" boolean NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "connector_sync_records_source_id_kind_external_id_pk" PRIMARY KEY("source_id","kind","external_id")
);
--> statement-breakpoint
ALTER TABLE "connector_sync_records" ADD CONSTRAINT "connector_sync_records_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "connector_sync_records" ADD CONSTRAINT "connector_sync_records_source_id_data_sources_id_fk" FOREIGN KEY ("source_id") REFERENCES "public"."data_sources"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "connector_sync_records_day_idx" ON "connector_sync_records" USING btree ("tenant_id","source_id","day");--> statement-breakpoint
CREATE INDEX "connector_sync_records_customer_idx" ON "connector_sync_records" USING btree ("source_id","customer_key");