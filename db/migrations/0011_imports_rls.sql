-- File imports: RLS on both tables.
SELECT app_enable_tenant_rls('imports');
--> statement-breakpoint
SELECT app_enable_tenant_rls('import_errors');
