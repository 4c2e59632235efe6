-- Hour buckets are now aggregated from the points at query time; the stored hour rollups
-- would only go stale.
DELETE FROM metric_rollups WHERE bucket = 'hour';
