-- Optimization runs and saved settings: RLS on both tenant tables.
SELECT app_enable_tenant_rls('optimization_runs');
--> statement-breakpoint
SELECT app_enable_tenant_rls('optimization_constraints');
