-- Metrics and goals: RLS on every new tenant table, monthly partitions for the points.
SELECT app_enable_tenant_rls('metric_definitions');
--> statement-breakpoint
SELECT app_enable_tenant_rls('business_metrics');
--> statement-breakpoint
SELECT app_enable_tenant_rls('metric_rollups');
--> statement-breakpoint
SELECT app_enable_tenant_rls('saved_queries');
--> statement-breakpoint
SELECT app_enable_tenant_rls('dashboards');
--> statement-breakpoint
SELECT app_enable_tenant_rls('smart_goals');
--> statement-breakpoint
SELECT app_enable_tenant_rls('goal_milestones');
--> statement-breakpoint
-- Points arrive roughly in time order: a BRIN index on time is tiny and prunes well.
CREATE INDEX business_metrics_time_brin ON business_metrics USING brin ("time");
--> statement-breakpoint
-- Catches anything outside the monthly partitions instead of refusing it.
CREATE TABLE business_metrics_default PARTITION OF business_metrics DEFAULT;
--> statement-breakpoint
-- Creates the monthly partitions covering [p_from, p_to] that do not exist yet. Called in its
-- own short transaction before an ingest, so the DDL lock is brief and rare. Partitions get
-- no grants: the app reaches points only through the parent, where RLS applies.
CREATE OR REPLACE FUNCTION metrics_ensure_partitions(p_from timestamptz, p_to timestamptz)
  RETURNS integer LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public, pg_temp AS $$
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
      IF to_regclass(part) IS NULL THEN
        EXECUTE format('CREATE TABLE %I PARTITION OF business_metrics FOR VALUES FROM (%L) TO (%L)',
          part, m_start::timestamp AT TIME ZONE 'UTC', (m_start + interval '1 month')::timestamp AT TIME ZONE 'UTC');
        made := made + 1;
      END IF;
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
REVOKE ALL ON business_metrics_default FROM dyocense_app;
