-- Roles, row-level security and the few audited paths that cross tenants.
-- The app connects as dyocense_app: not superuser, not table owner, no BYPASSRLS.
-- dyocense_system owns the SECURITY DEFINER functions that must look across tenants
-- (resolving a session or token, finding a login, claiming jobs); it cannot log in.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dyocense_app') THEN
    CREATE ROLE dyocense_app LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'dyocense_system') THEN
    CREATE ROLE dyocense_system NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
  END IF;
END $$;
--> statement-breakpoint
GRANT dyocense_app TO CURRENT_USER;
--> statement-breakpoint
GRANT dyocense_system TO CURRENT_USER;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO dyocense_app, dyocense_system;
--> statement-breakpoint
-- Null-safe: a connection that never set the tenant, or a transaction that ended, reads NULL,
-- so policies match nothing instead of raising.
CREATE OR REPLACE FUNCTION app_current_tenant() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('app.current_tenant', true), '')::uuid $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_current_user() RETURNS uuid
  LANGUAGE sql STABLE PARALLEL SAFE
  AS $$ SELECT nullif(current_setting('app.current_user', true), '')::uuid $$;
--> statement-breakpoint
-- Every tenant table goes through this: RLS enabled and forced, one isolation policy,
-- the app's grants, and read access for the system role's audited functions.
CREATE OR REPLACE FUNCTION app_enable_tenant_rls(tbl regclass, app_privileges text DEFAULT 'SELECT, INSERT, UPDATE, DELETE')
  RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
  EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
  EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %s', tbl);
  EXECUTE format('CREATE POLICY tenant_isolation ON %s USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant())', tbl);
  EXECUTE format('DROP POLICY IF EXISTS system_read ON %s', tbl);
  EXECUTE format('CREATE POLICY system_read ON %s FOR SELECT TO dyocense_system USING (true)', tbl);
  EXECUTE format('GRANT %s ON %s TO dyocense_app', app_privileges, tbl);
  EXECUTE format('GRANT SELECT ON %s TO dyocense_system', tbl);
END $$;
--> statement-breakpoint
SELECT app_enable_tenant_rls('memberships');
--> statement-breakpoint
SELECT app_enable_tenant_rls('sessions');
--> statement-breakpoint
SELECT app_enable_tenant_rls('api_tokens');
--> statement-breakpoint
SELECT app_enable_tenant_rls('invitations');
--> statement-breakpoint
SELECT app_enable_tenant_rls('jobs');
--> statement-breakpoint
SELECT app_enable_tenant_rls('audit_log', 'SELECT, INSERT');
--> statement-breakpoint
GRANT USAGE ON SEQUENCE audit_log_id_seq TO dyocense_app;
--> statement-breakpoint
-- The tenant row itself: visible only from inside that tenant.
ALTER TABLE tenants ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE tenants FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON tenants USING (id = app_current_tenant()) WITH CHECK (id = app_current_tenant());
--> statement-breakpoint
CREATE POLICY system_read ON tenants FOR SELECT TO dyocense_system USING (true);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON tenants TO dyocense_app;
--> statement-breakpoint
GRANT SELECT ON tenants TO dyocense_system;
--> statement-breakpoint
-- Users are not tenant-scoped, but a tenant sees only its own members (and a request sees
-- the user it acts for). E-mail lookups across tenants go through auth_find_login().
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE users FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY member_visibility ON users
  USING (id = app_current_user() OR EXISTS (
    SELECT 1 FROM memberships m WHERE m.user_id = users.id AND m.tenant_id = app_current_tenant()))
  WITH CHECK (id = app_current_user());
--> statement-breakpoint
CREATE POLICY system_read ON users FOR SELECT TO dyocense_system USING (true);
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON users TO dyocense_app;
--> statement-breakpoint
GRANT SELECT ON users TO dyocense_system;
--> statement-breakpoint
ALTER TABLE oauth_accounts ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE oauth_accounts FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY own_accounts ON oauth_accounts USING (user_id = app_current_user()) WITH CHECK (user_id = app_current_user());
--> statement-breakpoint
CREATE POLICY system_read ON oauth_accounts FOR SELECT TO dyocense_system USING (true);
--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON oauth_accounts TO dyocense_app;
--> statement-breakpoint
GRANT SELECT ON oauth_accounts TO dyocense_system;
--> statement-breakpoint
-- Throttling counters hold hashed keys only, no tenant data.
GRANT SELECT, INSERT, UPDATE, DELETE ON rate_limits TO dyocense_app;
--> statement-breakpoint
-- The audit log is append-only, for every role including the owner.
CREATE OR REPLACE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change();
--> statement-breakpoint
-- Resolving a session cookie: one round trip gives user, tenant and role. PL/pgSQL so the
-- join's plan is cached per connection (a SECURITY DEFINER SQL function is re-planned on
-- every call: it cannot be inlined).
CREATE OR REPLACE FUNCTION auth_resolve_session(p_session_id text)
  RETURNS TABLE (session_id text, user_id uuid, tenant_id uuid, role text, expires_at timestamptz,
                 email text, user_name text, tenant_name text)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  RETURN QUERY
  SELECT s.id, u.id, t.id, m.role, s.expires_at, u.email, u.name, t.name
  FROM sessions s
  JOIN users u ON u.id = s.user_id
  JOIN memberships m ON m.user_id = s.user_id AND m.tenant_id = s.tenant_id
  JOIN tenants t ON t.id = s.tenant_id
  WHERE s.id = p_session_id AND s.expires_at > now();
