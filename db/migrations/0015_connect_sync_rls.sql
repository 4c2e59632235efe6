-- OAuth sync records: RLS like every tenant table.
SELECT app_enable_tenant_rls('connector_sync_records');
