-- A new month's partition is created as a table of its own and then attached. CREATE TABLE …
-- PARTITION OF takes an ACCESS EXCLUSIVE lock on business_metrics: it waits for every open
-- transaction that touched the table (any tenant's import) and, while it waits, blocks every
-- query behind it. ATTACH PARTITION takes SHARE UPDATE EXCLUSIVE on the parent, which reads and
-- writes do not conflict with, so an import that is already writing can have its next month
-- created from another connection, and nobody else waits. (The empty default partition is
-- locked for the instant ATTACH checks it.) lock_timeout turns a wait that should not happen
-- into an error instead of a hang.
CREATE OR REPLACE FUNCTION metrics_ensure_partitions(p_from timestamptz, p_to timestamptz)
  RETURNS integer LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp SET lock_timeout = '10s' AS $$
DECLARE
  m_start date;
  part text;
  made integer := 0;
BEGIN
  IF p_to < p_from OR p_to - p_from > interval '30 years' THEN
    RAISE EXCEPTION 'metrics_ensure_partitions: range % to % refused', p_from, p_to USING ERRCODE = 'invalid_parameter_value';
  END IF;
  m_start := date_trunc('month', p_from AT TIME ZONE 'UTC')::date;
  WHILE m_start <= (p_to AT TIME ZONE 'UTC')::date LOOP
    part := format('business_metrics_%s', to_char(m_start, 'YYYY_MM'));
    IF to_regclass(part) IS NULL THEN
      PERFORM pg_advisory_xact_lock(727002);
      BEGIN
        EXECUTE format('CREATE TABLE %I (LIKE business_metrics INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', part);
        EXECUTE format('ALTER TABLE business_metrics ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)',
          part, m_start::timestamp AT TIME ZONE 'UTC', (m_start + interval '1 month')::timestamp AT TIME ZONE 'UTC');
        made := made + 1;
      EXCEPTION WHEN duplicate_table THEN
        NULL; -- another caller made it first (see 0020)
      END;
    END IF;
    m_start := (m_start + interval '1 month')::date;
  END LOOP;
  RETURN made;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION metrics_ensure_partitions(timestamptz, timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION metrics_ensure_partitions(timestamptz, timestamptz) TO dyocense_app;
--> statement-breakpoint
-- A transaction that has written to business_metrics keeps its picture of the partitions
-- until it next takes a lock it does not hold yet; a partition attached meanwhile by another
-- connection would be invisible to its next insert (the row is routed to the default partition
-- and refused). Locking the months' partitions (ACCESS SHARE: conflicts only with DROP and
-- DETACH) makes the caller's transaction read the new picture. Partitions carry no grants, so
-- the lock is taken here.
CREATE OR REPLACE FUNCTION metrics_see_partitions(p_from timestamptz, p_to timestamptz)
  RETURNS integer LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  m_start date;
  part text;
  seen integer := 0;
BEGIN
  IF p_to < p_from OR p_to - p_from > interval '30 years' THEN
    RAISE EXCEPTION 'metrics_see_partitions: range % to % refused', p_from, p_to USING ERRCODE = 'invalid_parameter_value';
  END IF;
  m_start := date_trunc('month', p_from AT TIME ZONE 'UTC')::date;
  WHILE m_start <= (p_to AT TIME ZONE 'UTC')::date LOOP
    part := format('business_metrics_%s', to_char(m_start, 'YYYY_MM'));
    IF to_regclass(part) IS NOT NULL THEN
      EXECUTE format('LOCK TABLE %I IN ACCESS SHARE MODE', part);
      seen := seen + 1;
    END IF;
    m_start := (m_start + interval '1 month')::date;
  END LOOP;
  RETURN seen;
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION metrics_see_partitions(timestamptz, timestamptz) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION metrics_see_partitions(timestamptz, timestamptz) TO dyocense_app;
--> statement-breakpoint
-- The default partition goes. Every writer makes its months' partitions first, so it only ever
-- sat empty — and it made ATTACH lock and scan it, waiting behind any open transaction that
-- had read it. A point outside every partition is now refused outright instead of being
-- routed there. Anything it holds is moved into monthly partitions first.
DO $$
DECLARE
  lo timestamptz;
  hi timestamptz;
  tenant uuid;
BEGIN
  IF to_regclass('business_metrics_default') IS NULL THEN
    RETURN;
  END IF;
  ALTER TABLE business_metrics DETACH PARTITION business_metrics_default;
  SELECT min(time), max(time) INTO lo, hi FROM business_metrics_default;
  IF lo IS NOT NULL THEN
    PERFORM metrics_ensure_partitions(lo, hi);
    -- Row-level security is forced on business_metrics: each tenant's rows go in as that tenant.
    FOR tenant IN SELECT DISTINCT tenant_id FROM business_metrics_default LOOP
      PERFORM set_config('app.current_tenant', tenant::text, true);
      INSERT INTO business_metrics SELECT * FROM business_metrics_default WHERE tenant_id = tenant;
    END LOOP;
    PERFORM set_config('app.current_tenant', '', true);
  END IF;
  DROP TABLE business_metrics_default;
END $$;