END $$;
--> statement-breakpoint
-- Resolving an API token: the token acts with its creator's current role, within its scopes.
CREATE OR REPLACE FUNCTION auth_resolve_api_token(p_token_hash text)
  RETURNS TABLE (token_id uuid, user_id uuid, tenant_id uuid, role text, scopes text[],
                 email text, user_name text, tenant_name text, last_used_at timestamptz)
  LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  RETURN QUERY
  SELECT k.id, u.id, t.id, m.role, k.scopes, u.email, u.name, t.name, k.last_used_at
  FROM api_tokens k
  JOIN users u ON u.id = k.user_id
  JOIN memberships m ON m.user_id = k.user_id AND m.tenant_id = k.tenant_id
  JOIN tenants t ON t.id = k.tenant_id
  WHERE k.token_hash = p_token_hash AND k.revoked_at IS NULL
    AND (k.expires_at IS NULL OR k.expires_at > now());
END $$;
--> statement-breakpoint
-- Login by e-mail: the password hash and the user's businesses, oldest membership first.
CREATE OR REPLACE FUNCTION auth_find_login(p_email text)
  RETURNS TABLE (user_id uuid, password_hash text, tenant_id uuid, role text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT u.id, u.password_hash, m.tenant_id, m.role
  FROM users u LEFT JOIN memberships m ON m.user_id = u.id
  WHERE lower(u.email) = lower(p_email)
  ORDER BY m.created_at NULLS LAST
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION auth_find_oauth_user(p_provider text, p_provider_user_id text)
  RETURNS TABLE (user_id uuid, tenant_id uuid, role text)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT o.user_id, m.tenant_id, m.role
  FROM oauth_accounts o LEFT JOIN memberships m ON m.user_id = o.user_id
  WHERE o.provider = p_provider AND o.provider_user_id = p_provider_user_id
  ORDER BY m.created_at NULLS LAST
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION auth_find_invitation(p_token_hash text)
  RETURNS TABLE (invitation_id uuid, tenant_id uuid, email text, role text, existing_user_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT i.id, i.tenant_id, i.email, i.role,
         (SELECT u.id FROM users u WHERE lower(u.email) = lower(i.email))
  FROM invitations i
  WHERE i.token_hash = p_token_hash AND i.accepted_at IS NULL AND i.expires_at > now()
$$;
--> statement-breakpoint
-- The job poller lists due jobs of any tenant (ids only); each is then claimed and run
-- inside withTenant(job.tenant_id).
CREATE OR REPLACE FUNCTION jobs_due(p_limit integer)
  RETURNS TABLE (id uuid, tenant_id uuid)
  LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp AS $$
  SELECT c.id, c.tenant_id FROM jobs c
  WHERE (c.status = 'queued' AND c.run_after <= now())
     OR (c.status = 'running' AND c.locked_until < now())
  ORDER BY c.run_after
  LIMIT p_limit
$$;
--> statement-breakpoint
DO $$
DECLARE f text;
BEGIN
  FOREACH f IN ARRAY ARRAY['auth_resolve_session(text)', 'auth_resolve_api_token(text)',
    'auth_find_login(text)', 'auth_find_oauth_user(text,text)', 'auth_find_invitation(text)',
    'jobs_due(integer)']
  LOOP
    EXECUTE format('ALTER FUNCTION %s OWNER TO dyocense_system', f);
    EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
    EXECUTE format('GRANT EXECUTE ON FUNCTION %s TO dyocense_app', f);
  END LOOP;
END $$;
--> statement-breakpoint
-- pgvector where the server has it (detected, not assumed); plain arrays otherwise.
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector') THEN
    CREATE EXTENSION IF NOT EXISTS vector;
  END IF;
EXCEPTION WHEN insufficient_privilege OR feature_not_supported OR undefined_file THEN
  RAISE NOTICE 'pgvector not enabled: %', SQLERRM;
END $$;
