-- Evidence: row-level security on every new tenant table.
SELECT app_enable_tenant_rls('causal_estimates');
--> statement-breakpoint
SELECT app_enable_tenant_rls('evidence_graphs');
--> statement-breakpoint
SELECT app_enable_tenant_rls('evidence_graph_nodes');
--> statement-breakpoint
SELECT app_enable_tenant_rls('evidence_graph_edges');
