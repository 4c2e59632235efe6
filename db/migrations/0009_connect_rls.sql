-- Connectors: RLS on every new tenant table, and the one lookup webhooks need before they
-- know the tenant.
SELECT app_enable_tenant_rls('data_sources');
--> statement-breakpoint
SELECT app_enable_tenant_rls('connector_sync_logs');
--> statement-breakpoint
SELECT app_enable_tenant_rls('webhook_events');
--> statement-breakpoint
SELECT app_enable_tenant_rls('connector_effects');
--> statement-breakpoint
-- A webhook URL names only its source: this finds the tenant and the sealed secrets to verify
-- the signature with. Everything after runs inside withTenant(tenant_id).
CREATE OR REPLACE FUNCTION connect_webhook_source(p_source_id uuid)
  RETURNS TABLE (tenant_id uuid, type text, status text, credentials_ciphertext text,
                 credentials_key_id text, external_account_id text)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  RETURN QUERY
  SELECT s.tenant_id, s.type, s.status, s.credentials_ciphertext, s.credentials_key_id, s.external_account_id
  FROM data_sources s WHERE s.id = p_source_id;
END $$;
--> statement-breakpoint
-- Provider-level callbacks (Shopify app/uninstalled and GDPR topics sent to one app URL, OAuth
-- callbacks) name an account, not a source: every source connected to it, in any tenant.
CREATE OR REPLACE FUNCTION connect_sources_by_account(p_type text, p_external_account_id text)
  RETURNS TABLE (source_id uuid, tenant_id uuid, status text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT s.id, s.tenant_id, s.status FROM data_sources s
  WHERE s.type = p_type AND s.external_account_id = p_external_account_id
$$;
--> statement-breakpoint
DO $$
DECLARE f text;
BEGIN
  FOREACH f IN ARRAY ARRAY['connect_webhook_source(uuid)', 'connect_sources_by_account(text,text)']
  LOOP
    EXECUTE format('ALTER FUNCTION %s OWNER TO dyocense_system', f);
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO dyocense_app', f);
  END LOOP;
END $$;
