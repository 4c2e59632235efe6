CREATE TABLE "causal_estimates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"question" text NOT NULL,
	"metric" text NOT NULL,
	"periods" jsonb NOT NULL,
	"method" text NOT NULL,
	"estimate" double precision,
	"se" double precision,
	"ci_low" double precision,
	"ci_high" double precision,
	"p_value" double precision,
	"refutations" jsonb,
	"drivers" jsonb,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"narrative" text NOT NULL,
	"inputs" jsonb NOT NULL,
	"job_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence_graph_edges" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"graph_id" uuid,
	"from_metric" text NOT NULL,
	"to_metric" text NOT NULL,
	"kind" text NOT NULL,
	"origin" text,
	"coefficient" double precision,
	"se" double precision,
	"p_value" double precision,
	"standardized" double precision,
	"confidence" double precision,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence_graph_nodes" (
	"tenant_id" uuid NOT NULL,
	"graph_id" uuid NOT NULL,
	"metric" text NOT NULL,
	"mean" double precision NOT NULL,
	"r2" double precision NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence_graphs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"from_date" text NOT NULL,
	"to_date" text NOT NULL,
	"days" integer NOT NULL,
	"summary" text NOT NULL,
	"model" jsonb NOT NULL,
	"separations" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"job_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "causal_estimates" ADD CONSTRAINT "causal_estimates_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "causal_estimates" ADD CONSTRAINT "causal_estimates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_graph_edges" ADD CONSTRAINT "evidence_graph_edges_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_graph_edges" ADD CONSTRAINT "evidence_graph_edges_graph_id_evidence_graphs_id_fk" FOREIGN KEY ("graph_id") REFERENCES "public"."evidence_graphs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_graph_nodes" ADD CONSTRAINT "evidence_graph_nodes_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_graph_nodes" ADD CONSTRAINT "evidence_graph_nodes_graph_id_evidence_graphs_id_fk" FOREIGN KEY ("graph_id") REFERENCES "public"."evidence_graphs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_graphs" ADD CONSTRAINT "evidence_graphs_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_graphs" ADD CONSTRAINT "evidence_graphs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "causal_estimates_tenant_created_idx" ON "causal_estimates" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "causal_estimates_job_idx" ON "causal_estimates" USING btree ("job_id");--> statement-breakpoint
CREATE INDEX "evidence_graph_edges_to_idx" ON "evidence_graph_edges" USING btree ("graph_id","to_metric");--> statement-breakpoint
CREATE INDEX "evidence_graph_edges_tenant_idx" ON "evidence_graph_edges" USING btree ("tenant_id","graph_id");--> statement-breakpoint
CREATE UNIQUE INDEX "evidence_graph_nodes_pk" ON "evidence_graph_nodes" USING btree ("graph_id","metric");--> statement-breakpoint
CREATE INDEX "evidence_graphs_tenant_created_idx" ON "evidence_graphs" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "evidence_graphs_job_idx" ON "evidence_graphs" USING btree ("job_id");