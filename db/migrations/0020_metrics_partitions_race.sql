-- Concurrent imports may ask for the same new month at once. The advisory lock orders them,
-- but the second caller's catalog cache can still miss the partition the first just
-- committed, and CREATE TABLE then fails with duplicate_table: a partition that exists is
-- what was asked for, so that error now counts as done.
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
      BEGIN
        EXECUTE format('CREATE TABLE %I PARTITION OF business_metrics FOR VALUES FROM (%L) TO (%L)',
          part, m_start::timestamp AT TIME ZONE 'UTC', (m_start + interval '1 month')::timestamp AT TIME ZONE 'UTC');
        made := made + 1;
      EXCEPTION WHEN duplicate_table THEN
        NULL;
      END;
    END IF;
    m_start := (m_start + interval '1 month')::date;
  END LOOP;
  RETURN made;
END $$;
